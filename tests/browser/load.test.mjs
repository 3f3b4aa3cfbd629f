// Browser tests of the widget when the world around it fails (issue 16): a list-src server that
// misbehaves on purpose (404, 500, a connection cut mid-file, a stall, a web page in place of the
// list, a wrong Content-Type, 200 MB), two widgets on one page and a widget removed and added
// again while it screens (no worker left behind), the worker started before the element's code
// (taken by the element, stopped when no element takes it, replaced when it failed), and
// invisible characters shown in a result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  useBrowser,
  instrument,
  ready,
  fixturePath,
  toStep,
  site,
  staticImports,
} from './support.mjs';
import { startServer } from '../../scripts/serve.mjs';

const sample = readFileSync(fixturePath('csl-sample.csv'));
const MiB = 1024 * 1024;

// The site, plus /bad/*: list files served wrongly on purpose. Every other path is the site.
async function misbehavingSite() {
  const served = await startServer({ root: site });
  const files = served.server.listeners('request')[0];
  const open = new Set();
  served.server.removeAllListeners('request');
  served.server.on('request', (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (!path.startsWith('/bad/')) return files(req, res);
    served.requests.push(path);
    open.add(res);
    res.on('close', () => open.delete(res));
    const csv = { 'Content-Type': 'text/csv' };
    switch (path) {
      case '/bad/404.csv':
        return res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      case '/bad/500.csv':
        return res.writeHead(500, { 'Content-Type': 'text/plain' }).end('server error');
      case '/bad/cut.csv':
        // Half the file, then the connection is reset.
        res.writeHead(200, { ...csv, 'Content-Length': sample.length });
        res.write(sample.subarray(0, sample.length >> 1), () =>
          setTimeout(() => res.socket?.destroy(), 50),
        );
        return undefined;
      case '/bad/stall.csv': {
        // The headers and a first part, then nothing for 30 s.
        res.writeHead(200, { ...csv, 'Content-Length': sample.length });
        res.write(sample.subarray(0, 1000));
        const t = setTimeout(() => res.end(sample.subarray(1000)), 30000);
        res.on('close', () => clearTimeout(t));
        return undefined;
      }
      case '/bad/portal.csv':
        // A sign-in portal or proxy page sent with 200 in place of the file.
        return res
          .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
          .end('<!doctype html><html><title>Sign in</title><p>Please sign in</p></html>');
      case '/bad/octet.csv':
        // The right file with a wrong Content-Type: the bytes decide, the list loads.
        return res
          .writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': sample.length })
          .end(sample);
      case '/bad/huge-announced.csv':
        // 200 MB announced: refused before the body is read.
        res.writeHead(200, { ...csv, 'Content-Length': 200 * MiB });
        res.write(sample);
        return undefined;
      case '/bad/huge-chunked.csv': {
        // 200 MB with no length: stopped once it passes the limit.
        res.writeHead(200, csv);
        const row = Buffer.from(`${sample.toString().split('\n')[1]}\n`);
        const block = Buffer.concat(Array(Math.ceil(MiB / row.length)).fill(row));
        let sent = 0;
        const more = () => {
          while (sent < 200 * MiB && !res.destroyed) {
            sent += block.length;
            if (!res.write(block)) return void res.once('drain', more);
          }
          if (!res.destroyed) res.end();
        };
        res.write(sample);
        more();
        return undefined;
      }
      default:
        return res.writeHead(404).end();
    }
  });
  const close = served.server.close.bind(served.server);
  served.server.close = (cb) => {
    for (const res of open) res.socket?.destroy();
    return close(cb);
  };
  return served;
}

const env = useBrowser({ serve: misbehavingSite });
const widget = (page) => page.locator('export-screen');

async function openChecked(url) {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  await instrument(context);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await ready(page);
  return { context, page, problems };
}

// The demo page: a staff widget on the built-in list (the public self-check form hides the lists
// panel and loads its host's list).
test('list-src from a server that misbehaves: each failure is a clear message in the lists panel, the built-in list stays, the typed name is kept', async () => {
  const { context, page, problems } = await openChecked(`${env.server.url}index.html`);
  // A download's stall limit is the worker's (stall_ms in the loadList request, worker-protocol.js):
  // the page's requests ask for 1.5 s instead of 20 s.
  await page.evaluate(async () => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (msg, transfer) {
      const shortened = msg?.type === 'loadList' && msg.url ? { ...msg, stall_ms: 1500 } : msg;
      return post.call(this, shortened, transfer);
    };
    window.__errors = [];
    document.addEventListener('screen-error', (e) => window.__errors.push(e.detail.error));
  });
  const w = widget(page);
  await toStep(w, 'parties');
  await w.getByLabel('Party name').fill('Abu ABBAS');

  const cases = [
    ['404.csv', 'list_fetch_failed', /could not be downloaded.*HTTP 404/s],
    ['500.csv', 'list_fetch_failed', /could not be downloaded.*HTTP 500/s],
    ['cut.csv', 'list_fetch_failed', /could not be downloaded.*bad\/cut\.csv/s],
    ['stall.csv', 'list_fetch_failed', /could not be downloaded.*sent nothing for 1\.5 s/s],
    ['portal.csv', 'list_fetch_failed', /could not be downloaded.*a web page \(text\/html/s],
    [
      'huge-announced.csv',
      'list_too_large',
      /larger than the screening engine accepts.*announces 209715200 bytes/s,
    ],
    [
      'huge-chunked.csv',
      'list_too_large',
      /larger than the screening engine accepts.*more than 67108864 bytes/s,
    ],
  ];
  for (const [file, code, text] of cases) {
    const before = await page.evaluate(() => window.__errors.length);
    await page.evaluate(
      (src) => document.querySelector('export-screen').setAttribute('list-src', src),
      `../bad/${file}`,
    );
    await page.waitForFunction((n) => window.__errors.length > n, before, { timeout: 30000 });
    assert.equal((await page.evaluate(() => window.__errors.at(-1))).code, code, file);
    assert.match(await w.locator('.lists-panel .error-box').innerText(), text, file);
    const lists = await page.evaluate(() => document.querySelector('export-screen').lists);
    assert.deepEqual(
      lists.map((l) => l.builtin),
      [true],
      `${file}: the built-in list is still in use`,
    );
    assert.equal(await w.getByLabel('Party name').inputValue(), 'Abu ABBAS', file);
  }

  // The right file with a wrong Content-Type loads: the core reads the bytes.
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('list-src', '../bad/octet.csv'),
  );
  await page.waitForFunction(
    () => document.querySelector('export-screen').lists?.[0]?.records === 12,
  );
  assert.equal(await w.locator('.lists-panel .error-box').count(), 0);
  assert.equal(await w.getByLabel('Party name').inputValue(), 'Abu ABBAS');
  // The worker is still the first one: no failure above cost it.
  assert.equal(await page.evaluate(() => window.__workers.length), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

// Waits (at most 5 s) until the page runs `n` workers.
async function workersBecome(page, n) {
  for (let i = 0; i < 100 && page.workers().length !== n; i++) await page.waitForTimeout(50);
}

test('a widget removed and added again screens against the list it was given, also one not kept in the browser (no-cache)', async () => {
  const { context, page, problems } = await openChecked(`${env.server.url}index.html`);
  const lists = () =>
    page.evaluate(() =>
      document.querySelector('#again').lists.map(({ source, records, sha256, builtin }) => ({
        source,
        records,
        sha256,
        builtin,
      })),
    );
  const screenAbbas = () =>
    page.evaluate(async () => {
      const el = document.querySelector('#again');
      el.parties = [{ name: 'Abu ABBAS' }];
      return (await el.screen()).verdict;
    });
  await page.evaluate(async (text) => {
    const el = document.createElement('export-screen');
    el.id = 'again';
    el.setAttribute('mode', 'check');
    el.setAttribute('no-cache', '');
    document.querySelector('main').append(el);
    await el.loadList(text, { label: 'csl-sample.csv' });
  }, sample.toString('utf8'));
  const given = await lists();
  assert.ok(
    given.some((l) => !l.builtin),
    'the given list is in use',
  );
  assert.equal(await screenAbbas(), 'stop', 'an SDN party of the given list');
  await workersBecome(page, 2);

  await page.evaluate(() => {
    window.__again = document.querySelector('#again');
    window.__again.remove();
  });
  await workersBecome(page, 1);
  assert.equal(page.workers().length, 1, 'the removed widget left no worker');
  await page.evaluate(() => document.querySelector('main').append(window.__again));
  await workersBecome(page, 2);
  assert.equal(page.workers().length, 2, 'added again, it runs a new worker');
  // The new worker starts on the built-in list; the given bytes are loaded again before the
  // first screening.
  assert.equal(await screenAbbas(), 'stop', 'screened against the given list again');
  assert.deepEqual(await lists(), given);
  assert.deepEqual(problems, []);
  await context.close();
});

test('two widgets on one page each run their own worker; one removed while it screens leaves no worker behind, and added again it screens', async () => {
  const { context, page, problems } = await openChecked(`${env.server.url}index.html`);
  await page.evaluate(() => {
    const second = document.createElement('export-screen');
    second.id = 'second';
    second.setAttribute('mode', 'check');
    second.setAttribute('no-cache', '');
    document.querySelector('main').append(second);
  });
  await page.waitForFunction(() => document.querySelector('#second').lists?.length > 0);
  // Playwright learns of a worker when Chromium attaches to it, a little after it runs.
  await workersBecome(page, 2);
  assert.equal(page.workers().length, 2, 'one worker per widget');
  const screenBoth = () =>
    page.evaluate(async () => {
      const out = [];
      for (const el of document.querySelectorAll('export-screen')) {
        el.parties = [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }];
        out.push((await el.screen()).verdict);
      }
      return out;
    });
  const verdicts = await screenBoth();
  assert.equal(verdicts.length, 2);
  assert.equal(verdicts[0], verdicts[1], 'the same verdict from each widget');

  // Removed while a screening is on its way (held before the worker sees it), then added again.
  await page.evaluate(() => {
    window.__holdTypes.add('screen');
    const el = document.querySelector('#second');
    el.parties = [{ name: 'Abu ABBAS' }];
    window.__pending = el.screen().then((r) => r?.verdict ?? null);
    window.__removed = el;
    el.remove();
  });
  // The element stops its worker a task after it left the page (a move keeps it).
  await workersBecome(page, 1);
  assert.equal(page.workers().length, 1, 'the removed widget left no worker');
  assert.equal(
    await page.evaluate(() => window.__pending),
    null,
    'the screening of the removed widget ended without a result',
  );
  await page.evaluate(() => {
    window.__holdTypes.delete('screen');
    document.querySelector('main').append(window.__removed);
  });
  await page.waitForFunction(() => document.querySelector('#second').lists?.length > 0);
  await workersBecome(page, 2);
  assert.equal(page.workers().length, 2, 'added again, the widget runs a worker of its own');
  const again = await page.evaluate(async () => {
    const el = document.querySelector('#second');
    el.parties = [{ name: 'Abu ABBAS' }];
    return (await el.screen()).verdict;
  });
  assert.ok(['stop', 'review', 'license_required'].includes(again), again);
  // Both removed: no worker at all.
  await page.evaluate(() => document.querySelectorAll('export-screen').forEach((e) => e.remove()));
  await workersBecome(page, 0);
  assert.equal(page.workers().length, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

// A page with an <export-screen> in its HTML: export-screen-define.js starts the worker before
// the element's code is fetched, and the element takes that worker (export-screen.js is held here
// until the test lets it through, so each case is decided, whatever the machine's speed). The
// paths the page asked for are in `requested`.
async function openHeld({ failFirstWorker = false } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  await instrument(context);
  await context.addInitScript(() => {
    const Instrumented = window.Worker;
    window.__definedAtWorker = [];
    window.__workerErrors = 0;
    window.Worker = class extends Instrumented {
      constructor(...args) {
        window.__definedAtWorker.push(customElements.get('export-screen') !== undefined);
        super(...args);
        this.addEventListener('error', () => window.__workerErrors++);
      }
    };
  });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await context.route('**/export-screen.js', async (route) => {
    await held;
    await route.continue();
  });
  const requested = [];
  context.on('request', (r) => requested.push(new URL(r.url()).pathname));
  let workerScripts = 0;
  await context.route('**/screen-worker.js', (route) =>
    failFirstWorker && workerScripts++ === 0 ? route.abort() : route.continue(),
  );
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${env.server.url}index.html`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__workers.length === 1);
  return { context, page, problems, release, requested };
}

test("the worker of a widget in the page starts before the element's code arrives, and the element takes it (and the properties set meanwhile)", async () => {
  const { context, page, problems, release, requested } = await openHeld();
  assert.deepEqual(await page.evaluate(() => window.__definedAtWorker), [false]);
  // The chunks the element's module imports are asked for with it, not once it has arrived.
  const chunks = staticImports('export-screen.js').filter((f) => f !== '/export-screen.js');
  assert.ok(chunks.length > 0, 'export-screen.js imports chunks (scripts/build-web.mjs)');
  await page.waitForFunction(
    (n) =>
      performance.getEntriesByType('resource').filter((e) => /\/chunk-[^/]+\.js$/.test(e.name))
        .length >= n,
    chunks.length,
  );
  for (const chunk of chunks) assert.ok(requested.includes(chunk), `${chunk} was asked for`);
  // Properties set by the host before the element is defined are the element's once it is.
  await page.evaluate(() => {
    const el = document.querySelector('export-screen');
    el.mode = 'check';
    el.parties = [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }];
  });
  release();
  await ready(page);
  const verdict = await page.evaluate(async () => {
    const el = document.querySelector('export-screen');
    if (el.getAttribute('mode') !== 'check' || el.parties[0]?.name !== 'Huawei Technologies Co Ltd')
      return 'the properties set early were lost';
    return (await el.screen()).verdict;
  });
  assert.equal(verdict, 'license_required');
  assert.equal(await page.evaluate(() => window.__workers.length), 1, 'no second worker');
  await workersBecome(page, 1);
  assert.equal(page.workers().length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a widget removed before its code arrives leaves no worker behind; one added later starts its own', async () => {
  const { context, page, problems, release } = await openHeld();
  await workersBecome(page, 1);
  assert.equal(page.workers().length, 1, 'the worker started early runs');
  await page.evaluate(() => document.querySelector('export-screen').remove());
  release();
  await page.waitForFunction(() => customElements.get('export-screen') !== undefined);
  await workersBecome(page, 0);
  assert.equal(page.workers().length, 0, 'the worker no element took is stopped');
  await page.evaluate(() =>
    document.querySelector('main').append(document.createElement('export-screen')),
  );
  await ready(page);
  assert.equal(await page.evaluate(() => window.__workers.length), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a worker started early that failed is not given to the widget: it starts another and screens', async () => {
  const { context, page, problems, release } = await openHeld({ failFirstWorker: true });
  await page.waitForFunction(() => window.__workerErrors === 1);
  release();
  await ready(page);
  const verdict = await page.evaluate(async () => {
    const el = document.querySelector('export-screen');
    el.parties = [{ name: 'Abu ABBAS' }];
    return (await el.screen()).verdict;
  });
  assert.ok(['stop', 'review'].includes(verdict), verdict);
  assert.equal(await page.evaluate(() => window.__workers.length), 2);
  await workersBecome(page, 1);
  assert.equal(page.workers().length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('invisible characters in a name are shown as markers in the result, in English and in Chinese', async () => {
  const { context, page } = await openChecked(`${env.server.url}examples/self-check.html`);
  const w = widget(page);
  await page.evaluate(() => {
    window.__results = [];
    document.addEventListener('screen-result', (e) => window.__results.push(e.detail.result));
    document.querySelector('export-screen').setAttribute('mode', 'parties');
  });
  for (const [lang, text] of [
    ['en', /The name “?"?Hua⟨U\+200B⟩wei Technologies Co Ltd"?”? contains 1 invisible character/],
    ['zh', /名称“Hua⟨U\+200B⟩wei Technologies Co Ltd”含有 1 个不可见字符/],
  ]) {
    const before = await page.evaluate(() => window.__results.length);
    await page.evaluate(
      (l) => document.querySelector('export-screen').setAttribute('lang', l),
      lang,
    );
    const name = w.locator('input[id$="name"]').first();
    await name.fill('');
    await name.fill('Hua\u200Bwei Technologies Co Ltd');
    await page.waitForFunction((n) => window.__results.length > n, before);
    const result = await page.evaluate(() => window.__results.at(-1));
    assert.deepEqual(
      result.invisible_characters.map((p) => [p.party, p.characters.map((c) => c.code_point)]),
      [[0, ['U+200B']]],
    );
    // The finding, as the widget shows it, writes the character as a visible marker.
    await page.waitForFunction(
      (re) => new RegExp(re).test(document.querySelector('export-screen').shadowRoot.textContent),
      text.source,
    );
  }
  await context.close();
});
