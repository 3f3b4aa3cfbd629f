// Derives data/names/name-variants.txt: spelling variants of name words (Ali/Aly, Yusuf/Yousef,
// Mohammed/Muhammad, Kontsern/Concern) as the US restricted-party lists themselves write them.
// Two names of one list entry (its name and aliases) that have the same number of words, all
// but one or two of them equal, are the same name spelled two ways: each pair of differing words
// is a candidate variant, supported by the entries that show it. A pair is kept when enough
// entries support it and the two words are alike as strings (the same first sound, Jaro-Winkler
// at least MIN_SIMILARITY), so that two different people or entities named by one entry
// ("humanitarian"/"islamic") do not become a variant. The build turns the kept pairs into
// classes of equivalent words (core/gen/name-variants.mjs); the entries of each pair are written
// beside it, so every equivalence can be checked against the list it came from.
// Maintenance script, run by hand when the lists change a lot; its output is committed data.
//
// usage: node scripts/derive-name-variants.mjs [CSL_CSV]
//   default ../shared/data/lists/consolidated.csv
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { records } from './csv-records.mjs';

const [src = new URL('../../shared/data/lists/consolidated.csv', import.meta.url).pathname] =
  process.argv.slice(2);
const bytes = readFileSync(src);
const text = bytes.toString('utf8');

// Pairs supported by at least this many entries are kept (one entry is enough when the two
// words are very alike: MIN_SIMILARITY_SINGLE).
const MIN_SUPPORT = 2;
const MIN_SIMILARITY = 0.8;
const MIN_SIMILARITY_SINGLE = 0.82;
// Entry ids written beside a pair (the first ones, in list order).
const MAX_IDS = 4;

// Latin-script words of a name, folded as the core folds Latin text (accents off, apostrophes
// join, lower case); a name with any other letter is skipped (its words would be compared with
// their transliteration, which the core makes, not this script).
function words(name) {
  const folded = name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/['’`]/g, '').toLowerCase();
  if (/[^\x00-\x7f]/.test(folded)) return null;
  return folded.split(/[^a-z0-9]+/).filter(Boolean);
}

function jaroWinkler(a, b) {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  if (a.length > b.length) [a, b] = [b, a];
  const window = Math.max(0, Math.floor(b.length / 2) - 1);
  const aHit = new Array(a.length).fill(false);
  const bHit = new Array(b.length).fill(false);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (!bHit[j] && a[i] === b[j]) {
        aHit[i] = bHit[j] = true;
        m++;
        break;
      }
    }
  }
  if (!m) return 0;
  let t = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aHit[i]) continue;
    while (!bHit[j]) j++;
    if (a[i] !== b[j]) t++;
    j++;
  }
  const jaro = (m / a.length + m / b.length + (m - t / 2) / m) / 3;
  let p = 0;
  while (p < 4 && p < a.length && a[p] === b[p]) p++;
  return jaro + p * 0.1 * (1 - jaro);
}

// The same first sound: the same letter, both vowels, or c/k, ph/f, j/dj/dzh, y/j (the
// romanisation systems differ most at the start of a word).
const firstSound = (w) =>
  w
    .replace(/^(dzh|dj|zh|j)/, 'j')
    .replace(/^[aeiouy]/, 'a')
    .replace(/^ph/, 'f')
    .replace(/^[ck]/, 'k')[0];

// Optimal string alignment distance (edits, adjacent transpositions counted once).
function osa(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
// The consonant skeleton of core/src/names/normalize.cpp (consonant_skeleton): vowels, y and w
// out, doubled letters once, x = ks, q = k, ph = f, a final vowel kept as "+".
function skeleton(t) {
  const vowel = (c) => 'aeiouyw'.includes(c);
  let s = '';
  for (let i = 0; i < t.length; i++) {
    let add = t[i];
    if (vowel(add)) continue;
    if (add === 'x') add = 'ks';
    else if (add === 'q') add = 'k';
    else if (add === 'p' && t[i + 1] === 'h') {
      add = 'f';
      i++;
    }
    for (const c of add) if (!s.endsWith(c)) s += c;
  }
  if (s && vowel(t[t.length - 1])) s += '+';
  return s;
}

const consonants = (w) => skeleton(w).replace(/[ghj+]/g, '');

const needsTable = (a, b) => {
  const shorter = Math.min(a.length, b.length);
  if (shorter <= 3) return true;
  if (shorter <= 6) return osa(a, b) > 1;
  return jaroWinkler(a, b) < 0.84;
};

const it = records(text);
const header = it.next().value;
const col = (n) => header.indexOf(n);
const [cId, cName, cAlt] = [col('_id'), col('name'), col('alt_names')];
const support = new Map(); // "a\tb" (a < b) -> entry ids
let entries = 0;
for (const r of it) {
  if (r.length !== header.length) continue;
  entries++;
  const names = [r[cName], ...r[cAlt].split('; ')]
    .filter(Boolean)
    .map(words)
    .filter((w) => w && w.length >= 2);
  const seen = new Set();
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = names[i];
      const b = names[j];
      if (a.length !== b.length) continue;
      // Words in any order: the equal ones aside, one or two words left on each side.
      const rest = [...b];
      const left = [];
      for (const w of a) {
        const k = rest.indexOf(w);
        if (k >= 0) rest.splice(k, 1);
        else left.push(w);
      }
      if (left.length === 0 || left.length > 2) continue;
      // Pair the leftovers best first.
      const pairs = [];
      if (left.length === 1) pairs.push([left[0], rest[0]]);
      else {
        const straight = jaroWinkler(left[0], rest[0]) + jaroWinkler(left[1], rest[1]);
        const crossed = jaroWinkler(left[0], rest[1]) + jaroWinkler(left[1], rest[0]);
        pairs.push(
          ...(straight >= crossed
            ? [
                [left[0], rest[0]],
                [left[1], rest[1]],
              ]
            : [
                [left[0], rest[1]],
                [left[1], rest[0]],
              ]),
        );
      }
      // With two words differing, both must be alike, or the names are not one name.
      if (left.length === 2 && pairs.some(([x, y]) => jaroWinkler(x, y) < MIN_SIMILARITY)) continue;
      for (const [x, y] of pairs) {
        if (/\d/.test(x + y) || x.length < 3 || y.length < 3) continue;
        const key = x < y ? `${x}\t${y}` : `${y}\t${x}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!support.has(key)) support.set(key, []);
        support.get(key).push(r[cId]);
      }
    }
  }
}

// Pairs read by hand as two names (data/names/different-names.txt): left out.
const different = new Set(
  readFileSync(new URL('../data/names/different-names.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t').slice(0, 2).sort().join('\t')),
);

const kept = [];
for (const [key, ids] of support) {
  if (different.has(key)) continue;
  const [a, b] = key.split('\t');
  const sim = jaroWinkler(a, b);
  if (firstSound(a) !== firstSound(b)) continue;
  // A word and a longer one that contains most of it are two names (Hassan, Hassanpour).
  if (Math.abs(a.length - b.length) > 2) continue;
  // So are two words with a different number of consonants (Rahim, Rahman; Company, Complex),
  // where an entry writes two of its names with one word changed. Romanisations differ in h
  // (Ghathafi, Gaddafi), g for h (Sergey, Serhiy) and j for y (Andrej, Andriy), not in the
  // consonants a word has.
  if (consonants(a).length !== consonants(b).length) continue;
  // Pairs the core already finds alike need no table: one edit apart (a typo to the matcher),
  // or long and close (Jaro-Winkler at its typo threshold, 0.84, and more than six letters).
  if (!needsTable(a, b)) continue;
  // Short words, and pairs one entry alone supports, must have the same consonants: Aly/Ali
  // (vowels differ) yes, Abd/Abu (another word) no.
  if (
    (Math.min(a.length, b.length) <= 4 || ids.length < MIN_SUPPORT) &&
    skeleton(a) !== skeleton(b)
  )
    continue;
  if (ids.length >= MIN_SUPPORT ? sim < MIN_SIMILARITY : sim < MIN_SIMILARITY_SINGLE) continue;
  kept.push([a, b, ids.length, sim, ids]);
}
kept.sort((x, y) => y[2] - x[2] || (x[0] + x[1] < y[0] + y[1] ? -1 : 1));
const sha = createHash('sha256').update(bytes).digest('hex');
const out = new URL('../data/names/name-variants.txt', import.meta.url).pathname;
writeFileSync(
  out,
  `# Spelling variants of name words, as the US restricted-party lists write one name two ways\n` +
    `# in the aliases of one entry. Columns: word, word, entries supporting the pair, Jaro-Winkler\n` +
    `# similarity, the first ${MAX_IDS} supporting entries (_id of the CSL file).\n` +
    `# Derived by scripts/derive-name-variants.mjs from ${src.split('/').slice(-2).join('/')}\n` +
    `# (sha256 ${sha}; ${entries} records; kept: support >= ${MIN_SUPPORT} and similarity >= ${MIN_SIMILARITY},\n` +
    `# or one entry and similarity >= ${MIN_SIMILARITY_SINGLE}; the same first sound and number of\n` +
    `# consonants; the pairs of different-names.txt left out).\n` +
    `# Data, not code: regenerate rather than edit.\n` +
    kept
      .map(
        ([a, b, n, sim, ids]) =>
          `${a}\t${b}\t${n}\t${sim.toFixed(3)}\t${ids.slice(0, MAX_IDS).join(' ')}`,
      )
      .join('\n') +
    '\n',
);
console.log(`${kept.length} variant pairs from ${entries} records -> ${out}`);
