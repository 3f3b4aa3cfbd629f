// Browser tests of the records a result leaves: the audit JSON (request, result, list hashes,
// rules version, timestamp, its own SHA-256) and the print stylesheet's one-page PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, ready, outDir, screenshot, toStep, useBrowser } from './support.mjs';

const env = useBrowser();

async function huaweiResult(page) {
  const w = page.locator('export-screen');
  await ready(page);
  await toStep(w, 'parties');
  await w.getByLabel('Party name').fill('Huawei Technologies Co Ltd');
  await w.getByLabel('Country', { exact: true }).fill('CN');
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByLabel('Country of ultimate destination').fill('CN');
  await toStep(w, 'review');
  await w.getByRole('button', { name: 'Run the check' }).click();
  await w.locator('.verdict').waitFor();
  return w;
}

test('the audit record holds request, result, list versions and hashes, rules version, timestamp, and a SHA-256 that verifies', async () => {
  const { context, page } = await openPage(env.browser, env.server.url, { acceptDownloads: true });
  const w = await huaweiResult(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    w.getByRole('button', { name: 'Download audit record (JSON)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^exportscreen-record-\d{4}-\d{2}-\d{2}T.*\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  const { record, sha256 } = JSON.parse(text);
  assert.equal(record.format, 'exportscreen-audit-record/1');
  assert.ok(Math.abs(Date.parse(record.created_at) - Date.now()) < 3600e3, 'a current timestamp');
  assert.equal(record.kind, 'check');
  assert.equal(record.request.parties[0].name, 'Huawei Technologies Co Ltd');
  assert.equal(record.request.destination, 'CN');
  assert.equal(record.result.verdict, 'license_required');
  assert.equal(record.engine.rules_version, record.result.rules_version);
  assert.equal(record.lists.length, 1);
  assert.match(record.lists[0].sha256, /^[0-9a-f]{64}$/);
  assert.equal(record.lists[0].records, 261);
  assert.equal(record.lists[0].as_of, '2026-07-09');
  // The seal: SHA-256 of JSON.stringify(record), and it breaks when a byte of the record changes.
  const digest = (r) => createHash('sha256').update(JSON.stringify(r), 'utf8').digest('hex');
  assert.equal(sha256, digest(record));
  assert.notEqual(sha256, digest({ ...record, result: { ...record.result, verdict: 'clear' } }));
  // The page shows the same seal the file carries.
  assert.match(
    await w.locator('.result').innerText(),
    new RegExp(`Audit record SHA-256: ${sha256}`),
  );
  assert.equal(
    await page.evaluate(() => document.querySelector('export-screen').auditRecord.sha256),
    sha256,
  );
  await context.close();
});

test('the seal is the same digest with WebCrypto and, where the page has none (plain http to another host), from the core in the worker', async () => {
  const digest = (r) => createHash('sha256').update(JSON.stringify(r), 'utf8').digest('hex');
  for (const webCrypto of [true, false]) {
    const context = await env.browser.newContext();
    await context.addInitScript((webCrypto) => {
      // What an insecure context looks like: no crypto.subtle.
      if (!webCrypto) Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined });
      window.__sent = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (msg, ...rest) {
        window.__sent.push(msg?.type);
        return post.call(this, msg, ...rest);
      };
    }, webCrypto);
    const page = await context.newPage();
    await page.goto(env.server.url);
    const w = page.locator('export-screen');
    await ready(page);
    await page.evaluate(() =>
      document.querySelector('export-screen').setAttribute('mode', 'parties'),
    );
    // Non-ASCII text in the record: both hash the same UTF-8 bytes.
    await w.getByLabel('Party name').fill('华为技术有限公司 «Ünïcode»');
    await w.getByLabel('Party name').press('Enter');
    await w.locator('.verdict').waitFor();
    const { record, sha256 } = await page.evaluate(
      () => document.querySelector('export-screen').auditRecord,
    );
    assert.equal(sha256, digest(record), webCrypto ? 'WebCrypto' : 'the worker');
    assert.equal(
      (await page.evaluate(() => window.__sent)).includes('sha256'),
      !webCrypto,
      'the worker hashes only without WebCrypto',
    );
    await context.close();
  }
});

test('print: the result alone on one clean page (the host page and the form are hidden)', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const w = await huaweiResult(page);
  await page.evaluate(() => {
    window.print = () => {
      window.__printed = true;
    };
  });
  await w.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), true);
  assert.equal(await w.getAttribute('data-es-printing'), '');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('h1').isVisible(), false, 'the host page is hidden');
  assert.equal(await w.locator('form').isVisible(), false, 'the form is hidden');
  assert.equal(await w.locator('.verdict').isVisible(), true);
  assert.match(await w.locator('.printed').innerText(), /^Printed /);
  await screenshot(page, 'print-preview');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(join(outDir, 'print-record.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  assert.equal(pages, 1, 'one page');
  // After printing, the page is back to normal.
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await w.getAttribute('data-es-printing'), null);
  await context.close();
});
