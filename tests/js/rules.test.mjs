// Node tests of the rules through the JS API: classify(), reference(), and screening a deal with
// items, end uses and a locale, in the WebAssembly module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadApi, site } from './support.mjs';

const { create, ScreenError, classify, reference } = await loadApi();
const wasmBinary = readFileSync(join(site, 'exportscreen-core.wasm'));

test('classify recognises catalog chips by loose names and shows the tests that decided', async () => {
  const s = await create({ builtin: false });
  const c = s.classify({ name: 'h100 sxm5 80gb' }, { as_of: '2026-09-01' });
  assert.equal(c.chip.id, 'nvidia-h100-sxm');
  assert.equal(c.tpp, 15832);
  assert.equal(c.eccn, '3A090');
  assert.equal(c.paragraph, '3A090.a.1');
  assert.equal(c.gp10, false);
  assert.ok(
    c.tests.some(
      (t) =>
        t.prong === '3A090.a.1' &&
        t.lhs === 15832 &&
        t.op === '>=' &&
        t.rhs === 4800 &&
        t.result &&
        t.decisive,
    ),
  );
  assert.ok(c.chip.figures.fp8.source.length > 0);
  assert.equal(s.classify({ name: '昇腾910B' }).gp10, true);
  assert.equal(s.classify({ name: 'Ascend910C' }).chip.id, 'huawei-ascend-910c');
  s.delete();
});

test('classify from specifications: sparse halving, unknown die area, Note 2, locale', async () => {
  const s = await create({ builtin: false });
  assert.equal(s.classify({ tops: { fp16: 600 }, sparse: true, datacenter: true }).tpp, 4800);
  const open = s.classify({ tops: { fp8: 200 }, datacenter: true });
  assert.equal(open.performance_density, null);
  assert.equal(open.determinate, false);
  assert.deepEqual(open.possible, ['3A090.a.2', '3A090.b.2', null]);
  const note2 = s.classify({ tops: { fp8: 599 }, datacenter: false, die_area_mm2: 600 });
  assert.equal(note2.eccn, null);
  assert.match(note2.reason, /Note 2/);
  const zh = s.classify({ name: 'H100' }, { locale: 'zh' });
  assert.equal(zh.reason, '3A090.a.1：TPP 15,832 ≥ 4,800。');
  s.delete();
});

test('classify errors are ScreenErrors with stable codes', async () => {
  const s = await create({ builtin: false });
  assert.throws(
    () => s.classify({ name: 'Warp Core 9000' }),
    (e) => e instanceof ScreenError && e.code === 'unknown_item' && /closest/.test(e.message),
  );
  assert.throws(
    () => s.classify({ tops: { fp99: 1 } }),
    (e) => e.code === 'invalid_request',
  );
  assert.throws(
    () => s.classify({ tops: { fp16: 1 } }, { as_of: '2026-13-01' }),
    (e) => e.code === 'invalid_date',
  );
  assert.throws(
    () => s.classify('H100'),
    (e) => e.code === 'invalid_request',
  );
  assert.equal(s.classify({ name: 'H100' }).eccn, '3A090'); // still usable
  s.delete();
  assert.throws(
    () => s.classify({ name: 'H100' }),
    (e) => e.code === 'deleted',
  );
});

test('reference gives the form its chips, questions, roles and country groups in a locale', async () => {
  const s = await create({ builtin: false });
  const en = s.reference('en', { as_of: '2026-09-01' });
  assert.equal(en.chips.length, 46);
  assert.ok(en.chips.every((c) => c.id && c.name && c.vendor && Array.isArray(c.aliases)));
  assert.ok(en.end_uses.every((q) => q.id && q.question && q.citation));
  assert.ok(en.red_flags.every((f) => f.id && f.question && f.source));
  assert.deepEqual(Object.keys(en.country_groups).sort(), [
    'A:5',
    'A:6',
    'D:1',
    'D:3',
    'D:4',
    'D:5',
    'E:1',
    'E:2',
  ]);
  assert.ok(!en.country_groups['D:5'].members.includes('KH'));
  assert.ok(
    s.reference('en', { as_of: '2026-01-01' }).country_groups['D:5'].members.includes('KH'),
  );
  assert.equal(en.rules_date, '2026-09-01');
  const zh = s.reference('zh');
  assert.match(zh.end_uses[0].question, /是否/);
  // The roles of 15 CFR 748.5 the widget offers: the core's ids, named in both languages.
  assert.deepEqual(
    zh.roles.map((r) => r.id),
    en.roles.map((r) => r.id),
  );
  assert.ok(en.roles.some((r) => r.id === 'purchaser' && r.label === 'Purchaser'));
  assert.ok(zh.roles.every((r) => r.label && /\p{Script=Han}/u.test(r.label)));
  assert.throws(
    () => s.reference('fr'),
    (e) => e.code === 'invalid_request',
  );
  s.delete();
});

test('module-level classify() and reference() load the module themselves', async () => {
  const c = await classify({ name: 'RTX 4090D' }, { wasmBinary, as_of: '2026-09-01' });
  assert.equal(c.eccn, null);
  assert.equal(c.tpp, 4707.2);
  const r = await reference('en', { wasmBinary });
  assert.ok(r.roles.some((role) => role.id === 'end_user'));
});

test('screen a whole deal: items, destination, end use, open questions, license exceptions, locale', async () => {
  const s = await create();
  const r = s.screen({
    as_of: '2026-09-01',
    parties: [
      { name: 'Example Gaming Ltd', country: 'CN', headquarters_country: 'CN', role: 'end_user' },
    ],
    items: [{ name: 'RTX 4090' }, { name: 'RTX 4090D' }],
    destination: 'CN',
    end_use: { wmd: false },
    locale: 'zh',
  });
  assert.equal(r.verdict, 'license_required');
  assert.equal(r.locale, 'zh');
  assert.match(r.notice, /不构成法律意见/);
  assert.equal(r.classifications.length, 2);
  assert.equal(r.classifications[0].item, 0);
  const lic = r.findings.find((f) => f.rule === 'item.advanced_computing.destination');
  assert.deepEqual(lic.subject, { item: 0 });
  assert.match(lic.citation, /742\.6\(a\)\(6\)/);
  assert.ok(
    r.license_exceptions.some((e) => e.exception === 'NAC' && e.status === 'may_be_available'),
  );
  assert.ok(r.open_questions.length > 0);
  assert.ok(r.open_questions.every((q) => q.id && q.field && q.question && q.rules.length > 0));
  assert.ok(!r.open_questions.some((q) => q.field === 'end_use.wmd')); // answered
  assert.ok(r.findings.some((f) => f.rule === 'deal.open_questions'));
  for (const f of r.findings) {
    for (const key of [
      'check',
      'severity',
      'rule',
      'citation',
      'source_url',
      'message',
      'next_step',
      'evidence',
      'subject',
    ]) {
      assert.ok(key in f, `finding has ${key}`);
    }
  }
  s.delete();
});

test('screen rejects unknown end uses, red flags and locales instead of ignoring them', async () => {
  const s = await create();
  const base = { parties: [], items: [{ name: 'H100' }], destination: 'DE' };
  assert.throws(
    () => s.screen({ ...base, end_use: { teleportation: true } }),
    (e) => e.code === 'invalid_request',
  );
  assert.throws(
    () => s.screen({ ...base, end_use: { red_flags: { spooky: true } } }),
    (e) => e.code === 'invalid_request',
  );
  assert.throws(
    () => s.screen({ ...base, locale: 'de' }),
    (e) => e.code === 'invalid_request',
  );
  assert.throws(
    () => s.screen({ ...base, items: [{ name: 'nope' }] }),
    (e) => e.code === 'unknown_item',
  );
  s.delete();
});

test('transaction, origin and authorization: validated, asked where they decide, in the reference', async () => {
  const s = await create({ builtin: false });
  const deal = { as_of: '2026-02-01', parties: [], items: [{ name: 'H200' }], destination: 'CN' };
  for (const bad of [
    { transaction: 'smuggling' },
    { transaction: 'domestic' },
    { transaction: 'export', origin_country: 'SG' },
    { authorization: { permit: 'x' } },
  ]) {
    assert.throws(
      () => s.screen({ ...deal, ...bad }),
      (e) => e instanceof ScreenError && e.code === 'invalid_request',
      JSON.stringify(bad),
    );
  }
  // The January 2026 policy covers exports from the United States only: unknown, it is asked.
  const asked = s.screen(deal);
  assert.ok(asked.open_questions.some((q) => q.field === 'transaction'));
  const exported = s.screen({ ...deal, transaction: 'export' });
  assert.ok(!exported.open_questions.some((q) => q.field === 'transaction'));
  const licensed = s.screen({ ...deal, transaction: 'export', authorization: { license: 'D1' } });
  const f = licensed.findings.find((x) => x.rule === 'item.advanced_computing.destination');
  assert.equal(f.severity, 'review');
  assert.equal(f.evidence.authorization.rule, 'item.authorization.license');
  const ref = s.reference('zh');
  assert.deepEqual(
    ref.transactions.map((t) => t.id),
    ['export', 'reexport', 'in_country_transfer', 'domestic', 'remote_access'],
  );
  assert.match(ref.field_questions.transaction, /出口/);
  assert.ok(ref.end_uses.some((e) => e.id === 'owned_50_by_listed'));
  s.delete();
});
