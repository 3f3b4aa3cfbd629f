// Derives data/names/ru-org-words.txt: Russian organisation words as the US restricted-party
// lists romanise them, with the English words the same lists use for them in the aliases of the
// same entry ("GOSUDARSTVENNAYA KORPORATSIYA ..." and "STATE CORPORATION ..."), so that a name
// written in Cyrillic with its organisation words (Концерн, Госкорпорация, Завод) meets the
// English name on the list. The candidate pairs below are the usual dictionary translations;
// a pair is kept only when at least MIN_ENTRIES entries of the list write both, and the entries
// are written beside it, so each translation can be checked against the list it came from.
// Maintenance script, run by hand when the lists change a lot; its output is committed data.
//
// usage: node scripts/derive-ru-org-words.mjs [CSL_CSV]
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { records } from './csv-records.mjs';

const [src = new URL('../../shared/data/lists/consolidated.csv', import.meta.url).pathname] =
  process.argv.slice(2);
const MIN_ENTRIES = 1;
const MAX_IDS = 4;
// [romanised Russian phrase (as the core folds Cyrillic: BGN/PCGN-like), English phrase].
const CANDIDATES = [
  ['goskorporatsiya', 'state corporation'],
  ['gosudarstvennaya korporatsiya', 'state corporation'],
  ['gosudarstvennoy korporatsii', 'state corporation'],
  ['nauchno proizvodstvennoe obedinenie', 'scientific production association'],
  ['nauchno proizvodstvennoe obyedinenie', 'scientific production association'],
  ['nauchno proizvodstvennoye obyedineniye', 'scientific production association'],
  ['nauchno proizvodstvennoe predpriyatie', 'scientific production enterprise'],
  ['nauchno proizvodstvennyi tsentr', 'scientific production center'],
  ['nauchno issledovatelskiy institut', 'scientific research institute'],
  ['nauchno issledovatelskii institut', 'scientific research institute'],
  ['kontsern', 'concern'],
  ['korporatsiya', 'corporation'],
  ['obedinenie', 'association'],
  ['obyedinenie', 'association'],
  ['predpriyatie', 'enterprise'],
  ['zavod', 'plant'],
  ['tsentr', 'center'],
  ['gruppa', 'group'],
  ['institut', 'institute'],
  ['holding', 'holding'],
  ['kholding', 'holding'],
  ['upravlyayushchaya kompaniya', 'management company'],
  ['torgovyi dom', 'trading house'],
  ['torgovy dom', 'trading house'],
];

const fold = (s) =>
  ` ${s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’`]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
const bytes = readFileSync(src);
const it = records(bytes.toString('utf8'));
const header = it.next().value;
const [cId, cName, cAlt] = ['_id', 'name', 'alt_names'].map((n) => header.indexOf(n));
const support = CANDIDATES.map(() => []);
let entries = 0;
for (const r of it) {
  if (r.length !== header.length) continue;
  entries++;
  const names = [r[cName], ...r[cAlt].split('; ')].filter(Boolean).map(fold);
  CANDIDATES.forEach(([ru, en], k) => {
    const withRu = names.filter((n) => n.includes(` ${ru} `));
    const withEn = names.filter((n) => n.includes(` ${en} `) && !n.includes(` ${ru} `));
    if (withRu.length && withEn.length) support[k].push(r[cId]);
  });
}
const kept = CANDIDATES.map(([ru, en], k) => [ru, en, support[k]]).filter(
  ([ru, en, ids]) => ids.length >= MIN_ENTRIES && ru !== en,
);
// Short forms the lists do not write but Russian does, kept with the pair of their long form:
// госкорпорация is the usual short form of государственная корпорация, the legal form of
// Federal Law No. 7-FZ of 12 January 1996 "On Non-Commercial Organizations", art. 7.1.
const SHORT_FORMS = [['goskorporatsiya', 'gosudarstvennaya korporatsiya']];
for (const [short, long] of SHORT_FORMS) {
  const pair = kept.find(([ru]) => ru === long);
  if (pair) kept.push([short, pair[1], pair[2]]);
}
const sha = createHash('sha256').update(bytes).digest('hex');
const out = new URL('../data/names/ru-org-words.txt', import.meta.url).pathname;
writeFileSync(
  out,
  `# Russian organisation words (romanised as the core folds Cyrillic) and the English words the\n` +
    `# lists use for them in the aliases of one entry. Columns: Russian, English, entries writing\n` +
    `# both, the first ${MAX_IDS} of them (_id of the CSL file).\n` +
    `# Derived by scripts/derive-ru-org-words.mjs from ${src.split('/').slice(-2).join('/')}\n` +
    `# (sha256 ${sha}; ${entries} records; kept: at least ${MIN_ENTRIES} entry).\n` +
    `# Data, not code: regenerate rather than edit.\n` +
    kept
      .map(([ru, en, ids]) => `${ru}\t${en}\t${ids.length}\t${ids.slice(0, MAX_IDS).join(' ')}`)
      .join('\n') +
    '\n',
);
console.log(`${kept.length} of ${CANDIDATES.length} pairs -> ${out}`);
