// Node tests of list loading and matching through the JS API (wasm) and the CLI: chunked loading
// with progress, CSL JSON, OFAC legacy sets, the party type, presets and filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, runCli, fixture, fixtures, loadApi, shared, runCliLines } from './support.mjs';

const { create, ScreenError } = await loadApi();
const ofacFiles = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'];
const ofacSet = () =>
  ofacFiles.map((name) => ({ name, data: new Uint8Array(fixture(`ofac/${name}`)) }));

const run = runCliLines;

test('loadList feeds the bytes in chunks and reports parse, then index, progress', async () => {
  const s = await create({ builtin: false });
  const data = new Uint8Array(fixture('csl-sample.json'));
  const events = [];
  const r = s.loadList(data, {
    label: 'csl-sample.json',
    chunkSize: 1000,
    onProgress: (p) => events.push(p),
  });
  assert.equal(r.list.format, 'csl_json');
  assert.equal(r.list.records, 9);
  assert.equal(r.list.as_of, '2026-07-09', 'the newest date of sources_used');
  const parse = events.filter((e) => e.phase === 'parse');
  assert.equal(parse.length, Math.ceil(data.length / 1000));
  for (let i = 1; i < parse.length; i++) assert.ok(parse[i].loaded > parse[i - 1].loaded);
  assert.deepEqual(parse.at(-1), { phase: 'parse', loaded: data.length, total: data.length });
  assert.deepEqual(events.slice(-2), [
    { phase: 'index', loaded: 0, total: 9 },
    { phase: 'index', loaded: 9, total: 9 },
  ]);
  // One call, no chunking: the same list, the same hash.
  const once = s.loadList(data, { replace: true });
  assert.equal(once.list.sha256, r.list.sha256);
  assert.equal(once.lists.length, 1);
  assert.equal(s.match('Huawei Technologies Co Ltd').matches[0].source_code, 'EL');
  s.delete();
});

test('loadList refuses a truncated CSL JSON download and keeps the lists as they were', async () => {
  const s = await create();
  const data = new Uint8Array(fixture('csl-sample.json'));
  let progress = 0;
  assert.throws(
    () =>
      s.loadList(data.subarray(0, data.length - 200), {
        chunkSize: 512,
        onProgress: () => progress++,
      }),
    (e) => e instanceof ScreenError && e.code === 'truncated_list',
  );
  assert.ok(progress > 0, 'progress was reported before the error');
  assert.equal(s.lists().length, 1);
  assert.equal(s.lists()[0].builtin, true);
  assert.throws(
    () => s.loadList(data, { onProgress: 'no' }),
    (e) => e.code === 'invalid_request',
  );
  assert.throws(
    () => s.loadList(data, { format: 'xml' }),
    (e) => e.code === 'invalid_request',
  );
  s.delete();
});

test('loadList takes an OFAC legacy set as an array of files', async () => {
  const s = await create({ builtin: false });
  const { list } = s.loadList(ofacSet(), {
    label: 'OFAC SDN',
    as_of: '2021-07-07',
    chunkSize: 256,
  });
  assert.equal(list.format, 'ofac_csv');
  assert.equal(list.records, 5);
  assert.deepEqual(
    list.files.map((f) => f.role),
    ['primary', 'alt', 'add', 'comments'],
  );
  assert.equal(list.sha256, list.files[0].sha256);
  const m = s.match({ name: 'National Bank of Cuba' });
  assert.equal(m.matches[0].name, 'BANCO NACIONAL DE CUBA');
  assert.equal(m.matches[0].alias, true);
  assert.equal(m.matches[0].id, '306');
  assert.throws(
    () => s.loadList(ofacSet().slice(1)),
    (e) => e.code === 'invalid_list',
  );
  s.delete();
});

test('match takes the type, a preset and filters; compare takes the type', async () => {
  const s = await create();
  const strict = s.match({ name: 'Huawei Technologies Co Ltd', preset: 'strict' }).matches;
  const broad = s.match({
    name: 'Huawei Technologies Co Ltd',
    preset: 'broad',
    limit: 100,
  }).matches;
  assert.ok(strict.length >= 1 && strict.length < broad.length);
  // Matches reach the threshold; distinctive-word leads ("huawei") are listed whatever it is.
  assert.ok(strict.every((m) => m.score >= 0.92 || m.reason === 'distinctive_word'));
  assert.ok(strict.some((m) => m.score >= 0.92 && m.strength === 'strong'));
  assert.equal(
    s.match({ name: 'Huawei Technologies Co Ltd', countries: ['GB'] }).matches[0]?.name,
    'Huawei Technologies (UK) Co., Ltd.',
  );
  assert.equal(s.match({ name: 'Huawei Technologies Co Ltd', sources: ['SDN'] }).matches.length, 0);
  assert.throws(
    () => s.match({ name: 'x', preset: 'lenient' }),
    (e) => e.code === 'invalid_request',
  );
  assert.throws(
    () => s.match({ name: 'x', preset: 'strict', min_score: 0.5 }),
    (e) => e.code === 'invalid_request',
  );
  assert.throws(
    () => s.match({ name: 'x', type: 'company' }),
    (e) => e.code === 'invalid_request',
  );
  assert.throws(
    () => s.match({ name: 'x', countries: ['Narnia'] }),
    (e) => e.code === 'invalid_country',
  );
  const top = s.match({ name: 'Huawei Technologies Co Ltd', type: 'organization' }).matches[0];
  assert.equal(top.explanation.pairs[0].how, 'exact');
  assert.equal(top.explanation.kind, 'organization');
  // The affiliate named by its country ranks below the entity itself.
  const all = s.match({ name: 'Huawei Technologies Co Ltd', limit: 50 }).matches;
  const uk = all.find((m) => m.name === 'Huawei Technologies (UK) Co., Ltd.');
  assert.ok(uk && uk.score < all[0].score && uk.explanation.country_factor < 1);
  const asPerson = s.compare('Emma Stone', 'EMMA STONE LLC', 'person');
  const asOrg = s.compare('Emma Stone', 'EMMA STONE LLC', 'organization');
  assert.equal(asPerson.explanation.kind, 'person');
  assert.equal(asOrg.explanation.kind, 'organization');
  assert.notEqual(
    asPerson.score,
    s.compare('Ayman al-Zawahiri', 'AYMAN MUHAMMAD RABI AL-ZAWAHIRI', 'organization').score,
  );
  assert.ok(s.compare('Ayman al-Zawahiri', 'AYMAN MUHAMMAD RABI AL-ZAWAHIRI', 'person').match);
  assert.ok(
    !s.compare('Ayman al-Zawahiri', 'AYMAN MUHAMMAD RABI AL-ZAWAHIRI', 'organization').match,
  );
  s.delete();
});

test('screen: parties carry an optional type', async () => {
  const s = await create();
  const r = s.screen({ parties: [{ name: 'Huawei Technologies Co Ltd', type: 'organization' }] });
  assert.equal(r.party_matches[0].explanation.kind, 'organization');
  assert.throws(
    () => s.screen({ parties: [{ name: 'x', type: 'robot' }] }),
    (e) => e.code === 'invalid_request',
  );
  s.delete();
});

test('CLI: an OFAC set given as several --list files loads as one list', () => {
  const dir = join(fixtures, 'ofac');
  const r = run(['lists', ...ofacFiles.reverse().flatMap((f) => ['--list', join(dir, f)])]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.lines[0].lists.length, 1);
  assert.equal(r.lines[0].lists[0].records, 5);
  assert.equal(r.lines[0].lists[0].source, 'sdn.csv');
  const bad = run(['lists', '--list', join(dir, 'alt.csv')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /invalid_list.*primary file/);
});

test('CLI: compare uses the type; match takes presets and filters', () => {
  const pair = '{"a":"Ayman al-Zawahiri","b":"AYMAN MUHAMMAD RABI AL-ZAWAHIRI"';
  const r = run(['compare'], `${pair},"type":"person"}\n${pair},"type":"organization"}\n`);
  assert.equal(r.status, 0);
  assert.equal(r.lines[0].match, true);
  assert.equal(r.lines[1].match, false);
  const m = run(
    ['match', '--preset', 'strict', '--country', 'CN', '--list', join(fixtures, 'csl-sample.json')],
    '{"name":"Huawei Technologies Co Ltd"}\n{"name":"Aerocaribbean Airlines"}\n',
  );
  assert.equal(m.status, 0, m.stderr);
  assert.equal(m.lines[0].matches[0].name, 'Huawei Technologies Co., Ltd.');
  assert.equal(m.lines[1].matches.length, 0, 'filtered out by --country CN');
  assert.equal(run(['match', '--preset', 'lenient'], '').status, 2);
});

test(
  'the full CSL JSON loads through the JS API in chunks',
  { skip: !shared('lists/consolidated.json') && 'needs ../shared/data/lists/consolidated.json' },
  async () => {
    const s = await create({ builtin: false });
    const data = new Uint8Array(readFileSync(shared('lists/consolidated.json')));
    let last;
    const { list } = s.loadList(data, { onProgress: (p) => (last = p) });
    assert.equal(list.records, 23612);
    assert.deepEqual(last, { phase: 'index', loaded: 23612, total: 23612 });
    assert.throws(
      () => s.loadList(data.subarray(0, 1998433)),
      (e) => e.code === 'truncated_list',
    );
    assert.equal(
      s.match({ name: 'Евгений Пригожин', type: 'person' }).matches[0]?.source_code,
      'SDN',
    );
    s.delete();
  },
);

test('issue 11: matches carry their strength and why; counts survive the limit', async () => {
  const s = await create();
  const brand = s.match({ name: 'Huawei', limit: 3 });
  assert.equal(brand.matches.length, 3);
  assert.ok(brand.total > 3, 'every Huawei entry is counted, not only the ones shown');
  assert.equal(brand.possible, brand.total);
  assert.equal(brand.groups[0].words, 'huawei');
  for (const m of brand.matches) {
    assert.equal(m.strength, 'possible');
    assert.equal(m.reason, 'distinctive_word');
    assert.match(m.why, /huawei/);
  }
  const full = s.match('Huawei Technologies Co Ltd');
  assert.equal(full.matches[0].strength, 'strong');
  assert.equal(full.matches[0].reason, null);
  const r = s.screen({ parties: [{ name: 'Huawei' }] });
  assert.equal(r.verdict, 'review');
  assert.ok(r.findings.some((f) => f.rule === 'party.possible_match.distinctive_word'));
  assert.equal(r.party_match_counts[0].total, brand.total);
  assert.equal(r.party_match_counts[0].shown, 10);
  const c = s.compare('Deutsche Bank AG', 'Deutsche Bank GmbH');
  assert.equal(c.match, false);
  assert.equal(c.strength, 'possible');
  assert.equal(c.reason, 'legal_form');
  s.delete();
});

test('the derived name-variant table holds no pair read by hand as two names', () => {
  const rows = (file) =>
    readFileSync(new URL(`../../data/names/${file}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'));
  const variants = new Set(rows('name-variants.txt').map((r) => r.slice(0, 2).sort().join(' ')));
  const different = rows('different-names.txt');
  assert.ok(different.length >= 10);
  for (const [a, b, script, why] of different) {
    assert.ok(script && why, `${a} ${b}: the names in their own script and why`);
    assert.ok(!variants.has([a, b].sort().join(' ')), `${a} ${b} in name-variants.txt`);
  }
});
