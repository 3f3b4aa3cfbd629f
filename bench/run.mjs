// Runs every benchmark side by side on the same queries and prints one table: the core natively
// and as wasm under node (bench_native.cpp), the JS API under node and in headless Chromium
// (api-bench.mjs), and fuse.js (fuse-bench.mjs). Writes bench/results/latest.json.
//   node bench/run.mjs [--per N] [--negatives N] [--skip chromium,fuse]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchApi, watchWasmMemory } from './api-bench.mjs';
import { benchFuse } from './fuse-bench.mjs';
import { EVAL_FILES, available, data, evalSets, latencyQueries } from './workload.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const per = Number(opt('--per', 300));
const negatives = Number(opt('--negatives', 2000));
const skip = new Set(opt('--skip', '').split(',').filter(Boolean));

if (!available()) {
  console.log('bench: ../shared/data (lists/consolidated.json, eval-dev/) is absent: nothing to measure');
  process.exit(0);
}
const corpusPath = join(data, 'lists/consolidated.json');
const unPath = join(data, 'lists/un_consolidated.json');
const queries = latencyQueries(per);
const queryFile = join(root, 'build/bench-queries.csv');
writeFileSync(queryFile, 'full_name\n' + queries.map((q) => `"${q.replaceAll('"', '""')}"`).join('\n') + '\n');
const results = { date: new Date().toISOString().slice(0, 10), queries: queries.length, engines: {} };
const log = (s) => process.stderr.write(s + '\n');

// The C++ benchmark, natively and as wasm under node: speed on the corpus, eval on the UN list.
const core = (cmd, cmdArgs) => {
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const coreArgs = ['--list', corpusPath, '--queries', queryFile, '--eval-list', unPath, '--eval-dir', join(data, 'eval-dev'), '--misses', '40'];
log('bench: native core');
results.engines.native = core(join(root, 'build/native/bench/exportscreen_bench'), coreArgs);
log('bench: wasm core under node');
results.engines.wasm_node_core = core(process.execPath, ['--no-experimental-fetch', join(root, 'build/wasm/bench/exportscreen_bench.js'), ...coreArgs]);

// The JS API under node.
const heap = watchWasmMemory();
const api = await import(join(root, 'build/site/exportscreen.js'));
const wasmBinary = new Uint8Array(readFileSync(join(root, 'build/site/exportscreen-core.wasm')));
const list = new Uint8Array(readFileSync(corpusPath));
const { un, files } = evalSets(negatives);
log('bench: JS API under node');
results.engines.wasm_node_api = await benchApi({
  createScreener: api.createScreener, wasmBinary, heapBytes: heap, list, queries,
  evalList: new Uint8Array(readFileSync(unPath)), evalFiles: files,
});

// The JS API in headless Chromium (Debian's chromium through playwright-core).
if (!skip.has('chromium')) {
  log('bench: JS API in Chromium');
  const { launch, serve } = await import('../tests/browser/support.mjs');
  const { server, url } = await serve({ csp: null });
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.route('**/__bench/**', (route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop();
      if (name === 'consolidated.json') return route.fulfill({ body: readFileSync(corpusPath), contentType: 'application/json' });
      if (name === 'page.html') return route.fulfill({ body: '<!doctype html><title>bench</title>', contentType: 'text/html' });
      return route.fulfill({ body: readFileSync(join(root, 'bench', name)), contentType: 'text/javascript' });
    });
    await page.goto(`${url}__bench/page.html`);
    results.engines.wasm_chromium_api = await page.evaluate(async (queries) => {
      const { benchApi, watchWasmMemory } = await import('/__bench/api-bench.mjs');
      const heapBytes = watchWasmMemory();
      const api = await import('/exportscreen.js');
      const wasmBinary = new Uint8Array(await (await fetch('/exportscreen-core.wasm')).arrayBuffer());
      const list = new Uint8Array(await (await fetch('/__bench/consolidated.json')).arrayBuffer());
      return benchApi({ createScreener: api.createScreener, wasmBinary, heapBytes, list, queries });
    }, queries);
    results.engines.wasm_chromium_api.browser = browser.version();
  } finally {
    await browser.close();
    server.close();
  }
}

// fuse.js on the same queries (its eval on a sample of the negatives: it is slow).
if (!skip.has('fuse')) {
  log('bench: fuse.js');
  results.engines.fuse = benchFuse({ corpus: JSON.parse(readFileSync(corpusPath, 'utf8')), queries, un, evalFiles: files });
}

results.machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memory_gib: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  emscripten: spawnSync('emcc', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? '',
  gxx: spawnSync('g++', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? '',
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/latest.json'), JSON.stringify(results, null, 1) + '\n');

// The table.
const E = results.engines;
const rows = [['engine', 'load ms', 'index ms', 'peak KiB', 'p50 ms', 'p99 ms', 'queries/s']];
const fmt = (x, d = 3) => (x === undefined ? '-' : typeof x === 'number' ? x.toFixed(d) : String(x));
for (const [name, e] of Object.entries(E)) {
  const lat = e.latency_api ?? e.latency;
  rows.push([name, fmt(e.corpus?.parse_ms, 0), fmt(e.corpus?.index_ms, 0),
    fmt(e.corpus?.index_peak_rss_kib ?? e.corpus?.heap_kib, 0), fmt(lat?.p50_ms), fmt(lat?.p99_ms), fmt(lat?.throughput_qps, 0)]);
  if (e.latency) rows.push([`${name} (core)`, '', '', '', fmt(e.latency.p50_ms), fmt(e.latency.p99_ms), fmt(e.latency.throughput_qps, 0)]);
}
console.log(`\n${queries.length} queries (the first ${per} of each eval-dev file) against consolidated.json; ${results.machine.cpu}, ${results.machine.cores} cores\n`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(26) : c.padStart(10))).join(''));
const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : '-');
console.log(`\nwasm/native p50 (core): ${ratio(E.wasm_node_core?.latency.p50_ms, E.native?.latency.p50_ms)}; ` +
  `(JSON API, node): ${ratio(E.wasm_node_api?.latency_api.p50_ms, E.native?.latency_api.p50_ms)}; ` +
  `(JSON API, Chromium): ${ratio(E.wasm_chromium_api?.latency_api.p50_ms, E.native?.latency_api.p50_ms)}; ` +
  `index build wasm/native: ${ratio(E.wasm_node_core?.corpus.index_ms, E.native?.corpus.index_ms)}`);
if (E.fuse) {
  console.log(`fuse.js / exportscreen p50 (JS API, node): ${ratio(E.fuse.latency_api.p50_ms, E.wasm_node_api.latency_api.p50_ms)}x; ` +
    `throughput exportscreen / fuse.js: ${ratio(E.wasm_node_api.latency_api.throughput_qps, E.fuse.latency_api.throughput_qps)}x`);
}
console.log('\neval-dev against un_consolidated.json (default threshold 0.85; fuse.js: default threshold 0.6, top result):');
for (const f of EVAL_FILES) {
  const cells = [f.padEnd(44)];
  for (const [name, e] of Object.entries(E)) {
    const v = Array.isArray(e.eval) ? e.eval.find((x) => x.file === f) : e.eval?.[f];
    if (!v) continue;
    cells.push(`${name}: ${v.recall !== undefined ? `recall ${(100 * v.recall).toFixed(2)}%` : `FP ${(100 * v.false_positive_rate).toFixed(3)}%`} (${v.queries})`);
  }
  console.log(cells.join('  '));
}
