// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core (never a
// downloaded browser), the built site served with the strict CSP, axe for WCAG 2.2 AA.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, STRICT_CSP } from '../../scripts/serve.mjs';
import { root, site } from '../js/support.mjs';
import en from '../../web/src/i18n/en.js';
import zh from '../../web/src/i18n/zh.js';

export { STRICT_CSP, root, site };
export const outDir = join(root, 'test-output/browser');
mkdirSync(outDir, { recursive: true });

// Flags from ../shared/TOOLCHAIN.md: without the networking flags Chromium floods the closed
// network with connection attempts.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
];

// Browser features that do work in every new window of a headless Chromium, none of it for the
// page: since Chromium 151 the address bar's popup, a WebUI page of some 200 modules, is preloaded
// in a renderer of its own for each new window (each browser context here), and on a 2-core
// machine it took about 40 % of a cold page load's time (docs/benchmarks.md). Puppeteer turns
// the same two off by default.
const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Chromium keeps only the last --disable-features of its command line, and playwright-core passes
// a list of its own: ours is merged with that one, read once per process off the command line of
// a browser Playwright starts (/proc/PID/cmdline: Debian's Chromium, the only one used here).
// Where it cannot be read, Playwright's list stays as it is and ours is not added.
let featureSwitch = null;
function playwrightFeatureSwitch() {
  featureSwitch ??= (async () => {
    const server = await chromium.launchServer({ executablePath, args: ARGS });
    try {
      const args = readFileSync(`/proc/${server.process().pid}/cmdline`, 'utf8').split('\0');
      return args.findLast((a) => a.startsWith('--disable-features=')) ?? null;
    } catch {
      return null;
    } finally {
      await server.close();
    }
  })();
  return featureSwitch;
}

export async function launch() {
  const theirs = await playwrightFeatureSwitch();
  if (!theirs) return chromium.launch({ executablePath, args: ARGS });
  const features = [...theirs.slice('--disable-features='.length).split(','), ...DISABLED_FEATURES];
  return chromium.launch({
    executablePath,
    args: [...ARGS, `--disable-features=${features.filter(Boolean).join(',')}`],
    ignoreDefaultArgs: [theirs],
  });
}

/**
 * The built site's module `file` and every module it imports statically (not import()), as the
 * paths a browser requests ('/x.js'): the shipped bundles import content-hashed chunks.
 */
export function staticImports(file) {
  const seen = new Set();
  const visit = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    const code = readFileSync(join(site, f), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+)["']/g)) visit(m[1]);
  };
  visit(file);
  return [...seen].map((f) => `/${f}`);
}

/**
 * The modules `file` or what it imports statically fetches later with import("./name-HASH.js")
 * (the batch view when batch mode is shown, the Chinese catalog on a Chinese page), with what
 * they import statically that `file` does not.
 * @param {string} file
 * @param {string} name the lazy module's name, before its hash
 */
export function lazyImports(file, name) {
  const loaded = new Set(staticImports(file));
  const later = new Set();
  for (const f of loaded) {
    const code = readFileSync(join(site, f.slice(1)), 'utf8');
    for (const m of code.matchAll(/\bimport\(\s*["']\.\/([^"']+)["']\s*\)/g)) {
      if (!m[1].startsWith(`${name}-`)) continue;
      for (const g of staticImports(m[1])) if (!loaded.has(g)) later.add(g);
    }
  }
  return [...later];
}

/**
 * Serves at `path` a host page as a host writes one: the element's entry module in its head and
 * `body` (the element's markup; a function of the requested URL where it varies with it) in its
 * <main>, with the strict CSP unless `csp` is false.
 * @param {import('playwright-core').Page} page
 * @param {string} path
 * @param {string | ((url: URL) => string)} body
 */
export function routeHostPage(page, path, body, { lang = 'en', title = 'host', csp = true } = {}) {
  return page.route(
    (url) => url.pathname === path,
    (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: csp ? { 'Content-Security-Policy': STRICT_CSP } : {},
        body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
<script type="module" src="/export-screen-define.js"></script></head>
<body><main>${typeof body === 'function' ? body(new URL(route.request().url())) : body}</main></body></html>`,
      }),
  );
}

/** Serves build/site (strict CSP unless told otherwise). */
export const serve = (options = {}) => startServer({ root: site, ...options });

/**
 * The set-up every browser test file shares: registers the file's before/after hooks that launch
 * Chromium and serve the site, and close both. `serve`: options for serve() (e.g. `{csp: null}`),
 * a function that starts another server, or false for none. The returned object has `browser`
 * and `server` once the first test runs.
 * @param {{serve?: object|false|(() => Promise<{url: string, server: import('node:http').Server}>)}} [options]
 */
export function useBrowser({ serve: serving = {} } = {}) {
  const env = { browser: null, server: null };
  before(async () => {
    if (typeof serving === 'function') env.server = await serving();
    else if (serving) env.server = await serve(serving);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.server.close();
  });
  return env;
}

/** Records what a page does wrong (console errors, uncaught exceptions) and every request. */
export function watch(page) {
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  return { problems, requests };
}

/**
 * Opens `url` in a fresh context and records what the page does: console errors, uncaught
 * exceptions and every request it makes.
 */
export async function openPage(browser, url, contextOptions = {}) {
  const context = await browser.newContext({
    viewport: { width: 1100, height: 900 },
    ...contextOptions,
  });
  const page = await context.newPage();
  const { problems, requests } = watch(page);
  await page.goto(url);
  return { context, page, problems, requests };
}

// axe-core's own build, evaluated once in each document checked (the Playwright wrapper evaluated
// its 500 KB again for every check: 0.7 s a check against 0.15 s, in some fifty checks).
const AXE_SOURCE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core WCAG 2.0/2.1/2.2 A and AA violations, formatted for an assertion message. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof globalThis.axe?.run === 'function'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (tags) => {
    const result = await globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' >> ')).join(', ')})`,
    );
  }, AXE_TAGS);
}

export const screenshot = (page, name) =>
  page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });

/**
 * The page's texts (the widget's shadow tree aside) read in the wrong language: [lang, text] for
 * each visible text in the other language than the element it is in says. A screen reader reads a
 * text in the language its lang names. English prose here: a word of four lower-case letters or
 * more (names aside: the product's, a domain's, a file's in <code>); Chinese: a Han character.
 * @param {import('playwright-core').Page} page
 */
export function misreadTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el.checkVisibility() || !n.data.trim()) continue;
      const lang = el.closest('[lang]').lang;
      const prose = el.closest('code') ? '' : n.data.replace(/exportscreen|trade\.gov/g, '');
      if (/[a-z]{4,}/.test(prose) && !lang.startsWith('en')) out.push([lang, n.data.trim()]);
      if (/[\u4e00-\u9fff]/.test(n.data) && !lang.startsWith('zh')) out.push([lang, n.data.trim()]);
    }
    return out;
  });
}

/**
 * Waits until the widget shows `lang` ("en", "zh"): another language's catalog is fetched on first
 * use, and the widget re-renders when it is here.
 */
export async function localeShown(page, lang, selector = 'export-screen') {
  await page.waitForFunction(
    ([sel, l]) =>
      document.querySelector(sel)?.shadowRoot?.querySelector('.root')?.lang.startsWith(l),
    [selector, lang],
  );
}

/** Waits until the widget's engine is up and its lists are known. */
export async function ready(page, selector = 'export-screen') {
  await page.waitForFunction((sel) => document.querySelector(sel)?.lists?.length > 0, selector);
}

/**
 * Test instruments installed before the page's scripts run (no hook ships in the widget):
 * records every Worker the page creates (window.__workers), and can hold the batch's chunk
 * requests after the first one (window.__holdBatch = true ... window.__releaseBatch()), so a
 * "batch running" state is observed deterministically, whatever the machine's speed.
 */
export async function instrument(context) {
  await context.addInitScript(() => {
    const NativeWorker = window.Worker;
    window.__workers = [];
    window.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        window.__workers.push(this);
      }
    };
    const post = NativeWorker.prototype.postMessage;
    let sent = 0;
    const held = [];
    window.__holdBatch = false;
    // Requests of the types in __holdTypes wait for __release(type); __answered has the ids of the
    // replies the page has handled.
    window.__holdTypes = new Set();
    window.__heldIds = {};
    window.__answered = new Set();
    const heldByType = [];
    NativeWorker.prototype.postMessage = function (msg, transfer) {
      if (window.__holdBatch && msg?.type === 'screenRows' && sent++ >= 1) {
        held.push(() => post.call(this, msg, transfer));
        return;
      }
      if (window.__holdTypes.has(msg?.type)) {
        (window.__heldIds[msg.type] ??= []).push(msg.id);
        heldByType.push({ type: msg.type, send: () => post.call(this, msg, transfer) });
        return;
      }
      return post.call(this, msg, transfer);
    };
    window.__releaseBatch = () => {
      window.__holdBatch = false;
      for (const send of held.splice(0)) send();
    };
    window.__release = (type) => {
      window.__holdTypes.delete(type);
      for (const h of heldByType.filter((x) => x.type === type)) h.send();
    };
    const listen = NativeWorker.prototype.addEventListener;
    NativeWorker.prototype.addEventListener = function (type, listener, options) {
      if (type !== 'message') return listen.call(this, type, listener, options);
      return listen.call(
        this,
        type,
        (e) => {
          listener.call(this, e);
          if (e.data?.id !== undefined && 'ok' in e.data) window.__answered.add(e.data.id);
        },
        options,
      );
    };
  });
}

/** Fails with the violations when axe finds any; `state` names the state in the message. */
export async function assertAccessible(page, state) {
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`axe, state "${state}":\n${violations.join('\n')}`);
}

/** A file of the committed fixtures. */
export const fixturePath = (name) => join(root, 'tests/fixtures', name);

const stepNames = (key) =>
  [en[`step.${key}`], zh[`step.${key}`]].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/**
 * The guided check's step button for a step key (item, parties, destination, end_use,
 * red_flags, review), in English or Chinese. Which steps exist depends on what the core offers
 * (the item, end-use and red-flag steps come from its reference data), so tests go by name, not
 * by number.
 */
export function stepButton(widget, key) {
  return widget
    .locator('.steps button')
    .filter({ hasText: new RegExp(`^\\d+\\. (${stepNames(key).join('|')})$`) });
}

/**
 * Moves the guided check to a step (a no-op when it is there already). The item step cannot be
 * left without a choice (issue 13): from it, with no chip chosen, "No item" is chosen first.
 */
export async function toStep(widget, key) {
  const button = stepButton(widget, key);
  const onItem = await stepButton(widget, 'item')
    .getAttribute('aria-current')
    .catch(() => null);
  if (onItem === 'step' && key !== 'item') {
    const chosen = await widget.locator('input[name="chip"]:checked').count();
    const kind = await widget.locator('input[name="item-kind"]:checked').getAttribute('value');
    if (kind === 'catalog' && !chosen)
      await widget.locator('input[name="item-kind"][value="none"]').check();
  }
  if ((await button.getAttribute('aria-current')) !== 'step') await button.click();
  await widget
    .locator('#step-heading')
    .filter({ hasText: new RegExp(`^(${stepNames(key).join('|')})$`) })
    .waitFor();
}
