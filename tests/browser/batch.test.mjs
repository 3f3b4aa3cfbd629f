// Browser tests of batch screening (mode="batch"): 1,000 rows read by the core's CSV reader,
// header mapping, progress and cancel, the sortable and filterable table, a row's details, the
// CSV download of what the filter shows or of every row (formula injection neutralized), and
// Excel's usual encodings (UTF-16 with its byte-order mark, Windows-1252; a workbook refused).
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
  assertAccessible,
  localeShown,
} from './support.mjs';

const env = useBrowser();
let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'es-batch-'));
});

// 1,000 parties: listed names (built-in list), made-up companies, formula-looking cells, rows
// with a bad country code and an empty name.
function partiesCsv() {
  const rows = [['Company name', 'ISO', 'Street address', 'Kind']];
  for (let i = 1; i <= 1000; i++) {
    if (i % 50 === 0)
      rows.push(['Huawei Technologies Co Ltd', 'CN', 'Bantian, Shenzhen', 'organization']);
    else if (i % 97 === 0) rows.push(['HiSilicon Technologies Co., Ltd.', 'CN', '', '']);
    else if (i === 333)
      rows.push(['=HYPERLINK("http://evil.example","click")', 'DE', '+49 30 1234', '']);
    else if (i === 334) rows.push(['@SUM(A1:A9)', 'DE', '-1', '']);
    else if (i === 499) rows.push(['Nowhere Trading', 'ZZ', '', '']);
    else if (i === 501) rows.push(['', 'DE', 'a row with no name', '']);
    else
      rows.push([
        `Quiet Meadow Supplies ${i} GmbH`,
        'DE',
        `Hauptstraße ${i}, Berlin`,
        'organization',
      ]);
  }
  const cell = (c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n');
}

async function open(options = {}) {
  const context = await env.browser.newContext({
    viewport: { width: 1100, height: 900 },
    acceptDownloads: true,
  });
  await instrument(context);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(env.server.url);
  await ready(page);
  await page.evaluate((lang) => {
    const el = document.querySelector('export-screen');
    el.setAttribute('mode', 'batch');
    if (lang) el.setAttribute('lang', lang);
  }, options.lang);
  if (options.lang) await localeShown(page, options.lang);
  return { context, page, problems, w: page.locator('export-screen') };
}

test('1,000 rows: header mapping guessed, screened in the worker, sortable and filterable, CSV download neutralized', async () => {
  const file = join(dir, 'customers.csv');
  writeFileSync(file, partiesCsv());
  const { context, page, problems, w } = await open();
  await w.locator('#batch-file').setInputFiles(file);
  await w.locator('#map-name').waitFor();
  assert.equal(await w.locator('#map-name').inputValue(), '0', 'Company name -> name');
  assert.equal(await w.locator('#map-country').inputValue(), '1', 'ISO -> country');
  assert.equal(await w.locator('#map-address').inputValue(), '2');
  assert.equal(await w.locator('#map-type').inputValue(), '3');
  assert.equal(await w.locator('#map-header').isChecked(), true);
  await screenshot(page, 'batch-mapping');
  await w.getByRole('button', { name: 'Screen 1,000 rows' }).click();
  await w.locator('#batch-table').waitFor({ timeout: 120000 });

  const batch = await page.evaluate(() => document.querySelector('export-screen').batch);
  assert.equal(batch.rows.length, 1000);
  assert.equal(batch.done, true);
  assert.ok(
    batch.heap_bytes > 0 && batch.heap_bytes % 65536 === 0,
    `the worker reports its engine's heap: ${batch.heap_bytes}`,
  );
  const by = (v) => batch.rows.filter((r) => r.verdict === v).length;
  assert.equal(by('license_required'), 20 + 10, 'the Huawei and HiSilicon rows');
  assert.equal(by('error'), 2, 'the bad country and the empty name');
  assert.equal(by('review'), 1000 - 30 - 2, 'the built-in list cannot clear anyone');
  const bad = batch.rows.find((r) => r.row === 499);
  assert.equal(bad.error.code, 'invalid_country');
  const huawei = batch.rows.find((r) => r.row === 50);
  assert.equal(huawei.best.name, 'Huawei Technologies Co., Ltd.');
  assert.equal(huawei.best.source_code, 'EL');
  assert.equal(huawei.line, 51, 'each row keeps its line in the file');
  await screenshot(page, 'batch-done');

  // Sorting by score, descending, puts matches first.
  await w.locator('th button[data-sort="score"]').click();
  await w.locator('th button[data-sort="score"]').click();
  assert.equal(await w.locator('th[aria-sort="descending"] button[data-sort="score"]').count(), 1);
  assert.match(await w.locator('#batch-table tbody tr').first().innerText(), /License required/);
  // Filtering by verdict and by text.
  await w.getByLabel('Show verdict').selectOption('error');
  assert.equal(await w.locator('#batch-table tbody tr').count(), 2);
  await w.getByLabel('Show verdict').selectOption('');
  await w.getByLabel('Filter by text').fill('hisilicon');
  assert.equal(await w.locator('#batch-table tbody tr').count(), 10);
  assert.match(await w.locator('.pager').innerText(), /Rows 1–10 of 10/);
  await w.getByLabel('Filter by text').fill('');
  assert.match(await w.locator('.pager').innerText(), /Rows 1–50 of 1,000/);
  await w.getByRole('button', { name: 'Next page' }).click();
  assert.match(await w.locator('.pager').innerText(), /Rows 51–100 of 1,000/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    w.getByRole('button', { name: 'Download results (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'customers-screened.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  assert.equal(lines.length, 1001);
  assert.match(
    lines[0],
    /^row,name,country,address,type,verdict,best_match,matched_name,score,source,source_code,entry_id,matches,rules,error$/,
  );
  assert.match(
    lines[50],
    /^50,Huawei Technologies Co Ltd,CN,"Bantian, Shenzhen",organization,license_required,"Huawei Technologies Co., Ltd."/,
  );
  // Cells a spreadsheet would run as formulas start with an apostrophe.
  assert.ok(
    lines[333].startsWith(
      '333,"\'=HYPERLINK(""http://evil.example"",""click"")",DE,\'+49 30 1234,',
    ),
    lines[333],
  );
  assert.ok(lines[334].startsWith("334,'@SUM(A1:A9),DE,'-1,"), lines[334]);
  for (const line of lines)
    assert.doesNotMatch(line, /(^|,)"?[=+@-]/, `an unneutralized cell: ${line}`);

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    w.getByRole('button', { name: 'Download audit record (JSON)' }).click(),
  ]);
  const record = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(record.record.kind, 'batch');
  assert.equal(record.record.result.rows.length, 1000);
  assert.match(record.record.request.file.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('cancel stops a running batch: rows screened so far are kept, the rest are marked not screened', async () => {
  const file = join(dir, 'customers.csv');
  writeFileSync(file, partiesCsv());
  const { context, page, problems, w } = await open();
  await w.locator('#batch-file').setInputFiles(file);
  await w.locator('#map-name').waitFor();
  await page.evaluate(() => {
    window.__holdBatch = true;
  });
  await w.getByRole('button', { name: 'Screen 1,000 rows' }).click();
  // The first chunk is screened; the next is held back by the test, so the batch is running.
  await w.locator('.batch-progress progress[value="200"]').waitFor();
  assert.match(
    await w.locator('.batch-progress').innerText(),
    /Screening customers\.csv\s+200 of 1,000 \(20%\)/,
  );
  await screenshot(page, 'batch-running');
  await assertAccessible(page, 'batch running');
  await w.getByRole('button', { name: 'Cancel' }).click();
  await page.evaluate(() => window.__releaseBatch());
  await w.locator('#batch-table').waitFor();
  const batch = await page.evaluate(() => document.querySelector('export-screen').batch);
  assert.equal(batch.cancelled, true);
  assert.equal(
    batch.rows.filter((r) => r.verdict !== 'not_screened').length,
    400,
    'the chunk in flight finishes, then it stops',
  );
  assert.match(await w.locator('.batch-results').innerText(), /Cancelled after 400 of 1,000 rows/);
  await screenshot(page, 'batch-cancelled');
  assert.deepEqual(problems, []);
  await context.close();
});

test("other layouts: a semicolon file without a header is mapped by hand; Excel's encodings are read and said; a workbook is refused with what to do", async () => {
  const { context, page, w } = await open();
  const semi = join(dir, 'export.csv');
  writeFileSync(semi, 'CN;Huawei Technologies Co Ltd\r\nDE;Quiet Meadow GmbH\r\n');
  await w.locator('#batch-file').setInputFiles(semi);
  await w.locator('#map-name').waitFor();
  assert.equal(await w.locator('#map-header').isChecked(), false);
  await w.locator('#map-name').selectOption('1');
  await w.locator('#map-country').selectOption('0');
  await w.getByRole('button', { name: 'Screen 2 rows' }).click();
  await w.locator('#batch-table').waitFor();
  const rows = (await page.evaluate(() => document.querySelector('export-screen').batch)).rows;
  assert.deepEqual(
    rows.map((r) => [r.name, r.country, r.verdict]),
    [
      ['Huawei Technologies Co Ltd', 'CN', 'license_required'],
      ['Quiet Meadow GmbH', 'DE', 'review'],
    ],
  );

  // Excel's "CSV" on Western Windows: Windows-1252 (ü is 0xFC, € is 0x80).
  const cp1252 = join(dir, 'cp1252.csv');
  writeFileSync(cp1252, Buffer.from('name,country\r\nM\xfcller \x80 GmbH,DE\r\n', 'latin1'));
  await w.locator('#batch-file').setInputFiles(cp1252);
  await w.locator('#map-name').waitFor();
  assert.match(await w.locator('.encoding').innerText(), /read as Windows-1252/);
  await w.getByRole('button', { name: 'Screen 1 row' }).click();
  await w.locator('#batch-table').waitFor();
  assert.equal(
    (await page.evaluate(() => document.querySelector('export-screen').batch)).rows[0].name,
    'Müller € GmbH',
  );
  // Excel's "Unicode text": UTF-16 LE with its byte-order mark (and a tab separator).
  const utf16 = join(dir, 'utf16.csv');
  writeFileSync(
    utf16,
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('name\tcountry\r\n华为技术有限公司\tCN\r\n', 'utf16le'),
    ]),
  );
  await w.locator('#batch-file').setInputFiles(utf16);
  await w.locator('#map-name').waitFor();
  assert.match(await w.locator('.encoding').innerText(), /Read as UTF-16/);
  await w.getByRole('button', { name: 'Screen 1 row' }).click();
  await w.locator('#batch-table').waitFor();
  const row = (await page.evaluate(() => document.querySelector('export-screen').batch)).rows[0];
  assert.deepEqual(
    [row.name, row.country, row.verdict],
    ['华为技术有限公司', 'CN', 'license_required'],
  );
  // A workbook saved as .xlsx (a ZIP archive whose first entry is [Content_Types].xml): refused by
  // the core (not_csv), saying how to save it as CSV in Excel.
  await w.locator('#batch-file').setInputFiles(xlsxFile('parties.xlsx'));
  await w.locator('.batch .error-box').waitFor();
  assert.match(
    await w.locator('.batch .error-box').innerText(),
    /This is an Excel workbook, not a CSV file: .*CSV UTF-8.*\n.*Details: this is an Excel workbook \(\.xlsx\)/s,
  );
  await screenshot(page, 'batch-xlsx');
  // An Excel 97-2003 workbook (.xls), whatever its file is called: the same steps.
  const xls = join(dir, 'parties.csv');
  writeFileSync(xls, Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'));
  await w.locator('#batch-file').setInputFiles(xls);
  await w.locator('.batch .error-box', { hasText: '(.xls)' }).waitFor();
  assert.match(await w.locator('.batch .error-box').innerText(), /^This is an Excel workbook/);
  // Another ZIP archive: not a CSV file, save it as CSV UTF-8.
  const zip = join(dir, 'parties.zip');
  writeFileSync(zip, zipHeader('parties.csv'));
  await w.locator('#batch-file').setInputFiles(zip);
  await w.locator('.batch .error-box', { hasText: 'ZIP archive' }).waitFor();
  assert.match(
    await w.locator('.batch .error-box').innerText(),
    /^This is a spreadsheet workbook or an archive, not a CSV file\. Save it as “CSV UTF-8”/,
  );
  await context.close();
});

// The start of a ZIP archive: one local file header (APPNOTE.TXT 4.3.7) naming its first entry.
function zipHeader(entry) {
  const header = Buffer.alloc(30);
  header.write('PK\x03\x04', 0, 'latin1');
  header.writeUInt16LE(20, 4); // version needed to extract
  header.writeUInt16LE(8, 8); // deflated
  header.writeUInt16LE(Buffer.byteLength(entry), 26);
  return Buffer.concat([header, Buffer.from(entry), Buffer.alloc(64)]);
}

// An .xlsx file's first bytes: Excel writes [Content_Types].xml first.
function xlsxFile(name) {
  const path = join(dir, name);
  writeFileSync(path, zipHeader('[Content_Types].xml'));
  return path;
}

test('in Chinese, a workbook is refused with Excel’s steps in Chinese and the core’s details folded away', async () => {
  const { context, w } = await open({ lang: 'zh' });
  await w.locator('#batch-file').setInputFiles(xlsxFile('客户.xlsx'));
  await w.locator('.batch .error-box').waitFor();
  assert.match(
    await w.locator('.batch .error-box .error').innerText(),
    /^这是 Excel 工作簿，不是 CSV 文件：.*CSV UTF-8/,
  );
  assert.match(
    await w.locator('.batch .error-box details').textContent(),
    /this is an Excel workbook \(\.xlsx\)/,
  );
  await context.close();
});

test('item 10: a row opens its details; the CSV download has what the filter shows, and every row on request', async () => {
  const file = join(dir, 'few.csv');
  writeFileSync(
    file,
    'name,country\nHuawei Technologies Co Ltd,CN\nQuiet Meadow GmbH,DE\n"HiSilicon Technologies Co., Ltd.",CN\n',
  );
  const { context, page, problems, w } = await open();
  await w.locator('#batch-file').setInputFiles(file);
  await w.getByRole('button', { name: 'Screen 3 rows' }).click();
  await w.locator('#batch-table').waitFor();
  // The row's name opens its details: the row screened on its own, its matches explained.
  const toggle = w.locator('[data-row-toggle="1"]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  await w.locator('#batch-row-1 table.matches').waitFor();
  assert.equal(await w.locator('[data-row-toggle="1"]').getAttribute('aria-expanded'), 'true');
  const details = await w.locator('#batch-row-1').innerText();
  assert.match(details, /Huawei Technologies Co\., Ltd\.\s+EL\s+1\.00/);
  assert.match(details, /License requirement/);
  await screenshot(page, 'batch-row-details');
  await assertAccessible(page, 'batch row details');
  await w.locator('[data-row-toggle="1"]').click();
  assert.equal(await w.locator('#batch-row-1').count(), 0);

  // Filtered to the license rows: the download has those two, the other button all three.
  await w.getByLabel('Show verdict').selectOption('license_required');
  const download = async (name) => {
    const [d] = await Promise.all([
      page.waitForEvent('download'),
      w.getByRole('button', { name }).click(),
    ]);
    return {
      file: d.suggestedFilename(),
      lines: readFileSync(await d.path(), 'utf8')
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    };
  };
  const shown = await download('Download the 2 rows shown (CSV)');
  assert.equal(shown.file, 'few-screened.csv');
  assert.deepEqual(
    shown.lines.slice(1).map((l) => l.split(',')[0]),
    ['1', '3'],
  );
  const all = await download('Download all 3 rows (CSV)');
  assert.equal(all.file, 'few-screened-all.csv');
  assert.equal(all.lines.length, 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the batch view is fetched when batch mode is shown: a page that never shows it never fetches it, and a failed fetch says so and is tried again', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  let refuse = true;
  await page.route(/\/batch-\w+\.js$/, (route) => (refuse ? route.abort() : route.continue()));
  await page.goto(env.server.url);
  await ready(page);
  const w = page.locator('export-screen');
  assert.deepEqual(
    fetched.filter((p) => p.startsWith('/batch-')),
    [],
    'not fetched before batch mode is shown',
  );

  await page.evaluate(() => document.querySelector('export-screen').setAttribute('mode', 'batch'));
  await w.getByText('Batch screening could not be loaded').waitFor();
  await assertAccessible(page, 'batch view not fetched');
  await screenshot(page, 'batch-view-unavailable');

  refuse = false;
  await page.evaluate(() =>
    document.querySelector('export-screen').setAttribute('mode', 'parties'),
  );
  await w.getByLabel('Party name').waitFor();
  await page.evaluate(() => document.querySelector('export-screen').setAttribute('mode', 'batch'));
  await w.locator('#batch-file').waitFor();
  assert.equal(fetched.filter((p) => p.startsWith('/batch-')).length, 2, 'refused, then fetched');
  await context.close();
});
