// Generates core's Unicode folding table (fold_table.inc) at build time from Debian's ICU
// (`uconv`, package icu-devtools) and the Unicode Character Database (package unicode-data).
//
// For every code point in the blocks below, the table gives what a name character folds to:
// lower-case ASCII letters/digits (case, diacritics and compatibility forms folded; Cyrillic,
// Greek, Arabic, Han, Hangul, kana and other scripts transliterated by ICU), a separator, or
// nothing (combining marks, format characters such as zero-width and bidi controls).
// No mapping here is written by hand: ICU's maintained transforms decide every one, but for the
// reading of a few Han characters that the words of CC-CEDICT read otherwise (below).
//
// usage: node fold-table.mjs OUT.inc UNICODE_DIR CEDICT_U8
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [out, ucdDir, cedictPath] = process.argv.slice(2);
if (!out || !ucdDir || !cedictPath) {
  console.error('usage: node fold-table.mjs OUT.inc UNICODE_DIR CEDICT_U8');
  process.exit(2);
}

// Blocks covered. Code points outside them (and outside ASCII) are kept as they are, as the rare
// Han characters of CJK Extensions A (U+3400..4DBF) and B+ are: not one of the 85,000 Han
// characters in ../shared/data (the UN list and the eval-dev names) is in Extension A, and its
// 6,592 readings would add 7 KB to the gzipped module (docs/benchmarks.md, "Module size").
const BLOCKS = [
  [0x00a0, 0x024f, 'Latin-1 Supplement, Latin Extended-A/B'],
  [0x0250, 0x02ff, 'IPA Extensions, Spacing Modifier Letters'],
  [0x0300, 0x036f, 'Combining Diacritical Marks'],
  [0x0370, 0x03ff, 'Greek and Coptic'],
  [0x0400, 0x052f, 'Cyrillic, Cyrillic Supplement'],
  [0x0530, 0x05ff, 'Armenian, Hebrew'],
  [0x0600, 0x06ff, 'Arabic'],
  [0x0750, 0x077f, 'Arabic Supplement'],
  [0x0900, 0x097f, 'Devanagari'],
  [0x0e00, 0x0e7f, 'Thai'],
  [0x10a0, 0x10ff, 'Georgian'],
  [0x1e00, 0x1fff, 'Latin Extended Additional, Greek Extended'],
  [0x2000, 0x206f, 'General Punctuation'],
  [0x2070, 0x218f, 'Super/Subscripts, Currency, Letterlike, Number Forms'],
  [0x2460, 0x24ff, 'Enclosed Alphanumerics'],
  [0x3000, 0x30ff, 'CJK Symbols and Punctuation, Hiragana, Katakana'],
  [0x4e00, 0x9fff, 'CJK Unified Ideographs'],
  [0xf900, 0xfaff, 'CJK Compatibility Ideographs'],
  [0xfe30, 0xfe4f, 'CJK Compatibility Forms'],
  [0xfeff, 0xfeff, 'Byte order mark / zero-width no-break space'],
  [0xff00, 0xffef, 'Halfwidth and Fullwidth Forms'],
];

// ICU transform chain. Script-specific transforms first (BGN/PCGN for Russian, UNGEGN for
// Greek), Any-Latin for every other script, then accents and compatibility forms away.
const TRANSFORM =
  '::NFKC; ::Russian-Latin/BGN; ::Greek-Latin/UNGEGN; ::Any-Latin; ::Latin-ASCII; ' +
  '::NFKD; ::[:Nonspacing Mark:] Remove; ::Lower;';

// General categories from UnicodeData.txt (ranges are given as <..., First>/<..., Last> pairs).
function loadCategories() {
  const cats = new Map();
  let rangeStart = null;
  for (const line of readFileSync(`${ucdDir}/UnicodeData.txt`, 'utf8').split('\n')) {
    if (!line) continue;
    const f = line.split(';');
    const cp = parseInt(f[0], 16);
    if (f[1].endsWith(', First>')) {
      rangeStart = cp;
      continue;
    }
    if (f[1].endsWith(', Last>')) {
      for (let c = rangeStart; c <= cp; c++) cats.set(c, f[2]);
      rangeStart = null;
      continue;
    }
    cats.set(cp, f[2]);
  }
  return cats;
}

const cats = loadCategories();
const isHan = (cp) =>
  (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff);
const isCyrillic = (cp) => cp >= 0x0400 && cp <= 0x052f;

// Code points ICU must transliterate (letters, digits, and letter-like symbols).
const queries = [];
for (const [lo, hi] of BLOCKS) {
  for (let cp = lo; cp <= hi; cp++) {
    const cat = cats.get(cp);
    if (!cat || cat === 'Cs' || cat === 'Co') continue;
    queries.push(cp);
  }
}

// BGN/PCGN writes a word-initial Cyrillic "е" as "ye"; names need the in-word value, so each
// Cyrillic letter is transliterated after a fixed letter ("б" -> "b") that is then removed.
const CYR_PREFIX = '\u0431';
const input = queries
  .map((cp) => (isCyrillic(cp) ? CYR_PREFIX : '') + String.fromCodePoint(cp))
  .join('\n');
const output = execFileSync('uconv', ['-f', 'utf-8', '-t', 'utf-8', '-x', TRANSFORM], {
  input,
  maxBuffer: 64 << 20,
}).toString('utf8');
const lines = output.split('\n');
if (lines.length < queries.length) {
  console.error(`uconv returned ${lines.length} lines for ${queries.length} inputs`);
  process.exit(1);
}

// ICU reads each Han character alone, in one reading: 长 "zhang" (to grow, chief) where names
// mean 长 "chang" (long: 长江 Changjiang, 长峰 Changfeng), 地 "de" (the particle) where they mean
// 地 "di" (ground: 地产, 地质). A character takes the reading that the words of CC-CEDICT
// (MDBG, https://cc-cedict.org/, CC BY-SA 4.0; the file core/gen/han-glossary.mjs reads) give it
// most, where at least CEDICT_MIN_WORDS words give it and twice as many as give ICU's: 54
// characters, simplified and traditional, of the 2019-05-27 edition (listed in the table's header). A character's other readings are lost either way (the
// table holds one); the glossary's words keep theirs.
const CEDICT_MIN_WORDS = 5;
function cedictReadings(icuReading) {
  let cedict;
  try {
    cedict = readFileSync(cedictPath, 'utf8');
  } catch {
    console.error(`fold-table: ${cedictPath} is missing: run scripts/install-deps (npm ci installs it)`);
    process.exit(1);
  }
  const counts = new Map(); // character -> Map(reading -> words)
  for (const line of cedict.split('\n')) {
    // Traditional and simplified headwords, each character counted once per word.
    const m = line.match(/^(\S+) (\S+) \[([^\]]*)\] \//);
    if (!m) continue;
    const syllables = m[3].split(' ').map((p) => p.replace(/[0-9]/g, '').toLowerCase().replace(/u:/g, 'u'));
    const seen = new Set();
    for (const word of [m[1], m[2]]) {
      const chars = [...word];
      if (chars.length < 2 || chars.length !== syllables.length) continue;
      chars.forEach((c, k) => {
        if (seen.has(`${c}${k}`) || !isHan(c.codePointAt(0))) return;
        seen.add(`${c}${k}`);
        if (!/^[a-z]+$/.test(syllables[k]) || syllables[k] === 'r') return;
        const byReading = counts.get(c) ?? new Map();
        byReading.set(syllables[k], (byReading.get(syllables[k]) ?? 0) + 1);
        counts.set(c, byReading);
      });
    }
  }
  const readings = new Map();
  for (const [c, byReading] of counts) {
    const icu = icuReading.get(c.codePointAt(0));
    if (icu === undefined) continue;
    const [best, words] = [...byReading].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best !== icu && words >= CEDICT_MIN_WORDS && words >= 2 * (byReading.get(icu) ?? 0))
      readings.set(c.codePointAt(0), best);
  }
  return readings;
}

// Kinds encoded in the table: 0 = keep as is (no entry), 1 = delete, 2 = separator, >= 3 =
// replace by pool string (index - 3).
const DELETE = 1;
const SEPARATOR = 2;
// Apostrophe look-alikes join the parts of a name, as ASCII "'" does in unicode.cpp
// (O’Brien = O'Brien = OBrien): right/left single quotation marks, acute accent, prime.
const APOSTROPHES = new Set([0x2018, 0x2019, 0x201b, 0x00b4, 0x2032, 0x02b9, 0x02bb, 0x02bc]);
const icuHan = new Map();
queries.forEach((cp, i) => {
  if (isHan(cp)) icuHan.set(cp, lines[i].replace(/[^a-z0-9]/g, ''));
});
const hanReadings = cedictReadings(icuHan);
const pool = [];
const poolIndex = new Map();
const value = new Map();
for (let i = 0; i < queries.length; i++) {
  const cp = queries[i];
  const cat = cats.get(cp);
  if (APOSTROPHES.has(cp)) {
    value.set(cp, DELETE);
    continue;
  }
  if (cat === 'Mn' || cat === 'Me' || cat === 'Cf' || cat === 'Lm') {
    value.set(cp, DELETE);
    continue;
  }
  if (cat.startsWith('Z') || cat.startsWith('P') || cat === 'Cc') {
    value.set(cp, SEPARATOR);
    continue;
  }
  let text = lines[i];
  // Arabic ta marbuta is written "a"/"ah" at the end of a name in the BGN/PCGN and UN
  // romanisations the lists use (USAMA, not USAMT); ICU writes the construct-state "t".
  if (cp === 0x0629) text = 'a';
  if (isCyrillic(cp)) {
    if (!text.startsWith('b')) throw new Error(`unexpected Cyrillic output for U+${cp.toString(16)}`);
    text = text.slice(1);
  }
  text = text.replace(/[^a-z0-9]/g, '');
  if (cat.startsWith('S') && text === '') {
    value.set(cp, SEPARATOR);
    continue;
  }
  if (text === '') {
    value.set(cp, DELETE);
    continue;
  }
  // Each Han character is one syllable: keep syllables apart so "华为" reads "hua wei".
  if (isHan(cp)) text = ` ${hanReadings.get(cp) ?? text} `;
  if (!poolIndex.has(text)) {
    poolIndex.set(text, pool.length);
    pool.push(text);
  }
  value.set(cp, 3 + poolIndex.get(text));
}
if (pool.length + 3 > 0xffff) throw new Error('fold pool exceeds 16-bit index');

// Pool entries by how many code points fold to them, most first: most values then fit in their
// low byte, and the table is emitted as two byte planes (low bytes, then high bytes), which
// compresses far better than 16-bit values do (the module's download size: docs/benchmarks.md).
const uses = new Array(pool.length).fill(0);
for (const v of value.values()) if (v >= 3) uses[v - 3]++;
const byUse = pool.map((_, i) => i).sort((a, b) => uses[b] - uses[a] || a - b);
const rank = new Array(pool.length);
byUse.forEach((old, i) => (rank[old] = i));
const sortedPool = byUse.map((i) => pool[i]);

let blob = '';
const offsets = [];
for (const s of sortedPool) {
  offsets.push(blob.length);
  blob += s;
}
offsets.push(blob.length);

const icuVersion = execFileSync('uconv', ['--version']).toString().trim();
const rangeLines = [];
const indexValues = [];
for (const [lo, hi, name] of BLOCKS) {
  rangeLines.push(`    {0x${lo.toString(16)}, 0x${hi.toString(16)}, ${indexValues.length}},  // ${name}`);
  for (let cp = lo; cp <= hi; cp++) {
    const v = value.get(cp) ?? 0;
    indexValues.push(v >= 3 ? 3 + rank[v - 3] : v);
  }
}
const lowBytes = indexValues.map((v) => v & 0xff);
const highBytes = indexValues.map((v) => v >> 8);
const chunk = (arr, n) => {
  const rows = [];
  for (let i = 0; i < arr.length; i += n) rows.push('    ' + arr.slice(i, i + n).join(',') + ',');
  return rows.join('\n');
};
const escaped = blob.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
const blobLines = [];
for (let i = 0; i < escaped.length; i += 96) blobLines.push(`    "${escaped.slice(i, i + 96)}"`);

// Hangul syllables are composed of an initial, a medial and a final jamo (Unicode chapter 3.12,
// "Conjoining Jamo Behavior"), and ICU romanizes a syllable as the romanizations of its three parts
// in a row. So the table holds the 19 + 21 + 28 part strings instead of 11,172 syllables; they are
// read off ICU's own output, and every syllable is checked against it here (the build fails if
// ICU ever stops composing this way).
const HANGUL_BASE = 0xac00;
const hangulOut = execFileSync('uconv', ['-f', 'utf-8', '-t', 'utf-8', '-x', TRANSFORM], {
  input: Array.from({ length: 11172 }, (_, i) => String.fromCodePoint(HANGUL_BASE + i)).join('\n'),
  maxBuffer: 16 << 20,
})
  .toString('utf8')
  .split('\n')
  .map((s) => s.replace(/[^a-z0-9]/g, ''));
const IEUNG = 11; // the silent initial ㅇ
const initials = Array.from({ length: 19 }, (_, l) => hangulOut[l * 588].replace(/a$/, ''));
const medials = Array.from({ length: 21 }, (_, v) => hangulOut[IEUNG * 588 + v * 28]);
const finals = Array.from({ length: 28 }, (_, t) => (t ? hangulOut[IEUNG * 588 + t].slice(1) : ''));
for (let i = 0; i < 11172; i++) {
  const composed = initials[Math.floor(i / 588)] + medials[Math.floor((i % 588) / 28)] + finals[i % 28];
  if (composed !== hangulOut[i]) {
    throw new Error(`Hangul U+${(HANGUL_BASE + i).toString(16)}: ICU gives "${hangulOut[i]}", parts give "${composed}"`);
  }
}
const strings = (arr) => arr.map((s) => `"${s}"`).join(', ');

const src = `// Generated by core/gen/fold-table.mjs from ${icuVersion} and the Unicode Character Database
// in ${ucdDir}. Do not edit; regenerate by rebuilding.
// Transform: ${TRANSFORM}
// Han characters read as CC-CEDICT's words read them (${cedictPath.split('/').pop()}): ${[...hanReadings].map(([cp, r]) => `${String.fromCodePoint(cp)} ${r}`).join(', ')}.
// Values: 0 keep, 1 delete, 2 separator, n >= 3 replace by pool entry n - 3.

inline constexpr FoldBlock kFoldBlocks[] = {
${rangeLines.join('\n')}
};

// Value of entry i: kFoldLow[i] | kFoldHigh[i] << 8.
inline constexpr std::uint8_t kFoldLow[] = {
${chunk(lowBytes, 32)}
};

inline constexpr std::uint8_t kFoldHigh[] = {
${chunk(highBytes, 32)}
};

inline constexpr std::uint32_t kFoldPoolOffsets[] = {
${chunk(offsets, 16)}
};

inline constexpr char kFoldPool[] =
${blobLines.join('\n')};

// Hangul syllable U+AC00 + (initial * 21 + medial) * 28 + final reads initial + medial + final.
inline constexpr const char* kHangulInitials[19] = {${strings(initials)}};
inline constexpr const char* kHangulMedials[21] = {${strings(medials)}};
inline constexpr const char* kHangulFinals[28] = {${strings(finals)}};
`;
writeFileSync(out, src);
console.log(`fold-table: ${queries.length} code points, ${pool.length} distinct foldings -> ${out}`);
