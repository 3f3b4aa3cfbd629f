// axe-core (WCAG 2.0/2.1/2.2 A and AA) in every state of the widget, in English and in
// Simplified Chinese: empty, typing with a field error, the lists panel, each verdict, an error,
// a broken list file, the review step, batch running and batch done. Each state is saved as a
// screenshot under test-output/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useBrowser,
  screenshot,
  ready,
  instrument,
  fixturePath,
  assertAccessible,
  toStep,
  localeShown,
} from './support.mjs';

const env = useBrowser();
let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'es-a11y-'));
  const rows = ['name,country'];
  for (let i = 0; i < 600; i++)
    rows.push(i % 40 === 0 ? 'Huawei Technologies Co Ltd,CN' : `Quiet Meadow Supplies ${i},DE`);
  writeFileSync(join(dir, 'parties.csv'), rows.join('\n'));
});

for (const lang of ['en', 'zh-CN']) {
  test(`axe finds no violation in any state (${lang})`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
    await instrument(context);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(env.server.url);
    await ready(page);
    await page.evaluate((tag) => {
      document.documentElement.lang = tag;
      document.querySelector('export-screen').setAttribute('lang', tag);
    }, lang);
    await localeShown(page, lang);
    const w = page.locator('export-screen');
    const el = (fn, arg) => page.evaluate(fn, arg);
    const state = async (name) => {
      await assertAccessible(page, `${lang} ${name}`);
      await screenshot(page, `a11y-${lang}-${name}`);
    };
    const setQuick = (name, country = '') =>
      el(
        ([n, c]) => {
          const root = document.querySelector('export-screen').shadowRoot;
          for (const [id, v] of [
            ['name', n],
            ['country', c],
          ]) {
            const input = root.getElementById(id);
            input.value = v;
            input.dispatchEvent(new Event('input'));
          }
        },
        [name, country],
      );
    const verdict = async (expected) => {
      await page.waitForFunction(
        (v) =>
          document
            .querySelector('export-screen')
            .shadowRoot.querySelector(`.verdict[data-verdict="${v}"]`),
        expected,
      );
    };

    await state('empty');
    await toStep(w, 'parties');
    await w.locator('#p0-name').fill('Huawei');
    await w.locator('#p0-country').fill('ZZ');
    await w.locator('#p0-country').blur();
    assert.equal(await w.locator('#p0-country').getAttribute('aria-invalid'), 'true');
    await state('typing');
    await w.locator('.vintage button').click();
    await state('lists-panel');
    await w.locator('.vintage button').click();

    // Each verdict (quick mode): license required and review on the built-in list.
    await el(() => document.querySelector('export-screen').setAttribute('mode', 'parties'));
    await setQuick('Huawei Technologies Co Ltd', 'CN');
    await verdict('license_required');
    await state('verdict-license-required');
    await setQuick('Quiet Meadow Supplies GmbH', 'DE');
    await verdict('review');
    await state('verdict-review');

    // Stop and clear need a list holding every CSL source, dated today.
    await w.locator('#list-file').setInputFiles({
      name: 'consolidated.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(fixturePath('csl-complete.csv')),
    });
    await page.waitForFunction(
      () => document.querySelector('export-screen').lists?.[0]?.records === 2467,
    );
    await setQuick('Abu Abbas');
    await verdict('stop');
    await state('verdict-stop');
    // A match's details open, and the matching options.
    await w.locator('.row-toggle').first().click();
    await w.locator('details.options > summary').click();
    await state('match-details-options');
    await setQuick('Quiet Meadow Supplies GmbH', 'DE');
    await verdict('clear');
    await state('verdict-clear');

    // An error from the core.
    await el(() => {
      const e = document.querySelector('export-screen');
      e.setAttribute('mode', 'check');
      e.parties = [{ name: 'Acme', country: 'XX' }];
      e.destination = '';
      return e.screen();
    });
    await w.locator('.result .error-box').waitFor();
    await state('error');
    // The review step of the guided check.
    await el(() => {
      document.querySelector('export-screen').parties = [{ name: 'Acme GmbH', country: 'DE' }];
    });
    await toStep(w, 'review');
    await state('review-step');
    // The questions of an item's deal: Yes, No, Don't know, "None of these apply".
    await toStep(w, 'item');
    await w.locator('input[name="item-kind"][value="catalog"]').check();
    await w.locator('#chip-search').fill('H100 SXM5');
    await toStep(w, 'red_flags');
    await state('red-flags-step');
    // A broken list file.
    const bytes = readFileSync(fixturePath('csl-sample.csv'));
    await w.locator('#list-file').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: bytes.subarray(0, bytes.length - 30),
    });
    await w.locator('.lists-panel .error-box').waitFor();
    await state('list-error');

    // Batch: running (the test holds the second chunk back), then done.
    await el(() => document.querySelector('export-screen').setAttribute('mode', 'batch'));
    await state('batch-empty');
    await w.locator('#batch-file').setInputFiles(join(dir, 'parties.csv'));
    await w.locator('#map-name').waitFor();
    await state('batch-mapping');
    await el(() => {
      window.__holdBatch = true;
    });
    await w.locator('form button[type="submit"]').click();
    await w.locator('.batch-progress progress[value="200"]').waitFor();
    await state('batch-running');
    await el(() => window.__releaseBatch());
    await w.locator('#batch-table').waitFor();
    await state('batch-done');
    await w.locator('[data-row-toggle="1"]').click();
    await w.locator('#batch-row-1 .verdict').waitFor();
    await state('batch-row-details');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
