// The benchmark report generator (bench/report.mjs): the committed template renders from a run's
// results, verdicts follow the targets, and a run without ../shared/data says what it skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOT_MEASURED, renderReport, renderSizing, wasmSections } from '../../bench/report.mjs';
import { root } from './support.mjs';

const template = readFileSync(join(root, 'bench/benchmarks.template.md'), 'utf8');

const base = () => ({
  date: '2026-11-24T12:00:00Z',
  command: 'bench/run',
  data: true,
  settings: { per: 300, negatives: 2000, fuse_per: 40, batch: 10000, ttfr_runs: 5 },
  skipped: {},
  engines: {},
  machine: { cpu: 'Test CPU', cores: 2, memory_gib: 4, os: 'Test OS' },
  versions: {
    gxx: 'g++ 1',
    emcc: 'emcc 2',
    node: 'v20',
    chromium: 'Chromium 3',
    chromium_headless: '3.0',
    valgrind: 'valgrind-4',
    git: 'abc1234',
  },
  elapsed_s: 1,
  transfer: {
    requests: 2,
    files: [
      { path: '/exportscreen-core.wasm', bytes: 1000000, gzip: 380000 },
      { path: '/bench-host.html', bytes: 200, gzip: 150 },
    ],
    total_bytes: 1000200,
    total_gzip: 380150,
    host_page_gzip: 150,
    builtin_list_gzip: 35000,
    builtin_list_bytes: 330000,
    without_list_gzip: 345000,
  },
  ttfr: {
    builtin: { runs: 5, median_ms: 250, min_ms: 240, max_ms: 260, times_ms: [] },
    full: { runs: 5, median_ms: 2000, min_ms: 1900, max_ms: 2100, times_ms: [] },
  },
  callgrind: {
    valgrind: 'valgrind-4',
    paths: {
      normalize: { what: 'normalize one name', repeat: 10, ir_total: 123450, ir_per_op: 12345 },
    },
  },
  module: {
    bytes: 1000000,
    gzip: 380000,
    code: { bytes: 600000, gzip: 200000 },
    data: { bytes: 400000, gzip: 180000 },
  },
});

const lat = (p50) => ({
  queries: 1500,
  p50_ms: p50,
  p99_ms: p50 * 10,
  throughput_qps: (1 / p50) * 1000,
  flagged: 1,
});
const evalFiles = (fp) => [
  {
    file: 'yente_positives_un_untreated.csv',
    queries: 683,
    flagged: 683,
    found_top: 680,
    unresolved: 3,
    recall: 1,
  },
  {
    file: 'yente_positives_un_treated.csv',
    queries: 683,
    flagged: 680,
    found_top: 677,
    unresolved: 3,
    recall: 677 / 680,
  },
  {
    file: 'yente_positives_us_congress_untreated.csv',
    queries: 1254,
    flagged: 2,
    false_positive_rate: 2 / 1254,
  },
  {
    file: 'yente_negatives_global.csv',
    queries: 50000,
    flagged: fp,
    false_positive_rate: fp / 50000,
    misses: [{ query: 'David Meyer', matched: 'David Mayer', score: 0.9 }],
  },
  { file: 'yente_negatives_us.csv', queries: 50000, flagged: 16, false_positive_rate: 16 / 50000 },
];
const core = (p50, indexMs) => ({
  corpus: {
    records: 23612,
    names: 54308,
    parse_ms: 700,
    index_ms: indexMs,
    index_peak_rss_kib: 88000,
  },
  latency: { ...lat(p50), mean_candidates: 350, mean_compared: 1.4 },
  latency_api: lat(p50 * 1.1),
  batch: {
    names: 10000,
    core_ms: 900,
    core_names_per_s: 11111,
    screen_ms: 1200,
    screen_names_per_s: 8333,
  },
  eval: evalFiles(14),
});

test('the template renders a full run: every placeholder filled, each verdict against its target', () => {
  const r = base();
  r.queries = 1500;
  r.batch_names = 10000;
  r.engines.native = core(0.06, 290);
  r.engines.wasm_node_core = core(0.09, 700);
  r.engines.wasm_chromium_worker = {
    corpus: { records: 23612, parse_ms: 900, index_ms: 400, load_ms: 1300 },
    init_ms: 300,
    latency_api: lat(0.5),
    batch: { names: 10000, screened: 10000, screen_ms: 2000, screen_names_per_s: 5000 },
  };
  r.engines.wasm_node_api = {
    corpus: { records: 23612, names: 54308, parse_ms: 1000, index_ms: 380, heap_kib: 59000 },
    latency_api: lat(0.09),
    batch: { names: 10000, screen_ms: 2000, screen_names_per_s: 5000 },
  };
  r.engines.fuse = {
    corpus: { records: 23612, index_ms: 100, heap_kib: 12000 },
    latency_api: { queries: 200, p50_ms: 450, p99_ms: 900, throughput_qps: 2, flagged: 150 },
    batch: { names: 10000, extrapolated_from: 200, screen_ms: 5e6, screen_names_per_s: 2 },
    exportscreen_on_sample: { queries: 200, p50_ms: 0.09, throughput_qps: 3000 },
  };
  const doc = renderReport(template, r);
  assert.doesNotMatch(doc, /\{\{|undefined|NaN/);
  assert.match(doc, /Test CPU, 2 cores, 4 GiB, Test OS/);
  assert.match(doc, /g\+\+ 1; emcc 2; Node v20; Chromium 3\.0 headless/);
  const headline = (measure) => doc.split('\n').find((l) => l.startsWith(`| ${measure}`));
  assert.match(headline('time to first result, built-in'), /250 ms \| ≤ 300 ms \| \*\*met\*\*/);
  assert.match(
    headline('time to first result, full corpus'),
    /2\.00 s \| ≤ 1\.5 s \| \*\*missed\*\*/,
  );
  assert.match(headline('widget transfer'), /345\.0 KB \| ≤ 400 KB \| \*\*met\*\*/);
  // The phases of the time to first result: a row per data, only for the runs that have them.
  assert.match(doc, /_The phases: not measured in this run\._/);
  r.ttfr.builtin.phases_ms = { worker: 80, engine: 190, enter: 200, answer: 230 };
  const phases = renderReport(template, r)
    .split('\n')
    .filter((l) => /^\| (built-in list|full corpus) \|/.test(l) && !/≤/.test(l));
  assert.deepEqual(phases, ['| built-in list | 80.0 ms | 190 ms | 200 ms | 230 ms | 250 ms |']);
  // Typed after the engine is up: the time from Enter to the result, and its row of phases.
  assert.match(doc, /_Typed after the engine is up: not measured in this run\._/);
  r.ttfr.paced = {
    runs: 9,
    median_ms: 1320,
    pause_ms: 1000,
    enter_to_result_ms: { median: 31, min: 22, max: 47 },
    phases_ms: { worker: 90, engine: 300, enter: 1290, answer: 1310 },
  };
  const paced = renderReport(template, r);
  assert.match(
    paced,
    /Typed 1\.00 s after the engine is up, as a person types \(built-in list\): Enter to result \*\*31\.0 ms\*\* \(median of 9; 22\.0 ms – 47\.0 ms\)\./,
  );
  assert.ok(
    paced
      .split('\n')
      .includes(
        '| built-in list, typed 1 s after the engine is up | 90.0 ms | 300 ms | 1.29 s | 1.31 s | 1.32 s |',
      ),
  );
  // The name entered by a script in the page: a row beside the target's, not judged, and its
  // phases; the headline keeps the Playwright figure.
  r.ttfr.script = {
    runs: 9,
    entry: 'script',
    median_ms: 280,
    min_ms: 250,
    max_ms: 330,
    phases_ms: { worker: 70, engine: 200, enter: 120, answer: 260 },
  };
  const scripted = renderReport(template, r).split('\n');
  assert.ok(
    scripted.includes(
      '| built-in list, the name entered by a script in the page (no Playwright in the page) | **280 ms** | 250 ms – 330 ms | 9 | — |  |',
    ),
  );
  assert.ok(
    scripted.includes(
      '| built-in list, entered by a script in the page | 70.0 ms | 200 ms | 120 ms | 260 ms | 280 ms |',
    ),
  );
  assert.match(
    scripted.find((l) => l.startsWith('| time to first result, built-in')),
    /\| 250 ms \| ≤ 300 ms \| \*\*met\*\*/,
  );
  // The browser's own share (a page and its worker, no widget), against the script's figure.
  assert.match(scripted.join('\n'), /_The browser's own share: not measured in this run\._/);
  r.ttfr.floor = {
    runs: 9,
    worker: { median_ms: 150, min_ms: 140, max_ms: 170 },
    compile: { median_ms: 215, min_ms: 200, max_ms: 240 },
  };
  assert.match(
    renderReport(template, r),
    /a module worker that answers at once, \*\*150 ms\*\* \(140 ms – 170 ms\); the same with the worker fetching and compiling the widget's module first, \*\*215 ms\*\* \(200 ms – 240 ms\)\. The widget with the name entered by a script took 280 ms: 65\.0 ms more than a page that only compiled its module\./,
  );
  // The bare form typed beside the widget: its row, not judged, and the widget's share of the
  // two medians measured side by side.
  assert.doesNotMatch(renderReport(template, r), /\| a bare form typed the same way \(no widget\)/);
  r.ttfr.builtin.beside = {
    page: 'bench-floor-form.html',
    median_ms: 125,
    min_ms: 110,
    max_ms: 160,
    times_ms: [110, 125, 160],
  };
  const beside = renderReport(template, r);
  assert.match(
    beside,
    /\| a bare form typed the same way \(no widget\), its loads alternating with the row above \| \*\*125 ms\*\* \| 110 ms – 160 ms \| 3 \| — \| {2}\|/,
  );
  assert.match(
    beside,
    /the widget took 250 ms and a bare form 125 ms in the same minutes \(loads alternating\): the widget's share is \*\*125 ms\*\*, 2\.00 times the bare form's time\./,
  );
  assert.match(headline('wasm / native, index build'), /2\.41 \| ≤ 2\.0 \| \*\*missed\*\*/);
  assert.match(headline('exportscreen / fuse.js'), /5,000× \| ≥ 20× \| \*\*met\*\*/);
  assert.match(
    headline('single screening p50, Chromium worker'),
    /0\.500 ms \| ≤ 0\.2 ms \| \*\*missed\*\*/,
  );
  // Engines that did not run say so rather than leave a blank row.
  assert.match(doc, new RegExp(`\\| JS API, Chromium page \\| ${NOT_MEASURED}`));
  assert.match(doc, /fuse\.js, node \(\*\*extrapolated\*\*\)/);
  assert.match(doc, /`David Meyer` ~ `David Mayer`/);
  assert.match(doc, /\*\*12,345\*\*/);
});

test('without ../shared/data the report keeps sizes, built-in TTFR and Callgrind and names what was skipped', () => {
  const r = base();
  r.data = false;
  const why = 'skipped: ../shared/data (lists/consolidated.json, eval-dev/) is absent';
  for (const part of [
    'native',
    'wasm',
    'node',
    'chromium',
    'worker',
    'widget',
    'fuse',
    'ttfr_full',
  ])
    r.skipped[part] = why;
  delete r.ttfr.full;
  const doc = renderReport(template, r);
  assert.doesNotMatch(doc, /\{\{|undefined|NaN/);
  assert.match(doc, /\*\*Not measured in this run:\*\* native \(skipped: \.\.\/shared\/data/);
  assert.match(doc, /\| built-in list \| \*\*250 ms\*\*/);
  assert.match(
    doc,
    new RegExp(`\\| full corpus \\(\`list-src\` = consolidated.json\\) \\| ${NOT_MEASURED}`),
  );
  assert.match(doc, /list index build, native \| not measured in this run/);
  assert.match(doc, /345\.0 KB/);
  // No engine figure may appear when no engine ran.
  assert.doesNotMatch(doc, /\d ms \| [\d.]+ ms \| [\d,]+ \|$/m);
});

test('rescreen: the three issue-14 targets, the runs side by side and the sizing table of docs/scale.md', () => {
  const r = base();
  const run = (workers, wall, screening, extra = {}) => ({
    workers,
    wall_s: wall,
    cpu_s: wall * workers,
    load: [2.5, 3.1],
    start_s: wall - screening,
    screening_s: screening,
    client_cpu_s: 10,
    worker_cpu_s: 50 / workers,
    rows_per_worker_cpu_s: 20000,
    rows: 1e6,
    screened_in_full: 1e6,
    rows_per_s: 1e6 / wall,
    screening_rows_per_s: 1e6 / screening,
    ...extra,
  });
  r.rescreen = {
    rows: 1e6,
    planted: 5000,
    list: { records: 23612 },
    delta: { added: 79, changed: 79, removed: 79, unchanged: 23454 },
    runs: {
      native_full: {
        wall_s: 60,
        cpu_s: 59,
        load: [2, 2],
        rows_per_s: 1e6 / 60,
        rows_per_cpu_s: 1e6 / 59,
      },
      native_delta: { wall_s: 12, cpu_s: 12, load: [2, 2], rows_per_s: 1e6 / 12 },
      dask1_full: run(1, 70, 66),
      dask2_full: run(2, 40, 36),
      dask1_delta: run(1, 20, 14, { screened_in_full: 1300 }),
      dask2_delta: run(2, 14, 8, { screened_in_full: 1300 }),
      dask2_delta_previous: run(2, 16, 9, { screened_in_full: 2600 }),
    },
    ratios: {
      delta_over_full_wall_1: 20 / 70,
      delta_over_full_wall_2: 14 / 40,
      delta_over_full_screening_2: 8 / 36,
      two_over_one_screening: 66 / 36,
      two_over_one_wall: 70 / 40,
      dask_per_worker_over_native_screening: 60 / 66,
      dask_per_worker_over_native_wall: 60 / 70,
      dask_per_worker_over_native_cpu: 20000 / (1e6 / 59),
      delta_over_full_cpu_2: 0.18,
    },
  };
  const doc = renderReport(template, r);
  assert.doesNotMatch(doc, /\{\{|undefined|NaN/);
  const headline = (measure) => doc.split('\n').find((l) => l.startsWith(`| ${measure}`));
  assert.match(headline('rescreen --since'), /0\.35 \| ≤ 0\.20 \| \*\*missed\*\*/);
  assert.match(headline('rescreen local:2 ÷ local:1'), /1\.83× \| ≥ 1\.6× \| \*\*met\*\*/);
  assert.match(headline('rescreen rows/s per worker'), /91 % \| ≥ 70 % \| \*\*met\*\*/);
  assert.match(headline('the same in CPU time'), /118 % \| ≥ 70 % \| \*\*met\*\*/);
  assert.match(headline('rescreen --since ÷ full in CPU time'), /0\.18 \| ≤ 0\.20 \| \*\*met\*\*/);
  assert.match(doc, /\| rescreen local:2, `--since --previous` \| 16\.0 s \| 9\.0 s \|/);
  // The local:2 ratio from several pairs run in turn: their median, and each pair's said.
  const paired = renderReport(template, {
    ...r,
    rescreen: {
      ...r.rescreen,
      pairs_2: [0.35, 0.3, 0.4].map((w) => ({ wall_ratio: w, cpu_ratio: w / 2 })),
    },
  });
  assert.match(
    paired,
    /\(local:2, the median of 3 pairs run in turn [^)]*\): 0\.35, 0\.30, 0\.40\)/,
  );
  assert.match(doc, /79 entries added, 79 changed and 79 removed since \(1\.0 % of the entries\)/);
  const sizing = renderSizing({ ...r, machine: r.machine });
  assert.doesNotMatch(sizing, /undefined|NaN/);
  // 100 M rows on one worker's own core at 20,000 rows/s: 5,000 s = 1.4 h; on 8, 160,000 rows/s,
  // but the client caps at 100,000 rows/s: 1,000 s = 17 min.
  assert.match(sizing, /\| full \| 20,000 \| 15,152 \| 27,778 \| 1\.4 h \| 17 min \|/);
  assert.match(sizing, /\| 100,000 \|$/m);
  assert.match(renderSizing(base()), new RegExp(NOT_MEASURED));
  // Not run: the targets say so.
  assert.match(
    renderReport(template, base()),
    /rescreen --since .* \| not measured in this run \|/,
  );
});

test('an unknown placeholder in the template is an error, not a silent blank', () => {
  assert.throws(
    () => renderReport('{{no_such_figure}}', base()),
    /unknown placeholder \{\{no_such_figure\}\}/,
  );
});

test('wasmSections measures the code and data sections of a module', () => {
  // magic + version, then a code section (id 10) of 3 bytes and a data section (id 11) of 2.
  const wasm = Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 10, 3, 1, 2, 3, 11, 2, 9, 9]);
  const s = wasmSections(wasm);
  assert.equal(s.bytes, wasm.length);
  assert.equal(s.code.bytes, 3);
  assert.equal(s.data.bytes, 2);
});

test('the load parts (issue 16): the limits sweep, the CLI stream and the widget at its row limit render their figures, or say they were not measured', () => {
  const run = base();
  run.limits_sweep = {
    runs: 3,
    sweeps: [
      {
        limit: 'parties per request',
        at: 10000,
        points: [
          { size: 1000, ms: 100, outcome: 'accepted' },
          { size: 5000, ms: 500, outcome: 'accepted' },
          { size: 10000, ms: 1000, outcome: 'accepted' },
          { size: 10001, ms: 90, outcome: 'request_too_large' },
          { size: 100000, ms: 95, outcome: 'request_too_large' },
        ],
      },
    ],
  };
  run.cli_stream = {
    runs: [
      {
        mode: 'csv',
        rows: 1000000,
        output_lines: 1000000,
        peak_rss_kib: 10240,
        seconds: 200,
        rows_per_s: 5000,
      },
    ],
  };
  run.widget_batch_large = {
    list: 'built-in, 261 records',
    rows: 100000,
    widget_ms: 23000,
    widget_rows_per_s: 4348,
    longest_main_thread_task_ms: 163,
    main_thread_long_tasks: 1,
    longest_tasks_at_ms: [[22900, 163]],
    renderer_rss_before_mib: 272,
    renderer_peak_rss_mib: 352,
    worker_heap_peak_mib: 41.4,
  };
  const doc = renderReport(template, run);
  assert.match(doc, /\| parties per request \(10,000\) \|.*request_too_large/);
  assert.match(doc, /`screen --csv` \(CSV rows\) \| 1,000,000 \| 1,000,000 \|.*\| 10\.0 MiB \|/);
  assert.match(doc, /\| 100,000 \|.*\| 272 MiB \| 352 MiB \| 41\.4 MiB \|/);
  const none = renderReport(template, { ...base(), skipped: { limits: 'skipped with --skip' } });
  assert.match(none, new RegExp(`${NOT_MEASURED}: skipped with --skip`));
});

test("the time to first result is also judged by every kept run of the build on the last run's machine", () => {
  const run = (date, median, extra = {}) => ({
    date,
    revision: 'abc1234',
    widget_sha256: 'aaaaaaaaaaaa',
    machine: 'Test CPU, 2 cores',
    runs: 15,
    median_ms: median,
    target_ms: 300,
    within_target: median <= 300 ? 12 : 3,
    bare_form_ms: 125,
    floor_ms: [75, 90],
    script_ms: 210,
    ...extra,
  });
  const headline = (doc) => doc.split('\n').find((l) => l.startsWith('| the same, every run'));
  const none = renderReport(template, base());
  assert.equal(headline(none), undefined);
  assert.match(none, /_Earlier runs: none recorded\._/);

  const r = base();
  r.ttfr_history = [
    // Another machine and a build of its own (no hash): listed, not counted.
    run('2026-12-06T19:07:00Z', 360, { machine: 'Other CPU, 2 cores', widget_sha256: null }),
    run('2026-12-06T21:57:00Z', 340, { machine: 'Other CPU, 2 cores' }),
    run('2026-12-07T02:31:00Z', 279),
    run('2026-12-07T02:36:00Z', 273, { revision: 'def5678' }),
  ];
  let doc = renderReport(template, r);
  assert.match(
    headline(doc),
    /on Test CPU, 2 cores \(`bench\/run` measures, 2026-12-07 02:31 UTC to 2026-12-07 02:36 UTC\) \| 2 of 2 runs with the median within \(medians 273 ms – 279 ms\) \| every run ≤ 300 ms \| \*\*met\*\* \|$/,
  );
  assert.match(
    doc,
    /Of this report's build \(`aaaaaaaaaaaa`\): on Other CPU, 2 cores, 0 of 1 runs had their median within 300 ms; on Test CPU, 2 cores, 2 of 2 runs had their median within 300 ms\./,
  );
  const rows = doc.split('\n').filter((l) => /^\| 2026-12-0\d \d\d:\d\d UTC \|/.test(l));
  assert.equal(rows.length, 4);
  assert.equal(
    rows[0],
    '| 2026-12-06 19:07 UTC | Other CPU, 2 cores | `abc1234` | — | 360 ms (over) | 3 of 15 | 125 ms (235 ms, 2.88) | 75, 90 ms | 210 ms |',
  );
  assert.match(
    rows[3],
    /\| `def5678` \| `aaaaaaaaaaaa` \(this report's\) \| 273 ms \| 12 of 15 \|/,
  );

  // One run of the build over the target on that machine: the history's verdict is missed.
  r.ttfr_history.push(run('2026-12-07T03:10:00Z', 305));
  doc = renderReport(template, r);
  assert.match(headline(doc), /\| 2 of 3 runs with the median within .*\| \*\*missed\*\* \|$/);
});
