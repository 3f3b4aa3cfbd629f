// Browser tests of <export-screen> on the demo page, served under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve, openPage, axeViolations, screenshot } from './support.mjs';

let browser, server;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.server.close();
});

test('under the strict CSP, typing a listed name shows the verdict, entry, source, score and citation', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  // The CSP header really is on the page.
  const csp = (await page.request.get(server.url)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);

  await page.getByLabel('Party name').fill('Huawei Technologies Co Ltd');
  const verdict = page.locator('export-screen .verdict');
  await verdict.waitFor();
  assert.equal(await verdict.getAttribute('data-verdict'), 'license_required');
  const status = page.locator('export-screen [role="status"]');
  const text = await status.innerText();
  assert.match(text, /License required/);
  assert.match(text, /Huawei Technologies Co\., Ltd\./);
  assert.match(text, /Entity List \(EL\) - Bureau of Industry and Security/);
  assert.match(text, /100 \/ 100/);
  assert.match(text, /84 FR 22963/);
  assert.match(text, /15 CFR 744\.11/);
  assert.match(await page.locator('export-screen [part="data-note"]').innerText(), /partial/);
  await screenshot(page, 'widget-huawei');

  assert.deepEqual(await axeViolations(page), [], 'axe finds no WCAG 2.2 AA violation with a result shown');
  assert.deepEqual(problems, [], 'no console errors, no CSP violations');
  await context.close();
});

test('the empty page has no accessibility violations', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.locator('export-screen [part="data-note"]').getByText(/records/).waitFor();
  await screenshot(page, 'widget-empty');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: Tab to the fields, type, Enter screens; errors are announced', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.locator('export-screen [part="data-note"]').getByText(/records/).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.type('HiSilicon Technologies');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ZZ');
  await page.keyboard.press('Enter');
  const status = page.locator('export-screen [role="status"]');
  await status.getByText(/Could not screen/).waitFor();
  assert.match(await page.locator('export-screen #country-error').innerText(), /ISO country code/);
  assert.equal(await page.locator('export-screen #country').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await axeViolations(page), [], 'the error state is accessible');
  await screenshot(page, 'widget-error');

  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('CN');
  await page.keyboard.press('Enter');
  await page.locator('export-screen .verdict[data-verdict="license_required"]').waitFor();
  assert.equal(await page.locator('export-screen #name').inputValue(), 'HiSilicon Technologies', 'input kept through the error');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget emits screen-result and screen-error events that cross the shadow boundary', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.evaluate(() => {
    window.__events = [];
    document.addEventListener('screen-result', (e) => window.__events.push(['result', e.detail.result.verdict]));
    document.addEventListener('screen-error', (e) => window.__events.push(['error', e.detail.error.code]));
  });
  await page.getByLabel('Party name').fill('Huawei Technologies Co Ltd');
  await page.locator('export-screen .verdict').waitFor();
  await page.getByLabel('Country').fill('XX');
  await page.locator('export-screen .error').waitFor();
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(events.at(0), ['result', 'license_required']);
  assert.deepEqual(events.at(-1), ['error', 'invalid_country']);
  await context.close();
});

test('screening makes no network request beyond the page, its scripts, styles and the .wasm', async () => {
  const { context, page, requests } = await openPage(browser, server.url);
  await page.getByLabel('Party name').fill('Huawei Technologies Co Ltd');
  await page.locator('export-screen .verdict').waitFor();
  const paths = requests.map((u) => new URL(u)).map((u) => (u.origin === new URL(server.url).origin ? u.pathname : u.href));
  const allowed = ['/', '/favicon.svg', '/demo.css', '/export-screen-define.js', '/export-screen.js', '/exportscreen.js', '/exportscreen-core.mjs', '/exportscreen-core.wasm'];
  assert.deepEqual([...new Set(paths)].sort(), allowed.sort());
  await context.close();
});

test('the classic single-file build screens from a file:// page (offline use)', async () => {
  const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { site } = await import('./support.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'es-offline-'));
  copyFileSync(join(site, 'exportscreen-core.single.js'), join(dir, 'exportscreen-core.single.js'));
  writeFileSync(join(dir, 'offline.html'), `<!doctype html><html lang="en"><title>offline</title>
<script src="exportscreen-core.single.js"></script>
<script>
createExportScreenCore().then((core) => {
  const s = new core.Session();
  s.loadBuiltin();
  document.title = JSON.parse(s.screen('{"parties":[{"name":"Huawei Technologies Co Ltd"}]}')).verdict;
});
</script></html>`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${join(dir, 'offline.html')}`);
  await page.waitForFunction(() => document.title !== 'offline');
  assert.equal(await page.title(), 'license_required');
  assert.deepEqual(errors, []);
  await context.close();
});
