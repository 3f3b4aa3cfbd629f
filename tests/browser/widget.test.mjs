// Browser tests of <export-screen> on the demo page, served under the strict CSP: the guided
// check end to end (license required, stop, clear), keyboard-only use, events, Chinese, input
// kept across reloads and worker crashes, and the requests the page makes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useBrowser,
  openPage,
  screenshot,
  ready,
  instrument,
  fixturePath,
  assertAccessible,
  toStep,
  lazyImports,
  staticImports,
  routeHostPage,
  localeShown,
  misreadTexts,
  site,
  root,
} from './support.mjs';
import { transferOf } from '../../bench/browser-bench.mjs';
import { TARGETS } from '../../bench/report.mjs';

const env = useBrowser();

const widget = (page) => page.locator('export-screen');

async function fillParty(page, { name, country, role }) {
  const w = widget(page);
  await toStep(w, 'parties');
  await w.getByLabel('Party name').fill(name);
  if (country) await w.getByLabel('Country', { exact: true }).fill(country);
  if (role) await w.getByLabel('Role').selectOption(role);
}

// From the parties step: the destination, then straight to the review (the end-use and red-flag
// steps are left unanswered: they only ask about a deal with items).
async function runCheck(page, destination) {
  const w = widget(page);
  await w.getByRole('button', { name: 'Next' }).click();
  if (destination) await w.getByLabel('Country of ultimate destination').fill(destination);
  await toStep(w, 'review');
  await w.getByRole('button', { name: 'Run the check' }).click();
  await w.locator('.verdict').waitFor();
}

test('under the strict CSP, the guided check ends in one verdict with entry, alias, tokens, score parts and linked citations', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  const csp = (await page.request.get(env.server.url)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  await ready(page);
  const w = widget(page);
  assert.match(
    await w.locator('.vintage').innerText(),
    /Built-in list .* of Jul 9, 2026, 261 records; rules as of/,
  );

  await page.evaluate(() => {
    window.__events = [];
    document.addEventListener('screen-result', (e) => window.__events.push(e.detail));
  });
  await fillParty(page, {
    name: 'Huawei Technologies Co Ltd',
    country: 'CN',
    role: 'ultimate_consignee',
  });
  await runCheck(page, 'CN');
  assert.equal(await w.locator('.verdict').getAttribute('data-verdict'), 'license_required');
  const result = w.locator('.result');
  const text = await result.innerText();
  assert.match(text, /Verdict: License required/);
  assert.doesNotMatch(
    await w.locator('.root').innerText(),
    /\bnull\b|\bundefined\b|NaN|\{\w+\}/,
    'no placeholder or missing value shows',
  );
  // The first row of the party's matches, and its details.
  const row = w.locator('tr.match-row').first();
  assert.match(await row.innerText(), /Huawei Technologies Co\., Ltd\.\s+EL\s+1\.00/);
  await row.locator('.row-toggle').click();
  const first = w.locator('tr.match-details:not([hidden])');
  const firstText = await first.innerText();
  assert.equal(
    await w.locator('.party-result dl.consequences dt').first().getAttribute('data-rule'),
    'party.entity_list',
  );
  assert.match(firstText, /List entry\s+Huawei Technologies Co\., Ltd\./);
  assert.match(
    firstText,
    /Source list\s+Entity List \(EL\) - Bureau of Industry and Security \(EL\)/,
  );
  assert.match(
    firstText,
    /Score\s+1\.00 \(name 1\.00; your name covered 100%, list name covered 100%/,
  );
  assert.match(firstText, /Matched words\s+.*huawei ↔ huawei 100%/);
  // The matched tokens of the list's name are highlighted.
  assert.deepEqual(await first.locator('mark').allInnerTexts(), ['Huawei', 'Technologies']);
  // Citations link to the regulation.
  const links = await w
    .locator('.party-result dl.consequences a, tr.match-details:not([hidden]) a')
    .evaluateAll((as) => as.map((a) => [a.textContent, a.href]));
  assert.ok(
    links.some(
      ([t, href]) =>
        t === '15 CFR 744.11' && href === 'https://www.ecfr.gov/current/title-15/section-744.11',
    ),
    JSON.stringify(links),
  );
  assert.ok(
    links.some(
      ([t, href]) =>
        t === '84 FR 22963' && href === 'https://www.federalregister.gov/citation/84-FR-22963',
    ),
  );
  assert.ok(
    links.some(
      ([t, href]) =>
        t === 'Supplement No. 4 to Part 744' &&
        href.endsWith('/title-15/part-744/appendix-Supplement%20No.%204%20to%20Part%20744'),
    ),
  );
  assert.match(
    await w.locator('.party-result dl.consequences').innerText(),
    /Next step: Do not export/,
  );
  // The built-in list is partial: the review finding says so.
  assert.equal(await w.locator('li[data-rule="lists.partial_coverage"]').count(), 1);

  const events = await page.evaluate(() => window.__events);
  assert.equal(events.length, 1);
  assert.equal(events[0].mode, 'check');
  assert.deepEqual(events[0].request.parties, [
    { name: 'Huawei Technologies Co Ltd', role: 'ultimate_consignee', country: 'CN' },
  ]);
  assert.equal(events[0].request.destination, 'CN');
  assert.equal(events[0].result.verdict, 'license_required');
  assert.match(events[0].record.sha256, /^[0-9a-f]{64}$/);
  await screenshot(page, 'check-license-required');
  assert.deepEqual(problems, [], 'no console errors, no CSP violations');
  await context.close();
});

test('guided check with the official list loaded from a file: a stop case and a clear case', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  // A list holding every source of the CSL, dated today (a fresh copy: a dropped file's date is
  // its last-modified time).
  const list = join(mkdtempSync(join(tmpdir(), 'es-widget-')), 'consolidated.csv');
  copyFileSync(fixturePath('csl-complete.csv'), list);
  await w.locator('#list-file').setInputFiles(list);
  await w
    .locator('.vintage-text')
    .getByText(/Consolidated Screening List of .*, 2,467 records; rules as of/)
    .waitFor();
  assert.equal(await w.locator('.vintage .partial').count(), 0);

  await fillParty(page, { name: 'Abu Abbas' });
  await runCheck(page, 'LB');
  assert.equal(await w.locator('.verdict').getAttribute('data-verdict'), 'stop');
  const stop = w.locator('.party-result dt[data-rule="party.sdn"]');
  assert.match(await stop.innerText(), /Specially Designated Nationals \(SDN\)/);
  assert.match(await w.locator('.party-result dl.consequences').innerText(), /31 CFR/);
  await screenshot(page, 'check-stop');

  await toStep(w, 'parties');
  await w.getByLabel('Party name').fill('Quiet Meadow Bakery Ltd');
  await toStep(w, 'review');
  await w.getByRole('button', { name: 'Run the check' }).click();
  await w.locator('.verdict[data-verdict="clear"]').waitFor();
  assert.equal(await w.locator('[data-rule="party.no_match"]').count(), 1);
  await screenshot(page, 'check-clear');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: every step, validation as typed, the verdict, with a visible focus ring', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const deepActive = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el
        ? {
            id: el.id,
            tag: el.tagName,
            name: el.getAttribute('name'),
            value: el.value,
            text: el.textContent.trim().slice(0, 40),
            outline: getComputedStyle(el).outlineStyle,
          }
        : null;
    });
  const tabTo = async (predicate, max = 60) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const a = await deepActive();
      if (predicate(a)) return a;
    }
    throw new Error('never reached the element with Tab');
  };
  // The first step is the item (the core classifies): it cannot be left without a choice, so say
  // "no item" with the arrow keys, then go on to the parties step from the step list.
  await tabTo((a) => a?.name === 'item-kind');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await deepActive()).value, 'none', 'the focus stays on the choice');
  await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 12 && !/\. Parties$/.test((await deepActive())?.text ?? ''); i++)
    await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  const nameField = await tabTo((a) => a?.id === 'p0-name');
  assert.notEqual(nameField.outline, 'none', 'focus is visible');
  await page.keyboard.type('HiSilicon Technologies');
  await tabTo((a) => a?.id === 'p0-country');
  await page.keyboard.type('ZZ');
  const error = widget(page).locator('#p0-country-error');
  assert.match(await error.innerText(), /“ZZ” is not an ISO country code/);
  assert.equal(await widget(page).locator('#p0-country').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'keyboard-validation');
  // Enter on an invalid step does not advance; the field keeps what was typed.
  await page.keyboard.press('Enter');
  assert.equal((await deepActive()).id, 'p0-country');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('CN');
  assert.equal(await error.innerText(), '');
  await page.keyboard.press('Enter');
  assert.equal((await deepActive()).id, 'step-heading', 'the next step takes the focus');
  await tabTo((a) => a?.id === 'destination');
  await page.keyboard.type('CN');
  await page.keyboard.press('Enter');
  // The end-use step, left unanswered (open questions, not "no"; red flags are asked only about
  // a deal with items).
  for (const step of ['End use']) {
    await widget(page).locator('#step-heading', { hasText: step }).waitFor();
    await tabTo((a) => a?.tag === 'BUTTON' && a.text === 'Next');
    await page.keyboard.press('Enter');
  }
  const run = await tabTo((a) => a?.tag === 'BUTTON' && a.text === 'Run the check');
  assert.notEqual(run.outline, 'none');
  await page.keyboard.press('Enter');
  await widget(page).locator('.verdict[data-verdict="license_required"]').waitFor();
  await page.waitForFunction(() =>
    /Verdict: License required/.test(
      document.querySelector('export-screen').shadowRoot.querySelector('[role="status"]')
        .textContent,
    ),
  );
  await screenshot(page, 'keyboard-result');
  assert.deepEqual(problems, []);
  await context.close();
});

test('events: screen-error names the code; properties set parties and destination; quick mode screens as typed', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.evaluate(() => {
    window.__events = [];
    for (const type of ['screen-result', 'screen-error']) {
      // Listening on window proves the events bubble out of the shadow root (composed).
      window.addEventListener(type, (e) =>
        window.__events.push([
          type,
          e.detail.mode,
          e.detail.result?.verdict ?? e.detail.error.code,
        ]),
      );
    }
    const el = document.querySelector('export-screen');
    el.parties = [
      { name: 'Huawei Technologies Co Ltd', country: 'CN' },
      { name: 'Quiet Meadow Bakery', role: 'purchaser' },
    ];
    el.destination = 'CN';
  });
  const w = widget(page);
  await toStep(w, 'parties');
  assert.equal(await w.locator('#p1-name').inputValue(), 'Quiet Meadow Bakery');
  assert.equal(await w.locator('#p1-role').inputValue(), 'purchaser');
  const result = await page.evaluate(() => document.querySelector('export-screen').screen());
  assert.equal(result.verdict, 'license_required');

  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('mode', 'parties'),
  );
  await w.getByLabel('Party name').fill('HiSilicon Technologies Co Ltd');
  await page.waitForFunction(() => window.__events.length >= 2);
  await w.getByLabel('Country', { exact: true }).fill('C');
  await w.getByLabel('Country', { exact: true }).fill('CN');
  await page.waitForFunction(() => window.__events.length >= 3);
  // A property cannot smuggle an invalid code past the form: the core refuses it.
  await page.evaluate(() => {
    const el = document.querySelector('export-screen');
    el.setAttribute('mode', 'check');
    el.parties = [{ name: 'Acme', country: 'XX' }];
    return el.screen();
  });
  await page.waitForFunction(() => window.__events.some((e) => e[0] === 'screen-error'));
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(events[0], ['screen-result', 'check', 'license_required']);
  assert.ok(events.some((e) => e[1] === 'parties' && e[2] === 'license_required'));
  assert.deepEqual(events.at(-1), ['screen-error', 'check', 'invalid_country']);
  assert.match(await w.locator('.error-box').innerText(), /not an ISO 3166-1 code/);
  await context.close();
});

test('in Chinese: labels, verdict, errors and dates from the catalog and Intl', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.getByLabel('简体中文').check();
  const w = widget(page);
  // The Chinese catalog is fetched on first use; the widget re-renders when it is here.
  await w.locator('.vintage', { hasText: '内置名单' }).waitFor();
  await toStep(w, 'parties');
  await w.getByText('相关方名称').waitFor();
  assert.match(
    await w.locator('.vintage').innerText(),
    /内置名单.*（2026年7月9日），261 条记录；规则截至 2026年/,
  );
  await w.getByLabel('相关方名称').fill('华为技术有限公司');
  await w.getByLabel('国家/地区', { exact: true }).fill('ZZ');
  assert.match(await w.locator('#p0-country-error').innerText(), /不是 ISO 国家\/地区代码/);
  await w.getByLabel('国家/地区', { exact: true }).fill('CN');
  await w.getByRole('button', { name: '下一步' }).click();
  await w.getByLabel('最终目的地国家/地区').fill('CN');
  await toStep(w, 'review');
  await w.getByRole('button', { name: '运行检查' }).click();
  await w.locator('.verdict').waitFor();
  const verdict = await w.locator('.verdict').innerText();
  assert.match(verdict, /结论：/);
  assert.doesNotMatch(await w.locator('.root').innerText(), /\bnull\b|\bundefined\b|NaN|\{\w+\}/);
  assert.equal(await w.locator('.root').getAttribute('lang'), 'zh-CN');
  await screenshot(page, 'check-zh');
  assert.deepEqual(problems, []);
  await context.close();
});

test("the country list is named once a country field has the focus, in the widget's language", async () => {
  // Naming 250 countries makes the page's first Intl.DisplayNames (20-40 ms of ICU data): done
  // when a country field is first used, not when the engine answers.
  const { context, page, problems } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page);
  await toStep(w, 'parties');
  const cn = w.locator('#country-codes option[value="CN"]');
  assert.equal(await cn.count(), 1);
  assert.equal(await cn.textContent(), '');
  await w.locator('#p0-country').focus();
  assert.equal(await cn.textContent(), 'China');
  assert.equal(await w.locator('#country-codes option:empty').count(), 0);
  // Rendered again (another language), the list is named at once when its names are loaded.
  await page.getByLabel('简体中文').check();
  await w.getByText('相关方名称').waitFor();
  await w.locator('#p0-country').focus();
  assert.equal(await w.locator('#country-codes option[value="CN"]').textContent(), '中国');
  await page.getByLabel('English').check();
  await w.getByText('Party name').waitFor();
  assert.equal(await w.locator('#country-codes option[value="CN"]').textContent(), 'China');
  assert.deepEqual(problems, []);
  await context.close();
});

test('what the user typed survives a reload and a crash of the worker; the engine restarts with its lists', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  await instrument(context);
  const page = await context.newPage();
  await page.goto(env.server.url);
  await ready(page);
  const w = widget(page);
  await fillParty(page, { name: 'Huawei Technologies Co Ltd', country: 'CN', role: 'end_user' });
  await page.reload();
  await ready(page);
  assert.equal(await w.getByLabel('Party name').inputValue(), 'Huawei Technologies Co Ltd');
  assert.equal(await w.getByLabel('Country', { exact: true }).inputValue(), 'CN');
  assert.equal(await w.getByLabel('Role').inputValue(), 'end_user');

  // A crash: the worker dies and reports an error event.
  await page.evaluate(() => {
    const worker = window.__workers.at(-1);
    worker.terminate();
    worker.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }));
  });
  await runCheck(page, 'CN');
  assert.equal(await w.locator('.verdict').getAttribute('data-verdict'), 'license_required');
  assert.equal(
    await page.evaluate(() => window.__workers.length),
    2,
    'a new worker replaced the dead one',
  );

  // The engine failing inside the worker (not a ScreenError) makes the worker ask to be replaced.
  await page.evaluate(() => {
    window.__results = 0;
    document.addEventListener('screen-result', () => window.__results++);
    window.__workers.at(-1).postMessage({ id: 1e9, type: 'screenRows', rows: null });
  });
  await page.waitForFunction(() => window.__workers.length === 3);
  await w.getByRole('button', { name: 'Run the check' }).click();
  await page.waitForFunction(() => window.__results === 1);
  assert.equal(await w.locator('.verdict').getAttribute('data-verdict'), 'license_required');
  assert.equal(await w.getByLabel('Party name').count(), 0, 'still on the review step');
  await context.close();
});

test('the page makes no request beyond its own files, the .wasm and an explicit list-src', async () => {
  const origin = new URL(env.server.url).origin;
  const paths = (requests) =>
    [...new Set(requests.map((u) => (u.startsWith(origin) ? new URL(u).pathname : u)))].sort();
  // The modules a page loads: the demo's script, the widget's entry, the element it imports once
  // the worker is started and the chunks both import, the worker (one bundle) and its .wasm
  // (scripts/build-web.mjs).
  const moduleFiles = [
    ...new Set([
      '/demo.js',
      ...staticImports('export-screen-define.js'),
      ...staticImports('export-screen.js'),
      '/screen-worker.js',
      '/exportscreen-core.wasm',
    ]),
  ];

  const demo = await openPage(env.browser, env.server.url);
  await ready(demo.page);
  await fillParty(demo.page, { name: 'Huawei Technologies Co Ltd', country: 'CN' });
  await runCheck(demo.page, 'CN');
  assert.deepEqual(paths(demo.requests), ['/', '/demo.css', '/favicon.svg', ...moduleFiles].sort());
  await demo.context.close();

  const intranet = await openPage(env.browser, `${env.server.url}examples/intranet.html`);
  await intranet.page.waitForFunction(
    () => document.querySelector('export-screen')?.lists?.[0]?.records === 12,
  );
  assert.deepEqual(
    paths(intranet.requests),
    [
      '/examples/intranet.html',
      '/examples/intranet.css',
      '/favicon.svg',
      '/examples/lists/csl-sample.csv',
      ...moduleFiles,
      // The intranet page shows batch mode: the batch view, fetched once it is shown.
      ...lazyImports('export-screen.js', 'batch'),
    ].sort(),
  );
  await intranet.context.close();
});

test("the widget's transfer stays within its budget (TARGETS.widget_gzip_bytes, without the built-in list's data)", async () => {
  // What docs/benchmarks.md measures ("Widget transfer size"), as a test: every file a host page
  // holding only <export-screen mode="parties"> loads until the engine is up, gzipped at level 9,
  // less the built-in list's data. The benchmark reports the figure; this keeps main within it.
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const seen = [];
  context.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await routeHostPage(page, '/size-host.html', '<export-screen mode="parties"></export-screen>');
  await page.goto(`${env.server.url}size-host.html`);
  await page.waitForFunction(() => document.querySelector('export-screen')?.lists?.length > 0);
  await page.waitForLoadState('networkidle');
  await context.close();
  const t = transferOf(seen, site, root);
  assert.ok(
    t.files.some((f) => f.path === '/exportscreen-core.wasm') && t.requests >= 4,
    JSON.stringify(t.files),
  );
  assert.ok(
    t.without_list_gzip <= TARGETS.widget_gzip_bytes,
    `${t.without_list_gzip} B gzipped without the built-in list, over the ${TARGETS.widget_gzip_bytes} B budget: ${JSON.stringify(t.files)}`,
  );
});

test('a page in Chinese fetches the Chinese catalog and renders in Chinese from the first paint; an English page never fetches it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  // The widget's text at every frame, so an English first paint would be caught.
  await context.addInitScript(() => {
    window.__seen = '';
    const note = () => {
      window.__seen += document.querySelector('export-screen')?.shadowRoot?.textContent ?? '';
      requestAnimationFrame(note);
    };
    requestAnimationFrame(note);
  });
  await routeHostPage(page, '/zh-host.html', '<export-screen mode="parties"></export-screen>', {
    lang: 'zh-CN',
    title: '筛查',
  });
  await page.goto(`${env.server.url}zh-host.html`);
  await ready(page);
  const w = widget(page);
  await w.getByLabel('相关方名称').waitFor();
  assert.ok(
    requests.some((p) => /^\/zh-\w+\.js$/.test(p)),
    'the Chinese catalog chunk',
  );
  assert.ok(
    !(await page.evaluate(() => window.__seen)).includes('Party name'),
    'no English label was ever shown',
  );
  await w.getByLabel('相关方名称').fill('Huawei Technologies Co Ltd');
  await w.getByLabel('相关方名称').press('Enter');
  await w.locator('.verdict').waitFor();
  assert.match(
    await w.locator('.verdict').innerText(),
    /[\u4e00-\u9fff]/,
    'the verdict is in Chinese',
  );
  await context.close();
});

test('the example pages load under their own CSP and pass axe', async () => {
  for (const path of ['examples/intranet.html', 'examples/self-check.html', '']) {
    const { context, page, problems } = await openPage(env.browser, env.server.url + path);
    await ready(page);
    await assertAccessible(page, `example ${path || 'index'}`);
    await screenshot(
      page,
      `example-${path.replace(/^examples\//, '').replace('.html', '') || 'index'}`,
    );
    assert.deepEqual(problems, [], path);
    await context.close();
  }
});

test('the demo and the self-check example speak the language chosen, their own text too', async () => {
  for (const path of ['', 'examples/self-check.html']) {
    const { context, page, problems } = await openPage(env.browser, env.server.url + path);
    await ready(page);
    assert.deepEqual(await misreadTexts(page), [], `${path || 'index'} in English`);
    const english = await page.evaluate(() => [document.title, document.body.innerText]);
    await page.locator('input[name="lang"][value="zh"]').check();
    await localeShown(page, 'zh');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.deepEqual(await misreadTexts(page), [], `${path || 'index'} in Chinese`);
    const [title, text] = await page.evaluate(() => [document.title, document.body.innerText]);
    assert.match(title, /[\u4e00-\u9fff]/, 'the title in Chinese');
    assert.notEqual(text, english[1]);
    await assertAccessible(page, `example ${path || 'index'} in Chinese`);
    // And back.
    await page.locator('input[name="lang"][value="en"]').check();
    await localeShown(page, 'en');
    assert.deepEqual(await page.evaluate(() => [document.title, document.body.innerText]), english);
    assert.deepEqual(problems, [], path);
    await context.close();
  }
});

test('dark colour scheme and reduced motion: the palette passes axe, nothing animates', async () => {
  const { context, page, problems } = await openPage(env.browser, env.server.url, {
    colorScheme: 'dark',
    reducedMotion: 'reduce',
  });
  await ready(page);
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('mode', 'parties'),
  );
  const w = widget(page);
  await w.getByLabel('Party name').fill('Huawei Technologies Co Ltd');
  await w.locator('.verdict').waitFor();
  assert.equal(
    await w.locator('.verdict').evaluate((el) => getComputedStyle(el).animationName),
    'none',
  );
  assert.equal(await w.evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(20, 24, 32)');
  await assertAccessible(page, 'dark, license required');
  await screenshot(page, 'dark-license-required');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with no-cache, a crashed worker is replaced and the loaded list is loaded again from the bytes the page kept', async () => {
  const context = await env.browser.newContext();
  await instrument(context);
  const page = await context.newPage();
  // A host that keeps no list in the browser.
  await page.goto(env.server.url);
  await ready(page);
  await page.evaluate(() => document.querySelector('export-screen').setAttribute('no-cache', ''));
  const w = widget(page);
  await w.locator('#list-file').setInputFiles(fixturePath('csl-sample.csv'));
  await page.waitForFunction(
    () => document.querySelector('export-screen').lists?.[0]?.records === 12,
  );
  await page.evaluate(() => {
    const worker = window.__workers.at(-1);
    worker.terminate();
    worker.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash' }));
  });
  await fillParty(page, { name: 'Abu Abbas' });
  await runCheck(page);
  assert.equal(
    await w.locator('.verdict').getAttribute('data-verdict'),
    'stop',
    'the SDN entry of the reloaded list matched',
  );
  assert.equal(await page.evaluate(() => window.__workers.length), 2);
  await context.close();
});

test("preset takes the core's names: strict drops the looser matches broad reports; min-score wins over it", async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('mode', 'parties'),
  );
  await widget(page).getByRole('textbox').first().fill('Huawei Technologies Co Ltd');
  const matches = (preset) =>
    page.evaluate(async (preset) => {
      const el = document.querySelector('export-screen');
      el.setAttribute('preset', preset);
      const result = await el.screen();
      // Distinctive-word leads ("huawei") are listed whatever the threshold: the scored
      // matches are the ones the preset selects.
      const scored = result.party_matches.filter((m) => m.reason !== 'distinctive_word');
      return { minScore: el.minScore, scores: scored.map((m) => m.score) };
    }, preset);
  const strict = await matches('strict');
  const broad = await matches('broad');
  assert.equal(strict.minScore, 0.92);
  assert.equal(broad.minScore, 0.75);
  assert.ok(strict.scores.every((x) => x >= 0.92) && broad.scores.every((x) => x >= 0.75));
  assert.ok(
    broad.scores.length > strict.scores.length,
    `broad ${broad.scores.length}, strict ${strict.scores.length}`,
  );
  assert.equal((await matches('balanced')).minScore, 0.85);
  assert.equal((await matches('no-such-preset')).minScore, 0.85, 'another value means the default');
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('min-score', '0.5'),
  );
  assert.equal((await matches('strict')).minScore, 0.5);
  await context.close();
});

test("the options panel drawn before the engine answered offers the engine's presets and the loaded lists' sources once they are known", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await routeHostPage(page, '/quick-host.html', '<export-screen mode="parties"></export-screen>', {
    title: 'quick',
  });
  await page.goto(`${env.server.url}quick-host.html`);
  await ready(page);
  const w = widget(page);
  await w.locator('details.options > summary').click();
  assert.deepEqual(
    await w.locator('#opt-preset option').evaluateAll((os) => os.map((o) => o.value)),
    ['', 'strict', 'balanced', 'broad'],
  );
  assert.match(await w.locator('details.options > summary').innerText(), /Balanced \(0\.85\)/);
  // The built-in list holds one source list: nothing to choose.
  assert.equal(await w.locator('.sources input').count(), 0);
  await w.locator('#list-file').setInputFiles(fixturePath('csl-sample.csv'));
  await page.waitForFunction(() =>
    document.querySelector('export-screen').lists?.some((l) => l.source === 'csl-sample.csv'),
  );
  assert.ok((await w.locator('.sources input').count()) > 1, 'the sources of the loaded lists');
  await w.locator('#opt-preset').selectOption('strict');
  assert.match(await w.locator('details.options > summary').innerText(), /Strict \(0\.92\)/);
  await context.close();
});

test('the widget follows the nearest lang: switching <html lang> switches it, its own lang wins', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await ready(page);
  const w = widget(page).first();
  await toStep(w, 'parties');
  await w.getByLabel('Party name').fill('Huawei');
  await page.evaluate(() => {
    document.documentElement.lang = 'zh-CN';
  });
  await w.getByText('相关方名称').waitFor();
  assert.equal(await w.getByLabel('相关方名称').inputValue(), 'Huawei', 'the input is kept');
  await page.evaluate(() => {
    const host = document.createElement('div');
    host.lang = 'en';
    const inner = document.createElement('export-screen');
    inner.setAttribute('mode', 'parties');
    host.append(inner);
    document.body.append(host);
  });
  await page.waitForFunction(() =>
    document.querySelectorAll('export-screen')[1]?.shadowRoot.textContent.includes('Party name'),
  );
  await page.evaluate(() => document.querySelector('export-screen').setAttribute('lang', 'en'));
  await w.getByText('Party name').waitFor();
  await page.evaluate(() => {
    document.documentElement.lang = 'zh-CN';
  });
  assert.equal(
    await w.getByText('Party name').count(),
    1,
    'its own lang attribute wins over the page',
  );
  await context.close();
});

test('a keyboard user who reached a control before the engine finished starting keeps the focus there', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  await instrument(context);
  // The reference data (the last step of the start) is held until the user has tabbed in.
  await context.addInitScript(() => window.__holdTypes.add('reference'));
  const page = await context.newPage();
  await page.goto(env.server.url);
  await ready(page);
  await page.getByLabel('Batch (CSV)').check();
  const deep = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.id;
    });
  for (let i = 0; i < 20 && (await deep()) !== 'batch-file'; i++) await page.keyboard.press('Tab');
  assert.equal(await deep(), 'batch-file');
  await page.waitForFunction(() => window.__heldIds.reference?.length === 1);
  await page.evaluate(() => window.__release('reference'));
  await page.waitForFunction(() => window.__answered.has(window.__heldIds.reference[0]));
  assert.equal(
    await deep(),
    'batch-file',
    'the mode view was rendered again around the focused control',
  );
  await context.close();
});

/**
 * Presses Space on the focused file control and returns the file chooser it opens. Playwright
 * asks Chromium to intercept choosers without waiting for the answer, so a key pressed at once
 * can beat the interception (a lost chooser, seen once on CI): listen first, let a round trip
 * pass, and press again if no chooser came within 5 s. A control that never opens one still fails.
 */
async function openChooserBySpace(page) {
  let chosen;
  const listener = (c) => (chosen ??= c);
  page.on('filechooser', listener);
  try {
    await page.evaluate(() => 0);
    for (let attempt = 0; attempt < 3 && !chosen; attempt++) {
      await page.keyboard.press('Space');
      for (let waited = 0; waited < 5000 && !chosen; waited += 100) await page.waitForTimeout(100);
    }
  } finally {
    page.off('filechooser', listener);
  }
  assert.ok(chosen, 'Space on the focused file control opens the file chooser');
  return chosen;
}

test('keyboard only in batch mode: choose the file, map, run, sort and page', async () => {
  const { context, page } = await openPage(env.browser, env.server.url);
  await ready(page);
  await page.getByLabel('Batch (CSV)').check();
  const w = widget(page);
  const rows = [
    'name,country',
    ...Array.from({ length: 60 }, (_, i) =>
      i === 30 ? 'Huawei Technologies Co Ltd,CN' : `Quiet Meadow ${i},DE`,
    ),
  ];
  const deep = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.id || el?.textContent?.trim().slice(0, 30);
    });
  for (let i = 0; i < 20 && (await deep()) !== 'batch-file'; i++) await page.keyboard.press('Tab');
  assert.equal(await deep(), 'batch-file');
  const chooser = await openChooserBySpace(page);
  await chooser.setFiles({
    name: 'keyboard.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(rows.join('\n')),
  });
  await page.waitForFunction(
    () => document.querySelector('export-screen').shadowRoot.activeElement?.id === 'map-name',
  );
  for (let i = 0; i < 10 && !/^Screen 60 rows$/.test(await deep()); i++)
    await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await w.locator('#batch-table').waitFor();
  assert.equal(await deep(), 'batch-results-heading', 'the results take the focus');
  for (let i = 0; i < 10 && (await deep()) !== 'Score'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  assert.match(
    await w.locator('#batch-table tbody tr').first().innerText(),
    /Huawei Technologies Co Ltd/,
  );
  assert.equal(await deep(), 'Score ▼', 'the sort button keeps the focus');
  // Past the rows (each name opens its details) to the next page.
  for (let i = 0; i < 80 && (await deep()) !== 'page-next'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  assert.match(await w.locator('.pager').innerText(), /Rows 51–60 of 60/);
  await context.close();
});
