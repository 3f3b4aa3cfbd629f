// Benchmark of the rules: classify() per item, a whole deal per request, and the share of a
// 200-party screening that the rule engine adds to matching, measured side by side in one run
// through the JS API in Node (the wasm module), plus the size of the module.
//   node bench/rules.mjs [--repeat N]          (default 2000 classifications, 200 deals)
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadApi, site } from '../tests/js/support.mjs';

const args = process.argv.slice(2);
const repeat = Number(args.includes('--repeat') ? args[args.indexOf('--repeat') + 1] : 2000);

const api = await loadApi();
const s = await api.create();

const time = (fn, n) => {
  fn(0); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / 1e6 / n; // ms per call
};

const names = [
  'H100 SXM5',
  'h100 sxm5 80gb',
  'Ascend910C',
  '昇腾910B',
  'RTX 4090D',
  'MI300X',
  'Gaudi 3',
  'MLU370-X8',
];
const classifyMs = time(
  (i) => s.classify({ name: names[i % names.length] }, { as_of: '2026-09-01' }),
  repeat,
);
const specMs = time(
  (i) =>
    s.classify(
      { tops: { fp16: 100 + (i % 400) }, die_area_mm2: 300, datacenter: true },
      { as_of: '2026-09-01' },
    ),
  repeat,
);

const deal = {
  as_of: '2026-09-01',
  parties: [
    {
      name: 'Example Compute Pte Ltd',
      country: 'SG',
      headquarters_country: 'CN',
      role: 'ultimate_consignee',
    },
    {
      name: 'Example Forwarding Ltd',
      country: 'HK',
      headquarters_country: 'HK',
      role: 'freight_forwarder',
    },
  ],
  items: [{ name: 'H100 SXM5', quantity: 64 }, { name: 'RTX 4090' }, { name: 'Ascend 910B' }],
  destination: 'SG',
  end_use: { ai_model_training: true },
};
const dealMs = time(() => s.screen(deal), Math.max(20, Math.round(repeat / 10)));

// 200 parties, no items: matching plus the party-list rules, against matching alone.
const parties = Array.from({ length: 200 }, (_, i) => ({
  name: `Example Trading Company ${i} Limited`,
  country: i % 2 ? 'CN' : 'DE',
}));
const screenMs = time(() => s.screen({ as_of: '2026-09-01', parties }), 10);
const matchMs = time(() => {
  for (const p of parties) s.match({ name: p.name, country: p.country });
}, 10);

const wasm = readFileSync(join(site, 'exportscreen-core.wasm'));
const result = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  classify_catalog_ms: +classifyMs.toFixed(3),
  classify_spec_ms: +specMs.toFixed(3),
  deal_3_items_2_parties_ms: +dealMs.toFixed(2),
  screen_200_parties_ms: +screenMs.toFixed(1),
  match_200_names_ms: +matchMs.toFixed(1),
  screen_over_match: +(screenMs / matchMs).toFixed(2),
  wasm_bytes: statSync(join(site, 'exportscreen-core.wasm')).size,
  wasm_gzip_bytes: gzipSync(wasm, { level: 9 }).length,
};
console.log(JSON.stringify(result, null, 2));
s.delete();
