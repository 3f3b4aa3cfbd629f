// The public self-check form (issue 13, item 11): the host's pinned list-src is the list, a visitor
// never sees an instruction meant for the page's owner (list management, list-sha256, "tell the
// owner"), and on a 390-pixel phone the first question is on the first screen. In English and
// Chinese, axe clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import {
  useBrowser,
  openPage,
  screenshot,
  assertAccessible,
  localeShown,
  fixturePath,
  toStep,
  root,
} from './support.mjs';

const env = useBrowser();
const widget = (page) => page.locator('export-screen');
// What only a page's owner can act on.
const HOST_WORDS =
  /list-sha256|list-src|owner of this page|Load the official|Load the full|Use only the built-in|Forget the kept|drop the file|consolidated\.csv/i;

async function listed(page, file = 'csl-all-sources.csv') {
  await page.waitForFunction(
    (file) => document.querySelector('export-screen').lists?.some((l) => l.source === file),
    file,
  );
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// The check through to the verdict for a party no list names, as a visitor makes it.
async function checkQuietParty(w) {
  await w.locator('input[name="item-kind"][value="none"]').check();
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByLabel('Party name').fill('Quiet Meadow Bakery Ltd');
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByLabel('Country of ultimate destination').fill('DE');
  await toStep(w, 'review');
  await w.getByRole('button', { name: 'Run the check' }).click();
}

test('item 11: the pinned host list is loaded and a visitor sees no instruction meant for the host', async () => {
  // The example pins the sample it serves: 17 records of every source, far fewer than the
  // official list holds, so a party it does not match is not cleared.
  const html = readFileSync(join(root, 'web/demo/examples/self-check.html'), 'utf8');
  const pin = html.match(/list-sha256="([0-9a-f]{64})"/)[1];
  assert.equal(pin, sha256(readFileSync(fixturePath('csl-all-sources.csv'))));
  const { context, page, problems } = await openPage(
    env.browser,
    `${env.server.url}examples/self-check.html`,
  );
  const w = widget(page);
  await listed(page);
  const lists = await page.evaluate(() => document.querySelector('export-screen').lists);
  // Its two Entity List entries are not the Entity List: the built-in list is screened beside.
  assert.deepEqual(
    lists.map((l) => [l.source, l.partial, l.sha256 === pin]),
    [
      ['csl-all-sources.csv', true, true],
      ['built-in: Entity List, AI-chip and advanced-computing parties (partial)', true, false],
    ],
  );
  const vintage = await w.locator('.vintage').innerText();
  assert.match(vintage, /csl-all-sources\.csv.* \(partial\) of .*, 17 records/);
  assert.match(vintage, /The list this page screens against is partial/);
  assert.equal(await w.getByRole('button', { name: 'Lists' }).count(), 0);
  assert.doesNotMatch(await w.locator('.root').innerText(), HOST_WORDS);

  // A check through to the verdict: review, and nothing for the host on the way either.
  await checkQuietParty(w);
  await w.locator('.verdict[data-verdict="review"]').waitFor();
  assert.doesNotMatch(await w.locator('.root').innerText(), HOST_WORDS);
  await screenshot(page, 'self-check-sample-review');
  await assertAccessible(page, 'self-check result');
  assert.deepEqual(problems, []);
  await context.close();
});

test('item 11: with a complete host list, a visitor whose party no list names is cleared', async () => {
  // The example as a site deploys it: its list-src and list-sha256 naming a complete list.
  const complete = readFileSync(fixturePath('csl-complete.csv'));
  const html = readFileSync(join(root, 'web/demo/examples/self-check.html'), 'utf8')
    .replace('list-src="lists/csl-all-sources.csv"', 'list-src="lists/csl-complete.csv"')
    .replace(/list-sha256="[0-9a-f]{64}"/, `list-sha256="${sha256(complete)}"`);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.route('**/examples/self-check.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: html }),
  );
  await page.route('**/lists/csl-complete.csv', (route) =>
    // Dated today, as a server dates the file it serves (Last-Modified).
    route.fulfill({
      contentType: 'text/csv',
      headers: { 'last-modified': new Date().toUTCString() },
      body: complete,
    }),
  );
  await page.goto(`${env.server.url}examples/self-check.html`);
  const w = widget(page);
  await listed(page, 'csl-complete.csv');
  const vintage = await w.locator('.vintage').innerText();
  assert.match(vintage, /Consolidated Screening List of .*, 2,467 records/);
  assert.doesNotMatch(vintage, /partial/);
  await checkQuietParty(w);
  await w.locator('.verdict[data-verdict="clear"]').waitFor();
  assert.doesNotMatch(await w.locator('.root').innerText(), HOST_WORDS);
  await screenshot(page, 'self-check-clear');
  await assertAccessible(page, 'self-check cleared');
  await context.close();
});

test("item 11: when the host list cannot be used, the visitor is told in the visitor's terms", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  // The host's list is gone (a 404): the built-in list is used and it is partial.
  await page.route('**/lists/csl-all-sources.csv', (route) => route.fulfill({ status: 404 }));
  await page.goto(`${env.server.url}examples/self-check.html`);
  const w = widget(page);
  await w.locator('.vintage .warning').first().waitFor();
  const vintage = await w.locator('.vintage').innerText();
  assert.match(vintage, /This page’s screening list could not be loaded/);
  assert.doesNotMatch(await w.locator('.root').innerText(), HOST_WORDS);
  await page.evaluate(() => {
    const el = document.querySelector('export-screen');
    el.parties = [{ name: 'Quiet Meadow Bakery Ltd' }];
  });
  await w.locator('input[name="item-kind"][value="none"]').check();
  await page.evaluate(() => document.querySelector('export-screen').screen());
  await w.locator('.verdict').waitFor();
  assert.equal(await w.locator('.verdict').getAttribute('data-verdict'), 'review');
  const text = await w.locator('.root').innerText();
  assert.doesNotMatch(text, HOST_WORDS);
  assert.match(text, /Talk to your export-compliance adviser/);
  await screenshot(page, 'self-check-list-failed');
  await context.close();
});

for (const lang of ['en', 'zh']) {
  test(`item 11: on a 390-pixel phone the first question is on the first screen (${lang})`, async () => {
    const { context, page, problems } = await openPage(
      env.browser,
      `${env.server.url}examples/self-check.html`,
      { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
    );
    if (lang === 'zh') await page.locator('input[name="lang"][value="zh"]').check();
    await localeShown(page, lang);
    const w = widget(page);
    await listed(page);
    await screenshot(page, `self-check-phone-${lang}`);
    // The first question of the check: what the item is.
    const first = w.locator('fieldset').first();
    const box = await first.boundingBox();
    assert.ok(
      box && box.y + box.height <= 844,
      `the first question ends at ${box?.y + box?.height}px`,
    );
    assert.ok(box.x >= 0 && box.x + box.width <= 390, 'and fits the width');
    // Nothing is wider than the phone.
    assert.equal(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      true,
    );
    await assertAccessible(page, `self-check on a phone (${lang})`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
