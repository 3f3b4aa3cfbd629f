// Renders docs/benchmarks.md from bench/benchmarks.template.md and one run's results
// (bench/results/latest.json): each {{placeholder}} of the template becomes a table or a figure
// of the run, and whatever the run did not measure says so. No figure comes from anywhere else.
//   node bench/report.mjs [results.json]     (re-renders docs/benchmarks.md without measuring)
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

export const NOT_MEASURED = 'not measured in this run';

/** The targets of issue 6, each figure's verdict computed against them. */
export const TARGETS = {
  ttfr_builtin_ms: 300,
  ttfr_full_ms: 1500,
  widget_gzip_bytes: 400_000,
  index_ms: 500,
  p50_ms: 0.2,
  wasm_over_native: 2.0,
  over_fuse: 20,
  // Issue 14 (scripts/rescreen on Dask).
  rescreen_delta_over_full: 0.2,
  rescreen_two_over_one: 1.6,
  rescreen_dask_over_native: 0.7,
};

const num = (x, digits = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds with the precision they deserve. */
export function ms(x) {
  if (x === undefined || x === null || Number.isNaN(x)) return '—';
  if (x >= 100000) return `${num(x / 1000)} s`;
  if (x >= 1000) return `${num(x / 1000, 2)} s`;
  if (x >= 100) return `${num(x)} ms`;
  if (x >= 10) return `${num(x, 1)} ms`;
  if (x >= 1) return `${num(x, 2)} ms`;
  return `${num(x, 3)} ms`;
}
const kib = (x) => (x ? `${num(x / 1024)} MiB` : '—');
const bytes = (x) => (x === undefined ? '—' : `${num(x)} B`);
const kb = (x) => (x === undefined ? '—' : `${num(x / 1000, 1)} KB`);
const rate = (x) => (x ? num(x) : '—');
const pct = (x, d = 2) => `${num(100 * x, d)} %`;
const ratio = (a, b) => (a && b ? a / b : undefined);
const verdict = (ok) => (ok === undefined ? NOT_MEASURED : ok ? '**met**' : '**missed**');

const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/** An ISO date as the report writes a moment: 2026-12-07 02:35 UTC. */
const when = (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Whether a run of ttfr_history had its median within the target. */
const withinTarget = (h) => h.median_ms <= h.target_ms;

/** The runs of ttfr_history made with the last run's widget build, on any machine. */
function buildRuns(r) {
  const last = r.ttfr_history?.at(-1);
  if (!last?.widget_sha256) return [];
  return r.ttfr_history.filter((h) => h.widget_sha256 === last.widget_sha256);
}

/** The same, on the last run's machine only. */
function thisBuildRuns(r) {
  const machine = r.ttfr_history?.at(-1)?.machine;
  return buildRuns(r).filter((h) => h.machine === machine);
}

const ENGINE_NAMES = {
  native: 'native, core',
  wasm_node_core: 'wasm core, node',
  wasm_node_api: 'JS API, node',
  wasm_chromium_api: 'JS API, Chromium page',
  wasm_chromium_worker: "Chromium, in the widget's worker",
  fuse: 'fuse.js, node',
};

const evalOf = (e, file) =>
  Array.isArray(e?.eval) ? e.eval.find((x) => x.file === file) : e?.eval?.[file];

/** The sizes of the code and data sections of a WebAssembly module, raw and gzip -9. */
export function wasmSections(buf) {
  const out = { bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  let at = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[at++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return result;
    }
  };
  while (at < buf.length) {
    const id = buf[at++];
    const size = leb();
    const name = { 10: 'code', 11: 'data' }[id];
    if (name) {
      const section = buf.subarray(at, at + size);
      out[name] = { bytes: size, gzip: gzipSync(section, { level: 9 }).length };
    }
    at += size;
  }
  return out;
}

/** Every placeholder of the template: a function of the results. */
const PLACEHOLDERS = {
  date: (r) => r.date.replace('T', ' ').replace('Z', ' UTC'),
  command: (r) => `\`${r.command}\``,
  elapsed: (r) => `${num(r.elapsed_s)} s`,
  machine: (r) =>
    `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memory_gib} GiB, ${r.machine.os}`,
  versions: (r) =>
    [
      r.versions.gxx,
      r.versions.emcc,
      `Node ${r.versions.node}`,
      r.versions.chromium_headless
        ? `Chromium ${r.versions.chromium_headless} headless`
        : r.versions.chromium,
      r.versions.valgrind,
      r.versions.fuse && `fuse.js ${r.versions.fuse}`,
    ]
      .filter(Boolean)
      .join('; '),
  revision: (r) => `\`${r.versions.git}\``,
  skipped: (r) => {
    const parts = Object.entries(r.skipped ?? {});
    const apart = Object.entries(r.measured_apart ?? {});
    const said = [
      parts.length
        ? `**Not measured in this run:** ${parts.map(([p, why]) => `${p} (${why})`).join('; ')}.`
        : 'Every part ran.',
    ];
    if (apart.length)
      said.push(
        `**Measured apart from the rest** (\`bench/run --only\`, figures replacing that part's): ` +
          apart
            .map(
              ([p, m]) =>
                `${p} on ${m.date.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')} at \`${m.revision}\`` +
                (m.machine && m.machine.cpu !== r.machine.cpu ? ` on ${m.machine.cpu}` : ''),
            )
            .join('; ') +
          '.',
      );
    return said.join(' ');
  },
  corpus: (r) => {
    const c = r.engines.native?.corpus ?? r.engines.wasm_node_api?.corpus;
    if (!c) return `\`../shared/data/lists/consolidated.json\` (${NOT_MEASURED})`;
    return `\`../shared/data/lists/consolidated.json\` (${num(c.records)} records${c.names ? `, ${num(c.names)} names` : ''})`;
  },
  queries: (r) =>
    r.queries
      ? `${num(r.queries)}, the first ${r.settings.per} names of each of the five eval-dev files`
      : NOT_MEASURED,
  core_runs: (r) => {
    const n = r.engines.native?.runs ?? r.engines.wasm_node_core?.runs;
    return n ? `${num(n)}` : NOT_MEASURED;
  },
  negatives: (r) => num(r.settings.negatives),
  batch_names: (r) => (r.batch_names ? num(r.batch_names) : NOT_MEASURED),
  fuse_sample: (r) => {
    const f = r.engines.fuse;
    return f
      ? `${num(f.latency_api.queries)} queries (the first ${r.settings.fuse_per} of each eval-dev file)`
      : NOT_MEASURED;
  },

  headline: (r) => {
    const E = r.engines;
    const rows = [];
    const add = (measure, value, target, ok) =>
      rows.push([
        measure,
        value ?? NOT_MEASURED,
        target,
        value === undefined ? NOT_MEASURED : verdict(ok),
      ]);
    const tb = r.ttfr?.builtin;
    add(
      `time to first result, built-in list, Chromium (median of ${tb?.runs ?? '—'} cold loads)`,
      tb && ms(tb.median_ms),
      '≤ 300 ms',
      tb && tb.median_ms <= TARGETS.ttfr_builtin_ms,
    );
    // One run is a quarter hour of a shared machine: the target is also judged by every run of
    // this build on the machine of the last run (ttfr_history).
    const same = thisBuildRuns(r);
    if (same.length) {
      const met = same.filter(withinTarget).length;
      const medians = same.map((h) => h.median_ms);
      add(
        `the same, every run of this widget build on ${same[0].machine} (\`bench/run\` measures, ` +
          `${when(same[0].date)} to ${when(same.at(-1).date)})`,
        `${met} of ${same.length} runs with the median within (medians ${ms(Math.min(...medians))} – ${ms(Math.max(...medians))})`,
        'every run ≤ 300 ms',
        met === same.length,
      );
    }
    const tf = r.ttfr?.full;
    add(
      `time to first result, full corpus via list-src, Chromium (median of ${tf?.runs ?? '—'})`,
      tf && ms(tf.median_ms),
      '≤ 1.5 s',
      tf && tf.median_ms <= TARGETS.ttfr_full_ms,
    );
    const t = r.transfer;
    add(
      'widget transfer, gzip -9, without list data',
      t && kb(t.without_list_gzip),
      '≤ 400 KB',
      t && t.without_list_gzip <= TARGETS.widget_gzip_bytes,
    );
    add(
      'list index build, native',
      E.native && ms(E.native.corpus.index_ms),
      '≤ 0.5 s',
      E.native && E.native.corpus.index_ms <= TARGETS.index_ms,
    );
    const w = E.wasm_chromium_worker;
    add(
      'list index build, Chromium worker',
      w?.corpus.index_ms != null ? ms(w.corpus.index_ms) : undefined,
      '≤ 0.5 s',
      w && w.corpus.index_ms <= TARGETS.index_ms,
    );
    add(
      'single query p50, native core',
      E.native && ms(E.native.latency.p50_ms),
      '≤ 0.2 ms',
      E.native && E.native.latency.p50_ms <= TARGETS.p50_ms,
    );
    add(
      'single screening p50, Chromium worker (request to answer)',
      w && ms(w.latency_api.p50_ms),
      '≤ 0.2 ms',
      w && w.latency_api.p50_ms <= TARGETS.p50_ms,
    );
    const core = ratio(E.wasm_node_core?.latency.p50_ms, E.native?.latency.p50_ms);
    add(
      'wasm / native, query p50 (core, node)',
      core && num(core, 2),
      '≤ 2.0',
      core && core <= TARGETS.wasm_over_native,
    );
    const idx = ratio(E.wasm_node_core?.corpus.index_ms, E.native?.corpus.index_ms);
    add(
      'wasm / native, index build (core, node)',
      idx && num(idx, 2),
      '≤ 2.0',
      idx && idx <= TARGETS.wasm_over_native,
    );
    const chr = ratio(E.wasm_chromium_api?.latency_api.p50_ms, E.native?.latency_api.p50_ms);
    add(
      'wasm / native, query p50 (JSON API: Chromium page / native)',
      chr && num(chr, 2),
      '≤ 2.0',
      chr && chr <= TARGETS.wasm_over_native,
    );
    const f = E.fuse;
    const fp50 =
      f?.exportscreen_on_sample && ratio(f.latency_api.p50_ms, f.exportscreen_on_sample.p50_ms);
    add(
      'exportscreen / fuse.js, query p50 (both through JS in node, same queries)',
      fp50 && `${num(fp50)}×`,
      '≥ 20×',
      fp50 && fp50 >= TARGETS.over_fuse,
    );
    const x = r.rescreen?.ratios;
    add(
      'rescreen --since (1 % of entries changed) ÷ full, wall-clock, local:2',
      x && num(x.delta_over_full_wall_2, 2),
      '≤ 0.20',
      x && x.delta_over_full_wall_2 <= TARGETS.rescreen_delta_over_full,
    );
    add(
      'rescreen local:2 ÷ local:1, rows/s while screening',
      x && `${num(x.two_over_one_screening, 2)}×`,
      '≥ 1.6×',
      x && x.two_over_one_screening >= TARGETS.rescreen_two_over_one,
    );
    add(
      'rescreen rows/s per worker (local:1, while screening) ÷ native CLI on one core',
      x && pct(x.dask_per_worker_over_native_screening, 0),
      '≥ 70 %',
      x && x.dask_per_worker_over_native_screening >= TARGETS.rescreen_dask_over_native,
    );
    add(
      "the same in CPU time: rows per worker CPU second ÷ the CLI's rows per CPU second",
      x?.dask_per_worker_over_native_cpu && pct(x.dask_per_worker_over_native_cpu, 0),
      '≥ 70 %',
      x?.dask_per_worker_over_native_cpu &&
        x.dask_per_worker_over_native_cpu >= TARGETS.rescreen_dask_over_native,
    );
    add(
      'rescreen --since ÷ full in CPU time, every process, local:2',
      x?.delta_over_full_cpu_2 && num(x.delta_over_full_cpu_2, 2),
      '≤ 0.20',
      x?.delta_over_full_cpu_2 && x.delta_over_full_cpu_2 <= TARGETS.rescreen_delta_over_full,
    );
    return table(['measure', 'figure', 'target', 'verdict'], rows);
  },

  rescreen_measured: (r) => {
    const m = r.rescreen?.measured;
    return m
      ? `Measured ${m.date.replace('T', ' ').replace('Z', ' UTC')} by \`${m.command}\` (revision \`${m.revision}\`${m.machine ? `, ${m.machine.cpu}, ${m.machine.cores} cores` : ''}), apart from the rest of this report.`
      : 'Measured in the run above.';
  },

  rescreen_setup: (r) => {
    const x = r.rescreen;
    if (!x) return `_${NOT_MEASURED}: ${r.skipped.rescreen ?? ''}._`;
    const d = x.delta;
    return (
      `${num(x.rows)} customer rows (${num(x.planted)} of them listed names), the CSL ` +
      `(${num(x.list.records)} records) as the list, an earlier list with ${num(d.added)} entries ` +
      `added, ${num(d.changed)} changed and ${num(d.removed)} removed since ` +
      `(${pct((d.added + d.changed + d.removed) / x.list.records, 1)} of the entries).`
    );
  },

  rescreen_table: (r) => {
    const x = r.rescreen;
    if (!x) return `_${NOT_MEASURED}: ${r.skipped.rescreen ?? ''}._`;
    const R = x.runs;
    const rows = [];
    const s = (v) => (v === undefined ? '—' : `${num(v, 1)} s`);
    const load = (v) => (v ? `${num(v[0], 1)} → ${num(v[1], 1)}` : '—');
    const add = (label, run) => {
      if (!run) return rows.push([label, NOT_MEASURED, '', '', '', '', '', '', '']);
      const perCpu = run.rows_per_worker_cpu_s ?? run.rows_per_cpu_s;
      rows.push([
        label,
        s(run.wall_s),
        run.screening_s === undefined ? '—' : s(run.screening_s),
        rate(run.rows_per_s),
        run.screening_rows_per_s ? rate(run.screening_rows_per_s) : '—',
        s(run.cpu_s),
        perCpu ? rate(perCpu) : '—',
        run.screened_in_full === undefined ? '—' : num(run.screened_in_full),
        load(run.load),
      ]);
    };
    add('native CLI, one core (`exportscreen rows`), full', R.native_full);
    add('native CLI, one core, `--since`', R.native_delta);
    add('rescreen local:1, full', R.dask1_full);
    add('rescreen local:2, full', R.dask2_full);
    add('rescreen local:1, `--since`', R.dask1_delta);
    add('rescreen local:2, `--since`', R.dask2_delta);
    add('rescreen local:2, `--since --previous`', R.dask2_delta_previous);
    return table(
      [
        'run',
        'wall',
        'screening',
        'rows/s (wall)',
        'rows/s (screening)',
        'CPU, every process',
        'rows per CPU s (workers; the CLI)',
        'rows screened in full',
        'load average',
      ],
      rows,
    );
  },

  rescreen_ratios: (r) => {
    const x = r.rescreen?.ratios;
    if (!x) return '';
    const pairs = r.rescreen.pairs_2;
    const ofPairs = (key) =>
      pairs?.length > 1
        ? `, the median of ${pairs.length} pairs run in turn (full then \`--since\`, then the other way round): ${pairs.map((p) => num(p[key], 2)).join(', ')}`
        : '';
    return [
      `- \`--since\` ÷ full: ${num(x.delta_over_full_wall_1, 2)} (local:1) and ${num(x.delta_over_full_wall_2, 2)} (local:2${ofPairs('wall_ratio')}) wall-clock; ${num(x.delta_over_full_screening_2, 2)} while screening (local:2, the first pair, without the cluster's start).`,
      `- local:2 ÷ local:1: ${num(x.two_over_one_screening, 2)}× the rows/s while screening, ${num(x.two_over_one_wall, 2)}× wall-clock${pairs?.length > 1 ? ` (local:2: the median of its ${pairs.length} full runs)` : ''}.`,
      `- Per worker ÷ native CLI on one core: ${pct(x.dask_per_worker_over_native_screening, 0)} while screening, ${pct(x.dask_per_worker_over_native_wall, 0)} wall-clock (the cluster's start included)` +
        (x.dask_per_worker_over_native_cpu
          ? `; ${pct(x.dask_per_worker_over_native_cpu, 0)} in rows per CPU second (a worker's against the CLI's).`
          : '.'),
      ...(x.delta_over_full_cpu_2
        ? [
            `- In CPU time, every process of the command counted (local:2): \`--since\` ÷ full ${num(x.delta_over_full_cpu_2, 2)}${ofPairs('cpu_ratio')}.`,
          ]
        : []),
    ].join('\n');
  },

  engines_table: (r) => {
    const E = r.engines;
    if (!Object.keys(E).some((k) => k !== 'fuse') && !E.fuse)
      return `_${NOT_MEASURED}: ${r.skipped.native ?? 'no engine ran'}._`;
    const rows = [];
    for (const [key, name] of Object.entries(ENGINE_NAMES)) {
      const e = E[key];
      if (!e) {
        rows.push([name, NOT_MEASURED, '', '', '', '', '']);
        continue;
      }
      const c = e.corpus ?? {};
      const peak = c.index_peak_rss_kib
        ? `${kib(c.index_peak_rss_kib)} RSS`
        : c.heap_kib
          ? `${kib(c.heap_kib)} ${key === 'fuse' ? 'JS heap' : 'wasm heap'}`
          : '—';
      const lat = e.latency ?? e.latency_api;
      rows.push([
        name,
        c.parse_ms != null ? ms(c.parse_ms) : '—',
        c.index_ms != null ? ms(c.index_ms) : '—',
        peak,
        ms(lat.p50_ms),
        ms(lat.p99_ms),
        rate(lat.throughput_qps),
      ]);
      if (e.latency && e.latency_api)
        rows.push([
          `${name.replace(', core', '')}, JSON API`,
          '',
          '',
          '',
          ms(e.latency_api.p50_ms),
          ms(e.latency_api.p99_ms),
          rate(e.latency_api.throughput_qps),
        ]);
    }
    return table(
      ['engine', 'load: parse', 'load: index', 'peak memory', 'p50', 'p99', 'queries/s'],
      rows,
    );
  },

  ratios: (r) => {
    const E = r.engines;
    const lines = [];
    const n = E.native;
    if (n && E.wasm_node_core) {
      lines.push(
        `- **wasm / native**, query p50: ${num(E.wasm_node_core.latency.p50_ms / n.latency.p50_ms, 2)} (core, node)` +
          (E.wasm_node_api
            ? `, ${num(E.wasm_node_api.latency_api.p50_ms / n.latency_api.p50_ms, 2)} (JSON API: JS API in node / native)`
            : '') +
          (E.wasm_chromium_api
            ? `, ${num(E.wasm_chromium_api.latency_api.p50_ms / n.latency_api.p50_ms, 2)} (JS API in a Chromium page)`
            : '') +
          (E.wasm_chromium_worker
            ? `, ${num(E.wasm_chromium_worker.latency_api.p50_ms / n.latency_api.p50_ms, 2)} (Chromium worker, request to answer, message round trip included)`
            : '') +
          `; index build ${num(E.wasm_node_core.corpus.index_ms / n.corpus.index_ms, 2)} (${ms(E.wasm_node_core.corpus.index_ms)} / ${ms(n.corpus.index_ms)}); ` +
          `batch of ${num(n.batch?.names ?? 0)} names, core ${n.batch && E.wasm_node_core.batch ? num(E.wasm_node_core.batch.core_ms / n.batch.core_ms, 2) : '—'}.`,
      );
    } else lines.push(`- wasm / native: ${NOT_MEASURED}.`);
    const f = E.fuse;
    if (f?.exportscreen_on_sample) {
      const s = f.exportscreen_on_sample;
      lines.push(
        `- **exportscreen / fuse.js** on the same ${num(s.queries)} queries, both through JS in node: ` +
          `${num(f.latency_api.p50_ms / s.p50_ms)}× faster at p50 (${ms(s.p50_ms)} against ${ms(f.latency_api.p50_ms)}), ` +
          `${num(s.throughput_qps / f.latency_api.throughput_qps)}× the throughput.`,
      );
    } else lines.push(`- exportscreen / fuse.js: ${NOT_MEASURED}.`);
    if (n?.latency?.mean_candidates !== undefined) {
      lines.push(
        `- Per query (native): ${num(n.latency.mean_candidates)} index candidates on average, ${num(n.latency.mean_compared, 1)} full comparisons after the upper-bound cut.`,
      );
    }
    return lines.join('\n');
  },

  batch_table: (r) => {
    const E = r.engines;
    const rows = [];
    const row = (name, ms_, rate_, note) =>
      rows.push([
        name,
        ms_ === undefined ? NOT_MEASURED : ms(ms_),
        rate_ === undefined ? '' : rate(rate_),
        note,
      ]);
    const n = E.native;
    row(
      'native, core (`PartyMatcher::match`, one name at a time)',
      n?.batch?.core_ms,
      n?.batch?.core_names_per_s,
      '',
    );
    row(
      'native, JSON API (`screen_json`, 200-party requests)',
      n?.batch?.screen_ms,
      n?.batch?.screen_names_per_s,
      '',
    );
    const w = E.wasm_node_core;
    row(
      'wasm core, node (`PartyMatcher::match`)',
      w?.batch?.core_ms,
      w?.batch?.core_names_per_s,
      '',
    );
    row(
      'wasm core, node, JSON API (200-party requests)',
      w?.batch?.screen_ms,
      w?.batch?.screen_names_per_s,
      '',
    );
    row(
      'JS API, node (`screen()`, 200-party requests)',
      E.wasm_node_api?.batch?.screen_ms,
      E.wasm_node_api?.batch?.screen_names_per_s,
      '',
    );
    row(
      'JS API, Chromium page (`screen()`, 200-party requests)',
      E.wasm_chromium_api?.batch?.screen_ms,
      E.wasm_chromium_api?.batch?.screen_names_per_s,
      '',
    );
    const cw = E.wasm_chromium_worker?.batch;
    row(
      "Chromium, the widget's worker (`screenRows`, 200-row chunks)",
      cw?.screen_ms,
      cw?.screen_names_per_s,
      cw ? `${num(cw.screened)} rows screened` : '',
    );
    const wb = r.widget_batch;
    row(
      'Chromium, the widget (`mode="batch"`: CSV file in, results table out)',
      wb?.widget_ms,
      wb?.widget_rows_per_s,
      wb
        ? `its own ${num(wb.rows)} rows (below) against consolidated.csv; ${num(wb.screened)} screened`
        : '',
    );
    const f = E.fuse?.batch;
    row(
      'fuse.js, node (**extrapolated**)',
      f?.screen_ms,
      f?.screen_names_per_s,
      f
        ? `from its throughput on ${num(f.extrapolated_from)} of the queries above; ${num(f.names)} names not run`
        : '',
    );
    return table(
      ['engine', `${r.batch_names ? num(r.batch_names) : '—'} names`, 'names/s', 'note'],
      rows,
    );
  },

  widget_batch: (r) => {
    const wb = r.widget_batch;
    if (!wb) return `_${NOT_MEASURED}: ${r.skipped.widget ?? ''}._`;
    return table(
      [
        'list',
        'rows',
        'widget',
        'direct (JS API, node)',
        'widget ÷ direct',
        'list load in the widget',
      ],
      [
        [
          wb.list,
          num(wb.rows),
          `${ms(wb.widget_ms)} (${rate(wb.widget_rows_per_s)} rows/s)`,
          `${ms(wb.direct_node_ms)} (${rate(wb.direct_rows_per_s)} rows/s)`,
          num(wb.widget_over_direct, 2),
          wb.list_load_in_widget_ms ? ms(wb.list_load_in_widget_ms) : '—',
        ],
      ],
    );
  },

  // The widget's batch at its row limit, and the 10,000-row batch beside it: time, the page's
  // longest main-thread task and the renderer's memory (issue 16).
  widget_batch_large: (r) => {
    const runs = [r.widget_batch, r.widget_batch_large].filter(Boolean);
    if (!r.widget_batch_large) return `_${NOT_MEASURED}: ${r.skipped['widget-large'] ?? ''}._`;
    const mib = (x) => (x == null ? '—' : `${num(x)} MiB`);
    return table(
      [
        'list',
        'rows',
        'widget',
        'longest main-thread task (tasks over 50 ms)',
        'renderer RSS before the batch',
        'renderer peak RSS (VmHWM)',
        "worker engine's peak (its WebAssembly heap)",
      ],
      runs.map((wb) => [
        wb.list,
        num(wb.rows),
        `${ms(wb.widget_ms)} (${rate(wb.widget_rows_per_s)} rows/s)`,
        wb.longest_main_thread_task_ms == null
          ? '—'
          : `${ms(wb.longest_main_thread_task_ms)} (${num(wb.main_thread_long_tasks)})` +
            (wb.longest_tasks_at_ms?.length
              ? `, the longest at ${ms(wb.longest_tasks_at_ms[0][0])} of ${ms(wb.widget_ms)}`
              : ''),
        mib(wb.renderer_rss_before_mib),
        mib(wb.renderer_peak_rss_mib),
        wb.worker_heap_peak_mib == null ? '—' : `${num(wb.worker_heap_peak_mib, 1)} MiB`,
      ]),
    );
  },

  // The CLI over 1,000 and 1,000,000 rows, JSON lines and CSV: peak RSS and time (issue 16).
  cli_stream: (r) => {
    const c = r.cli_stream;
    if (!c?.runs) return `_${NOT_MEASURED}: ${r.skipped['cli-stream'] ?? c?.skipped ?? ''}._`;
    return table(
      ['input', 'rows', 'lines written', 'time', 'rows/s', 'peak RSS'],
      c.runs.map((x) => [
        x.mode === 'csv' ? '`screen --csv` (CSV rows)' : '`screen` (JSON lines)',
        num(x.rows),
        num(x.output_lines),
        `${num(x.seconds, 1)} s`,
        num(x.rows_per_s),
        `${num(x.peak_rss_kib / 1024, 1)} MiB`,
      ]),
    );
  },

  // Each input limit at a tenth, half, the limit, one past and ten times it (issue 16).
  limits_sweep: (r) => {
    const l = r.limits_sweep;
    if (!l?.sweeps) return `_${NOT_MEASURED}: ${r.skipped.limits ?? ''}._`;
    return table(
      ['limit', '÷ 10', '÷ 2', 'the limit', '+ 1', '× 10'],
      l.sweeps.map((sw) => [
        `${sw.limit} (${num(sw.at)})`,
        ...sw.points.map(
          (p) =>
            `${ms(p.ms)}${p.outcome === 'accepted' ? '' : ` \`${p.outcome}\``} (${num(p.size)})`,
        ),
      ]),
    );
  },

  worker_detail: (r) => {
    const w = r.engines.wasm_chromium_worker;
    if (!w) return `_${NOT_MEASURED}: ${r.skipped.worker ?? ''}._`;
    return (
      `Worker start (module, wasm compile, built-in list): ${ms(w.init_ms)}; the corpus sent to the worker, parsed and indexed: ` +
      `${ms(w.corpus.load_ms)}: ${ms(w.corpus.parse_ms)} until indexing starts (the copy of the bytes into the worker and parsing), ` +
      `${w.corpus.index_ms != null ? ms(w.corpus.index_ms) : '—'} indexing.`
    );
  },

  eval_table: (r) => {
    const n = r.engines.native ?? r.engines.wasm_node_core;
    if (!n?.eval) return `_${NOT_MEASURED}: ${r.skipped.native ?? ''}._`;
    const f = r.engines.fuse;
    const files = [
      [
        'yente_positives_un_untreated.csv',
        'UN positives, untreated',
        'every one',
        (v) => v.recall === 1,
      ],
      [
        'yente_positives_un_treated.csv',
        'UN positives, treated',
        '≥ 95 %',
        (v) => v.recall >= 0.95,
      ],
      [
        'yente_positives_us_congress_untreated.csv',
        'US Congress members',
        '≤ 1 %',
        (v) => v.false_positive_rate <= 0.01,
      ],
      [
        'yente_negatives_global.csv',
        'synthetic negatives, global',
        '≤ 0.5 %',
        (v) => v.false_positive_rate <= 0.005,
      ],
      [
        'yente_negatives_us.csv',
        'synthetic negatives, US',
        '≤ 0.5 %',
        (v) => v.false_positive_rate <= 0.005,
      ],
    ];
    const rows = files.map(([file, label, target, ok]) => {
      const v = evalOf(n, file);
      const fp = v.false_positive_rate ?? v.flagged / v.queries;
      const v2 = { ...v, false_positive_rate: fp };
      const mine =
        v.recall !== undefined
          ? `**${pct(v.recall)}** (${num(v.found_top)} / ${num(v.queries - v.unresolved)}; ${num(v.unresolved)} not judged)`
          : `**${pct(fp, 3)}** flagged (${num(v.flagged)} of ${num(v.queries)})`;
      const fv = evalOf(f, file);
      const fuse = !fv
        ? NOT_MEASURED
        : fv.recall !== undefined
          ? pct(fv.recall, 1)
          : `${pct(fv.false_positive_rate, 1)} (of ${num(fv.queries)})`;
      return [label, mine, fuse, target, verdict(ok(v2))];
    });
    return table(
      ['file', 'exportscreen (native)', 'fuse.js (default options)', 'target', 'verdict'],
      rows,
    );
  },

  presets_table: (r) => {
    const n = r.engines.native;
    const p = n?.eval_presets;
    if (!p) return `_${NOT_MEASURED}: ${r.skipped.native ?? ''}._`;
    const rows = [];
    for (const preset of ['strict', 'balanced', 'broad']) {
      for (const [file, label] of [
        ['yente_positives_un_untreated.csv', 'UN positives, untreated'],
        ['yente_positives_un_treated.csv', 'UN positives, treated'],
      ]) {
        const v = p.recall[preset][file];
        rows.push([
          preset,
          label,
          `top 1 ${pct(v.top1)}, **top 5 ${pct(v.top5)}** (strong ${pct(v.strong)}; ${num(v.judged)} judged)`,
          verdict(v.top5 >= 0.98),
        ]);
      }
      for (const [file, label] of [
        ['yente_positives_us_congress_untreated.csv', 'US Congress members'],
        ['yente_negatives_global.csv', 'synthetic negatives, global'],
        ['yente_negatives_us.csv', 'synthetic negatives, US'],
      ]) {
        for (const [where, set] of [
          ['UN list', p.innocents_un],
          ['full corpus', n.innocents_full],
        ]) {
          const v = set?.[file]?.[preset];
          if (!v) continue;
          rows.push([
            preset,
            `${label} (${where})`,
            `any match **${pct(v.any_rate, 2)}**, strong **${pct(v.strong_rate, 2)}** (of ${num(v.queries)})`,
            verdict(v.any_rate <= 0.05 && v.strong_rate <= 0.02),
          ]);
        }
      }
    }
    return table(
      [
        'preset',
        'file',
        'figure',
        'verdict (recall top 5 ≥ 98 %; innocents: any ≤ 5 %, strong ≤ 2 %)',
      ],
      rows,
    );
  },

  pairs_table: (r) => {
    const p = r.engines.native?.pairs;
    if (!p) return `_${NOT_MEASURED}: ${r.skipped.native ?? ''}._`;
    const rows = [];
    for (const h of ['development', 'held_out']) {
      const v = p[h];
      const d = v.decidable;
      if (d) {
        rows.push([
          `${h.replace('_', '-')}: decidable by name`,
          `${num(d.pairs)} (${num(d.tp + d.fn)} same party)`,
          pct(d.precision, 1),
          pct(d.recall, 1),
          `**${num(d.f1, 3)}**`,
          verdict(d.f1 >= 0.85),
        ]);
      }
      rows.push([
        `${h.replace('_', '-')}: all pairs`,
        `${num(v.pairs)} (${num(v.positives)} same party)`,
        pct(v.precision, 1),
        pct(v.recall, 1),
        d ? num(v.f1, 3) : `**${num(v.f1, 3)}**`,
        d ? '(all classes, for reference)' : verdict(v.f1 >= 0.85),
      ]);
    }
    return table(['half', 'pairs', 'precision', 'recall', 'F1', 'F1 ≥ 0.85'], rows);
  },

  pair_classes_table: (r) => {
    const p = r.engines.native?.pairs;
    if (!p?.development?.classes) return `_${NOT_MEASURED}: ${r.skipped.native ?? ''}._`;
    const names = {
      perturbed: 'perturbed UN positive (same party)',
      alias_variant: 'alias, variant of the name (same party)',
      alias_partial: 'alias, part of the name or the name part of it (same party)',
      alias_other: 'alias, another name (a.k.a. with other words; same party)',
      alias_cross_script: 'alias in another script (same party)',
      innocent: 'innocent name, nearest listed name (different party)',
    };
    const rows = Object.keys(names)
      .filter((k) => p.development.classes[k])
      .map((k) => {
        const share = (x) => (x ? `${pct(x.share, 1)} of ${num(x.pairs)}` : '—');
        return [names[k], share(p.development.classes[k]), share(p.held_out.classes[k])];
      });
    return table(['class', 'decided right, development', 'decided right, held-out'], rows);
  },

  reliability_table: (r) => {
    const p = r.engines.native?.pairs;
    if (!p) return `_${NOT_MEASURED}: ${r.skipped.native ?? ''}._`;
    const rows = p.development.bands.map((b, i) => {
      const h = p.held_out.bands[i];
      const share = (x) => (x.pairs ? `${pct(x.same / x.pairs, 1)} of ${num(x.pairs)}` : '—');
      return [`${num(b.from, 2)} – ${b.to >= 1 ? '1.00' : num(b.to, 2)}`, share(b), share(h)];
    });
    return table(['score band', 'same party, development half', 'same party, held-out half'], rows);
  },

  eval_agreement: (r) => {
    const n = r.engines.native;
    if (!n?.eval) return '';
    const same = (e) =>
      n.eval.every((v) => {
        const o = evalOf(e, v.file);
        if (!o || o.queries !== v.queries) return true; // a sample: compared below on the files both ran whole
        return (
          o.flagged === v.flagged && (v.found_top === undefined || o.found_top === v.found_top)
        );
      });
    const parts = [];
    if (r.engines.wasm_node_core)
      parts.push(
        `wasm core, node: ${same(r.engines.wasm_node_core) ? 'identical figures' : '**different figures**'}`,
      );
    if (r.engines.wasm_node_api)
      parts.push(
        `JS API, node (negatives: the first ${num(r.settings.negatives)} of each file): ${same(r.engines.wasm_node_api) ? 'identical figures on every file run whole' : '**different figures**'}`,
      );
    return parts.length ? `Agreement with native: ${parts.join('; ')}.` : '';
  },

  misses: (r) => {
    const n = r.engines.native;
    if (!n?.eval) return `_${NOT_MEASURED}._`;
    const lines = [];
    for (const v of n.eval) {
      for (const m of (v.misses ?? []).slice(0, 8)) {
        lines.push(
          m.expected !== undefined
            ? `- ${v.file}: \`${m.query}\` (for ${m.expected}): ${m.top === null ? 'no hit at the threshold' : `top \`${m.top}\` (${num(m.score, 2)})`}`
            : `- ${v.file}: \`${m.query}\` ~ \`${m.matched}\` (${num(m.score, 2)})`,
        );
      }
    }
    return lines.length ? lines.join('\n') : 'None.';
  },

  transfer_table: (r) => {
    const t = r.transfer;
    if (!t) return `_${NOT_MEASURED}: ${r.skipped.size ?? ''}._`;
    const rows = t.files.map((f) => [`\`${f.path}\``, bytes(f.bytes), bytes(f.gzip)]);
    rows.push([
      `**all ${t.requests} responses**`,
      bytes(t.total_bytes),
      `**${bytes(t.total_gzip)}**`,
    ]);
    return table(['response', 'bytes', 'gzip -9'], rows);
  },
  transfer_summary: (r) => {
    const t = r.transfer;
    if (!t) return NOT_MEASURED;
    return (
      `The built-in list's share: ${bytes(t.builtin_list_gzip)} gzipped (the ${bytes(t.builtin_list_bytes)} pack the module carries: its entries and their normalized names). ` +
      `Without list data (all responses, less the host page's own ${bytes(t.host_page_gzip)} and the built-in list's share): ` +
      `**${kb(t.without_list_gzip)}** against the 400 KB target: ${verdict(t.without_list_gzip <= TARGETS.widget_gzip_bytes)}` +
      (t.without_list_gzip > TARGETS.widget_gzip_bytes
        ? `, by ${kb(t.without_list_gzip - TARGETS.widget_gzip_bytes)}.`
        : '.')
    );
  },

  ttfr_table: (r) => {
    const rows = [];
    const row = (label, x, target, limit, reason) =>
      rows.push(
        x
          ? [
              label,
              `**${ms(x.median_ms)}**`,
              `${ms(x.min_ms)} – ${ms(x.max_ms)}`,
              num(x.runs),
              target,
              verdict(x.median_ms <= limit),
            ]
          : [label, NOT_MEASURED, '', '', target, reason ?? ''],
      );
    // Rows shown beside the target's, not judged against it.
    const beside = (label, x, runs) =>
      rows.push([
        label,
        `**${ms(x.median_ms)}**`,
        `${ms(x.min_ms)} – ${ms(x.max_ms)}`,
        num(runs),
        '—',
        '',
      ]);
    row('built-in list', r.ttfr?.builtin, '≤ 300 ms', TARGETS.ttfr_builtin_ms, r.skipped.ttfr);
    // A bare form typed the same way, its loads alternating with the row above: Playwright's
    // typing and a first paint on this machine in the same minutes.
    const floor = r.ttfr?.builtin?.beside;
    if (floor) {
      beside(
        'a bare form typed the same way (no widget), its loads alternating with the row above',
        floor,
        floor.times_ms.length,
      );
    }
    // The same load, the name entered by a script of the page: what Playwright adds is the
    // difference.
    const bs = r.ttfr?.script;
    if (bs) {
      beside(
        'built-in list, the name entered by a script in the page (no Playwright in the page)',
        bs,
        bs.runs,
      );
    }
    row(
      'full corpus (`list-src` = consolidated.json)',
      r.ttfr?.full,
      '≤ 1.5 s',
      TARGETS.ttfr_full_ms,
      r.skipped.ttfr_full ?? r.skipped.ttfr,
    );
    return table(['data', 'median', 'range', 'runs', 'target', 'verdict'], rows);
  },

  ttfr_history: (r) => {
    const all = r.ttfr_history ?? [];
    if (!all.length) return `_Earlier runs: none recorded._`;
    const latest = all.at(-1);
    const rows = all.map((h) => [
      when(h.date),
      h.machine,
      `\`${h.revision}\``,
      h.widget_sha256
        ? `\`${h.widget_sha256}\`${h.widget_sha256 === latest.widget_sha256 ? " (this report's)" : ''}`
        : '—',
      `${ms(h.median_ms)}${withinTarget(h) ? '' : ' (over)'}`,
      h.within_target == null ? '—' : `${h.within_target} of ${h.runs}`,
      h.bare_form_ms
        ? `${ms(h.bare_form_ms)} (${ms(h.median_ms - h.bare_form_ms)}, ${(h.median_ms / h.bare_form_ms).toFixed(2)})`
        : '—',
      h.floor_ms ? `${num(h.floor_ms[0])}, ${num(h.floor_ms[1])} ms` : '—',
      h.script_ms ? ms(h.script_ms) : '—',
    ]);
    const byMachine = new Map();
    for (const h of buildRuns(r))
      byMachine.set(h.machine, [...(byMachine.get(h.machine) ?? []), h]);
    const summary = [...byMachine]
      .map(([machine, runs]) => {
        const met = runs.filter(withinTarget).length;
        return `on ${machine}, ${met} of ${runs.length} runs had their median within ${ms(runs[0].target_ms)}`;
      })
      .join('; ');
    return (
      `Every measure of the built-in list's time to first result that \`bench/run\` kept ` +
      `(\`ttfr_history\` in bench/results/latest.json, ${num(all.length)} runs of ${num(latest.runs)} ` +
      `loads each, oldest first). A build is named by the SHA-256 of the files a page loads from ` +
      `build/site (its .js and .wasm files), so runs at different commits of the same widget ` +
      `count together. Of this report's build (\`${latest.widget_sha256}\`): ${summary || 'no run'}.\n\n` +
      table(
        [
          'when (UTC)',
          'machine',
          'revision',
          'widget build',
          'median',
          'within 300 ms',
          "bare form (widget's share, ratio)",
          'floor (worker, compile)',
          'entered by a script',
        ],
        rows,
      )
    );
  },

  ttfr_floor: (r) => {
    const f = r.ttfr?.floor;
    if (!f) return `_The browser's own share: ${NOT_MEASURED}._`;
    const s = r.ttfr?.script;
    const b = r.ttfr?.builtin;
    const range = (x) => `${ms(x.min_ms)} – ${ms(x.max_ms)}`;
    const typed = b?.beside
      ? `Typed with Playwright, the widget took ${ms(b.median_ms)} and a bare form ` +
        `${ms(b.beside.median_ms)} in the same minutes (loads alternating): the widget's share is ` +
        `**${ms(b.median_ms - b.beside.median_ms)}**, ${(b.median_ms / b.beside.median_ms).toFixed(2)} ` +
        `times the bare form's time. `
      : '';
    return (
      typed +
      `The browser's own share, measured in the same run (cold loads alternating, no widget, ` +
      `medians of ${num(f.runs)}): a page whose module script starts a module worker that ` +
      `answers at once, **${ms(f.worker.median_ms)}** (${range(f.worker)}); the same with the ` +
      `worker fetching and compiling the widget's module first, **${ms(f.compile.median_ms)}** ` +
      `(${range(f.compile)}).` +
      (s
        ? ` The widget with the name entered by a script took ${ms(s.median_ms)}: ` +
          `${ms(s.median_ms - f.compile.median_ms)} more than a page that only compiled its module.`
        : '')
    );
  },

  ttfr_paced: (r) => {
    const x = r.ttfr?.paced;
    if (!x?.enter_to_result_ms) return `_Typed after the engine is up: ${NOT_MEASURED}._`;
    const e = x.enter_to_result_ms;
    return (
      `Typed ${ms(x.pause_ms)} after the engine is up, as a person types (built-in list): ` +
      `Enter to result **${ms(e.median)}** (median of ${num(x.runs)}; ` +
      `${ms(e.min)} – ${ms(e.max)}).`
    );
  },

  // The median of ttfr_paced alone, for the text around it.
  ttfr_paced_ms: (r) => {
    const e = r.ttfr?.paced?.enter_to_result_ms;
    return e ? ms(e.median) : NOT_MEASURED;
  },

  ttfr_phases: (r) => {
    const rows = [];
    for (const [label, x] of [
      ['built-in list', r.ttfr?.builtin],
      ['built-in list, entered by a script in the page', r.ttfr?.script],
      ['built-in list, typed 1 s after the engine is up', r.ttfr?.paced],
      ['full corpus', r.ttfr?.full],
    ]) {
      const p = x?.phases_ms;
      if (!p) continue;
      rows.push([
        label,
        ...[p.worker, p.engine, p.enter, p.answer].map((v) => (v == null ? '—' : ms(v))),
        ms(x.median_ms),
      ]);
    }
    if (!rows.length) return `_The phases: ${NOT_MEASURED}._`;
    return table(
      [
        'data',
        'worker created',
        'engine up (init answered)',
        'typing done (Enter)',
        'screening answered',
        'result shown',
      ],
      rows,
    );
  },

  callgrind_table: (r) => {
    const c = r.callgrind;
    if (!c || c.skipped) return `_${NOT_MEASURED}: ${c?.skipped ?? r.skipped.callgrind ?? ''}._`;
    return table(
      ['hot path', 'instructions (Ir) per operation', 'operations measured'],
      Object.values(c.paths).map((p) => [p.what, `**${num(p.ir_per_op)}**`, num(p.repeat)]),
    );
  },
  callgrind_version: (r) => r.callgrind?.valgrind ?? NOT_MEASURED,

  rules_table: (r) => {
    const x = r.rules;
    if (!x) return `_${NOT_MEASURED}: ${r.skipped.rules ?? ''}._`;
    return table(
      ['measure', 'figure'],
      [
        ['`classify()`, catalog name (recognition + classification)', ms(x.classify_catalog_ms)],
        ['`classify()`, specifications', ms(x.classify_spec_ms)],
        ['a whole deal (3 items, 2 parties)', ms(x.deal_3_items_2_parties_ms)],
        ['200 parties, one `screen()` request', ms(x.screen_200_parties_ms)],
        ['the same 200 names, `match()` one by one', ms(x.match_200_names_ms)],
        ['screen ÷ match', num(x.screen_over_match, 2)],
      ],
    );
  },

  module_table: (r) => {
    const m = r.module;
    if (!m) return NOT_MEASURED;
    return table(
      ['module', 'bytes', 'gzip -9', 'code section (gzip)', 'data section (gzip)'],
      [
        [
          '`exportscreen-core.wasm`',
          num(m.bytes),
          num(m.gzip),
          m.code ? `${num(m.code.bytes)} (${num(m.code.gzip)})` : '—',
          m.data ? `${num(m.data.bytes)} (${num(m.data.gzip)})` : '—',
        ],
      ],
    );
  },
};

/**
 * The sizing table of docs/scale.md (between its sizing markers): measured rows/s per worker,
 * full and --since, and what they project for 100 million rows on N workers.
 */
export function renderSizing(results) {
  const x = results.rescreen;
  if (!x?.runs?.dask1_full) return `_${NOT_MEASURED} (bench/run, part rescreen)._`;
  const R = x.runs;
  const clientCap = (run) => (run?.client_cpu_s ? run.rows / run.client_cpu_s : undefined);
  // A worker on a core of its own does its rows per CPU second; N of them N times that, until the
  // client (one process reading, shipping and writing every row) is the limit.
  const project = (perWorker, n, cap) => 100e6 / Math.min(perWorker * n, cap ?? Infinity);
  const dur = (sec) =>
    sec >= 3600 ? `${num(sec / 3600, 1)} h` : sec >= 60 ? `${num(sec / 60)} min` : `${num(sec)} s`;
  const rows = [];
  for (const [label, one, two] of [
    ['full', R.dask1_full, R.dask2_full],
    ['`--since`, 1 % changed', R.dask1_delta, R.dask2_delta],
  ]) {
    const perWorker = one.rows_per_worker_cpu_s ?? one.screening_rows_per_s;
    const cap = clientCap(two);
    rows.push([
      label,
      rate(perWorker),
      rate(one.screening_rows_per_s),
      rate(two?.screening_rows_per_s),
      ...[1, 8, 32, 128].map((n) => dur(project(perWorker, n, cap))),
      cap ? rate(cap) : '—',
    ]);
  }
  const n = R.native_full;
  return [
    table(
      [
        'screening',
        'rows per worker CPU s',
        'rows/s measured, 1 worker',
        'rows/s measured, 2 workers',
        '100 M rows, 1 worker',
        '8 workers',
        '32 workers',
        '128 workers',
        'client limit, rows/s',
      ],
      rows,
    ),
    '',
    `Measured by \`bench/run\` on ${(x.measured?.machine ?? results.machine).cpu}, ${(x.measured?.machine ?? results.machine).cores} cores, ${num(x.rows)} rows. ` +
      `The machine is shared (load average ${num(R.dask1_full.load?.[0] ?? 0, 1)} at the start of the local:1 run), ` +
      `so the measured rows/s are what a worker got of a busy core; the rows per worker CPU second ` +
      `(the CPU time the workers spent on the blocks, their list loading included) are what a worker does ` +
      `on a core of its own (the native CLI: ${rate(n?.rows_per_cpu_s)} rows per CPU second). The ` +
      `projections give each of N workers a core of its own at that rate, and stop at the client ` +
      `limit: the rows the client reads, ships and writes per CPU second (measured in the local:2 run, ` +
      `the scheduler beside it). The cluster's start and each worker's list load (seconds) are left out.`,
  ].join('\n');
}

/** Fills every {{placeholder}} of `template` from `results`; an unknown one is an error. */
export function renderReport(template, results) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => {
    const fn = PLACEHOLDERS[key];
    if (!fn) throw new Error(`benchmarks template: unknown placeholder {{${key}}}`);
    return fn(results);
  });
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const root = new URL('..', import.meta.url).pathname;
  const results = JSON.parse(
    readFileSync(process.argv[2] ?? join(root, 'bench/results/latest.json'), 'utf8'),
  );
  const template = readFileSync(join(root, 'bench/benchmarks.template.md'), 'utf8');
  writeFileSync(join(root, 'docs/benchmarks.md'), renderReport(template, results));
}
