// Benchmark of the widget's batch screening: N rows screened through <export-screen> (CSV read
// by the core in the worker, 200-row chunks over the worker protocol, the results table) in
// Debian's Chromium, against the same rows screened directly with the JS API in Node in the same
// run (same wasm, same chunks): the ratio is the cost of the worker, the protocol and the page.
// It also reports what the page lives through (issue 16): the longest main-thread task while the
// batch runs (PerformanceObserver 'longtask', Chromium's tasks over 50 ms) and the peak resident
// memory of the renderer process that runs the page and its worker (VmHWM in /proc, Linux), and
// the worker engine's own peak: its WebAssembly heap as the worker reports it (batch.heap_bytes).
//   node bench/widget-batch.mjs [--rows N] [--list builtin|full]     (defaults: 10000, builtin)
// `full` is ../shared/data/lists/consolidated.csv (23,612 records); the rows are synthetic
// persons from ../shared/data/eval-dev (none listed) with every 20th row a listed name.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { launch, serve, ready } from '../tests/browser/support.mjs';
import { loadApi, shared } from '../tests/js/support.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const rowsWanted = Number(opt('--rows', 10000));
const listKind = opt('--list', 'builtin');

const negatives = shared('eval-dev/yente_negatives_global.csv');
const listPath = listKind === 'full' ? shared('lists/consolidated.csv') : null;
if (!negatives || (listKind === 'full' && !listPath)) {
  console.log('widget-batch: skipped, ../shared/data is absent');
  process.exit(0);
}

// Rows: synthetic persons, and every 20th a name from the list screened against.
const api = await loadApi();
const direct = await api.create({ builtin: listKind !== 'full' });
let listBytes = null;
if (listPath) {
  listBytes = readFileSync(listPath);
  direct.loadList(listBytes, { label: 'consolidated.csv', as_of: '2026-11-20', replace: true });
}
const people = readFileSync(negatives, 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.split(',')[0])
  .filter(Boolean);
const listed = direct
  .match({ name: 'Huawei', min_score: 0, limit: 1000 })
  .matches.map((m) => m.name);
const rows = [];
for (let i = 0; rows.length < rowsWanted; i++)
  rows.push(i % 20 === 0 ? listed[i % listed.length] : people[i % people.length]);
const cell = (c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
const dir = mkdtempSync(join(tmpdir(), 'es-bench-'));
const csv = join(dir, 'parties.csv');
writeFileSync(csv, ['name', ...rows.map(cell)].join('\n'));

// Direct: the JS API in Node, 200-row requests.
let t0 = performance.now();
for (let i = 0; i < rows.length; i += 200)
  direct.screen({ parties: rows.slice(i, i + 200).map((name) => ({ name })) });
const directMs = performance.now() - t0;

// The renderer processes of the Chromium this benchmark started (descendants of this process),
// with their resident memory now and at its peak, in KiB. Empty where /proc is absent.
function renderers() {
  const parent = (pid) => {
    try {
      return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
    } catch {
      return 0;
    }
  };
  const ours = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 16; p = parent(p), hops++)
      if (p === process.pid) return true;
    return false;
  };
  const out = [];
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const d of pids) {
    try {
      if (!readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      if (!ours(Number(d))) continue;
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      const kib = (k) => Number(status.match(new RegExp(`${k}:\\s+(\\d+)`))?.[1] ?? 0);
      out.push({ pid: Number(d), rss: kib('VmRSS'), hwm: kib('VmHWM') });
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

// The widget in Chromium.
const server = await serve();
const browser = await launch();
const context = await browser.newContext();
await context.addInitScript(() => {
  const w = /** @type {any} */ (window);
  w.__longest = 0;
  w.__longTasks = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      w.__longTasks++;
      w.__longest = Math.max(w.__longest, e.duration);
      (w.__tasks ??= []).push([e.startTime, e.duration]);
    }
  }).observe({ type: 'longtask', buffered: true });
});
const page = await context.newPage();
await page.goto(server.url);
await ready(page);
const w = page.locator('export-screen');
let listMs = null;
if (listPath) {
  t0 = performance.now();
  await w.locator('#list-file').setInputFiles(listPath);
  await page.waitForFunction(
    () => document.querySelector('export-screen').lists[0]?.records > 20000,
    null,
    { timeout: 0 },
  );
  listMs = performance.now() - t0;
}
await page.evaluate(() => document.querySelector('export-screen').setAttribute('mode', 'batch'));
await w.locator('#batch-file').setInputFiles(csv);
await w.locator('#map-name').waitFor({ timeout: 120000 });
const rssBefore = Math.max(0, ...renderers().map((r) => r.rss));
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  for (const r of renderers()) rssPeak = Math.max(rssPeak, r.rss);
}, 100);
const widgetMs = await page.evaluate(
  () =>
    new Promise((resolve) => {
      const w = /** @type {any} */ (window);
      w.__longest = 0;
      w.__longTasks = 0;
      w.__tasks = [];
      const el = document.querySelector('export-screen');
      const start = performance.now();
      w.__start = start;
      el.addEventListener('screen-result', () => resolve(performance.now() - start), {
        once: true,
      });
      el.shadowRoot.querySelector('form button[type="submit"]').click();
    }),
);
clearInterval(sampler);
const hwm = Math.max(0, ...renderers().map((r) => r.hwm));
const { longest, longTasks, tasks } = await page.evaluate(() => {
  const w = /** @type {any} */ (window);
  // The longest tasks, with when they started (ms after the batch was started) and how long.
  const tasks = (w.__tasks ?? [])
    .map(([at, ms]) => [Math.round(at - w.__start), Math.round(ms)])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  return { longest: w.__longest, longTasks: w.__longTasks, tasks };
});
const { screened, heapBytes } = await page.evaluate(() => {
  const batch = document.querySelector('export-screen').batch;
  return {
    screened: batch.rows.filter((r) => r.verdict !== 'not_screened').length,
    heapBytes: batch.heap_bytes,
  };
});
await browser.close();
server.server.close();

const rate = (ms) => Math.round((rows.length / ms) * 1000);
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
      list: listKind === 'full' ? 'consolidated.csv, 23,612 records' : 'built-in, 261 records',
      rows: rows.length,
      screened,
      list_load_in_widget_ms: listMs && Math.round(listMs),
      widget_ms: Math.round(widgetMs),
      widget_rows_per_s: rate(widgetMs),
      direct_node_ms: Math.round(directMs),
      direct_rows_per_s: rate(directMs),
      widget_over_direct: Number((widgetMs / directMs).toFixed(2)),
      longest_main_thread_task_ms: Math.round(longest),
      main_thread_long_tasks: longTasks,
      longest_tasks_at_ms: tasks,
      renderer_rss_before_mib: Math.round(rssBefore / 1024),
      renderer_rss_peak_sampled_mib: Math.round(rssPeak / 1024),
      renderer_peak_rss_mib: Math.round(hwm / 1024),
      // The worker's engine: its WebAssembly heap, as the worker reports it (a heap never
      // shrinks, so this is its peak).
      worker_heap_peak_mib: heapBytes ? Number((heapBytes / 2 ** 20).toFixed(1)) : null,
    },
    null,
    1,
  ),
);
