// Benchmark of the widget's batch screening: N rows screened through <export-screen> (CSV read
// by the core in the worker, 200-row chunks over the worker protocol, the results table) in
// Debian's Chromium, against the same rows screened directly with the JS API in Node in the same
// run (same wasm, same chunks): the ratio is the cost of the worker, the protocol and the page.
//   node bench/widget-batch.mjs [--rows N] [--list builtin|full]     (defaults: 10000, builtin)
// `full` is ../shared/data/lists/consolidated.csv (23,612 records); the rows are synthetic
// persons from ../shared/data/eval-dev (none listed) with every 20th row a listed name.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
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

// The widget in Chromium.
const server = await serve();
const browser = await launch();
const page = await (await browser.newContext()).newPage();
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
await w.locator('#map-name').waitFor();
const widgetMs = await page.evaluate(
  () =>
    new Promise((resolve) => {
      const el = document.querySelector('export-screen');
      const start = performance.now();
      el.addEventListener('screen-result', () => resolve(performance.now() - start), {
        once: true,
      });
      el.shadowRoot.querySelector('form button[type="submit"]').click();
    }),
);
const screened = await page.evaluate(
  () =>
    document.querySelector('export-screen').batch.rows.filter((r) => r.verdict !== 'not_screened')
      .length,
);
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
    },
    null,
    1,
  ),
);
