// The guided check's questions and chip catalog (issue 13, items 9 and 12): Yes / No / Don't know
// for every question, "None of these apply" for each group, an answer that can be cleared,
// "not answered" (never "none") on the review, a group's shared citation said once; the catalog
// says how many chips it has and labels each without a doubled vendor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser,
  openPage,
  screenshot,
  ready,
  assertAccessible,
  toStep,
  localeShown,
} from './support.mjs';

const env = useBrowser();
const widget = (page) => page.locator('export-screen');

test('item 12: the catalog says how many chips it holds, and no label doubles its vendor', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  await w.locator('#chip-search').waitFor();
  const total = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.querySelector('export-screen');
        const check = () => {
          const n = el.shadowRoot.querySelectorAll('input[name="chip"]').length;
          if (n) resolve(n);
          else setTimeout(check, 50);
        };
        check();
      }),
  );
  const hint = await w.locator('#chip-count').innerText();
  const m = hint.match(
    /The catalog holds (\d+) chips; (\d+) are listed here\. Search by name, vendor or alias to find the others\./,
  );
  assert.ok(m, hint);
  assert.equal(Number(m[2]), total);
  assert.ok(Number(m[1]) > total, 'more chips than are listed');
  // Every chip of the catalog, found by searching its vendor: none says its vendor twice.
  const labels = new Set();
  for (const vendor of ['NVIDIA', 'AMD', 'Intel', 'Huawei', 'Cambricon']) {
    await w.locator('#chip-search').fill(vendor);
    for (const l of await w.locator('#chip-choices label').allInnerTexts()) labels.add(l.trim());
  }
  for (const l of labels) {
    const words = l
      .toLowerCase()
      .split(/[\s()]+/)
      .filter(Boolean);
    assert.equal(words.filter((x) => x === words[0]).length, 1, `"${l}" doubles its vendor`);
  }
  assert.ok(labels.has('Huawei Ascend 910C'), [...labels].join(', '));
  await w.locator('#chip-search').fill('');
  await screenshot(page, 'check-item-catalog');
  assert.deepEqual(problems, []);
  await context.close();
});

test('item 9: every question is Yes, No or Don\'t know; "None of these apply" per group; a cleared answer is "not answered"', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  await w.locator('#chip-search').fill('H100 SXM5');
  assert.equal(
    await w.locator('input[name="chip"]:checked').getAttribute('value'),
    'nvidia-h100-sxm',
  );
  await toStep(w, 'parties');
  await w.getByLabel('Party name').fill('Example GmbH');
  await w.getByLabel('Country', { exact: true }).fill('DE');
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByLabel('Country of ultimate destination').fill('DE');
  await toStep(w, 'end_use');
  const questions = w.locator('fieldset.question');
  const n = await questions.count();
  assert.ok(n >= 5, `${n} end-use questions`);
  for (let i = 0; i < n; i++) {
    assert.deepEqual(
      (await questions.nth(i).locator('label.choice').allInnerTexts()).map((s) => s.trim()),
      ['Yes', 'No', 'Don’t know'],
    );
  }
  // Unanswered at first: "Don't know" is what an untouched question says.
  assert.equal(await w.locator('fieldset.question input[value=""]:checked').count(), n);
  await w.getByRole('button', { name: 'None of these apply' }).first().click();
  assert.equal(await w.locator('fieldset.question input[value="no"]:checked').count(), n);
  // An answer can be cleared again.
  const first = questions.first();
  await first.locator('input[value="yes"]').check();
  await first.locator('input[value=""]').check();
  await screenshot(page, 'check-end-use');
  await assertAccessible(page, 'end-use step');

  await toStep(w, 'red_flags');
  const groups = w.locator('section.question-group');
  assert.ok((await groups.count()) >= 2, 'the red flags come in groups, one per guidance');
  for (let g = 0; g < (await groups.count()); g++) {
    const group = groups.nth(g);
    // The citation the group shares is said once, above it, not under every question.
    assert.equal(await group.locator('.group-source').count(), 1);
    assert.equal(await group.locator('fieldset.question .hint a').count(), 0);
    assert.equal(await group.getByRole('button', { name: 'None of these apply' }).count(), 1);
  }
  const stepText = await w.locator('.step').innerText();
  assert.equal((stepText.match(/Supplement No\. 3 to Part 732/g) ?? []).length, 1);
  await groups.first().getByRole('button', { name: 'None of these apply' }).click();
  await screenshot(page, 'check-red-flags');

  await toStep(w, 'review');
  const review = await w.locator('.step dl').innerText();
  assert.match(review, /End use\s+\d+ answered no; 1 not answered/);
  assert.match(review, /Red flags\s+\d+ answered no; \d+ not answered/);
  assert.doesNotMatch(review, /\bnone\b/);
  await w.getByRole('button', { name: 'Run the check' }).click();
  await w.locator('.verdict').waitFor();
  // The end use left open is asked, and keeps the deal from clearing.
  assert.notEqual(await w.locator('.verdict').getAttribute('data-verdict'), 'clear');
  assert.ok((await w.locator('section.questions li').count()) >= 1);

  // In Chinese: the same choices.
  await page.evaluate(() => {
    document.documentElement.lang = 'zh-CN';
    document.querySelector('export-screen').setAttribute('lang', 'zh-CN');
  });
  await localeShown(page, 'zh');
  await toStep(w, 'end_use');
  assert.deepEqual(
    (await w.locator('fieldset.question').first().locator('label.choice').allInnerTexts()).map(
      (s) => s.trim(),
    ),
    ['是', '否', '不知道'],
  );
  await w.getByRole('button', { name: '以上均不适用' }).first().waitFor();
  await assertAccessible(page, 'zh end-use step');
  await screenshot(page, 'check-end-use-zh');
  assert.deepEqual(problems, []);
  await context.close();
});
