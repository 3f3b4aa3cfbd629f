// Browser test of the widget running out of WebAssembly memory: with the 48 MB test build of the
// core behind a test-only worker URL, a list too big for the heap gives a clear out_of_memory
// message, the worker is replaced, and the previous list and what the user typed survive.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startServer } from '../../scripts/serve.mjs';
import { useBrowser, instrument, screenshot, fixturePath, toStep, root, site } from './support.mjs';

const smallheap = join(root, 'build/wasm/wasm');
let dir;
// The site as built, plus /smallheap/: the worker bundled as scripts/build-web.mjs bundles it but
// with the 48 MB core in place of the shipped one, and a page that points
// ExportScreenElement.workerUrl at it. Nothing of this ships.
async function smallHeapSite() {
  dir = mkdtempSync(join(tmpdir(), 'es-oom-'));
  cpSync(site, join(dir, 'site'), { recursive: true });
  const sub = join(dir, 'site/smallheap');
  mkdirSync(sub);
  await build({
    entryPoints: [join(root, 'web/src/screen-worker.js')],
    bundle: true,
    format: 'esm',
    outfile: join(sub, 'screen-worker.js'),
    logLevel: 'warning',
    plugins: [
      {
        name: 'small-heap-core',
        setup: (b) =>
          b.onResolve({ filter: /exportscreen-core\.mjs$/ }, () => ({
            path: join(smallheap, 'exportscreen-core-smallheap.mjs'),
          })),
      },
    ],
  });
  copyFileSync(
    join(smallheap, 'exportscreen-core-smallheap.wasm'),
    join(sub, 'exportscreen-core.wasm'),
  );
  writeFileSync(
    join(sub, 'setup.js'),
    `import { ExportScreenElement } from '../export-screen.js';
ExportScreenElement.workerUrl = new URL('./screen-worker.js', import.meta.url);
ExportScreenElement.define();
`,
  );
  writeFileSync(
    join(dir, 'site/oom.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>small heap</title>
<script type="module" src="smallheap/setup.js"></script></head><body><main><export-screen mode="check" max-list-age="36500"></export-screen></main></body></html>`,
  );
  return startServer({ root: join(dir, 'site') });
}
const env = useBrowser({ serve: smallHeapSite });
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A valid CSL CSV of 60,000 records (16 MB): its bytes fit the 48 MB heap, its index does not
// (tests/js/memory.test.mjs shows the same file is out_of_memory for the module itself).
function bigList() {
  const header = readFileSync(fixturePath('csl-sample.csv'), 'utf8').split('\n')[0];
  const rows = [header];
  for (let i = 0; rows.length <= 60000; i++) {
    rows.push(
      `"id${i}","Entity List (EL) - Bureau of Industry and Security","","Entity","","Company Number ${i} Trading Limited","","Street ${i}, City, CN","85 FR 1, 1/1/20","","","","For all items","","","","","","","","","","Alias ${i} One; Alias ${i} Two","","","","","",""`,
    );
  }
  return `${rows.join('\n')}\n`;
}

for (const cache of [true, false]) {
  test(`out of memory in the worker: a clear message, a fresh worker, the previous list and the typed input kept (${cache ? 'list kept in IndexedDB' : 'no-cache'})`, async (t) => {
    if (!existsSync(join(smallheap, 'exportscreen-core-smallheap.wasm'))) {
      t.skip('the small-heap test build is absent (./scripts/build wasm makes it)');
      return;
    }
    const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
    await instrument(context);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${env.server.url}oom.html`);
    if (!cache)
      await page.evaluate(() =>
        document.querySelector('export-screen').setAttribute('no-cache', ''),
      );
    await page.waitForFunction(() => document.querySelector('export-screen')?.lists?.length > 0);
    await page.evaluate(() => {
      window.__errors = [];
      document.addEventListener('screen-error', (e) => window.__errors.push(e.detail));
    });
    const w = page.locator('export-screen');

    // The list in use before: the 12-record sample.
    await w.locator('#list-file').setInputFiles(fixturePath('csl-sample.csv'));
    await page.waitForFunction(
      () => document.querySelector('export-screen').lists?.[0]?.records === 12,
    );
    const before = await page.evaluate(
      () => document.querySelector('export-screen').lists[0].sha256,
    );
    // The user types.
    await toStep(w, 'parties');
    await w.getByLabel('Party name').fill('Abu ABBAS');
    const workers = await page.evaluate(() => window.__workers.length);

    const file = join(dir, 'too-big.csv');
    writeFileSync(file, bigList());
    await w.locator('#list-file').setInputFiles(file);
    // A screening asked for while the worker reads the list waits behind it in the worker's
    // queue; the worker runs out of memory before it gets to it. It is sent again to the fresh
    // worker and answered against the list that was in use (issue 16), not lost.
    await page.waitForFunction(
      () => !!document.querySelector('export-screen').shadowRoot.querySelector('[part="progress"]'),
    );
    await page.evaluate(() => {
      window.__queued = document
        .querySelector('export-screen')
        .screen()
        .then((r) => r && { sha256: r.lists[0].sha256, name: r.party_matches[0]?.name });
    });
    await w.locator('.lists-panel .error-box').waitFor({ timeout: 120000 });
    assert.match(
      await w.locator('.lists-panel .error-box').innerText(),
      /ran out of memory\. Nothing was changed: it was reloaded with the lists in use, and your input is kept/,
    );
    assert.equal((await page.evaluate(() => window.__errors))[0].error.code, 'out_of_memory');
    await page.waitForFunction(() =>
      /ran out of memory/.test(
        document.querySelector('export-screen').shadowRoot.querySelector('[role="alert"]')
          .textContent,
      ),
    );
    // A fresh worker, with the list that was in use.
    await page.waitForFunction((n) => window.__workers.length === n + 1, workers);
    await page.waitForFunction(
      (sha) => document.querySelector('export-screen').lists?.[0]?.sha256 === sha,
      before,
    );
    assert.equal(
      await w.getByLabel('Party name').inputValue(),
      'Abu ABBAS',
      'the typed name is kept',
    );
    assert.deepEqual(
      await page.evaluate(() => window.__queued),
      { sha256: before, name: 'Abu ABBAS' },
      'the screening queued behind the out-of-memory load was answered after the restart',
    );
    await screenshot(page, `memory-oom${cache ? '' : '-no-cache'}`);

    // And it screens.
    await toStep(w, 'review');
    await w.getByRole('button', { name: 'Run the check' }).click();
    await w.locator('.verdict[data-verdict="stop"]').waitFor();
    const result = await page.evaluate(() => document.querySelector('export-screen').result);
    assert.equal(result.party_matches[0].name, 'Abu ABBAS');
    assert.equal(result.lists[0].sha256, before);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
