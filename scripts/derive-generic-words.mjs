// Derives data/names/generic-words.txt: the ordinary English words of organisation names on the
// US restricted-party lists ("global", "trading", "technology"), which never make a name
// distinctive on their own. The matcher reports a query of one or two distinctive words
// ("Huawei", "Inspur") as a possible match of every listed name holding them; a word of this
// file is not distinctive, so "Global" alone does not flag the hundred-odd listed names with it.
// A word is kept when it is in the entity names (name or aliases) of at least MIN_RECORDS records
// and is a lower-case entry of the SCOWL English word list as Debian ships it (package wamerican,
// /usr/share/dict/american-english; SCOWL's copyright allows any use with its notice kept:
// /usr/share/doc/wamerican/copyright). Capitalised entries (names of people, places, brands)
// are not generic. Maintenance script, run by hand when the lists change a lot; its output is
// committed data.
//
// usage: node scripts/derive-generic-words.mjs [CSL_CSV] [DICTIONARY]
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { records } from './csv-records.mjs';

const [
  src = new URL('../../shared/data/lists/consolidated.csv', import.meta.url).pathname,
  dictPath = '/usr/share/dict/american-english',
] = process.argv.slice(2);
const MIN_RECORDS = 4;
const bytes = readFileSync(src);
const text = bytes.toString('utf8');

const dictionary = new Set(
  readFileSync(dictPath, 'utf8')
    .split('\n')
    .filter((w) => /^[a-z]+$/.test(w)),
);
const it = records(text);
const header = it.next().value;
const col = (n) => header.indexOf(n);
const [cType, cName, cAlt] = [col('type'), col('name'), col('alt_names')];
const counts = new Map();
let entities = 0;
for (const r of it) {
  if (r.length !== header.length) continue;
  if (r[cType] === 'Individual') continue;
  entities++;
  const words = new Set();
  for (const name of [r[cName], ...r[cAlt].split('; ')]) {
    for (const w of name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/['’`]/g, '')
      .toLowerCase()
      .split(/[^a-z]+/)) {
      if (w.length >= 3 && dictionary.has(w)) words.add(w);
    }
  }
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
}
const kept = [...counts].filter(([, n]) => n >= MIN_RECORDS).sort((a, b) => (a[0] < b[0] ? -1 : 1));
const sha = createHash('sha256').update(bytes).digest('hex');
const out = new URL('../data/names/generic-words.txt', import.meta.url).pathname;
writeFileSync(
  out,
  `# Ordinary English words of organisation names on the US restricted-party lists, with the\n` +
    `# number of non-individual records whose name or aliases hold them.\n` +
    `# Derived by scripts/derive-generic-words.mjs from ${src.split('/').slice(-2).join('/')}\n` +
    `# (sha256 ${sha}; ${entities} records) and the lower-case words of\n` +
    `# SCOWL (Debian wamerican, ${dictPath}); words of 3+ letters in at least ${MIN_RECORDS} records.\n` +
    `# Data, not code: regenerate rather than edit.\n` +
    kept.map(([w, n]) => `${w}\t${n}`).join('\n') +
    '\n',
);
console.log(`${kept.length} generic words from ${entities} records -> ${out}`);
