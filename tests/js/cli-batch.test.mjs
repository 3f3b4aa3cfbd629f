// The CLI as a stream: results written as soon as they are computed (before the input ends), a
// large generated batch answered in order, `screen --csv` over the encodings spreadsheets save
// and with the widget's header names (web/src/batch-csv.js), CSV output safe to open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { BATCH_FIELDS } from '../../web/src/batch-csv.js';
import { cli } from './support.mjs';

// A running CLI fed by hand: `next()` resolves with the next line it writes.
function stream(args) {
  const child = spawn(cli, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffered = '';
  const lines = [];
  const waiting = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    buffered += d;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      lines.push(buffered.slice(0, nl).replace(/\r$/, ''));
      buffered = buffered.slice(nl + 1);
    }
    while (waiting.length && lines.length) waiting.shift()(lines.shift());
  });
  const closed = new Promise((ok) => child.on('close', (code) => ok(code)));
  return {
    write: (s) => child.stdin.write(s),
    end: () => child.stdin.end(),
    next: () =>
      lines.length ? Promise.resolve(lines.shift()) : new Promise((ok) => waiting.push(ok)),
    closed,
  };
}

test('screen: each result is written before the next request line arrives', async () => {
  const s = stream(['screen']);
  s.write('{"parties":[{"name":"Huawei Technologies Co Ltd"}]}\n');
  // The input is still open: the answer can only come now if it is written as computed.
  const first = JSON.parse(await s.next());
  assert.equal(first.verdict, 'license_required');
  s.write('{"parties":[{"name":"Acme Widgets Inc"}]}\n');
  assert.equal(JSON.parse(await s.next()).verdict, 'review');
  s.end();
  assert.equal(await s.closed, 0);
});

test('screen --csv: each row is answered before the next one arrives', async () => {
  const s = stream(['screen', '--csv']);
  s.write('Company Name,Country\r\nHuawei Technologies Co Ltd,CN\r\n');
  const first = JSON.parse(await s.next());
  assert.equal(first.line, 2);
  assert.equal(first.verdict, 'license_required');
  assert.equal(first.best.source_code, 'EL');
  s.write('Acme Widgets Inc,DE\r\n');
  const second = JSON.parse(await s.next());
  assert.equal(second.line, 3);
  assert.equal(second.country, 'DE');
  s.end();
  assert.equal(await s.closed, 0);
});

test('a generated batch is answered in full and in order, JSON lines and CSV', () => {
  const rows = 3000;
  const name = (i) => (i % 25 === 0 ? 'Huawei Technologies Co Ltd' : `Company ${i} Trading Ltd`);
  const jsonl = Array.from(
    { length: rows },
    (_, i) => JSON.stringify({ parties: [{ name: name(i) }] }) + '\n',
  ).join('');
  const r = spawnSync(cli, ['screen'], { input: jsonl, encoding: 'utf8', maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split('\n');
  assert.equal(out.length, rows);
  out.forEach((l, i) => {
    const expected = i % 25 === 0 ? 'license_required' : 'review';
    assert.equal(JSON.parse(l).verdict, expected, `line ${i + 1}`);
  });

  let csv = 'name\n';
  for (let i = 0; i < rows; i++) csv += `"${name(i)}"\n`;
  const c = spawnSync(cli, ['screen', '--csv'], { input: csv, encoding: 'utf8' });
  assert.equal(c.status, 0, c.stderr);
  const lines = c.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, rows);
  lines.forEach((l, i) => {
    assert.equal(l.line, i + 2);
    assert.equal(l.name, name(i));
  });
});

test('screen --csv reads UTF-16 and Windows-1252 files and refuses a workbook', () => {
  const run = (bytes, args = []) =>
    spawnSync(cli, ['screen', '--csv', ...args], { input: bytes, encoding: 'utf8' });
  // Excel's "Unicode Text": UTF-16 LE with a byte-order mark, tab-separated.
  const text = 'Name\tCountry\r\n华为技术有限公司\tCN\r\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const u = run(utf16);
  assert.equal(u.status, 0, u.stderr);
  assert.match(u.stderr, /utf-16le with a byte-order mark, separator tab/);
  assert.equal(JSON.parse(u.stdout).name, '华为技术有限公司');

  const latin = Buffer.from('Name;Land\r\nM\xfcller GmbH;DE\r\n', 'latin1');
  const l = run(latin);
  assert.equal(l.status, 0, l.stderr);
  assert.match(l.stderr, /windows-1252/);
  assert.equal(JSON.parse(l.stdout).name, 'Müller GmbH');
  assert.equal(JSON.parse(l.stdout).country, 'DE');

  const xlsx = Buffer.concat([
    Buffer.from([0x50, 0x4b, 3, 4]),
    Buffer.alloc(22),
    Buffer.from([19, 0, 0, 0]),
    Buffer.from('[Content_Types].xml'),
  ]);
  const x = run(xlsx);
  assert.equal(x.status, 1);
  assert.equal(JSON.parse(x.stdout).error.code, 'not_csv');
  assert.match(JSON.parse(x.stdout).error.message, /Excel workbook.*save it as CSV UTF-8/);
});

test('screen --csv knows every header name the widget knows', () => {
  for (const [field, names] of Object.entries(BATCH_FIELDS)) {
    if (field === 'type') continue;
    for (const header of names) {
      const csv =
        field === 'name' ? `id,${header}\n1,Acme Widgets Inc\n` : `name,${header}\nAcme,DE\n`;
      const r = spawnSync(cli, ['screen', '--csv'], { input: csv, encoding: 'utf8' });
      assert.equal(r.status, 0, `${field} "${header}": ${r.stderr}`);
      const row = JSON.parse(r.stdout);
      if (field === 'name') assert.equal(row.name, 'Acme Widgets Inc', header);
      else if (field === 'country') assert.equal(row.country, 'DE', header);
      else assert.match(r.stderr, new RegExp(`address in column 2`), header);
    }
  }
});

test('screen --csv: row errors in place, --output csv neutralizes formulas, --column', () => {
  const csv = 'Name,Country\n=cmd|calc,DE\n,CN\nAcme,QQ\nHuawei Technologies Co Ltd,CN\n';
  const r = spawnSync(cli, ['screen', '--csv', '--output', 'csv'], {
    input: csv,
    encoding: 'utf8',
  });
  assert.equal(r.status, 1);
  const lines = r.stdout
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  assert.match(lines[0], /^line,name,country,verdict,/);
  assert.match(lines[1], /^2,'=cmd\|calc,DE,review,/);
  assert.match(lines[2], /^3,,CN,.*invalid_request/);
  assert.match(lines[3], /^4,Acme,QQ,.*invalid_country/);
  assert.match(lines[4], /^5,Huawei Technologies Co Ltd,CN,license_required,/);

  const cols = spawnSync(cli, ['screen', '--csv', '--no-header', '--column', 'name=2'], {
    input: 'x,Huawei Technologies Co Ltd\n',
    encoding: 'utf8',
  });
  assert.equal(cols.status, 0, cols.stderr);
  assert.equal(JSON.parse(cols.stdout).verdict, 'license_required');
  const none = spawnSync(cli, ['screen', '--csv'], { input: 'a,b\n1,2\n', encoding: 'utf8' });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no column holds the names/);
});
