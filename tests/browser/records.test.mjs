// Browser tests of the records a result leaves: the audit JSON (request, result, list hashes and
// ages, rules version, timestamp, its own SHA-256) and the printout: a one-page summary, then
// every finding and open question in full (checked in the PDF's text with poppler's pdftotext).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
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
  // Its age on the date screened as of, and what it holds.
  assert.equal(record.lists[0].age_days, record.result.lists[0].age_days);
  assert.ok(record.lists[0].age_days > 0);
  assert.equal(record.lists[0].partial, true);
  // The seal: SHA-256 of JSON.stringify(record), and it breaks when a byte of the record changes.
  const digest = (r) => createHash('sha256').update(JSON.stringify(r), 'utf8').digest('hex');
  assert.equal(sha256, digest(record));
  assert.notEqual(sha256, digest({ ...record, result: { ...record.result, verdict: 'clear' } }));
  // The page shows the same seal the file carries (its start; the whole of it on hover).
  assert.match(
    await w.locator('.result').innerText(),
    new RegExp(`Audit record SHA-256: ${sha256.slice(0, 16)}…`),
  );
  assert.equal(await w.locator('.seal').getAttribute('title'), sha256);
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

// The text of a PDF (poppler-utils' pdftotext -layout, which keeps a hyphen at a line end;
// scripts/install-deps test), one string per page,
// with white space collapsed.
function pdfPages(pdf) {
  const file = join(outDir, 'print-record.pdf');
  writeFileSync(file, pdf);
  let text;
  try {
    text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(
      `pdftotext failed (install poppler-utils: scripts/install-deps test): ${err.message}`,
    );
  }
  return text
    .split('\f')
    .filter((p) => p.trim())
    .map((p) => squash(p));
}
const squash = (s) =>
  String(s)
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

test('print: a one-page summary, then every finding and open question, the host page and the form hidden', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  const w = page.locator('export-screen');
  await ready(page);
  // An H100 to China, bought through a Singapore company headquartered in China: license
  // findings (destination and headquarters), review findings and open questions.
  await w.locator('#chip-search').fill('H100 SXM5');
  await toStep(w, 'parties');
  await w.getByLabel('Party name').fill('Example Trading Pte Ltd');
  await w.getByLabel('Country', { exact: true }).fill('SG');
  await w.getByLabel('Headquarters country').fill('CN');
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByLabel('Country of ultimate destination').fill('CN');
  await toStep(w, 'review');
  await w.getByRole('button', { name: 'Run the check' }).click();
  await w.locator('.verdict').waitFor();
  const result = await page.evaluate(() => document.querySelector('export-screen').result);
  assert.ok(
    result.findings.some(
      (f) => f.rule === 'item.advanced_computing.headquarters' && f.severity === 'license_required',
    ),
    'the headquarters license finding',
  );
  assert.ok(result.findings.length >= 5, `${result.findings.length} findings`);
  assert.ok(result.open_questions.length >= 5, `${result.open_questions.length} open questions`);

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
  // No finding prints as an empty item.
  const empty = await w.evaluate(
    (el) =>
      [...el.shadowRoot.querySelectorAll('.print-details ol.findings > li')].filter(
        (li) => li.getBoundingClientRect().height < 8 || !li.innerText.trim(),
      ).length,
  );
  assert.equal(empty, 0);
  await screenshot(page, 'print-preview');
  const pages = pdfPages(await page.pdf({ format: 'A4', printBackground: true }));
  // Compared without white space: a line may break inside a citation ("742.6(a)(6) (iii)").
  const bare = (x) => squash(x).replace(/\s+/g, '');
  const all = bare(pages.join(' '));
  // Page 1 is the summary: the verdict, every finding (its first lines) and how many questions
  // are open.
  assert.match(pages[0], /Verdict: License required/);
  for (const f of result.findings.filter((x) => !x.evidence?.entry_id)) {
    assert.ok(
      bare(pages[0]).includes(bare(f.message).slice(0, 50)),
      `finding on page 1: ${f.rule}`,
    );
  }
  assert.ok(pages[0].includes(`${result.open_questions.length} open questions`));
  // The details follow on pages of their own: every finding in full, with its citation and next
  // step, and every open question.
  assert.match(pages[1], /^Details: every finding and open question/);
  for (const q of result.open_questions) {
    assert.ok(all.includes(bare(q.question)), `open question printed: ${q.question}`);
  }
  for (const f of result.findings) {
    assert.ok(all.includes(bare(f.message)), `finding printed: ${f.rule}`);
    assert.ok(all.includes(bare(f.citation)), `citation printed: ${f.rule}`);
    if (f.next_step) assert.ok(all.includes(bare(f.next_step)), `next step printed: ${f.rule}`);
  }
  const record = await page.evaluate(() => document.querySelector('export-screen').auditRecord);
  assert.ok(all.includes(record.sha256), 'the seal, whole');
  // After printing, the page is back to normal.
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await w.getAttribute('data-es-printing'), null);
  await context.close();
});
