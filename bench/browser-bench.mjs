// The benchmarks that need Debian's Chromium (headless, playwright-core), used by bench/run.mjs:
// the engine in the widget's worker as users get it (screen-worker.js over worker-protocol.js),
// the widget's transfer size on a cold load, and the time to first result on a cold page load.
import { gzipSync } from 'node:zlib';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../scripts/serve.mjs';
import { launch, site } from '../tests/browser/support.mjs';

const percentile = (values, p) => {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.round(p * (v.length - 1)))] : 0;
};
const median = (values) => percentile(values, 0.5);
// The median and range of a measure's times, as each benchmark below reports them.
const summary = (v) => ({ median_ms: median(v), min_ms: Math.min(...v), max_ms: Math.max(...v) });

// The minimal host pages: nothing but the element (and its module), as a host would write it.
const hostPage = (attrs = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>exportscreen host</title>
<script type="module" src="/export-screen-define.js"></script></head>
<body><export-screen mode="parties"${attrs}></export-screen></body></html>
`;

// The browser's own share of a cold load (benchFloor): a page whose module script starts a module
// worker that answers at once, and one whose worker first compiles the widget's module as it
// streams. No widget, no engine: what any page doing this costs on the machine.
const floorPage = (query) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>exportscreen floor</title>
<script type="module" src="/bench-floor.js${query}"></script></head><body><p>floor</p></body></html>
`;
const FLOOR_SCRIPT = `const query = new URL(import.meta.url).search;
const worker = new Worker(new URL(\`./bench-floor-worker.js\${query}\`, import.meta.url), { type: 'module' });
worker.onmessage = () => {
  window.__floor = performance.now();
  console.debug('exportscreen-bench:floor');
};
`;
const FLOOR_WORKER = `if (new URL(import.meta.url).search === '?compile') {
  await WebAssembly.compileStreaming(fetch(new URL('./exportscreen-core.wasm', import.meta.url)));
}
postMessage('up');
`;

// A bare form, typed as the widget is (benchTtfr's `beside`): an <export-screen> that nothing
// defines, holding a name field and a button in the page's own markup; submitting shows the name
// and sends screen-result. What Playwright's typing and a page's first paint cost on the machine.
const FORM_FLOOR_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>exportscreen floor</title></head>
<body><export-screen><form><label for="name">Name</label> <input id="name" autocomplete="off">
<button>Screen</button></form></export-screen>
<script src="/bench-floor-form.js"></script></body></html>
`;
const FORM_FLOOR_SCRIPT = `const host = document.querySelector('export-screen');
host.querySelector('form').addEventListener('submit', (e) => {
  e.preventDefault();
  const p = document.createElement('p');
  p.textContent = 'Screened: ' + host.querySelector('input').value;
  host.append(p);
  host.dispatchEvent(new CustomEvent('screen-result', { bubbles: true }));
});
`;

/**
 * Serves build/site plus the benchmark's own files from one origin (a directory of links under
 * build/, so the strict server is unchanged): the host pages and, when given, the full corpus.
 */
export async function benchSite(root, corpusPath) {
  const dir = join(root, 'build/bench-site');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(site)) symlinkSync(join(site, name), join(dir, name));
  writeFileSync(join(dir, 'bench-host.html'), hostPage());
  writeFileSync(join(dir, 'bench-floor.html'), floorPage(''));
  writeFileSync(join(dir, 'bench-floor-compile.html'), floorPage('?compile'));
  writeFileSync(join(dir, 'bench-floor.js'), FLOOR_SCRIPT);
  writeFileSync(join(dir, 'bench-floor-worker.js'), FLOOR_WORKER);
  writeFileSync(join(dir, 'bench-floor-form.html'), FORM_FLOOR_PAGE);
  writeFileSync(join(dir, 'bench-floor-form.js'), FORM_FLOOR_SCRIPT);
  if (corpusPath) {
    symlinkSync(corpusPath, join(dir, 'bench-corpus.json'));
    writeFileSync(join(dir, 'bench-host-full.html'), hostPage(' list-src="/bench-corpus.json"'));
  }
  symlinkSync(join(root, 'bench/api-bench.mjs'), join(dir, 'bench-api-bench.mjs'));
  // The widget's own modules (dist/ ships them bundled): the worker's protocol client.
  symlinkSync(join(root, 'web/src'), join(dir, 'bench-src'));
  writeFileSync(join(dir, 'bench-blank.html'), '<!doctype html><title>bench</title>\n');
  return startServer({ root: dir });
}

/**
 * The engine in the widget's worker: list load (bytes sent to the worker, parse, index), single
 * screenings (request to answer, as the quick party screening sends them) and a batch in
 * 200-row screenRows chunks (what <export-screen mode="batch"> sends).
 */
export async function benchWorker({ browser, url, listBytes, queries, batchNames }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}bench-blank.html`);
  const out = await page.evaluate(
    async ({ queries, batchNames }) => {
      const { ScreenWorkerClient, WorkerRequest } = await import('/bench-src/worker-protocol.js');
      const client = new ScreenWorkerClient({
        createWorker: () =>
          new Worker('/screen-worker.js', { type: 'module', name: 'exportscreen' }),
      });
      const now = () => performance.now();
      let t = now();
      await client.request(WorkerRequest.INIT, { cache: false });
      const init_ms = now() - t;
      const list = new Uint8Array(await (await fetch('/bench-corpus.json')).arrayBuffer());
      let indexStart = 0;
      const loadStart = now();
      const loaded = await client.request(
        WorkerRequest.LOAD_LIST,
        { bytes: list, label: 'consolidated.json', cache: false },
        {
          onProgress: (p) => {
            if (p.phase === 'index' && !indexStart) indexStart = now();
          },
        },
      );
      const end = now();
      const latency = [];
      let flagged = 0;
      const q0 = now();
      for (const name of queries) {
        const s = now();
        const r = await client.request(WorkerRequest.SCREEN, { request: { parties: [{ name }] } });
        latency.push(now() - s);
        if (r.party_matches?.length) flagged++;
      }
      const queriesMs = now() - q0;
      t = now();
      let screened = 0;
      for (let i = 0; i < batchNames.length; i += 200) {
        const r = await client.request(WorkerRequest.SCREEN_ROWS, {
          rows: batchNames.slice(i, i + 200).map((name) => ({ name })),
        });
        screened += r.rows.filter((row) => row && !row.error).length;
      }
      const batchMs = now() - t;
      client.terminate();
      return {
        init_ms,
        records: loaded.list.records,
        load_ms: end - loadStart,
        parse_ms: (indexStart || end) - loadStart,
        index_ms: indexStart ? end - indexStart : null,
        latency,
        queriesMs,
        flagged,
        batch: { names: batchNames.length, screened, ms: batchMs },
      };
    },
    { queries, batchNames },
  );
  await context.close();
  return {
    corpus: {
      records: out.records,
      parse_ms: out.parse_ms,
      index_ms: out.index_ms,
      load_ms: out.load_ms,
    },
    init_ms: out.init_ms,
    latency_api: {
      queries: queries.length,
      p50_ms: percentile(out.latency, 0.5),
      p99_ms: percentile(out.latency, 0.99),
      throughput_qps: (1000 * queries.length) / out.queriesMs,
      flagged: out.flagged,
    },
    batch: {
      names: out.batch.names,
      screened: out.batch.screened,
      screen_ms: out.batch.ms,
      screen_names_per_s: (1000 * out.batch.names) / out.batch.ms,
    },
  };
}

/**
 * What a cold load of the minimal host page transfers, each response gzipped at level 9 (the
 * bytes a server with gzip would send), read from the files the server sent.
 */
export async function benchTransfer({ browser, url, root }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = [];
  context.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await page.goto(`${url}bench-host.html`);
  await page.waitForFunction(() => document.querySelector('export-screen')?.lists?.length > 0);
  await page.waitForLoadState('networkidle');
  await context.close();
  return transferOf(seen, join(root, 'build/bench-site'), root);
}

/**
 * The transfer of the files at `paths` (as requested: '/x.js') under `dir`, each gzipped at level
 * 9; paths that are not files there (a page a test routes, a fetch that failed) are left out.
 * `without_list_gzip` is the figure the widget's budget (TARGETS.widget_gzip_bytes) is about:
 * all of it, less the host page and the built-in list's data.
 */
export function transferOf(paths, dir, root) {
  const files = [];
  for (const path of [...new Set(paths)]) {
    const file = join(dir, decodeURIComponent(path));
    let bytes;
    try {
      if (!statSync(file).isFile()) continue;
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    files.push({ path, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  const sum = (k, f = () => true) => files.filter(f).reduce((s, x) => s + x[k], 0);
  // The built-in list is compiled into the wasm as the pack the build wrote (its entries and
  // their normalized names, core/gen/prebuild.cpp); its share is estimated by that pack's own
  // gzip size, as it is not separable in the module.
  const listPack = readFileSync(join(root, 'build/wasm/generated/builtin_list.pack'));
  const builtinGzip = gzipSync(listPack, { level: 9 }).length;
  const total = sum('gzip');
  return {
    requests: files.length,
    files,
    total_bytes: sum('bytes'),
    total_gzip: total,
    host_page_gzip: sum('gzip', (f) => f.path === '/bench-host.html'),
    builtin_list_gzip: builtinGzip,
    builtin_list_bytes: listPack.length,
    without_list_gzip: total - builtinGzip - sum('gzip', (f) => f.path === '/bench-host.html'),
  };
}

/**
 * Time to first result on a cold page load: a new browser context each run (no HTTP cache, no
 * IndexedDB), from navigation start (performance.timeOrigin) to the first screen-result of the
 * typed name against the wanted list. The name is typed as soon as the field exists and sent
 * with Enter (submitting skips the pause the widget waits after the last keystroke, 0.8 s).
 * With entry 'script', a script of the page enters it instead, the moment the field exists (an
 * input event, then the form's requestSubmit(), which is what Enter does): the same load without
 * Playwright's share (its script evaluated in the page, its checks that the field is visible and
 * stable over animation frames, its round trips to the browser).
 * With `beside`, each run also loads that page (a bare form, bench-floor-form.html), typed the
 * same way, the two loads alternating in order: what Playwright's typing costs on the machine in
 * the same minutes, so the widget's share is the difference (and the ratio) of two medians
 * measured side by side.
 * The page tells the benchmark when the engine is up and when the result came by a console
 * message (a DevTools event it sends once): polling the page from here would run a task in it
 * every few milliseconds, and evaluate Playwright's script in it, on the two cores the load
 * measured shares.
 */
export async function benchTtfr({
  browser,
  url,
  page: pageName,
  name,
  minRecords = 0,
  runs = 5,
  pauseMs = 0,
  entry = 'playwright',
  beside,
}) {
  const times = [];
  const besideTimes = [];
  // With pauseMs, the name is typed only once the engine is up and pauseMs more have passed, as a
  // person types it: what counts then is the time from Enter to the result.
  const afterEnter = [];
  // Where each run's time went: when the page created the worker, when the worker answered the
  // engine's start (its init answer, the first to carry the country table), when the typing
  // ended (Enter) and when the worker answered the screening that gave the result counted.
  const phases = { worker: [], engine: [], enter: [], answer: [] };
  const load = () => coldLoad({ browser, url, pageName, name, minRecords, pauseMs, entry });
  // The bare form has no engine to wait for and no list: typed with Playwright at once.
  const loadBeside = async () =>
    (await coldLoad({ browser, url, pageName: beside, name, minRecords: 0, pauseMs: 0 })).result;
  for (let i = 0; i < runs; i++) {
    if (beside && i % 2) besideTimes.push(await loadBeside());
    const { result, marks } = await load();
    if (beside && !(i % 2)) besideTimes.push(await loadBeside());
    times.push(result);
    afterEnter.push(result - marks.enter);
    phases.worker.push(marks.worker);
    phases.engine.push(marks.engine);
    phases.enter.push(marks.enter);
    phases.answer.push(Math.max(...marks.answers.filter((t) => t <= result)));
  }
  return {
    runs: times.length,
    entry,
    ...summary(times),
    times_ms: times,
    ...(beside ? { beside: { page: beside, ...summary(besideTimes), times_ms: besideTimes } } : {}),
    ...(pauseMs > 0
      ? {
          pause_ms: pauseMs,
          enter_to_result_ms: {
            median: median(afterEnter),
            min: Math.min(...afterEnter),
            max: Math.max(...afterEnter),
          },
        }
      : {}),
    phases_ms: Object.fromEntries(
      Object.entries(phases).map(([k, v]) => {
        const seen = v.filter(Number.isFinite);
        return [k, seen.length ? median(seen) : null];
      }),
    ),
  };
}

// One cold load of benchTtfr: {result, marks} in ms after navigation start.
async function coldLoad({
  browser,
  url,
  pageName,
  name,
  minRecords,
  pauseMs,
  entry = 'playwright',
}) {
  const context = await browser.newContext();
  await context.addInitScript(
    ({ minRecords, name, byScript }) => {
      window.__firstResult = null;
      const marks = (window.__marks = { answers: [] });
      const mark = (k) => {
        marks[k] ??= performance.now();
      };
      const signal = (what) => console.debug(`exportscreen-bench:${what}`);
      const PageWorker = window.Worker;
      window.Worker = class extends PageWorker {
        constructor(...args) {
          mark('worker');
          super(...args);
          this.addEventListener('message', (e) => {
            if (e.data?.ok && e.data.result?.countries && marks.engine === undefined) {
              mark('engine');
              signal('engine');
            }
            if (e.data?.ok && e.data.result?.verdict) marks.answers.push(performance.now());
          });
        }
      };
      document.addEventListener('keydown', (e) => e.key === 'Enter' && mark('enter'), true);
      document.addEventListener('screen-result', (e) => {
        // Any result counts when no list size is asked for (the bare form has no lists).
        const lists = e.target.lists ?? [];
        const wanted = minRecords === 0 || lists.some((l) => l.records >= minRecords);
        if (window.__firstResult === null && wanted) {
          window.__firstResult = performance.now();
          signal('result');
        }
      });
      if (byScript) {
        const enter = () => {
          const field = document.querySelector('export-screen')?.shadowRoot?.querySelector('#name');
          if (!field?.form) {
            setTimeout(enter);
            return;
          }
          field.focus();
          field.value = name;
          field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
          mark('enter');
          field.form.requestSubmit();
        };
        // The element renders its form when it is defined (upgraded): from then on.
        customElements.whenDefined('export-screen').then(enter);
      }
    },
    { minRecords, name, byScript: entry === 'script' },
  );
  const page = await context.newPage();
  const signal = (what, timeout) =>
    page.waitForEvent('console', {
      predicate: (m) => m.text() === `exportscreen-bench:${what}`,
      timeout,
    });
  const engineUp = signal('engine', 60000);
  engineUp.catch(() => {}); // awaited only when typing waits for the engine
  const firstResult = signal('result', 120000);
  await page.goto(`${url}${pageName}`, { waitUntil: 'commit' });
  const field = page.locator('export-screen').getByRole('textbox').first();
  if (pauseMs > 0) {
    await engineUp;
    await page.waitForTimeout(pauseMs);
  }
  if (entry !== 'script') {
    await field.fill(name, { timeout: 60000 });
    await field.press('Enter');
  }
  await firstResult;
  // A result computed before the full list arrived is re-run by the widget when it lands.
  const { result, marks } = await page.evaluate(() => ({
    result: window.__firstResult,
    marks: window.__marks,
  }));
  await context.close();
  return { result, marks };
}

/**
 * The floor under the time to first result on this machine: cold loads (a new browser context
 * each, like benchTtfr's) of the two pages above, alternating, from navigation start to the
 * worker's answer. `worker`: a page, its module script and a module worker's first message;
 * `compile`: the same with the widget's module fetched and compiled in the worker first.
 */
export async function benchFloor({ browser, url, runs = 5 }) {
  const times = { worker: [], compile: [] };
  for (let i = 0; i < runs; i++) {
    for (const [kind, pageName] of [
      ['worker', 'bench-floor.html'],
      ['compile', 'bench-floor-compile.html'],
    ]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const answered = page.waitForEvent('console', {
        predicate: (m) => m.text() === 'exportscreen-bench:floor',
        timeout: 60000,
      });
      await page.goto(`${url}${pageName}`, { waitUntil: 'commit' });
      await answered;
      times[kind].push(await page.evaluate(() => window.__floor));
      await context.close();
    }
  }
  return { runs, worker: summary(times.worker), compile: summary(times.compile) };
}

export { launch };
