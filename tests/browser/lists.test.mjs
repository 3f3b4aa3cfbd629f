// Browser tests of the widget's lists: a dropped file with progress and the data vintage, the
// IndexedDB copy reused on the next visit and when list-src is unreachable, the host's opt-out,
// a broken file refused, the age warning, and the full 23,612-record corpus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  useBrowser,
  openPage,
  screenshot,
  ready,
  fixturePath,
  toStep,
  site,
  routeHostPage,
} from './support.mjs';
import { shared } from '../js/support.mjs';

const env = useBrowser();

const widget = (page) => page.locator('export-screen');

// Drops a file on the widget the way a browser does: dragover, then drop with a DataTransfer.
async function dropFile(page, name, bytes) {
  await page.evaluate(
    ({ name, data }) => {
      const el = document.querySelector('export-screen');
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([new Uint8Array(data)], name, {
          type: 'text/csv',
          lastModified: Date.UTC(2026, 10, 20),
        }),
      );
      el.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
      el.dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    },
    { name, data: [...bytes] },
  );
}

const cachedEntry = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const req = indexedDB.open('exportscreen', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('lists');
        req.onsuccess = () => {
          const get = req.result.transaction('lists').objectStore('lists').get('official');
          get.onsuccess = () =>
            resolve(get.result ? { ...get.result, bytes: get.result.bytes.byteLength } : null);
        };
      }),
  );

test('a dropped list file is loaded in the worker; the vintage names it; IndexedDB keeps it for the next visit', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  await page.evaluate(() => {
    window.__lists = [];
    document.addEventListener('screen-lists', (e) => window.__lists.push(e.detail));
  });
  // A file holding every source of the CSL is named the Consolidated Screening List.
  await dropFile(page, 'consolidated.csv', readFileSync(fixturePath('csl-complete.csv')));
  await w
    .locator('.vintage-text')
    .getByText('Consolidated Screening List of Nov 20, 2026, 2,467 records; rules as of')
    .waitFor();
  const lists = await page.evaluate(() => window.__lists);
  assert.equal(lists.length, 1);
  assert.equal(lists[0].lists.length, 1, 'the official list replaces the built-in one');
  assert.equal(lists[0].lists[0].as_of, '2026-11-20', "the file's date is the list's date");
  const sha = lists[0].lists[0].sha256;
  const panel = await w.locator('.lists-panel').innerText();
  assert.match(panel, new RegExp(`Kept in this browser since .*${sha}`, 's'));
  // Each source's records, not set against the official count when the list holds enough of it.
  assert.match(panel, /SDN 1,792, SSI 39, EL 351, /);
  assert.doesNotMatch(panel, / of 17,815/);
  assert.match(panel, /Holds every source list of the Consolidated Screening List\./);
  const entry = await cachedEntry(page);
  assert.equal(entry.sha256, sha);
  assert.equal(entry.records, 2467);
  assert.equal(entry.bytes, readFileSync(fixturePath('csl-complete.csv')).length);
  await screenshot(page, 'lists-loaded');

  // The next visit starts with the kept list, not the built-in one (as soon as IndexedDB answers).
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => !document.querySelector('export-screen').lists?.[0]?.builtin);
  const again = await page.evaluate(() => document.querySelector('export-screen').lists);
  assert.equal(again.length, 1);
  assert.equal(again[0].sha256, sha);
  assert.equal(again[0].as_of, '2026-11-20');

  // Forgetting it removes it from the browser; the built-in list comes back on the next visit.
  await w.getByRole('button', { name: 'Lists' }).click();
  await w.getByRole('button', { name: 'Forget the kept list' }).click();
  await page.waitForFunction(
    () =>
      !document
        .querySelector('export-screen')
        .shadowRoot.textContent.includes('Kept in this browser'),
  );
  assert.equal(await cachedEntry(page), null);
  await page.reload();
  await ready(page);
  assert.equal(
    (await page.evaluate(() => document.querySelector('export-screen').lists))[0].builtin,
    true,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('list-src: loaded from the host, and reused from IndexedDB when the server cannot be reached', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}examples/intranet.html`);
  await page.waitForFunction(
    () => document.querySelector('export-screen')?.lists?.[0]?.records === 12,
  );
  const first = await page.evaluate(() => document.querySelector('export-screen').lists[0]);
  assert.match(first.as_of, /^\d{4}-\d{2}-\d{2}$/, 'the date comes from Last-Modified');

  // Offline: the list file cannot be fetched; the kept copy of the same URL is used, no error shown.
  await page.route('**/lists/csl-sample.csv', (route) => route.abort('internetdisconnected'));
  await context.addInitScript(() => {
    window.__lists = [];
    document.addEventListener('screen-lists', (e) => window.__lists.push(e.detail));
  });
  await page.reload();
  await page.waitForFunction(() => window.__lists.length === 1);
  const event = await page.evaluate(() => window.__lists[0]);
  assert.equal(event.fromCache, true);
  assert.equal(await page.locator('export-screen .lists-panel .error-box').count(), 0);
  const lists = await page.evaluate(() => document.querySelector('export-screen').lists);
  assert.equal(lists[0].sha256, first.sha256);
  await context.close();
});

test('list-src that cannot be downloaded, with nothing kept: a clear error, the built-in list stays', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.evaluate(() => {
    document.querySelector('export-screen').setAttribute('no-cache', '');
    window.__errors = [];
    document.addEventListener('screen-error', (e) => window.__errors.push(e.detail));
    document.querySelector('export-screen').setAttribute('list-src', 'lists/missing.csv');
  });
  const w = widget(page);
  await w.locator('.lists-panel .error-box').waitFor();
  assert.match(
    await w.locator('.lists-panel .error-box').innerText(),
    /could not be downloaded.*HTTP 404/s,
  );
  assert.equal((await page.evaluate(() => window.__errors))[0].error.code, 'list_fetch_failed');
  assert.equal(
    (await page.evaluate(() => document.querySelector('export-screen').lists))[0].builtin,
    true,
  );
  await context.close();
});

test('no-cache: a host can keep loaded lists out of the browser', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.evaluate(() => document.querySelector('export-screen').setAttribute('no-cache', ''));
  const w = widget(page);
  await w.locator('#list-file').setInputFiles(fixturePath('csl-sample.csv'));
  await page.waitForFunction(
    () => document.querySelector('export-screen').lists?.[0]?.records === 12,
  );
  assert.match(await w.locator('.lists-panel').innerText(), /does not keep loaded lists/);
  assert.equal(await cachedEntry(page), null);
  await context.close();
});

test('a broken list file is refused with a clear error; the lists in use stay as they were', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  const bytes = readFileSync(fixturePath('csl-sample.csv'));
  const cut = bytes.subarray(0, bytes.length - 40);
  await page.evaluate(() => {
    window.__errors = [];
    document.addEventListener('screen-error', (e) => window.__errors.push(e.detail));
  });
  await dropFile(page, 'consolidated.csv', cut);
  await w.locator('.lists-panel .error-box').waitFor();
  assert.match(
    await w.locator('.lists-panel .error-box').innerText(),
    /cut short.*Download it again.*Details: line \d+/s,
  );
  const lists = await page.evaluate(() => document.querySelector('export-screen').lists);
  assert.equal(lists.length, 1);
  assert.equal(lists[0].builtin, true);
  const errors = await page.evaluate(() => window.__errors);
  assert.equal(errors[0].mode, 'list');
  assert.equal(errors[0].error.code, 'truncated_list');
  await screenshot(page, 'lists-error');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the age warning follows max-list-age', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  assert.match(
    await w.locator('.vintage .warning:not(.partial)').innerText(),
    /Built-in list \(Entity List, AI-chip parties\) is \d+ days old, older than the 7 days/,
  );
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('max-list-age', '36500'),
  );
  assert.equal(await w.locator('.vintage .warning:not(.partial)').count(), 0);
  await context.close();
});

test('the full 23,612-record list loads in the worker with progress while the page keeps responding', async (t) => {
  const csv = shared('lists/consolidated.csv');
  if (!csv) {
    t.skip('../shared/data/lists/consolidated.csv is absent');
    return;
  }
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  await w.locator('#list-file').setInputFiles(csv);
  await toStep(w, 'parties');
  await w.locator('.lists-panel progress').waitFor();
  // While the worker parses, the page still takes input.
  await w.getByLabel('Party name').fill('typed while loading');
  assert.equal(await w.getByLabel('Party name').inputValue(), 'typed while loading');
  await screenshot(page, 'lists-full-loading');
  // The stand-in for the CSL in ../shared lacks two of its sources (FSE, CAP): partial, and said.
  await w
    .locator('.vintage-text')
    .getByText(/consolidated\.csv.* \(partial\) of .*, 23,612 records/)
    .waitFor({ timeout: 120000 });
  assert.match(await w.locator('.vintage .partial').innerText(), /\(FSE, CAP\)/);
  // The end of the load does not disturb the form: the field keeps its text and the focus.
  assert.equal(await w.getByLabel('Party name').inputValue(), 'typed while loading');
  assert.equal(
    await page.evaluate(() => document.querySelector('export-screen').shadowRoot.activeElement?.id),
    'p0-name',
  );
  await w.getByLabel('Party name').fill('Huawei Technologies Co Ltd');
  await toStep(w, 'review');
  await w.getByRole('button', { name: 'Run the check' }).click();
  await w.locator('.verdict[data-verdict="license_required"]').waitFor({ timeout: 60000 });
  await screenshot(page, 'lists-full-result');
  assert.deepEqual(problems, []);
  await context.close();
});

// A page whose <export-screen> pins list-src to `sha` (list-sha256), as a host writes it.
async function pinnedPage(context, sha, { noCache = false } = {}) {
  const page = await context.newPage();
  await routeHostPage(
    page,
    '/pinned.html',
    (url) =>
      `<export-screen mode="parties" list-src="/examples/lists/csl-sample.csv" list-sha256="${url.searchParams.get('sha')}"${noCache ? ' no-cache' : ''}></export-screen>`,
    { title: 'pinned' },
  );
  await page.addInitScript(() => {
    window.__errors = [];
    window.__alerts = [];
    document.addEventListener('screen-error', (e) => window.__errors.push(e.detail));
  });
  await page.goto(`${env.server.url}pinned.html?sha=${encodeURIComponent(sha)}`);
  await ready(page);
  return page;
}

const sampleSha = () =>
  createHash('sha256')
    .update(readFileSync(join(site, 'examples/lists/csl-sample.csv')))
    .digest('hex');
const lastError = (page) => page.evaluate(() => window.__errors.at(-1)?.error ?? null);
const currentLists = (page) => page.evaluate(() => document.querySelector('export-screen').lists);

test('list-sha256: the pinned list loads; another file or a malformed pin is refused with a clear message, the previous list kept', async () => {
  const context = await env.browser.newContext();
  const sha = sampleSha();
  const page = await pinnedPage(context, sha.toUpperCase(), { noCache: true });
  const w = widget(page);
  await page.waitForFunction(
    () => document.querySelector('export-screen').lists?.[0]?.records === 12,
  );
  assert.equal((await currentLists(page))[0].sha256, sha, 'a pin matches case-insensitively');
  const panel = await w.locator('.lists-panel').innerText();
  assert.match(panel, /The list matches the SHA-256 this page pins/);
  assert.ok(panel.includes(sha), 'the SHA-256 is shown');
  // The audit record names the list by the same hash.
  await w.getByLabel('Party name').fill('Abu ABBAS');
  await page.waitForFunction(() => document.querySelector('export-screen').auditRecord);
  const record = await page.evaluate(
    () => document.querySelector('export-screen').auditRecord.record,
  );
  assert.equal(record.lists[0].sha256, sha);
  assert.doesNotMatch(
    await w.locator('.result').innerText(),
    /None of these lists is the file this page pins/,
  );
  assert.deepEqual(
    record.list_pin,
    { sha256: sha, used: true },
    'the record says the pinned file was used',
  );

  // The host's pin changes (the file on the server is not the expected one): refused, the list stays.
  const other = 'ab'.repeat(32);
  await page.evaluate(
    (pin) => document.querySelector('export-screen').setAttribute('list-sha256', pin),
    other,
  );
  await w.locator('.lists-panel .error-box').waitFor();
  assert.match(
    await w.locator('.lists-panel .error-box').innerText(),
    /not the one this page expects: its SHA-256 differs .*not loaded; the lists in use stay as they were.*Details: the list file's SHA-256 is [0-9a-f]{64}, not the pinned a?b/s,
  );
  assert.equal((await lastError(page)).code, 'list_hash_mismatch');
  assert.equal((await currentLists(page))[0].sha256, sha, 'the previous list is kept');
  assert.equal(await w.locator('.pinned').count(), 0, 'no longer said to match');
  // A result screened now is recorded as not screened against the pinned file.
  await w.getByLabel('Party name').fill('Abu ABBAS ');
  await page.waitForFunction(
    (pin) => document.querySelector('export-screen').auditRecord?.record.list_pin?.sha256 === pin,
    other,
  );
  assert.equal(
    await page.evaluate(
      () => document.querySelector('export-screen').auditRecord.record.list_pin.used,
    ),
    false,
  );
  assert.match(
    await w.locator('.result').innerText(),
    /None of these lists is the file this page pins/,
  );
  await page.waitForFunction(() =>
    /not the one this page expects/.test(
      document.querySelector('export-screen').shadowRoot.querySelector('[role="alert"]')
        .textContent,
    ),
  );
  await screenshot(page, 'lists-pin-mismatch');
  // In Chinese too.
  await page.evaluate(() => document.querySelector('export-screen').setAttribute('lang', 'zh'));
  // (The Chinese catalog is fetched on first use.)
  await w.locator('.lists-panel .error-box', { hasText: '名单文件不是本页面预期的文件' }).waitFor();
  await page.evaluate(() => document.querySelector('export-screen').setAttribute('lang', 'en'));

  // A pin that is not a SHA-256 refuses the list too (fail closed), and says what is wrong.
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('list-sha256', 'sha256-not-a-hash'),
  );
  await page.waitForFunction(() => window.__errors.length === 2);
  assert.equal((await lastError(page)).code, 'invalid_request');
  assert.match(
    await w.locator('.lists-panel .error-box').innerText(),
    /pins its list with a value that is not a SHA-256 \(list-sha256 must be 64 hexadecimal digits\)/,
  );
  assert.equal((await currentLists(page))[0].sha256, sha);
  await context.close();
});

test('list-sha256: with nothing loaded before, a mismatch keeps the built-in list; the kept copy is checked against the pin too', async () => {
  const context = await env.browser.newContext();
  const sha = sampleSha();
  let page = await pinnedPage(context, 'cd'.repeat(32));
  await widget(page).locator('.lists-panel .error-box').waitFor();
  assert.equal((await lastError(page)).code, 'list_hash_mismatch');
  assert.equal((await currentLists(page))[0].builtin, true, 'the built-in list stays');
  await page.close();

  // The pinned file loads and is kept in IndexedDB.
  page = await pinnedPage(context, sha);
  await page.waitForFunction(
    () => document.querySelector('export-screen').lists?.[0]?.records === 12,
  );
  assert.equal((await cachedEntry(page)).sha256, sha);
  await page.close();

  // Offline with another pin: neither the start-up copy nor the fallback copy of list-src is used.
  await context.route('**/examples/lists/csl-sample.csv', (route) =>
    route.abort('internetdisconnected'),
  );
  page = await pinnedPage(context, 'ef'.repeat(32));
  await widget(page).locator('.lists-panel .error-box').waitFor();
  assert.equal((await lastError(page)).code, 'list_hash_mismatch');
  assert.equal((await currentLists(page))[0].builtin, true);
  await page.close();

  // Offline with the right pin: the kept copy is used.
  page = await pinnedPage(context, sha);
  await page.waitForFunction(
    () => document.querySelector('export-screen').lists?.[0]?.records === 12,
  );
  assert.equal((await currentLists(page))[0].sha256, sha);
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  await context.close();
});
