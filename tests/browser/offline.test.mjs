// The offline single file (dist/exportscreen-offline.html) opened from disk (file://): the engine
// runs in a blob: worker with the wasm inlined, its CSP forbids every network request, a list file
// chosen from disk loads, and batch mode (a module the served widget fetches when it is shown)
// is in the file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useBrowser,
  watch,
  screenshot,
  root,
  fixturePath,
  assertAccessible,
  misreadTexts,
} from './support.mjs';

const env = useBrowser({ serve: false });
let file;
let dir;
before(() => {
  // A copy in an empty folder proves the file needs nothing next to it.
  dir = mkdtempSync(join(tmpdir(), 'es-offline-'));
  file = join(dir, 'exportscreen-offline.html');
  copyFileSync(join(root, 'dist/exportscreen-offline.html'), file);
});

test('the offline file works from file://: screening, a list from disk, no request beyond itself', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const { problems, requests } = watch(page);
  await page.goto(`file://${file}`);
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /connect-src/); // default-src 'none': no fetch, not even data:
  await page.waitForFunction(() => document.querySelector('export-screen')?.lists?.length > 0);

  await page.getByLabel('Quick party screening').check();
  const w = page.locator('export-screen');
  await w.getByLabel('Party name').fill('Huawei Technologies Co Ltd');
  await w.locator('.verdict[data-verdict="license_required"]').waitFor();
  await screenshot(page, 'offline-license-required');

  await w.locator('#list-file').setInputFiles(fixturePath('csl-sample.csv'));
  await page.waitForFunction(
    () => document.querySelector('export-screen').lists?.[0]?.records === 12,
  );
  await w.getByLabel('Party name').fill('Abu Abbas');
  await w.locator('.verdict[data-verdict="stop"]').waitFor();
  await assertAccessible(page, 'offline file, stop');

  assert.deepEqual(await misreadTexts(page), [], 'the page in English');
  // Batch mode: its view is bundled in the file (the CSP would refuse to fetch it).
  const parties = join(dir, 'parties.csv');
  writeFileSync(
    parties,
    'name,country\nHuawei Technologies Co Ltd,CN\nQuiet Meadow Bakery Ltd,GB\n',
  );
  await page.getByLabel('Batch (CSV)').check();
  await w.locator('#batch-file').setInputFiles(parties);
  await w.getByRole('button', { name: 'Screen 2 rows' }).click();
  await w.locator('#batch-table').waitFor();
  const rows = await page.evaluate(() =>
    document.querySelector('export-screen').batch.rows.map((r) => r.verdict),
  );
  assert.deepEqual(rows, ['license_required', 'review']);
  await page.getByLabel('Quick party screening').check();

  await page.getByLabel('简体中文').check();
  await w.getByText('相关方名称').waitFor();
  // The page's own text follows the widget into Chinese (web/demo/demo.js, bundled in).
  assert.deepEqual(await misreadTexts(page), [], 'the page in Chinese');
  assert.equal(await page.title(), 'exportscreen（离线版）');
  await screenshot(page, 'offline-zh');
  const origins = [...new Set(requests.map((u) => new URL(u).protocol))];
  assert.deepEqual(origins.sort(), ['blob:', 'file:'], requests.join('\n'));
  assert.equal(requests.filter((u) => u.startsWith('file:')).length, 1, 'only the file itself');
  assert.deepEqual(problems, []);
  await context.close();
});
