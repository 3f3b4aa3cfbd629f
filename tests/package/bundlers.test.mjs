// The package in bundled sites (issue 17): a Vite app and a webpack 5 app, installed from the
// packed tarball and built with no configuration, use the element (exportscreen/define) and the JS
// API on the page (tests/package/apps/); the builds say nothing about the package (no warning: in
// particular none about the Node built-in of its Node branch), and the built sites screen in
// Chromium under the CSP the README recommends, with the worker and the .wasm as the bundler's own
// assets. Vite's dev server serves the same app as it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, STRICT_CSP } from '../../scripts/serve.mjs';
import { launch, ready } from '../browser/support.mjs';
import { appFolder, appsDir, consumer, filesUnder, run } from './support.mjs';

let project;
let browser;
before(async () => {
  project = consumer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PARTY = 'Huawei Technologies Co Ltd';

/**
 * Opens the app at `url` in Chromium: waits for the JS API's verdict on the page, then screens
 * PARTY in the widget (in Chinese: the page's language). Records what the page does wrong, every
 * request and every worker.
 */
async function screenInChromium(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const workers = [];
  page.on('console', (m) => {
    // Chromium asks every server for /favicon.ico; the apps have none.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('worker', (w) => workers.push(w.url()));
  const api = page.locator('#api-verdict');
  const widget = page.locator('export-screen');
  const verdict = widget.locator('.verdict');
  try {
    await page.goto(url);
    await api.filter({ hasText: /\S/ }).waitFor();
    await ready(page);
    await widget.getByLabel('相关方名称').fill(PARTY);
    await widget.getByLabel('相关方名称').press('Enter');
    await verdict.waitFor();
  } catch (err) {
    // What the page reported says why it never got there (a worker or a .wasm not found, ...).
    err.message += `\nthe page reported:\n${problems.join('\n')}\nrequests:\n${requests.join('\n')}`;
    await context.close();
    throw err;
  }
  const seen = {
    api: await api.textContent(),
    verdict: await verdict.getAttribute('data-verdict'),
    verdictText: await verdict.innerText(),
    problems,
    requests,
    workers,
  };
  await context.close();
  return seen;
}

/** What every bundled site must show: both verdicts, no error, only its own assets. */
function assertScreens(seen, origin, built) {
  assert.deepEqual(seen.problems, []);
  assert.equal(seen.api, 'license_required', 'the JS API on the page');
  assert.equal(seen.verdict, 'license_required', 'the widget');
  assert.match(seen.verdictText, /需要许可证/, 'in Chinese, from the catalog chunk');
  for (const r of seen.requests) assert.ok(r.startsWith(origin), `a request elsewhere: ${r}`);
  const path = (u) => new URL(u).pathname.slice(1);
  // The worker is a file the bundler emitted (not the package's own, not a blob: or data: URL).
  assert.equal(seen.workers.length, 1, `workers: ${seen.workers}`);
  assert.ok(built.includes(path(seen.workers[0])), `worker ${seen.workers[0]} was not emitted`);
  const wasm = seen.requests.filter((r) => r.endsWith('.wasm')).map(path);
  assert.ok(wasm.length > 0, 'the .wasm was requested');
  for (const w of wasm) assert.ok(built.includes(w), `${w} was not emitted`);
}

/** Serves a built site with the README's CSP; resolves to what Chromium saw. */
async function serveAndScreen(dir) {
  const { server, url } = await startServer({ root: dir, csp: STRICT_CSP });
  try {
    return { seen: await screenInChromium(url), origin: url };
  } finally {
    server.close();
  }
}

/** The emitted JavaScript: no Node built-in made it into a browser bundle. */
function assertNoNodeBuiltins(dir, built) {
  for (const f of built.filter((p) => p.endsWith('.js'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.doesNotMatch(text, /__vite-browser-external|require\(["']node:|from["']node:/, f);
  }
}

test('Vite: the app builds with no configuration and no warning, and screens under the CSP', async () => {
  const app = appFolder(project, 'vite-app', 'vite', 'page');
  const vite = join(project.dir, 'node_modules/vite/bin/vite.js');
  const { code, output } = await run(process.execPath, [vite, 'build'], {
    cwd: app,
    env: { NO_COLOR: '1' },
  });
  assert.equal(code, 0, output);
  assert.doesNotMatch(output, /warn|\(!\)|externalized|cannot be analyzed|node:/i, output);
  const out = join(app, 'dist');
  const built = filesUnder(out);
  assert.equal(built.filter((f) => f.endsWith('.wasm')).length, 1, built.join(' '));
  assertNoNodeBuiltins(out, built);
  const { seen, origin } = await serveAndScreen(out);
  assertScreens(seen, origin, built);
});

test('webpack 5: the app builds with no configuration, and screens under the CSP', async () => {
  const app = appFolder(project, 'webpack-app', 'page');
  const cli = join(project.dir, 'node_modules/webpack-cli/bin/cli.js');
  const { code, output } = await run(
    process.execPath,
    [
      cli,
      '--mode',
      'production',
      '--entry',
      './main.js',
      '--output-path',
      'dist',
      '--json',
      'stats.json',
    ],
    { cwd: app, env: { NO_COLOR: '1' } },
  );
  assert.equal(code, 0, output);
  const stats = JSON.parse(readFileSync(join(app, 'stats.json'), 'utf8'));
  assert.deepEqual(stats.errors, []);
  // The one message: webpack's performance hint that the .wasm is over 244 KiB (README).
  for (const w of stats.warnings) {
    assert.match(w.message, /asset size limit|entrypoint size limit|performance recommendations/);
    const named = [...w.message.matchAll(/^\s+(\S+\.\w+)(?: \(|$)/gm)].map((m) => m[1]);
    for (const asset of named) assert.match(asset, /\.wasm$/, w.message);
  }
  const out = join(app, 'dist');
  const built = filesUnder(out);
  assert.equal(built.filter((f) => f.endsWith('.wasm')).length, 1, built.join(' '));
  assertNoNodeBuiltins(out, built);
  // The page beside the bundle.
  cpSync(join(appsDir, 'webpack/index.html'), join(out, 'index.html'));
  const { seen, origin } = await serveAndScreen(out);
  assertScreens(seen, origin, [...built, 'index.html']);
});

test("Vite's dev server serves the app as it is, under the CSP", async () => {
  const app = appFolder(project, 'vite-dev-app', 'vite', 'page');
  const vite = await import(
    pathToFileURL(join(project.dir, 'node_modules/vite/dist/node/index.js'))
  );
  const warnings = [];
  const logger = vite.createLogger('warn');
  const customLogger = {
    ...logger,
    warn: (msg, options) => (warnings.push(msg), logger.warn(msg, options)),
    warnOnce: (msg, options) => (warnings.push(msg), logger.warnOnce(msg, options)),
  };
  // Only where to listen and the CSP header: nothing about the package.
  const server = await vite.createServer({
    root: app,
    configFile: false,
    customLogger,
    server: { host: '127.0.0.1', port: 0, headers: { 'Content-Security-Policy': STRICT_CSP } },
  });
  await server.listen();
  try {
    const origin = `http://127.0.0.1:${server.httpServer.address().port}/`;
    const seen = await screenInChromium(origin);
    assert.deepEqual(seen.problems, []);
    assert.equal(seen.api, 'license_required');
    assert.equal(seen.verdict, 'license_required');
    assert.ok(seen.requests.some((r) => r.endsWith('.wasm')));
    assert.deepEqual(warnings, []);
  } finally {
    await server.close();
  }
});
