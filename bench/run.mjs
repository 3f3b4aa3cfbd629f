// Runs every benchmark side by side and writes the report: the core natively and as wasm under
// node (bench_native.cpp), the JS API under node and in headless Chromium (api-bench.mjs), the
// engine in the widget's worker, the widget's transfer size and time to first result
// (browser-bench.mjs), the widget's batch (widget-batch.mjs), fuse.js (fuse-bench.mjs), the
// rules (rules.mjs) and Callgrind instruction counts (callgrind.mjs). Writes
// bench/results/latest.json and docs/benchmarks.md (report.mjs, bench/benchmarks.template.md).
// The parts that need ../shared/data are skipped, and said to be, when it is absent.
//   node bench/run.mjs [--per N] [--negatives N] [--fuse-per N] [--batch N] [--ttfr-runs N] [--core-runs N]
//                      [--widget-rows N] [--stream-rows N,N] [--rescreen-rows N] [--only PART,...]
//                      [--skip native,wasm,node,chromium,worker,widget,widget-large,cli-stream,limits,
//                              size,ttfr,fuse,callgrind,rules,rescreen]
//                      [--no-doc]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchApi, watchWasmMemory } from './api-bench.mjs';
import { benchFuse } from './fuse-bench.mjs';
import { runCallgrind } from './callgrind.mjs';
import { TARGETS, renderReport, renderSizing, wasmSections } from './report.mjs';
import { EVAL_FILES, available, batchNames, data, evalSets, latencyQueries } from './workload.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const per = Number(opt('--per', 300));
const negatives = Number(opt('--negatives', 2000));
const fusePer = Number(opt('--fuse-per', 40));
const batchSize = Number(opt('--batch', 10000));
const widgetRows = Number(opt('--widget-rows', 100000));
const streamRows = opt('--stream-rows', '1000,1000000');
// 15 cold loads a measure: with 5, one slow minute moved the median past the target and back.
const ttfrRuns = Number(opt('--ttfr-runs', 15));
const PARTS = [
  'native',
  'wasm',
  'node',
  'chromium',
  'worker',
  'widget',
  'size',
  'ttfr',
  'fuse',
  'callgrind',
  'rules',
  'rescreen',
  'widget-large',
  'cli-stream',
  'limits',
];
// --only PART,...: measure those parts and keep every other figure of the last run
// (bench/results/latest.json); each part so measured records its own date and revision.
const only = opt('--only', '').split(',').filter(Boolean);
const skip = new Set(
  only.length
    ? PARTS.filter((p) => !only.includes(p))
    : opt('--skip', '').split(',').filter(Boolean),
);
const started = Date.now();
const log = (s) =>
  process.stderr.write(`bench: [${Math.round((Date.now() - started) / 1000)} s] ${s}\n`);

const hasData = available();
const NO_DATA = 'skipped: ../shared/data (lists/consolidated.json, eval-dev/) is absent';
const results = {
  date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  command: `bench/run${args.length ? ' ' + args.join(' ') : ''}`,
  data: hasData,
  settings: {
    per,
    negatives,
    fuse_per: fusePer,
    batch: batchSize,
    widget_rows: widgetRows,
    stream_rows: streamRows,
    ttfr_runs: ttfrRuns,
    core_runs: Number(opt('--core-runs', 3)),
    rescreen_rows: Number(opt('--rescreen-rows', 1_000_000)),
  },
  skipped: {},
  engines: {},
};
// A part runs unless skipped by a flag or for want of the shared data; the reason is recorded.
const wanted = (part, needsData) => {
  if (skip.has(part)) {
    results.skipped[part] = 'skipped with --skip';
    return false;
  }
  if (needsData && !hasData) {
    results.skipped[part] = NO_DATA;
    return false;
  }
  return true;
};
if (!hasData)
  log(
    NO_DATA.replace('skipped: ', '') +
      ': measuring only sizes, built-in time to first result, Callgrind and rules',
  );

const firstLine = (cmd, cmdArgs) =>
  spawnSync(cmd, cmdArgs, { encoding: 'utf8' }).stdout?.split('\n')[0]?.trim() ?? '';
const meminfo = existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : '';
results.machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memory_gib: Math.round(
    Number(meminfo.match(/MemTotal:\s+(\d+)/)?.[1] ?? totalmem() / 1024) / 2 ** 20,
  ),
  os: existsSync('/etc/os-release')
    ? readFileSync('/etc/os-release', 'utf8').match(/PRETTY_NAME="([^"]+)"/)?.[1]
    : process.platform,
};
results.versions = {
  gxx: firstLine('g++', ['--version']),
  emcc: firstLine('emcc', ['--version']),
  node: process.version,
  chromium: firstLine(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version']),
  valgrind: firstLine('valgrind', ['--version']),
  git: firstLine('git', ['-C', root, 'describe', '--always', '--dirty']),
};
try {
  results.versions.fuse = JSON.parse(
    readFileSync(join(root, 'node_modules/fuse.js/package.json'), 'utf8'),
  ).version;
} catch {
  // fuse.js is a bench dependency; its part says so when it cannot run.
}

const corpusPath = join(data, 'lists/consolidated.json');
const unPath = join(data, 'lists/un_consolidated.json');
let queries = [];
let batch = [];
if (hasData) {
  queries = latencyQueries(per);
  batch = batchNames(batchSize);
  mkdirSync(join(root, 'build'), { recursive: true });
  const csv = (names) =>
    'full_name\n' + names.map((q) => `"${q.replaceAll('"', '""')}"`).join('\n') + '\n';
  writeFileSync(join(root, 'build/bench-queries.csv'), csv(queries));
  writeFileSync(join(root, 'build/bench-batch.csv'), csv(batch));
  results.queries = queries.length;
  results.batch_names = batch.length;
}

// The C++ benchmark, natively and as wasm under node: speed on the corpus, eval on the UN list.
const json = (cmd, cmdArgs) => {
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const coreArgs = [
  '--list',
  corpusPath,
  '--queries',
  join(root, 'build/bench-queries.csv'),
  '--batch',
  join(root, 'build/bench-batch.csv'),
  '--eval-list',
  unPath,
  '--eval-dir',
  join(data, 'eval-dev'),
  '--misses',
  '40',
];
// The machine is shared, so each is run `--core-runs` times, alternating, and the least
// disturbed run (the lowest parse + index time) is kept; eval-dev runs once (it is exact).
const coreRuns = Math.max(1, Number(opt('--core-runs', 3)));
const programs = [];
if (wanted('native', true))
  programs.push(['native', join(root, 'build/native/bench/exportscreen_bench'), []]);
if (wanted('wasm', true))
  programs.push([
    'wasm_node_core',
    process.execPath,
    ['--no-experimental-fetch', join(root, 'build/wasm/bench/exportscreen_bench.js')],
  ]);
for (let run = 0; run < coreRuns; run++) {
  for (const [key, cmd, pre] of programs) {
    log(
      `${key === 'native' ? 'native core' : 'wasm core under node'} (run ${run + 1} of ${coreRuns})`,
    );
    const r = json(cmd, [...pre, ...(run === 0 ? coreArgs : coreArgs.slice(0, 6))]);
    const prev = results.engines[key];
    const cost = (e) => e.corpus.parse_ms + e.corpus.index_ms;
    if (!prev) results.engines[key] = { ...r, runs: 1 };
    else {
      // The figures of the fastest run; what only the first run measures (the eval-dev sets, the
      // presets, the innocents against the full corpus, the labelled pairs) kept from it.
      const kept = cost(r) < cost(prev) ? { ...prev, ...r } : prev;
      results.engines[key] = { ...kept, runs: prev.runs + 1 };
    }
  }
}

// The JS API under node.
let evalFiles = null;
let un = null;
if (wanted('node', true)) {
  log('JS API under node');
  const heap = watchWasmMemory();
  const api = await import(join(root, 'dist/screener.js'));
  const wasmBinary = new Uint8Array(readFileSync(join(root, 'dist/exportscreen-core.wasm')));
  ({ un, files: evalFiles } = evalSets(negatives));
  results.engines.wasm_node_api = await benchApi({
    createScreener: api.createScreener,
    wasmBinary,
    heapBytes: heap,
    list: new Uint8Array(readFileSync(corpusPath)),
    queries,
    batchNames: batch,
    keepLatencies: true,
    evalList: new Uint8Array(readFileSync(unPath)),
    evalFiles,
  });
}

// Headless Chromium (Debian's, through playwright-core): the JS API on the page, the engine in
// the widget's worker, the transfer size and the time to first result.
const browserParts = ['chromium', 'worker', 'size', 'ttfr'].filter((p) => !skip.has(p));
if (browserParts.length) {
  const { benchFloor, benchSite, benchTransfer, benchTtfr, benchWorker, launch } =
    await import('./browser-bench.mjs');
  const { server, url } = await benchSite(root, hasData ? corpusPath : null);
  const browser = await launch();
  results.versions.chromium_headless = browser.version();
  try {
    if (wanted('chromium', true)) {
      log('JS API in Chromium (page)');
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${url}bench-blank.html`);
      results.engines.wasm_chromium_api = await page.evaluate(
        async ({ queries, batch }) => {
          const { benchApi, watchWasmMemory } = await import('/bench-api-bench.mjs');
          const heapBytes = watchWasmMemory();
          const api = await import('/screener.js');
          const wasmBinary = new Uint8Array(
            await (await fetch('/exportscreen-core.wasm')).arrayBuffer(),
          );
          const list = new Uint8Array(await (await fetch('/bench-corpus.json')).arrayBuffer());
          return benchApi({
            createScreener: api.createScreener,
            wasmBinary,
            heapBytes,
            list,
            queries,
            batchNames: batch,
          });
        },
        { queries, batch },
      );
      await page.context().close();
    }
    if (wanted('worker', true)) {
      log("wasm in Chromium, in the widget's worker");
      results.engines.wasm_chromium_worker = await benchWorker({
        browser,
        url,
        queries,
        batchNames: batch,
      });
    }
    if (wanted('size', false)) {
      log('widget transfer size');
      results.transfer = await benchTransfer({ browser, url, root });
    }
    if (wanted('ttfr', false)) {
      log('time to first result, built-in list, beside a bare form typed the same way');
      results.ttfr = {
        builtin: await benchTtfr({
          browser,
          url,
          page: 'bench-host.html',
          name: 'Huawei Technologies Co., Ltd.',
          runs: ttfrRuns,
          beside: 'bench-floor-form.html',
        }),
      };
      log('time to first result, built-in list, the name entered by a script in the page');
      results.ttfr.script = await benchTtfr({
        browser,
        url,
        page: 'bench-host.html',
        name: 'Huawei Technologies Co., Ltd.',
        runs: ttfrRuns,
        entry: 'script',
      });
      log("the browser's own share: a page and its worker, without and with the module's compile");
      results.ttfr.floor = await benchFloor({ browser, url, runs: ttfrRuns });
      log('time from Enter to the first result, typed 1 s after the engine is up');
      results.ttfr.paced = await benchTtfr({
        browser,
        url,
        page: 'bench-host.html',
        name: 'Huawei Technologies Co., Ltd.',
        runs: ttfrRuns,
        pauseMs: 1000,
      });
      if (!hasData) results.skipped.ttfr_full = NO_DATA;
      else {
        log('time to first result, full corpus (list-src)');
        results.ttfr.full = await benchTtfr({
          browser,
          url,
          page: 'bench-host-full.html',
          name: 'Huawei Technologies Co., Ltd.',
          minRecords: 20000,
          runs: ttfrRuns,
        });
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
} else {
  for (const p of ['chromium', 'worker', 'size', 'ttfr'])
    results.skipped[p] = 'skipped with --skip';
}

// The widget's own batch (<export-screen mode="batch">, CSV in, results table out) on the full list.
if (wanted('widget', true)) {
  log('widget batch (widget-batch.mjs)');
  results.widget_batch = json(process.execPath, [
    join(root, 'bench/widget-batch.mjs'),
    '--rows',
    String(batchSize),
    '--list',
    'full',
  ]);
}

// What each input limit costs below, at and past it (issue 16).
if (wanted('limits', false)) {
  log('limits (limits-sweep.mjs)');
  results.limits_sweep = json(process.execPath, [join(root, 'bench/limits-sweep.mjs')]);
}

// The CLI as a stream: 1,000 and 1,000,000 JSON lines and CSV rows, peak RSS of each (issue 16).
if (wanted('cli-stream', false)) {
  log(`CLI stream (cli-stream.mjs), ${streamRows}`);
  results.cli_stream = json(process.execPath, [
    join(root, 'bench/cli-stream.mjs'),
    '--rows',
    streamRows,
  ]);
}

// The widget's batch at its row limit (100,000 rows and the header; the built-in list): the
// page's longest task
// and the renderer's peak memory while the worker screens them (issue 16).
if (wanted('widget-large', true)) {
  log(`widget batch, ${widgetRows} rows (widget-batch.mjs)`);
  results.widget_batch_large = json(process.execPath, [
    join(root, 'bench/widget-batch.mjs'),
    '--rows',
    String(widgetRows),
    '--list',
    'builtin',
  ]);
}

// fuse.js on a sample of the same queries (it is about four orders of magnitude slower), and
// exportscreen's figures on exactly that sample for the ratio.
if (wanted('fuse', true)) {
  log(`fuse.js (the first ${fusePer} queries of each eval-dev file)`);
  const sampleIdx = EVAL_FILES.flatMap((_, f) =>
    Array.from({ length: Math.min(fusePer, per) }, (_, i) => f * per + i),
  ).filter((i) => i < queries.length);
  const sample = sampleIdx.map((i) => queries[i]);
  evalFiles ??= evalSets(negatives).files;
  un ??= evalSets(negatives).un;
  const fuse = benchFuse({
    corpus: JSON.parse(readFileSync(corpusPath, 'utf8')),
    queries: sample,
    un,
    evalFiles,
  });
  fuse.batch = {
    names: batch.length,
    extrapolated_from: sample.length,
    screen_ms: (1000 * batch.length) / fuse.latency_api.throughput_qps,
    screen_names_per_s: fuse.latency_api.throughput_qps,
  };
  const api = results.engines.wasm_node_api;
  if (api?.latencies) {
    const sorted = sampleIdx.map((i) => api.latencies[i]).sort((a, b) => a - b);
    fuse.exportscreen_on_sample = {
      queries: sorted.length,
      p50_ms: sorted[Math.round(0.5 * (sorted.length - 1))],
      throughput_qps: (1000 * sorted.length) / sorted.reduce((s, x) => s + x, 0),
    };
  }
  results.engines.fuse = fuse;
}
if (results.engines.wasm_node_api) delete results.engines.wasm_node_api.latencies;

if (wanted('callgrind', false)) {
  log('Callgrind instruction counts');
  results.callgrind = runCallgrind();
}

if (wanted('rules', false)) {
  log('rules (rules.mjs)');
  results.rules = json(process.execPath, [join(root, 'bench/rules.mjs')]);
}

// scripts/rescreen on a Dask LocalCluster beside the native CLI on one core (issue 14).
if (wanted('rescreen', true)) {
  log(`rescreen (${results.settings.rescreen_rows.toLocaleString('en-US')} rows, rescreen.mjs)`);
  results.rescreen = json(process.execPath, [
    join(root, 'bench/rescreen.mjs'),
    '--rows',
    String(results.settings.rescreen_rows),
  ]);
}

const wasmPath = join(root, 'build/site/exportscreen-core.wasm');
if (existsSync(wasmPath)) results.module = wasmSections(readFileSync(wasmPath));

results.elapsed_s = Math.round((Date.now() - started) / 1000);
mkdirSync(join(root, 'bench/results'), { recursive: true });
const latestPath = join(root, 'bench/results/latest.json');
// Every measure of the time to first result with the built-in list is kept, run after run
// (`ttfr_history`, carried from one latest.json to the next): one measure is a quarter hour of a
// shared machine, so the report judges the target by every run of the widget's build as well.
const history = existsSync(latestPath)
  ? (JSON.parse(readFileSync(latestPath, 'utf8')).ttfr_history ?? [])
  : [];
if (results.ttfr?.builtin) history.push(ttfrHistoryEntry(results));
// Where each part that can be measured on its own (--only) keeps its figures in the results.
const PART_RESULTS = {
  native: ['engines', 'native'],
  wasm: ['engines', 'wasm_node_core'],
  chromium: ['engines', 'wasm_chromium_api'],
  worker: ['engines', 'wasm_chromium_worker'],
  size: ['transfer'],
  ttfr: ['ttfr'],
  callgrind: ['callgrind'],
  rules: ['rules'],
  rescreen: ['rescreen'],
};
if (only.length) {
  // The parts measured now replace theirs in the last run's results; the rest stays as it was, and
  // the report says which parts were measured apart, when and at which revision.
  const last = JSON.parse(readFileSync(latestPath, 'utf8'));
  const measured = {
    date: results.date,
    command: results.command,
    revision: results.versions.git,
    machine: results.machine, // the part may run on another machine than the full report did
  };
  last.measured_apart ??= {};
  for (const part of only) {
    const path = PART_RESULTS[part];
    if (!path) throw new Error(`--only ${part}: this part cannot be measured on its own`);
    const key = path.at(-1);
    const from = path.slice(0, -1).reduce((o, k) => o?.[k], results);
    const to = path.slice(0, -1).reduce((o, k) => (o[k] ??= {}), last);
    if (from?.[key] === undefined) continue;
    to[key] = part === 'rescreen' ? { ...from[key], measured } : from[key];
    last.measured_apart[part] = measured;
    delete last.skipped?.[part];
  }
  if (results.module) last.module = results.module;
  if (results.versions.chromium_headless)
    last.versions.chromium_headless = results.versions.chromium_headless;
  Object.assign(results, last);
}
results.ttfr_history = history;
writeFileSync(latestPath, JSON.stringify(results, null, 1) + '\n');
log(`bench/results/latest.json written (${results.elapsed_s} s)`);
if (!args.includes('--no-doc')) {
  const template = readFileSync(join(root, 'bench/benchmarks.template.md'), 'utf8');
  writeFileSync(join(root, 'docs/benchmarks.md'), renderReport(template, results));
  log('docs/benchmarks.md written');
  // The sizing table of docs/scale.md, between its markers, from the same run.
  if (results.rescreen) {
    const scale = join(root, 'docs/scale.md');
    const text = readFileSync(scale, 'utf8');
    const begin = '<!-- sizing:begin (bench/run writes this table) -->';
    const end = '<!-- sizing:end -->';
    const a = text.indexOf(begin);
    const b = text.indexOf(end);
    if (a >= 0 && b > a) {
      writeFileSync(
        scale,
        text.slice(0, a + begin.length) + '\n' + renderSizing(results) + '\n' + text.slice(b),
      );
      log('docs/scale.md sizing table written');
    }
  }
}

/**
 * One line of `ttfr_history`: when, where and on which build the built-in list's time to first
 * result was measured, and what it gave. The build is named by the SHA-256 of the files a page
 * loads from build/site (every .js and .wasm there, names and bytes), so runs of the same widget
 * are counted together whatever commit (a README, a benchmark) they were made at.
 */
function ttfrHistoryEntry(r) {
  const site = join(root, 'build/site');
  const hash = createHash('sha256');
  for (const name of readdirSync(site)
    .filter((n) => /\.(js|wasm)$/.test(n))
    .sort()) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(join(site, name)));
  }
  const { builtin, script, floor } = r.ttfr;
  const target = TARGETS.ttfr_builtin_ms;
  // Dirty only for changes outside what a benchmark run itself writes.
  const changed = spawnSync(
    'git',
    ['-C', root, 'status', '--porcelain', '--', '.', ':!bench/results', ':!docs/benchmarks.md'],
    { encoding: 'utf8' },
  ).stdout?.trim();
  return {
    date: r.date,
    revision: r.versions.git.replace(/-dirty$/, '') + (changed ? '-dirty' : ''),
    widget_sha256: hash.digest('hex').slice(0, 12),
    machine: `${r.machine.cpu.replace(/\((R|TM)\)/g, '')}, ${r.machine.cores} cores`,
    runs: builtin.runs,
    median_ms: builtin.median_ms,
    target_ms: target,
    within_target: builtin.times_ms.filter((t) => t <= target).length,
    ...(builtin.beside ? { bare_form_ms: builtin.beside.median_ms } : {}),
    ...(script ? { script_ms: script.median_ms } : {}),
    ...(floor ? { floor_ms: [floor.worker.median_ms, floor.compile.median_ms] } : {}),
  };
}
