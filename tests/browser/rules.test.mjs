// Browser test of the guided check with an item: the widget asks the core's reference data
// (catalog, end uses, red flags), previews the classification, and shows the rule findings, open
// questions and their citations in one verdict.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, ready, screenshot, toStep, useBrowser } from './support.mjs';

const env = useBrowser();

test('guided check with an item: Ascend 910C for a Malaysian data center is a GP10 stop, with open questions', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = page.locator('export-screen');
  await toStep(w, 'item');
  await w.locator('#chip-search').fill('910C');
  // The only chip that matches is taken.
  assert.equal(await w.locator('input[name="chip"][value="huawei-ascend-910c"]').isChecked(), true);
  // The classification preview comes from the core's classify().
  await w.getByText('3A090.a.1').first().waitFor();
  assert.match(await w.locator('.root').innerText(), /12,800/);
  await toStep(w, 'parties');
  await w.getByLabel('Party name').fill('Example Data Centre Sdn Bhd');
  await w.getByLabel('Country', { exact: true }).fill('MY');
  await w.getByRole('button', { name: 'Next' }).click();
  await w.getByLabel('Country of ultimate destination').fill('MY');
  await toStep(w, 'review');
  await w.getByRole('button', { name: 'Run the check' }).click();
  await w.locator('.verdict[data-verdict="stop"]').waitFor();
  const gp10 = w.locator('li[data-rule="item.gp10.prc_advanced_ic"]');
  assert.equal(await gp10.count(), 1);
  assert.match(await gp10.innerText(), /General Prohibition 10/);
  // Unanswered end-use and red-flag questions are listed, not assumed "no", after the findings.
  const questions = w.locator('section.questions');
  const order = await w.locator('.root').evaluate((root) => {
    const q = root.querySelector('section.questions');
    const f = root.querySelector('.other-findings');
    return Boolean(f.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(order, 'the open questions come after the findings');
  assert.match(
    await questions.innerText(),
    /Will the items be used in the design, development, production or use of nuclear/,
  );
  assert.doesNotMatch(await w.locator('.root').innerText(), /\bnull\b|\bundefined\b|NaN|\{\w+\}/);
  await screenshot(page, 'check-item-gp10-stop');
  assert.deepEqual(problems, []);
  await context.close();
});
