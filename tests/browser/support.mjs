// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core (never a
// downloaded browser), the built site served with the strict CSP, axe for WCAG 2.2 AA.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, STRICT_CSP } from '../../scripts/serve.mjs';
import { root, site } from '../js/support.mjs';

export { STRICT_CSP, root, site };
export const outDir = join(root, 'test-output/browser');
mkdirSync(outDir, { recursive: true });

// Flags from ../shared/TOOLCHAIN.md: without the networking flags Chromium floods the closed
// network with connection attempts.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-default-apps'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
}

/** Serves build/site (strict CSP unless told otherwise). */
export const serve = (options = {}) => startServer({ root: site, ...options });

/**
 * Opens `url` in a fresh context and records what the page does: console errors, uncaught
 * exceptions and every request it makes.
 */
export async function openPage(browser, url, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  return { context, page, problems, requests };
}

/** axe-core WCAG 2.0/2.1/2.2 A and AA violations, formatted for an assertion message. */
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' >> ')).join(', ')})`);
}

export const screenshot = (page, name) => page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
