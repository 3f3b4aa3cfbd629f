// Browser tests of the widget against hostile text: list entries (a CSL file loaded by list-src)
// and user input holding markup, bidi controls and zero-width characters render as text in every
// view (guided check, quick screening, batch table, lists panel, audit record and its printout,
// CSV export), no injected script runs, no injected element exists, and bidi controls stay inside
// the name that carries them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenshot, fixturePath, toStep, outDir, routeHostPage, useBrowser } from './support.mjs';

// No CSP from the server: the test page below decides, so an injected handler WOULD run on the
// page without a policy, and would be reported as a violation on the page with one.
const env = useBrowser({ serve: { csp: null } });

const RLO = '\u202E';
// Each sets window.__pwned when it runs as markup.
const IMG = 'Evil <img src=x onerror="window.__pwned=\'img\'"> Trading Co';
const SCRIPT = "</script><script>window.__pwned='script'</script> Holdings";
const SVG = '"><svg onload="window.__pwned=\'svg\'"> Industries';
// An unmatched right-to-left override and isolates: unisolated, they would reverse the UI text after them.
const BIDI = `Abc ${RLO}Reversed Evil\u2066 Trading\u2069\u2067 Group`;
const ZW = 'Zero\u200BWidth\u200D Semiconductor\uFEFF Corp';
const FORMULA = '=HYPERLINK("http://evil.example","click") Labs';
const AT = '@SUM(1+1) Devices';
const NAMES = [IMG, SCRIPT, SVG, BIDI, ZW, FORMULA, AT];
const ADDRESS = `<b onmouseover="window.__pwned='address'">1 Main St</b> ${RLO}Shenzhen`;
const FILE_LABEL = `csl <img src=x onerror="window.__pwned='label'"> ${RLO}vsc.csv`;
const BAD_COUNTRY = `Z${RLO}Q`;

// A CSL CSV (the official columns) whose entries carry the hostile names.
function hostileList() {
  const header = readFileSync(fixturePath('csl-sample.csv'), 'utf8').split('\n')[0].trim();
  const columns = header.split(',').map((c) => c.replace(/"/g, ''));
  const quote = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const rows = NAMES.map((name, i) => {
    const entry = {
      _id: `hostile-${i}`,
      source: 'Entity List (EL) - Bureau of Industry and Security',
      entity_number: '',
      type: 'Entity',
      name,
      addresses: `${ADDRESS}, CN`,
      federal_register_notice: '89 FR 1, 1/2/24',
      start_date: '2024-01-02',
      license_requirement: `For all items subject to the EAR. <script>window.__pwned='lr'</script>`,
      license_policy: 'Presumption of denial.',
      alt_names: i === 0 ? SVG.replace('Industries', 'Alias') : '',
      source_list_url: 'https://www.bis.gov/entity-list',
    };
    return columns.map((c) => quote(entry[c] ?? '')).join(',');
  });
  return `${header}\n${rows.join('\n')}\n`;
}

// Opens the test page (with or without the strict CSP) and records what must never happen.
async function open(csp) {
  const context = await env.browser.newContext({
    viewport: { width: 1100, height: 900 },
    acceptDownloads: true,
  });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__violations.push(`${e.violatedDirective}: ${e.sample || e.blockedURI}`),
      true,
    );
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await routeHostPage(
    page,
    '/security.html',
    '<h1>Host page</h1><export-screen mode="check" max-list-age="36500"></export-screen>',
    { title: 'security', csp },
  );
  await page.route(
    (url) => url.pathname.startsWith('/hostile/'),
    (route) =>
      route.fulfill({
        contentType: 'text/csv; charset=utf-8',
        headers: { 'Last-Modified': 'Fri, 20 Nov 2026 00:00:00 GMT' },
        body: hostileList(),
      }),
  );
  await page.goto(`${env.server.url}security.html`);
  await page.waitForFunction(() => document.querySelector('export-screen')?.lists?.length > 0);
  return { context, page, problems, w: page.locator('export-screen') };
}

// What the shadow DOM must satisfy whatever state it is in.
async function assertSafe(page, state) {
  const report = await page.evaluate(
    ({ allowed }) => {
      const root = document.querySelector('export-screen').shadowRoot;
      const injected = [
        ...root.querySelectorAll(
          'img, svg, script, iframe, object, embed, b, style, link, base, meta',
        ),
      ].map((e) => e.outerHTML);
      const handlers = [...root.querySelectorAll('*')].flatMap((e) =>
        [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`),
      );
      // Every text holding a bidi control must sit in an isolating element (bdi, or
      // unicode-bidi: isolate) that holds one hostile text and nothing else; or, in plain-text
      // places (an <option>, a live region), between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.
      const control = /[\u202A-\u202E\u2066-\u2069]/;
      // The widget may close what a text leaves open (PDF, PDI) at its end.
      const holds = (shown, text) =>
        shown.startsWith(text) && /^[\u202C\u2069]*$/.test(shown.slice(text.length));
      // The letters of the UI text right after an isolate run left to right (an override leaking
      // out of the isolate would lay them out right to left).
      const inOrder = (el) => {
        const next = el.nextSibling;
        if (next?.nodeType !== Node.TEXT_NODE) return true;
        const m = /[A-Za-z]{3}/.exec(next.data);
        if (!m) return true;
        const x = [0, 1, 2].map((k) => {
          const range = document.createRange();
          range.setStart(next, m.index + k);
          range.setEnd(next, m.index + k + 1);
          const r = range.getBoundingClientRect();
          return { left: r.left, top: Math.round(r.top), w: r.width };
        });
        if (x.some((r) => r.w === 0) || new Set(x.map((r) => r.top)).size > 1) return true; // hidden, or wraps
        return x[0].left < x[1].left && x[1].left < x[2].left;
      };
      const isolating = (el) =>
        el.tagName === 'BDI' ||
        ['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(el).unicodeBidi);
      const unisolated = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        let rest = node.data;
        rest = rest.replace(/\u2068([^\u2068]*?[\u202C\u2069]*)\u2069/g, (m, inner) =>
          allowed.some((text) => holds(inner, text)) ? '' : m,
        );
        if (!control.test(rest)) continue;
        let el = node.parentElement;
        while (el && !isolating(el)) el = el.parentElement;
        if (!el || !allowed.some((text) => holds(el.textContent, text)))
          unisolated.push({
            text: node.data,
            in: el?.textContent ?? null,
            parent: node.parentElement.tagName,
          });
        else if (!inOrder(el)) unisolated.push({ text: node.data, reordered: el.nextSibling.data });
      }
      return {
        injected,
        handlers,
        unisolated,
        pwned: window.__pwned ?? null,
        violations: window.__violations,
      };
    },
    { allowed: [...NAMES, ADDRESS, `${ADDRESS}, CN`, FILE_LABEL, BAD_COUNTRY] },
  );
  assert.deepEqual(report.injected, [], `${state}: injected elements`);
  assert.deepEqual(report.handlers, [], `${state}: event handler attributes`);
  assert.deepEqual(report.unisolated, [], `${state}: bidi controls outside an isolate`);
  assert.equal(report.pwned, null, `${state}: an injected script ran`);
  assert.deepEqual(report.violations, [], `${state}: CSP violations`);
}

const shadowText = (page) =>
  page.evaluate(() => document.querySelector('export-screen').shadowRoot.textContent);

// A minimal RFC 4180 reader for the downloaded results.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[i++];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

for (const csp of [false, true]) {
  test(`hostile list entries and input render as text everywhere (${csp ? 'strict CSP' : 'no CSP: injected handlers would run'})`, async () => {
    const { context, page, problems, w } = await open(csp);
    await assertSafe(page, 'start');

    // The list, from list-src, under a hostile file name.
    await page.evaluate((label) => {
      document
        .querySelector('export-screen')
        .setAttribute('list-src', `/hostile/${encodeURIComponent(label)}`);
    }, FILE_LABEL);
    await page.waitForFunction(
      (n) => document.querySelector('export-screen').lists?.[0]?.records === n,
      NAMES.length,
    );
    await assertSafe(page, 'lists panel');
    assert.ok(
      (await shadowText(page)).includes(FILE_LABEL),
      'the file name shows as text in the lists panel',
    );

    // Guided check: every hostile name as a party, one of them typed.
    await page.evaluate((names) => {
      document.querySelector('export-screen').parties = ['', ...names].map((name) => ({ name }));
    }, NAMES.slice(1));
    await toStep(w, 'parties');
    await w.locator('#p0-name').fill(IMG);
    await toStep(w, 'review');
    await assertSafe(page, 'review');
    await w.getByRole('button', { name: 'Run the check' }).click();
    await w.locator('.verdict[data-verdict="license_required"]').waitFor();
    const result = await page.evaluate(() => document.querySelector('export-screen').result);
    assert.deepEqual(
      new Set(result.party_matches.map((m) => m.name)),
      new Set(NAMES),
      'each hostile name matched its entry',
    );
    const text = await shadowText(page);
    for (const name of NAMES)
      assert.ok(text.includes(name), `shown as text: ${JSON.stringify(name)}`);
    assert.ok(text.includes(ADDRESS), 'the entry address shows as text');
    // Every match's details open.
    await w
      .locator('.row-toggle[aria-expanded="false"]')
      .evaluateAll((all) => all.forEach((b) => b.click()));
    await assertSafe(page, 'guided check result');
    await screenshot(page, `security-check${csp ? '-csp' : ''}`);
    // Close up, to look at: the UI text around the right-to-left override keeps its order.
    await w
      .locator('tr.match-row')
      .filter({ hasText: 'Reversed' })
      .screenshot({ path: join(outDir, 'security-bidi.png') });

    // The audit record keeps the names exactly; its printout shows them as text.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      w.getByRole('button', { name: 'Download audit record (JSON)' }).click(),
    ]);
    const { record } = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(record.request.parties.map((p) => p.name).sort(), [...NAMES].sort());
    await page.evaluate(() => {
      window.print = () => {};
    });
    await w.getByRole('button', { name: 'Print or save as PDF' }).click();
    await page.emulateMedia({ media: 'print' });
    assert.ok(
      (await w.locator('.result').innerText()).includes(IMG),
      'the printout shows the markup as text',
    );
    await page.pdf({ format: 'A4' });
    await assertSafe(page, 'print');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

    // Quick screening, typed.
    await page.evaluate(() => {
      document.querySelector('export-screen').mode = 'parties';
    });
    await w.getByLabel('Party name').fill(BIDI);
    await page.waitForFunction(
      (name) =>
        document.querySelector('export-screen').result?.party_matches?.some((m) => m.name === name),
      BIDI,
    );
    await w.getByLabel('Party name').fill(SVG);
    await page.waitForFunction(
      (name) =>
        document.querySelector('export-screen').result?.party_matches?.[0]?.party_name === name,
      SVG,
    );
    await w.locator('.verdict').waitFor();
    await assertSafe(page, 'quick screening');

    // Batch: hostile names, a hostile country code, formula cells; then the CSV download.
    await page.evaluate(() => {
      document.querySelector('export-screen').mode = 'batch';
    });
    const dir = mkdtempSync(join(tmpdir(), 'es-security-'));
    const quote = (v) => `"${v.replace(/"/g, '""')}"`;
    const rows = [
      ...NAMES.map((n) => [n, 'CN', ADDRESS]),
      ['Plain Name Ltd', BAD_COUNTRY, ''],
      ['+49 30 1234 Corp', 'DE', '-1 Minus St'],
      ['Tab Co', 'DE', '=1+1'],
    ];
    const file = join(dir, 'parties.csv');
    writeFileSync(
      file,
      `name,country,address\r\n${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`,
    );
    await w.locator('#batch-file').setInputFiles(file);
    await w.locator('#map-name').waitFor();
    await w.getByRole('button', { name: `Screen ${rows.length} rows` }).click();
    await w.locator('#batch-table').waitFor();
    const batch = await page.evaluate(() => document.querySelector('export-screen').batch);
    assert.equal(batch.rows.find((r) => r.name === 'Plain Name Ltd').error.code, 'invalid_country');
    for (const name of NAMES)
      assert.equal(batch.rows.find((r) => r.name === name).best?.name, name);
    const tableText = await w.locator('#batch-table').innerText();
    for (const name of [IMG, SCRIPT, SVG])
      assert.ok(tableText.includes(name), `batch table shows ${name}`);
    await assertSafe(page, 'batch table');
    await screenshot(page, `security-batch${csp ? '-csp' : ''}`);

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      w.getByRole('button', { name: 'Download results (CSV)' }).click(),
    ]);
    const csv = parseCsv(readFileSync(await csvDownload.path(), 'utf8').replace(/^\uFEFF/, ''));
    assert.equal(csv.length, rows.length + 1);
    for (const row of csv)
      for (const cell of row)
        assert.doesNotMatch(
          cell,
          /^[=+\-@\t\r]/,
          `a formula cell in the export: ${JSON.stringify(cell)}`,
        );
    const byName = new Map(csv.slice(1).map((r) => [r[1], r]));
    assert.ok(
      byName.has(`'${FORMULA}`) && byName.has(`'${AT}`) && byName.has(`'+49 30 1234 Corp`),
      'formula names kept, prefixed',
    );
    assert.equal(
      byName.get(`'${FORMULA}`)[6],
      `'${FORMULA}`,
      'the best match (a list entry) is neutralized too',
    );
    assert.equal(byName.get('Tab Co')[3], "'=1+1");
    assert.equal(byName.get(IMG)[6], IMG, 'markup is exported as the text it is');
    assert.equal(byName.get(BIDI)[1], BIDI);
    assert.equal(byName.get(ZW)[1], ZW);

    await assertSafe(page, 'end');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
