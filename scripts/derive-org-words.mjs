// Derives data/names/org-words.txt: the English words that organisation names on the US
// restricted-party lists are made of, counted over the entity records of a CSL CSV file.
// The Chinese glossary generator (core/gen/han-glossary.mjs) keeps only the CC-CEDICT words
// whose English gloss is one of these, so the glossary holds what list names need and no more.
// Maintenance script, run by hand when the lists change a lot; its output is committed data.
//
// usage: node scripts/derive-org-words.mjs [CSL_CSV] [MIN_NAMES]
//   default ../shared/data/lists/consolidated.csv, words in at least 8 entity names
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { records } from './csv-records.mjs';

const [
  src = new URL('../../shared/data/lists/consolidated.csv', import.meta.url).pathname,
  minArg = '8',
] = process.argv.slice(2);
const minNames = Number(minArg);
const bytes = readFileSync(src);
const text = bytes.toString('utf8');

const it = records(text);
const header = it.next().value;
const col = (n) => header.indexOf(n);
const [cType, cName, cAlt] = [col('type'), col('name'), col('alt_names')];
const counts = new Map();
let entities = 0;
for (const r of it) {
  if (r.length !== header.length) continue;
  if (r[cType] === 'Individual' || r[cType] === 'Vessel' || r[cType] === 'Aircraft') continue;
  entities++;
  const words = new Set();
  for (const name of [r[cName], ...r[cAlt].split('; ')]) {
    for (const w of name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^a-z]+/)) {
      if (w.length >= 3) words.add(w);
    }
  }
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
}
const kept = [...counts]
  .filter(([, n]) => n >= minNames)
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const sha = createHash('sha256').update(bytes).digest('hex');
const out = new URL('../data/names/org-words.txt', import.meta.url).pathname;
writeFileSync(
  out,
  `# English words of organisation names on the US restricted-party lists, with the number of\n` +
    `# entity records (not individuals, vessels or aircraft) whose name or aliases hold them.\n` +
    `# Derived by scripts/derive-org-words.mjs from ${src.split('/').slice(-2).join('/')}\n` +
    `# (sha256 ${sha}; ${entities} entity records; words of 3+ letters in at least ${minNames}).\n` +
    `# Data, not code: regenerate rather than edit.\n` +
    kept.map(([w, n]) => `${w}\t${n}`).join('\n') +
    '\n',
);
console.log(`${kept.length} words from ${entities} entity records -> ${out}`);
