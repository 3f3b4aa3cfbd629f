// Node tests of the widget's pure modules: citation links, CSV header mapping and formula
// neutralization, audit-record sealing, and the message catalogs (same keys in every language,
// every key the element uses present).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './support.mjs';

const web = (f) => join(root, 'web/src', f);
const { citationParts } = await import(web('citations.js'));
const { guessMapping, looksLikeHeader, neutralizeCell, csvLine, csvFile } = await import(
  web('batch-csv.js')
);
const { auditRecord, AUDIT_FORMAT } = await import(web('audit-record.js'));
const en = (await import(web('i18n/en.js'))).default;
const zh = (await import(web('i18n/zh.js'))).default;

test('citations link CFR sections, parts, chapters, EAR supplements and Federal Register notices', () => {
  const links = (text) =>
    citationParts(text)
      .filter((p) => typeof p !== 'string')
      .map((p) => [p.text, p.href]);
  assert.deepEqual(
    links(
      '15 CFR 744.11 and Supplement No. 4 to Part 744 (Entity List); listed 84 FR 22963, 5/21/19',
    ),
    [
      ['15 CFR 744.11', 'https://www.ecfr.gov/current/title-15/section-744.11'],
      [
        'Supplement No. 4 to Part 744',
        'https://www.ecfr.gov/current/title-15/part-744/appendix-Supplement%20No.%204%20to%20Part%20744',
      ],
      ['84 FR 22963', 'https://www.federalregister.gov/citation/84-FR-22963'],
    ],
  );
  assert.deepEqual(links('15 CFR 764.3(a)(2), Supp. No. 1 to Part 764'), [
    ['15 CFR 764.3(a)(2)', 'https://www.ecfr.gov/current/title-15/section-764.3#p-764.3(a)(2)'],
    [
      'Supp. No. 1 to Part 764',
      'https://www.ecfr.gov/current/title-15/part-764/appendix-Supplement%20No.%201%20to%20Part%20764',
    ],
  ]);
  assert.deepEqual(links('31 CFR Chapter V; 31 CFR Part 589; 22 CFR 127.7'), [
    ['31 CFR Chapter V', 'https://www.ecfr.gov/current/title-31/chapter-V'],
    ['31 CFR Part 589', 'https://www.ecfr.gov/current/title-31/part-589'],
    ['22 CFR 127.7', 'https://www.ecfr.gov/current/title-22/section-127.7'],
  ]);
  // Not a citation: digits inside a longer number or word, a supplement outside the EAR.
  assert.deepEqual(links('1115 FR 3, x15 CFR 744.11 and Supplement No. 2 to Part 50'), []);
  // One right after another, and after a sign that is no letter or digit.
  assert.deepEqual(links('15 CFR 744.11(a)(2)§84 FR 22963'), [
    ['15 CFR 744.11(a)(2)', 'https://www.ecfr.gov/current/title-15/section-744.11#p-744.11(a)(2)'],
    ['84 FR 22963', 'https://www.federalregister.gov/citation/84-FR-22963'],
  ]);
  // The text is kept whole, in order.
  const text = 'see 15 CFR 744.11 (Entity List).';
  assert.equal(
    citationParts(text)
      .map((p) => (typeof p === 'string' ? p : p.text))
      .join(''),
    text,
  );
});

test('batch header mapping: exact names, then headers that contain the word, in English and Chinese', () => {
  assert.deepEqual(guessMapping(['Company name', 'ISO', 'Street address', 'Kind']), {
    name: 0,
    country: 1,
    address: 2,
    type: 3,
  });
  assert.deepEqual(guessMapping(['国家', '公司名称']), {
    name: 1,
    country: 0,
    address: -1,
    type: -1,
  });
  assert.deepEqual(guessMapping(['Customer Name', 'Billing Country']), {
    name: 0,
    country: 1,
    address: -1,
    type: -1,
  });
  assert.equal(looksLikeHeader(['Huawei Technologies', 'CN']), false);
  assert.equal(looksLikeHeader(['name', 'country']), true);
});

test('CSV export neutralizes formula cells (OWASP CSV injection) and quotes as RFC 4180 needs', () => {
  for (const bad of ['=1+1', '+49 30', '-5', '@SUM(A1)', '\tx', '\rx'])
    assert.equal(neutralizeCell(bad), `'${bad}`);
  for (const ok of ['Huawei', '1.00', '', 'a=b']) assert.equal(neutralizeCell(ok), ok);
  assert.equal(csvLine(['a,b', 'say "hi"', '=cmd', 'x']), '"a,b","say ""hi""",\'=cmd,x');
  assert.equal(csvFile([['h'], ['v']]), '\uFEFFh\r\nv\r\n');
});

test('an audit record is sealed with the SHA-256 of JSON.stringify(record)', async () => {
  const sha = async (t) => createHash('sha256').update(t, 'utf8').digest('hex');
  const { record, sha256 } = await auditRecord(
    {
      kind: 'check',
      request: { parties: [{ name: 'X' }] },
      result: { verdict: 'clear' },
      lists: [
        {
          source: 'l',
          format: 'csl_csv',
          as_of: '2026-11-20',
          records: 1,
          bytes: 10,
          sha256: 'ab',
          builtin: false,
          names: 3,
        },
      ],
      engine: { version: '0.1.0', rules_version: '2026-11-24' },
      locale: 'en',
      created_at: '2026-11-24T00:00:00.000Z',
    },
    sha,
  );
  assert.equal(record.format, AUDIT_FORMAT);
  assert.deepEqual(Object.keys(record), [
    'format',
    'created_at',
    'kind',
    'engine',
    'locale',
    'lists',
    'request',
    'result',
  ]);
  assert.deepEqual(record.lists[0], {
    source: 'l',
    format: 'csl_csv',
    as_of: '2026-11-20',
    records: 1,
    bytes: 10,
    sha256: 'ab',
    builtin: false,
  });
  assert.equal(sha256, await sha(JSON.stringify(JSON.parse(JSON.stringify(record)))));
  // A host's pin is recorded with whether a list used has that hash (case-insensitively).
  const pinned = async (pin) =>
    (
      await auditRecord(
        {
          kind: 'parties',
          request: {},
          result: {},
          lists: [{ source: 'l', sha256: 'ab'.repeat(32) }],
          engine: { version: '0.1.0', rules_version: '2026-11-24' },
          locale: 'en',
          list_pin: pin,
        },
        sha,
      )
    ).record;
  assert.deepEqual((await pinned('AB'.repeat(32))).list_pin, {
    sha256: 'ab'.repeat(32),
    used: true,
  });
  assert.deepEqual((await pinned('cd'.repeat(32))).list_pin, {
    sha256: 'cd'.repeat(32),
    used: false,
  });
  assert.deepEqual(Object.keys(await pinned('cd'.repeat(32))), [
    'format',
    'created_at',
    'kind',
    'engine',
    'locale',
    'lists',
    'list_pin',
    'request',
    'result',
  ]);
});

test('the message catalogs: Chinese covers every English message; every key the widget uses exists', () => {
  const base = (k) => k.replace(/_(one|other)$/, '');
  const enKeys = new Set(Object.keys(en).map(base));
  const zhKeys = new Set(Object.keys(zh).map(base));
  assert.deepEqual(
    [...enKeys].filter((k) => !zhKeys.has(k)),
    [],
    'English messages without a Chinese one',
  );
  assert.deepEqual(
    [...zhKeys].filter((k) => !enKeys.has(k)),
    [],
    'Chinese messages without an English one',
  );
  for (const [k, v] of Object.entries(zh)) {
    const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const enText = en[k] ?? en[`${base(k)}_other`];
    assert.deepEqual(names(v), names(enText), `placeholders of ${k}`);
  }
  // Every module of the widget (the element and its views).
  const sources = readdirSync(join(root, 'web/src'), { recursive: true })
    .filter((f) => f.endsWith('.js') && !f.startsWith('i18n'))
    .map((f) => readFileSync(web(f), 'utf8'))
    .join('\n');
  const used = [...sources.matchAll(/\bt\.(?:t|parts)\('([\w.]+)'/g)].map((m) => m[1]);
  assert.ok(used.length > 100);
  assert.deepEqual(
    used.filter((k) => !enKeys.has(k)),
    [],
  );
  // Keys built at run time: one message per verdict, step, progress phase and error code (the
  // roles' names come from the core's reference data, in the request's locale).
  for (const v of ['stop', 'license_required', 'review', 'clear', 'error', 'not_screened'])
    assert.ok(enKeys.has(`verdict.${v}`));
  for (const v of ['stop', 'license_required', 'review', 'clear'])
    assert.ok(enKeys.has(`verdict.${v}.text`));
  assert.deepEqual(
    [...enKeys].filter((k) => k.startsWith('role.')),
    ['role.unspecified'],
    "role names are the core's, not a copy",
  );
  for (const s of ['item', 'parties', 'destination', 'end_use', 'red_flags', 'review'])
    assert.ok(enKeys.has(`step.${s}`));
  for (const p of ['download', 'parse', 'index', 'screen']) assert.ok(enKeys.has(`progress.${p}`));
  const api = readFileSync(join(root, 'docs/api.md'), 'utf8');
  const codes = [...api.matchAll(/^\| `([a-z_0-9]+)` \| /gm)]
    .map((m) => m[1])
    .filter((c) => /^[a-z]+(_[a-z0-9]+)*$/.test(c) && !c.startsWith('party'));
  const errorTable = api.slice(api.indexOf('## Errors'), api.indexOf('## Limits'));
  for (const code of [...errorTable.matchAll(/^\| `([a-z_0-9]+)` \|/gm)].map((m) => m[1])) {
    assert.ok(enKeys.has(`error.${code}`), `no message for the error code ${code}`);
  }
  assert.ok(codes.length > 0);
});

test('form state: kept in a storage and taken back, parties checked against the roles, requests built from it', async () => {
  const { FormState } = await import(web('form-state.js'));
  const store = new Map();
  const storage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
  const form = new FormState({ storage: () => storage, key: () => 'form' });
  form.setParties(
    [
      { name: ' Huawei Technologies Co Ltd ', role: 'end_user', country: 'cn' },
      { name: 'Example Pte Ltd', role: 'shareholder', headquarters_country: 'SG' },
    ],
    (role) => ['end_user', 'purchaser'].includes(role),
  );
  assert.deepEqual(
    form.parties.map((p) => p.role),
    ['end_user', ''],
    'a role the core does not know is dropped',
  );
  form.value.destination = 'cn';
  form.value.item = { kind: 'catalog', chip: 'nvidia-h20', query: 'h20' };
  form.value.endUse = { wmd: false, not_a_question: true };
  form.value.redFlags = { kyc_vague_delivery: true };
  form.save();

  const again = new FormState({ storage: () => storage, key: () => 'form' });
  again.restore();
  assert.deepEqual(again.value, form.value);
  const reference = {
    chips: [{ id: 'nvidia-h20' }],
    end_uses: [{ id: 'wmd' }],
    red_flags: [{ id: 'kyc_vague_delivery' }],
  };
  assert.deepEqual(again.steps(reference), [
    'item',
    'parties',
    'destination',
    'end_use',
    'red_flags',
    'review',
  ]);
  assert.deepEqual(again.steps(null), ['parties', 'destination', 'review']);
  assert.deepEqual(
    again.checkRequest({
      reference,
      countries: new Set(['CN', 'SG']),
      options: { min_score: 0.85 },
      asOf: '2026-11-01',
      locale: 'zh',
    }),
    {
      parties: [
        { name: 'Huawei Technologies Co Ltd', role: 'end_user', country: 'CN' },
        { name: 'Example Pte Ltd', headquarters_country: 'SG' },
      ],
      options: { min_score: 0.85 },
      as_of: '2026-11-01',
      destination: 'CN',
      items: [{ name: 'nvidia-h20' }],
      end_use: { wmd: false, red_flags: { kyc_vague_delivery: true } },
      locale: 'zh',
    },
  );
  // Without the reference data there are no item or question steps, so none in the request.
  assert.deepEqual(
    Object.keys(
      again.checkRequest({ reference: null, countries: new Set(), options: {}, locale: 'en' }),
    ),
    ['parties', 'options', 'destination', 'locale'],
  );

  // A party's type and the quick screening's type go into the request; another value does not.
  const typed = new FormState({ key: () => 'typed' });
  typed.setParties(
    [
      { name: 'John Smith', type: 'person' },
      { name: 'X', type: 'robot' },
    ],
    () => true,
  );
  assert.deepEqual(
    typed.checkRequest({ reference: null, countries: new Set(), options: {}, locale: 'en' })
      .parties,
    [{ name: 'John Smith', type: 'person' }, { name: 'X' }],
  );
  typed.value.quick = { name: 'John Smith', country: '', type: 'person' };
  assert.deepEqual(typed.quickRequest({ options: {}, locale: 'en' }).parties, [
    { name: 'John Smith', type: 'person' },
  ]);
  // The item step: a catalog item needs a chip; a search with no hit says so.
  typed.value.item = { kind: 'catalog', query: 'Ascend', chip: '' };
  assert.equal(typed.itemProblem([{ id: 'a' }, { id: 'b' }]), 'item.error.choose');
  assert.equal(typed.itemProblem([]), 'item.error.noHit');
  typed.value.item.chip = 'a';
  assert.equal(typed.itemProblem([{ id: 'a' }, { id: 'b' }]), '');
  typed.value.item = { kind: 'none', query: 'Ascend', chip: '' };
  assert.equal(typed.itemProblem([]), '');

  // Unreadable kept state is ignored; a storage that throws only means nothing is kept.
  store.set('form', '{not json');
  const fresh = new FormState({ storage: () => storage, key: () => 'form' });
  fresh.restore();
  assert.equal(fresh.value.parties.length, 1);
  const full = new FormState({
    storage: () => ({
      setItem() {
        throw new Error('quota');
      },
      getItem: () => null,
    }),
    key: () => 'x',
  });
  full.save();
});

test('lists and clauses are separated as each language writes them', async () => {
  const { Translator, loadCatalog } = await import(web('i18n.js'));
  await loadCatalog('zh');
  assert.equal(new Translator('en').list(['EL', 'SDN', 'DPL']), 'EL, SDN, DPL');
  assert.equal(new Translator('zh').list(['EL', 'SDN', 'DPL']), 'EL、SDN、DPL');
  assert.equal(new Translator('zh').list([]), '');
  assert.equal(
    new Translator('zh').t('list.datedAge', {
      name: 'a.csv',
      date: '2026年12月5日',
      age: '已有 3 天',
    }),
    'a.csv（2026年12月5日，已有 3 天）',
  );
  assert.equal(
    new Translator('en').t('error.announce', { text: 'The list is damaged.' }),
    'Could not screen: The list is damaged.',
  );
  assert.equal(
    new Translator('zh').t('error.announce', { text: '名单已损坏。' }),
    '无法筛查：名单已损坏。',
  );
});

test('numbers are shown as Intl.NumberFormat shows them, without its start-up cost', async () => {
  const { Translator, loadCatalog } = await import(web('i18n.js'));
  await loadCatalog('zh');
  // The values a result, a batch and the lists show (scores, shares, counts, TPP), the roundings
  // that differ between a number's binary value and its decimal form (1.005, 0.285), carries,
  // signs, and 400 more from a fixed pseudo-random sequence.
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const values = [
    0,
    -0,
    1,
    0.5,
    0.85,
    0.92,
    0.75,
    0.285,
    1.005,
    2.675,
    0.125,
    0.9999,
    9.995,
    99.95,
    999.9995,
    12,
    1234,
    1234.5678,
    1000000.5,
    123456789.123,
    0.000123,
    0.0000012,
    -1.5,
    -0.0001,
    -1234.5,
    4800,
    14960.123,
    2.5e-7,
    1e21,
    1.5e22,
    NaN,
    Infinity,
    -Infinity,
    ...Array.from({ length: 200 }, () => random()),
    ...Array.from({ length: 100 }, () => Math.round(random() * 1e7)),
    ...Array.from({ length: 100 }, () => random() * 1e4),
  ];
  const optionSets = [
    undefined,
    { maximumFractionDigits: 2, minimumFractionDigits: 2 },
    { style: 'percent' },
    { maximumFractionDigits: 2 },
    { maximumFractionDigits: 0 },
  ];
  for (const [locale, intl] of [
    ['en', 'en-US'],
    ['zh', 'zh-CN'],
  ]) {
    const t = new Translator(locale);
    for (const options of optionSets) {
      const f = new Intl.NumberFormat(intl, options);
      for (const v of values)
        assert.equal(
          t.number(v, options),
          f.format(v),
          `${locale} ${v} ${JSON.stringify(options)}`,
        );
    }
    // A number given to a message is formatted the same way.
    assert.equal(
      t.t('x {n} y', { n: 1234567.5 }),
      `x ${new Intl.NumberFormat(intl).format(1234567.5)} y`,
    );
  }
});

test('dates are shown as Intl.DateTimeFormat shows them in the medium style, without its start-up cost', async () => {
  const { Translator, loadCatalog } = await import(web('i18n.js'));
  await loadCatalog('zh');
  for (const [locale, intl] of [
    ['en', 'en-US'],
    ['zh', 'zh-CN'],
  ]) {
    const t = new Translator(locale);
    const f = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' });
    for (const iso of [
      ...Array.from(
        { length: 12 },
        (_, m) => `2026-${String(m + 1).padStart(2, '0')}-0${(m % 9) + 1}`,
      ),
      '2025-05-13',
      '2024-02-29',
      '1999-12-31',
      '2026-12-05T23:59:59Z',
    ]) {
      assert.equal(
        t.date(iso),
        f.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
        `${locale} ${iso}`,
      );
    }
    assert.equal(t.date('not a date'), 'not a date');
    assert.equal(t.date(''), t.t('date.unknown'));
  }
});

test("the options in force need the engine's answer only when chosen: a score, a preset, lists, countries, or the host's preset without min-score", async () => {
  const { optionsNeedEngine } = await import(web('views/options.js'));
  const ctx = (options, { minScore, attributes = [] } = {}) => ({
    form: { value: { options: { sources: [], ...options } } },
    host: { minScore, hasAttribute: (name) => attributes.includes(name) },
  });
  assert.equal(optionsNeedEngine(ctx({})), false, 'the defaults');
  assert.equal(optionsNeedEngine(ctx({ minScore: ' ', preset: '', countries: '' })), false);
  assert.equal(optionsNeedEngine(ctx({}, { minScore: 0.9, attributes: ['min-score'] })), false);
  for (const chosen of [{ minScore: '0.9' }, { preset: 'strict' }, { countries: 'CN' }]) {
    assert.equal(optionsNeedEngine(ctx(chosen)), true, JSON.stringify(chosen));
  }
  assert.equal(optionsNeedEngine(ctx({ sources: ['EL'] })), true);
  assert.equal(optionsNeedEngine(ctx({}, { attributes: ['preset'] })), true);
  assert.equal(
    optionsNeedEngine(ctx({}, { minScore: 0.5, attributes: ['preset', 'min-score'] })),
    false,
    'min-score wins over the preset',
  );
});
