// Never a false green (issue 13): a chip typed but not picked, a file in the CSL layout that is not
// the whole list, a list older than max-list-age, and quick mode's verdicts while typing. Each is
// asserted on the verdict through the element's API and through the UI, against a list that would
// clear the party (tests/fixtures/csl-complete.csv holds every CSL source), so a verdict of
// "clear" here would be the false green.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useBrowser,
  openPage,
  screenshot,
  ready,
  fixturePath,
  assertAccessible,
  toStep,
  stepButton,
} from './support.mjs';

const env = useBrowser();
let dir;
// Fixture copies written now: a dropped file's date is its last-modified time, so a fresh copy
// is a current list whatever the checkout's age.
const fresh = (name) => {
  const to = join(dir, name);
  copyFileSync(fixturePath(name), to);
  return to;
};
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'es-false-greens-'));
});

const widget = (page) => page.locator('export-screen');
const verdictOf = (page) =>
  page.evaluate(() => document.querySelector('export-screen').result?.verdict ?? null);

async function loadComplete(page) {
  const w = widget(page);
  await w.locator('#list-file').setInputFiles(fresh('csl-complete.csv'));
  await w
    .locator('.vintage-text')
    .getByText(/Consolidated Screening List of .*, 2,467 records/)
    .waitFor();
}

// Switches the widget to the quick screening and screens `name` (typed, then Enter).
async function screenQuick(page, name) {
  const w = widget(page);
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('mode', 'parties'),
  );
  await w.locator('#name').fill(name);
  await w.locator('#name').press('Enter');
}

test('item 1: a chip typed but not picked is taken when it is the only match, and the step waits for a choice otherwise', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  await loadComplete(page);
  await w.locator('#chip-search').waitFor();

  // Several chips match: Next does not leave the step, which says what to do.
  await w.locator('#chip-search').fill('Ascend');
  assert.equal(await w.locator('input[name="chip"]:checked').count(), 0);
  await w.getByRole('button', { name: 'Next' }).click();
  assert.equal(await stepButton(w, 'item').getAttribute('aria-current'), 'step');
  assert.match(await w.locator('#chip-error').innerText(), /Choose a chip from the list/);
  assert.equal(await w.locator('#chip-search').getAttribute('aria-invalid'), 'true');
  // The step list cannot skip it either.
  await stepButton(w, 'review').click();
  assert.equal(await stepButton(w, 'item').getAttribute('aria-current'), 'step');
  await screenshot(page, 'check-item-choose');
  // Nor can the element's API: the check answers with an error, never a verdict without the item.
  const errors = await page.evaluate(async () => {
    const el = document.querySelector('export-screen');
    const seen = [];
    el.addEventListener('screen-error', (e) => seen.push(e.detail.error.code));
    el.parties = [{ name: 'Quiet Meadow Bakery Ltd', country: 'DE' }];
    el.destination = 'MY';
    const r = await el.screen();
    return { r, result: el.result, seen };
  });
  assert.deepEqual(errors, { r: null, result: null, seen: ['invalid_request'] });

  // A search that finds nothing says so.
  await w.locator('#chip-search').fill('Zorblax 9000');
  await w.getByRole('button', { name: 'Next' }).click();
  assert.match(await w.locator('#chip-error').innerText(), /No chip in the catalog matches/);

  // One match: it is taken, and shown taken.
  await w.locator('#chip-search').fill('Ascend 910C');
  const taken = w.locator('input[name="chip"]:checked');
  assert.equal(await taken.count(), 1);
  assert.equal(await taken.getAttribute('value'), 'huawei-ascend-910c');
  assert.equal(await w.locator('#chip-error').innerText(), '');
  await w.locator('.classification dl').waitFor();
  await screenshot(page, 'check-item-taken');
  await w.getByRole('button', { name: 'Next' }).click();
  assert.equal(await stepButton(w, 'parties').getAttribute('aria-current'), 'step');
  await toStep(w, 'review');
  assert.match(await w.locator('.step dl').innerText(), /Item\s+Huawei Ascend 910C/);
  await w.getByRole('button', { name: 'Run the check' }).click();
  await w.locator('.verdict').waitFor();
  // Through the UI and the API: the deal with the chip is a stop (GP10), not the clear of a deal
  // without it.
  assert.equal(await w.locator('.verdict').getAttribute('data-verdict'), 'stop');
  assert.equal(await verdictOf(page), 'stop');
  assert.equal(await w.locator('[data-rule="item.gp10.prc_advanced_ic"]').count(), 1);

  // "No item", said explicitly, screens the parties only.
  await toStep(w, 'item');
  await w.locator('input[name="item-kind"][value="none"]').check();
  await toStep(w, 'review');
  assert.match(await w.locator('.step dl').innerText(), /Item\s+No item/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('item 2: a file in the CSL layout is described by what it holds; a partial one never clears and keeps the built-in list beside it when it has no Entity List', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  // The intranet example's 12-record sample: five CSL sources missing.
  await w.locator('#list-file').setInputFiles(fresh('csl-sample.csv'));
  await w
    .locator('.vintage-text')
    .getByText(/csl-sample\.csv.* \(partial\) of /)
    .waitFor();
  const vintage = await w.locator('.vintage').innerText();
  assert.doesNotMatch(vintage, /Consolidated Screening List of/);
  assert.match(vintage, /Partial: lacks 5 source lists .* \(FSE, PLC, CAP, MBS, CMIC\)/);
  await w.getByRole('button', { name: 'Lists' }).click();
  const panel = await w.locator('.lists-panel').innerText();
  assert.match(panel, /SDN 3 of 17,815, SSI 1 of 286, EL 2 of 3,409/);
  assert.match(panel, /Lacks 5 source lists .*Foreign Sanctions Evaders \(FSE\)/s);
  await screenshot(page, 'lists-partial');
  await assertAccessible(page, 'lists panel, partial list');

  await screenQuick(page, 'Quiet Meadow Bakery Ltd');
  await w.locator('.verdict').waitFor();
  assert.equal(await w.locator('.verdict').getAttribute('data-verdict'), 'review');
  assert.equal(await verdictOf(page), 'review');
  assert.match(
    await w.locator('[data-rule="lists.partial_coverage"]').innerText(),
    /Foreign Sanctions Evaders \(FSE\)/,
  );

  // The UN list in the CSL layout: no CSL source at all, and no Entity List, so the built-in list
  // stays beside it and Huawei is still found.
  const un = readFileSync(fixturePath('csl-sample.csv'), 'utf8').replace(
    /"(Specially Designated Nationals \(SDN\)|Entity List \(EL\)|Denied Persons List \(DPL\)|ITAR Debarred \(DTC\)|Military End User \(MEU\) List|Nonproliferation Sanctions \(ISN\)|Sectoral Sanctions Identifications List \(SSI\)|Unverified List \(UVL\)) - [^"]*"/g,
    '"UN Security Council Consolidated List"',
  );
  writeFileSync(join(dir, 'un_consolidated.csv'), un);
  await w.locator('#list-file').setInputFiles(join(dir, 'un_consolidated.csv'));
  await page.waitForFunction(() =>
    document.querySelector('export-screen').lists?.some((l) => l.source === 'un_consolidated.csv'),
  );
  const lists = await page.evaluate(() => document.querySelector('export-screen').lists);
  assert.deepEqual(
    lists.map((l) => [l.builtin, l.partial, l.missing_sources.length]),
    [
      [false, true, 13],
      [true, true, 12],
    ],
  );
  await w.locator('#name').fill('Huawei Technologies Co Ltd');
  await w.locator('#name').press('Enter');
  await w.locator('.verdict[data-verdict="license_required"]').waitFor();
  // A party neither list holds is not cleared.
  await w.locator('#name').fill('Quiet Meadow Bakery Ltd');
  await w.locator('#name').press('Enter');
  await w.locator('.verdict[data-verdict="review"]').waitFor();
  assert.equal(await verdictOf(page), 'review');

  // Kept for later visits, and still described by what it holds.
  await page.reload();
  await page.waitForFunction(() =>
    document.querySelector('export-screen').lists?.some((l) => l.source === 'un_consolidated.csv'),
  );
  assert.match(await w.locator('.vintage').innerText(), /un_consolidated\.csv.* \(partial\)/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('item 2: a sample that holds every CSL source is incomplete: named partial, it says what it lacks against the official list and never clears', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  // 17 real records, one or more of each source: the official list holds 23,000 and more.
  await w.locator('#list-file').setInputFiles(fresh('csl-all-sources.csv'));
  await w
    .locator('.vintage-text')
    .getByText(/csl-all-sources\.csv.* \(partial\) of /)
    .waitFor();
  const vintage = await w.locator('.vintage').innerText();
  assert.doesNotMatch(vintage, /Consolidated Screening List of|Partial: lacks/);
  assert.match(
    vintage,
    /Incomplete: far fewer records than the official list in 9 source lists \(.*SDN 3 \/ 17,815, .*EL 263 \/ 3,409, .*: held \/ official\)/,
  );
  // Its two Entity List entries are not the Entity List: the built-in list stays beside it.
  const lists = await page.evaluate(() => document.querySelector('export-screen').lists);
  assert.deepEqual(
    lists.map((l) => [l.builtin, l.partial, l.missing_sources.length, l.incomplete_sources.length]),
    [
      [false, true, 0, 9],
      [true, true, 12, 1],
    ],
  );
  await w.getByRole('button', { name: 'Lists' }).click();
  const panel = await w.locator('.lists-panel').innerText();
  assert.match(panel, /SDN 3 of 17,815/);
  assert.match(
    panel,
    /Far fewer records than the official list in 9 source lists: .*Specially Designated Nationals \(SDN\)/s,
  );
  await screenshot(page, 'lists-incomplete');
  await assertAccessible(page, 'lists panel, incomplete list');

  await screenQuick(page, 'Quiet Meadow Bakery Ltd');
  await w.locator('.verdict[data-verdict="review"]').waitFor();
  assert.equal(await verdictOf(page), 'review');
  assert.match(
    await w.locator('[data-rule="lists.incomplete_sources"]').innerText(),
    /Incomplete lists: .*SDN 3 \/ 17,815/,
  );
  await w.locator('#name').fill('Huawei Technologies Co Ltd');
  await w.locator('#name').press('Enter');
  await w.locator('.verdict[data-verdict="license_required"]').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('item 2: the intranet example names its 12-record sample a partial list and clears no one against it', async () => {
  const { context, page, problems } = await openPage(
    env.browser,
    `${env.server.url}examples/intranet.html`,
  );
  const w = widget(page);
  await page.waitForFunction(() =>
    document.querySelector('export-screen').lists?.some((l) => l.source === 'csl-sample.csv'),
  );
  assert.match(await w.locator('.vintage').innerText(), /csl-sample\.csv.* \(partial\)/);
  await page.locator('input[name="mode"][value="parties"]').check();
  await w.locator('#name').fill('Huawei Technologies Co Ltd');
  await w.locator('#name').press('Enter');
  await w.locator('.verdict').waitFor();
  assert.notEqual(await verdictOf(page), 'clear');
  assert.notEqual(await w.locator('.verdict').getAttribute('data-verdict'), 'clear');
  assert.deepEqual(problems, []);
  await context.close();
});

test('item 3: a list older than max-list-age never gives clear; its age is in the result and the audit record', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, {
    acceptDownloads: true,
  });
  await ready(page);
  const w = widget(page);
  const text = readFileSync(fixturePath('csl-complete.csv'), 'utf8');
  const ago = (days) => new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);
  await page.evaluate(
    ([t, asOf]) =>
      document
        .querySelector('export-screen')
        .loadList(t, { label: 'consolidated.csv', as_of: asOf }),
    [text, ago(30)],
  );
  await screenQuick(page, 'Quiet Meadow Bakery Ltd');
  await w.locator('.verdict').waitFor();
  assert.equal(await w.locator('.verdict').getAttribute('data-verdict'), 'review');
  assert.equal(await verdictOf(page), 'review');
  assert.match(
    await w.locator('[data-rule="lists.too_old"]').innerText(),
    /30 days old, older than the 7 days allowed here/,
  );
  assert.match(await w.locator('.lists-used').innerText(), /\(.+, 30 days old\)\. Rules version /);
  const record = await page.evaluate(() => document.querySelector('export-screen').auditRecord);
  assert.equal(record.record.result.lists[0].age_days, 30);
  assert.equal(record.record.lists[0].age_days, 30);
  assert.equal(record.record.request.options.max_list_age_days, 7);
  await screenshot(page, 'quick-list-too-old');

  // The host allows 60 days: the same list clears the same party.
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('max-list-age', '60'),
  );
  await w.locator('.verdict[data-verdict="clear"]').waitFor();
  assert.equal(await verdictOf(page), 'clear');
  assert.deepEqual(problems, []);
  await context.close();
});

test('item 5: quick mode shows no verdict while a name is typed letter by letter, only the verdict of the whole name', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('mode', 'parties'),
  );
  await w.locator('#name').waitFor();
  // Every verdict the page ever shows, in order.
  await page.evaluate(() => {
    window.__verdicts = [];
    const root = document.querySelector('export-screen').shadowRoot;
    new MutationObserver(() => {
      const v = root.querySelector('.verdict')?.getAttribute('data-verdict');
      if (v && v !== window.__verdicts.at(-1)) window.__verdicts.push(v);
      if (!v && window.__verdicts.at(-1) !== null) window.__verdicts.push(null);
    }).observe(root, { childList: true, subtree: true });
  });
  // A steady typist: 300 ms between keys (longer than the widget used to wait).
  await w.locator('#name').pressSequentially('Huawei Technologies Co Ltd', { delay: 300 });
  assert.equal(await w.locator('.verdict').count(), 0, 'no verdict while typing');
  assert.match(await w.locator('.result').innerText(), /appears when you pause typing/);
  await w.locator('.verdict').waitFor();
  const seen = (await page.evaluate(() => window.__verdicts)).filter(Boolean);
  assert.deepEqual(seen, ['license_required']);
  // Typing again takes the verdict away at once.
  await w.locator('#name').press('End');
  await w.locator('#name').type(' x');
  assert.equal(await w.locator('.verdict').count(), 0);
  await w.locator('#name').press('Enter');
  await w.locator('.verdict').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
