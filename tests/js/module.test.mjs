// Node tests of the WebAssembly module through its JS API (web/src/screener.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertContract, loadApi, fixture } from './support.mjs';

const { create, ScreenError, version } = await loadApi();

test('createScreener loads the built-in list and screens Huawei as license_required', async () => {
  const s = await create();
  const lists = s.lists();
  assert.equal(lists.length, 1);
  assert.equal(lists[0].builtin, true);
  assert.equal(lists[0].records, 261);
  const r = s.screen({
    as_of: '2026-11-01',
    parties: [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }],
  });
  assert.equal(r.verdict, 'license_required');
  assert.equal(r.party_matches[0].name, 'Huawei Technologies Co., Ltd.');
  assert.match(r.findings[0].citation, /84 FR 22963/);
  for (const key of [
    'verdict',
    'findings',
    'party_matches',
    'lists',
    'rules_version',
    'as_of',
    'notice',
  ]) {
    assert.ok(key in r, `result has ${key}`);
  }
  for (const f of r.findings) {
    for (const key of [
      'check',
      'severity',
      'rule',
      'citation',
      'message',
      'evidence',
      'next_step',
    ]) {
      assert.ok(key in f, `finding has ${key}`);
    }
  }
  for (const m of r.party_matches) {
    for (const key of ['party', 'id', 'source', 'name', 'matched_name', 'score', 'explanation']) {
      assert.ok(key in m, `match has ${key}`);
    }
  }
  s.delete();
});

test('bad requests throw ScreenError with a stable code, and the screener keeps working', async () => {
  const s = await create();
  assert.throws(
    () => s.screen({}),
    (e) => e instanceof ScreenError && e.code === 'invalid_request',
  );
  assert.throws(
    () => s.screen({ parties: [{ name: 'x', country: 'Narnia' }] }),
    (e) => e.code === 'invalid_country',
  );
  assert.throws(
    () => s.screen({ parties: [{ name: 'x' }], as_of: '2026-13-01' }),
    (e) => e.code === 'invalid_date',
  );
  assert.equal(
    s.screen({ parties: [{ name: 'Huawei Technologies Co Ltd' }] }).verdict,
    'license_required',
  );
  s.delete();
});

test('malformed JSON text reaching the module gets the error envelope, not an exception', async () => {
  const { default: createCore } = await import('../../build/wasm/wasm/exportscreen-core.mjs');
  const { readFileSync } = await import('node:fs');
  const core = await createCore({
    wasmBinary: readFileSync(new URL('../../build/site/exportscreen-core.wasm', import.meta.url)),
  });
  const session = new core.Session();
  for (const text of [
    '',
    '{',
    '{"parties": [',
    'null',
    '"x"',
    '{"parties":[{"name":"\u0000"}], "x":1}',
  ]) {
    const reply = assertContract('ErrorEnvelope', JSON.parse(session.screen(text)));
    assert.ok(reply.error, `error for ${JSON.stringify(text)}`);
    assert.match(reply.error.code, /^[a-z_]+$/);
    assert.ok(reply.error.message.length > 0);
  }
  assert.equal(
    assertContract('ErrorEnvelope', JSON.parse(session.loadList('not a list', ''))).error.code,
    'unknown_list_format',
  );
  session.delete();
});

test('loadList loads a CSL CSV file and screening uses it', async () => {
  const s = await create({ builtin: false });
  const { list } = s.loadList(fixture('csl-sample.csv'), {
    label: 'csl-sample.csv',
    as_of: '2026-11-20',
  });
  assert.equal(list.records, 12);
  assert.equal(list.as_of, '2026-11-20');
  assert.equal(list.sha256.length, 64);
  assert.equal(s.screen({ parties: [{ name: 'ADT Analog and Digital Technik' }] }).verdict, 'stop');
  // The sample lacks five CSL sources: it never clears; every source held clears.
  assert.equal(list.partial, true);
  assert.deepEqual(
    list.missing_sources.map((m) => m.code),
    ['FSE', 'PLC', 'CAP', 'MBS', 'CMIC'],
  );
  assert.equal(s.screen({ parties: [{ name: 'Acme Widgets' }] }).verdict, 'review');
  s.loadList(fixture('csl-complete.csv'), { label: 'csl-complete.csv', replace: true });
  assert.equal(s.screen({ parties: [{ name: 'Acme Widgets' }] }).verdict, 'clear');
  s.loadList(fixture('csl-sample.csv'), { label: 'csl-sample.csv', replace: true });
  const truncated = fixture('csl-sample.csv').subarray(0, 3000);
  assert.throws(
    () => s.loadList(truncated),
    (e) => e.code === 'truncated_list',
  );
  assert.equal(s.lists().length, 1, 'a failed load leaves the lists as they were');
  s.delete();
});

test('loadList with a pinned sha256: the file with that hash loads, any other is refused before parsing', async () => {
  const { createHash } = await import('node:crypto');
  const s = await create();
  const bytes = fixture('csl-sample.csv');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const refused = (code, data, options) =>
    assert.throws(
      () => s.loadList(data, options),
      (e) => e instanceof ScreenError && e.code === code,
    );
  refused('list_hash_mismatch', bytes, { sha256: 'ab'.repeat(32) });
  refused('list_hash_mismatch', bytes.subarray(0, bytes.length - 1), { sha256: sha }); // one byte short
  for (const bad of ['', 'ab', 'g'.repeat(64), `${sha} `, 42])
    refused('invalid_request', bytes, { sha256: bad });
  refused('invalid_request', [{ name: 'sdn.csv', data: bytes }], { sha256: sha });
  assert.equal(s.lists()[0].builtin, true, 'nothing refused reached the lists');
  const { list } = s.loadList(bytes, { sha256: sha.toUpperCase(), replace: true });
  assert.equal(list.sha256, sha);
  assert.equal(list.records, 12);
  s.delete();
});

test("loadList with known_sha256: the caller's hash is recorded and checked against the pin; malformed or with several files it is refused", async () => {
  const { createHash } = await import('node:crypto');
  const s = await create();
  const bytes = fixture('csl-sample.csv');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const refused = (code, data, options) =>
    assert.throws(
      () => s.loadList(data, options),
      (e) => e instanceof ScreenError && e.code === code,
    );
  for (const bad of ['', 'ab', 'g'.repeat(64), `${sha} `, 42])
    refused('invalid_request', bytes, { known_sha256: bad });
  refused(
    'invalid_request',
    [
      { name: 'sdn.csv', data: fixture('ofac/sdn.csv') },
      { name: 'alt.csv', data: fixture('ofac/alt.csv') },
    ],
    { known_sha256: sha },
  );
  // The pin is compared with the hash the caller gives: a different one is refused unparsed.
  refused('list_hash_mismatch', bytes, { known_sha256: 'ab'.repeat(32), sha256: sha });
  assert.equal(s.lists()[0].builtin, true, 'nothing refused reached the lists');
  const { list } = s.loadList(bytes, {
    known_sha256: sha.toUpperCase(),
    sha256: sha,
    replace: true,
  });
  assert.equal(list.sha256, sha);
  assert.equal(list.files[0].sha256, sha);
  assert.equal(list.records, 12);
  s.delete();
});

test('match and compare', async () => {
  const s = await create();
  const m = s.match({ name: 'HMN Technologies', limit: 3 });
  assert.equal(m.query, 'HMN Technologies');
  assert.ok(m.matches.length >= 1 && m.matches.length <= 3);
  assert.equal(m.matches[0].alias, true);
  const c = s.compare('George Bush', 'George Habbash', 'person');
  assert.equal(c.match, false);
  assert.ok(Array.isArray(c.explanation.pairs));
  s.delete();
});

test('delete() frees the session; using it afterwards is a clear error', async () => {
  const s = await create();
  s.delete();
  s.delete(); // idempotent
  assert.throws(
    () => s.lists(),
    (e) => e.code === 'deleted',
  );
});

test('many sessions created and deleted do not grow the heap', async () => {
  const { default: createCore } = await import('../../build/wasm/wasm/exportscreen-core.mjs');
  const { readFileSync } = await import('node:fs');
  const core = await createCore({
    wasmBinary: readFileSync(new URL('../../build/site/exportscreen-core.wasm', import.meta.url)),
  });
  const cycle = () => {
    const session = new core.Session();
    session.loadBuiltin();
    session.screen('{"parties":[{"name":"Huawei"}]}');
    session.delete();
  };
  for (let i = 0; i < 3; i++) cycle();
  const before = core.HEAPU8.length;
  for (let i = 0; i < 30; i++) cycle();
  assert.equal(core.HEAPU8.length, before, 'heap size is stable across 30 load/delete cycles');
});

test('heapBytes: the WebAssembly heap in whole pages, growing with what is loaded, never shrinking', async () => {
  const s = await create({ builtin: false });
  const before = s.heapBytes();
  assert.ok(before > 0 && before % 65536 === 0, `${before} is a whole number of 64 KiB pages`);
  // A list of 40,000 generated records: its index needs more heap than any test before it.
  const header = fixture('csl-sample.csv').toString('utf8').split('\n')[0];
  const rows = [header];
  for (let i = 0; rows.length <= 40000; i++) {
    rows.push(
      `"id${i}","Entity List (EL) - Bureau of Industry and Security","","Entity","","Company Number ${i} Trading Limited","","Street ${i}, City, CN","85 FR 1, 1/1/20","","","","For all items","","","","","","","","","","Alias ${i} One","","","","","",""`,
    );
  }
  s.loadList(rows.join('\n') + '\n', { label: 'generated.csv' });
  const loaded = s.heapBytes();
  assert.ok(loaded > before, `the heap grew from ${before} to ${loaded} bytes`);
  s.delete();
  const other = await create({ builtin: false });
  assert.equal(other.heapBytes(), loaded, 'a heap never shrinks: its size is its peak');
  other.delete();
});

test('version reports the rules version', async () => {
  const v = await version({
    wasmBinary: (await import('node:fs')).readFileSync(
      new URL('../../build/site/exportscreen-core.wasm', import.meta.url),
    ),
  });
  assert.match(v.rules_version, /^\d{4}-\d{2}-\d{2}$/);
});
