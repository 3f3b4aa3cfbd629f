// The bad-input matrix: every kind of broken list file and hostile request, each with its
// expected error code, through the native CLI and through the WebAssembly API. None may crash,
// hang, or return a partial result as if complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertContract, cli, runCli, fixture, loadApi } from './support.mjs';

const { create, ScreenError } = await loadApi();
const sample = fixture('csl-sample.csv');
const text = sample.toString('utf8');
const lastRecord = text.lastIndexOf('\n"', text.length - 2);
const cutAfterQuote = text.indexOf('","', lastRecord + 2) + 1;
const bytes = (s) => Buffer.from(s, 'utf8');
const insertAt = (buf, at, extra) => Buffer.concat([buf.subarray(0, at), extra, buf.subarray(at)]);
const adt = sample.indexOf('ADT ANALOG');
const json = fixture('csl-sample.json').toString('utf8');
const results = json.indexOf('"results"');
const secondRecord = json.indexOf('{', json.indexOf('},', results + 20));
const firstName = json.indexOf('"name": "', results) + '"name": "'.length;
const ofac = (name) => fixture(`ofac/${name}`);

// [name, bytes of a list file, expected error code, file name (default list.csv)]
const LISTS = [
  ['truncated mid-record', sample.subarray(0, cutAfterQuote), 'truncated_list'],
  ['truncated mid-quote', sample.subarray(0, cutAfterQuote + 4), 'truncated_list'],
  ['wrong column set', bytes(text.replace('"alt_names"', '"aliases"')), 'invalid_list'],
  [
    'extra field in a record',
    insertAt(sample, text.indexOf('\n') + 1, bytes('"extra",')),
    'invalid_list',
  ],
  ['invalid UTF-8', insertAt(sample, adt, Buffer.from([0xc3, 0x28])), 'invalid_utf8'],
  ['NUL byte', insertAt(sample, adt, Buffer.from([0])), 'invalid_list'],
  ['empty file', Buffer.alloc(0), 'empty_list'],
  ['header only', bytes(text.slice(0, text.indexOf('\n') + 1)), 'empty_list'],
  ['not a list at all', bytes('name,country\nHuawei,CN\n'), 'unknown_list_format'],
  ['binary garbage', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'invalid_utf8'],
  [
    'CSL JSON truncated mid-record',
    bytes(json.slice(0, secondRecord + 40)),
    'truncated_list',
    'list.json',
  ],
  [
    'CSL JSON truncated mid-string',
    bytes(json.slice(0, firstName + 3)),
    'truncated_list',
    'list.json',
  ],
  [
    'CSL JSON with fewer records than its total',
    bytes(json.replace('"total": 9', '"total": 10')),
    'truncated_list',
    'list.json',
  ],
  [
    'CSL JSON total that is not a number',
    bytes(json.replace('"total": 9', '"total": "9"')),
    'invalid_list',
    'list.json',
  ],
  ['CSL JSON after a space and a BOM', bytes(` \uFEFF${json}`), 'unknown_list_format', 'list.json'],
];

// OFAC legacy sets (several files, one list): [name, [[file name, bytes]...], expected error code]
const OFAC_SETS = [
  ['alternate names without their primary file', [['alt.csv', ofac('alt.csv')]], 'invalid_list'],
  [
    'files that do not join (an ent_num not in sdn.csv)',
    [
      ['sdn.csv', ofac('sdn.csv')],
      ['alt.csv', bytes('999999,1,"aka","NOBODY",-0- \n')],
    ],
    'invalid_list',
  ],
];

// Files that are odd but valid: each must load completely. [name, bytes, records, file name]
const GOOD_LISTS = [
  [
    'BOM + CRLF',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(text.replaceAll('\n', '\r\n'))]),
    12,
  ],
  [
    'mixed line ends',
    bytes(
      text
        .split('\n')
        .map((l, i) => l + (i % 2 ? '\r\n' : '\n'))
        .join('')
        .trimEnd() + '\n',
    ),
    12,
  ],
  ['no final newline', bytes(text.trimEnd()), 12],
  [
    'CSL JSON with a BOM and CRLF',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(json.replaceAll('\n', '\r\n'))]),
    9,
    'list.json',
  ],
];

const deep = (n) => '['.repeat(n) + ']'.repeat(n);
// Invalid UTF-8 reaches the CLI as raw bytes and the wasm API as a lone UTF-16 surrogate (which
// Emscripten encodes as an invalid 3-byte sequence).
const BAD_UTF8_CLI = Buffer.concat([
  bytes('{"parties":[{"name":"'),
  Buffer.from([0xff, 0xfe]),
  bytes('"}]}'),
]);
const BAD_UTF8_WASM = '{"parties":[{"name":"\ud800"}]}';

// [name, request text, expected error code]
const REQUESTS = [
  ['not JSON', 'hello', 'invalid_json'],
  ['truncated JSON', '{"parties":[{"name":"Huawei"', 'invalid_json'],
  ['deeply nested JSON', `{"parties":[],"items":${deep(10000)}}`, 'invalid_json'],
  ['number overflow', '{"parties":[1e999]}', 'invalid_json'],
  ['number where a string belongs', '{"parties":[{"name":42}]}', 'invalid_request'],
  ['string where an array belongs', '{"parties":"Huawei"}', 'invalid_request'],
  ['unknown top-level field', '{"parties":[],"destinaton":"CN"}', 'invalid_request'],
  ['unknown party field', '{"parties":[{"name":"x","nmae":"y"}]}', 'invalid_request'],
  ['date out of range', '{"as_of":"2999-01-01","parties":[]}', 'invalid_date'],
  ['impossible date', '{"as_of":"2026-02-30","parties":[]}', 'invalid_date'],
  ['unknown country code', '{"parties":[{"name":"x","country":"QQ"}]}', 'invalid_country'],
  ['country name instead of code', '{"parties":[],"destination":"Germany"}', 'invalid_country'],
  ['1 MB name', JSON.stringify({ parties: [{ name: 'A'.repeat(1 << 20) }] }), 'request_too_large'],
  [
    '100,000 parties',
    JSON.stringify({ parties: Array.from({ length: 100000 }, (_, i) => ({ name: `P${i}` })) }),
    'request_too_large',
  ],
  ['empty name', '{"parties":[{"name":" \\t "}]}', 'invalid_request'],
  ['date before the range', '{"as_of":"1989-12-31","parties":[]}', 'invalid_date'],
  ['bad locale', '{"parties":[],"locale":"fr"}', 'invalid_request'],
  ['unknown chip', '{"parties":[],"items":[{"name":"Z9999 Imaginary"}]}', 'unknown_item'],
  ['negative TOPS', '{"parties":[],"items":[{"tops":{"fp16":-5}}]}', 'invalid_request'],
  ['TOPS as a string', '{"parties":[],"items":[{"tops":{"fp16":"400"}}]}', 'invalid_request'],
  ['absurd TOPS', '{"parties":[],"items":[{"tops":{"fp16":1e308}}]}', 'invalid_request'],
  [
    'datacenter that is not a boolean',
    '{"parties":[],"items":[{"tops":{"fp16":400},"datacenter":"yes"}]}',
    'invalid_request',
  ],
  [
    'unknown item field',
    '{"parties":[],"items":[{"tops":{"fp16":400},"colour":"red"}]}',
    'invalid_request',
  ],
  [
    'unknown designer country',
    '{"parties":[],"items":[{"tops":{"fp16":400},"designer_hq_country":"QQ"}]}',
    'invalid_country',
  ],
  ['unknown end use', '{"parties":[],"end_use":{"wmdd":true}}', 'invalid_request'],
  ['end use that is not a boolean', '{"parties":[],"end_use":{"wmd":"no"}}', 'invalid_request'],
  [
    'unknown red flag',
    '{"parties":[],"end_use":{"red_flags":{"kyc_nope":true}}}',
    'invalid_request',
  ],
];

test('CLI: every broken list file stops with exit 2 and its error code, before any output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-bad-'));
  for (const [name, data, code, file = 'list.csv'] of LISTS) {
    const path = join(dir, file);
    writeFileSync(path, data);
    const r = runCli(['screen', '--list', path], '{"parties":[{"name":"x"}]}\n', {
      encoding: 'utf8',
      timeout: 20000,
    });
    assert.equal(r.status, 2, `${name}: exit status`);
    assert.equal(r.stdout, '', `${name}: no partial output`);
    assert.match(r.stderr, new RegExp(code), `${name}: ${r.stderr}`);
  }
  for (const [name, files, code] of OFAC_SETS) {
    const set = mkdtempSync(join(tmpdir(), 'es-ofac-'));
    const args = files.flatMap(([file, data]) => {
      writeFileSync(join(set, file), data);
      return ['--list', join(set, file)];
    });
    const r = runCli(['screen', ...args], '{"parties":[{"name":"x"}]}\n', {
      encoding: 'utf8',
      timeout: 20000,
    });
    assert.equal(r.status, 2, `${name}: exit status`);
    assert.equal(r.stdout, '', `${name}: no partial output`);
    assert.match(r.stderr, new RegExp(code), `${name}: ${r.stderr}`);
  }
});

test('CLI: odd but valid list files load every record', () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-good-'));
  for (const [name, data, records, file = 'list.csv'] of GOOD_LISTS) {
    const path = join(dir, file);
    writeFileSync(path, data);
    const r = runCli(['lists', '--list', path]);
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).lists[0].records, records, name);
  }
});

test('CLI: every hostile request line gets its error code in place; the batch goes on', () => {
  const good = '{"parties":[{"name":"Huawei Technologies Co Ltd"}]}';
  const input = Buffer.concat([
    bytes(REQUESTS.map(([, req]) => req.replaceAll('\n', ' ')).join('\n') + '\n'),
    BAD_UTF8_CLI,
    bytes(`\n${good}\n`),
  ]);
  const r = runCli(['screen'], input, {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 60000,
  });
  assert.equal(r.status, 1);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, REQUESTS.length + 2);
  REQUESTS.forEach(([name, , code], i) => {
    assert.equal(lines[i].error?.code, code, name);
    assert.equal(lines[i].line, i + 1, `${name}: line number`);
  });
  assert.equal(lines.at(-2).error?.code, 'invalid_json', 'invalid UTF-8 bytes');
  assert.equal(lines.at(-1).verdict, 'license_required', 'the line after the bad ones is screened');
});

test('wasm: every broken list file is refused with its code and the lists stay as they were', async () => {
  const s = await create();
  for (const [name, data, code] of LISTS) {
    assert.throws(
      () => s.loadList(new Uint8Array(data)),
      (e) => e instanceof ScreenError && e.code === code,
      name,
    );
    assert.equal(s.lists().length, 1, `${name}: still only the built-in list`);
  }
  for (const [name, files, code] of OFAC_SETS) {
    const set = files.map(([file, data]) => ({ name: file, data: new Uint8Array(data) }));
    assert.throws(
      () => s.loadList(set),
      (e) => e instanceof ScreenError && e.code === code,
      name,
    );
    assert.equal(s.lists().length, 1, `${name}: still only the built-in list`);
  }
  for (const [name, data, records] of GOOD_LISTS) {
    assert.equal(s.loadList(new Uint8Array(data), { replace: true }).list.records, records, name);
  }
  s.delete();
});

test('wasm: every hostile request gets its error code and the session keeps working', async () => {
  const s = await create();
  const { default: createCore } = await import('../../build/wasm/wasm/exportscreen-core.mjs');
  const { readFileSync } = await import('node:fs');
  const core = await createCore({
    wasmBinary: readFileSync(new URL('../../build/site/exportscreen-core.wasm', import.meta.url)),
  });
  const session = new core.Session();
  session.loadBuiltin();
  // The module's raw answers (JSON text), each in the contract.
  const screen = (text) => {
    const reply = JSON.parse(session.screen(text));
    return assertContract(reply.error ? 'ErrorEnvelope' : 'ScreenResult', reply);
  };
  for (const [name, req, code] of REQUESTS) {
    assert.equal(screen(req).error?.code, code, name);
  }
  assert.equal(screen(BAD_UTF8_WASM).error?.code, 'invalid_json', 'invalid UTF-8');
  assert.equal(
    screen('{"parties":[{"name":"Huawei Technologies Co Ltd"}]}').verdict,
    'license_required',
  );
  session.delete();
  s.delete();
});
