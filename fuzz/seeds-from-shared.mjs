// Writes small seed excerpts of the real list files in ../shared/data (too big to commit, and too
// big for the fuzzers' max_len) to build/fuzz-seeds/TARGET/, for scripts/fuzz. Prints nothing and
// writes nothing when ../shared/data is absent.
//   node fuzz/seeds-from-shared.mjs [OUT_DIR]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'data');
const out = process.argv[2] ?? join(root, 'build', 'fuzz-seeds');
const SEPARATOR = '\x1e'; // kOfacFileSeparator in fuzz/harness.h

function write(target, name, text) {
  mkdirSync(join(out, target), { recursive: true });
  writeFileSync(join(out, target, name), text);
}

// CSL JSON: documents of a few records each, one per source list and the records with the most
// aliases and addresses (the loader's longest paths), the header kept as the real file has it.
const consolidatedJson = join(shared, 'lists', 'consolidated.json');
if (existsSync(consolidatedJson)) {
  const doc = JSON.parse(readFileSync(consolidatedJson, 'utf8'));
  const excerpt = (records) =>
    JSON.stringify({ total: records.length, offset: 0, sources_used: doc.sources_used, results: records }, null, 1);
  const bySource = new Map();
  for (const r of doc.results) if (!bySource.has(r.source)) bySource.set(r.source, []);
  for (const r of doc.results) if (bySource.get(r.source).length < 3) bySource.get(r.source).push(r);
  let n = 0;
  for (const records of bySource.values()) write('csl_json', `consolidated-source-${n++}.json`, excerpt(records));
  const widest = [...doc.results]
    .sort((a, b) => b.alt_names.length + b.addresses.length - (a.alt_names.length + a.addresses.length))
    .slice(0, 4);
  write('csl_json', 'consolidated-most-aliases.json', excerpt(widest));
  const cjk = doc.results.filter((r) => /[\u3400-\u9fff]/.test(JSON.stringify(r))).slice(0, 3);
  if (cjk.length) write('csl_json', 'consolidated-cjk.json', excerpt(cjk));
}
const unJson = join(shared, 'lists', 'un_consolidated.json');
if (existsSync(unJson)) {
  const doc = JSON.parse(readFileSync(unJson, 'utf8'));
  write('csl_json', 'un-first-5.json',
    JSON.stringify({ ...doc, total: 5, results: doc.results.slice(0, 5) }));
}

// CSL CSV: the header and a few rows of each source list.
const consolidatedCsv = join(shared, 'lists', 'consolidated.csv');
if (existsSync(consolidatedCsv)) {
  const lines = readFileSync(consolidatedCsv, 'utf8').split('\n');
  // Rows of this file hold no line break inside quotes at these lines (checked by the loader:
  // a seed that does not load is still a fine seed).
  for (const [from, count] of [[1, 8], [18000, 8], [21500, 8], [23000, 8]]) {
    write('csl_csv', `consolidated-lines-${from}.csv`, [lines[0], ...lines.slice(from, from + count)].join('\n') + '\n');
  }
}

// OFAC legacy sets: the first entities of the primary file with their aliases, addresses and
// comments, joined as the ofac_set target expects.
function ofacSet(dir, names, { nonSdn, entities = 25 }) {
  const paths = names.map((n) => join(shared, 'raw', dir, n));
  if (!existsSync(paths[0])) return;
  const primary = readFileSync(paths[0], 'utf8').split(/\r?\n/).filter((l) => l).slice(0, entities);
  const ids = new Set(primary.map((l) => l.split(',')[0]));
  const parts = [primary.join('\r\n') + '\r\n'];
  for (const p of paths.slice(1)) {
    if (!existsSync(p)) { parts.push(''); continue; }
    const rows = readFileSync(p, 'utf8').split(/\r?\n/).filter((l) => ids.has(l.split(',')[0]));
    parts.push(rows.join('\r\n') + (rows.length ? '\r\n' : ''));
  }
  while (parts.length > 1 && parts.at(-1) === '') parts.pop();
  write('ofac_set', `${dir.replaceAll('/', '-')}.bin`, (nonSdn ? SEPARATOR : '') + parts.join(SEPARATOR));
}
ofacSet('watchman/bench_2021-07', ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'], { nonSdn: false });
ofacSet('watchman/us_non_sdn_2025-12', ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'],
  { nonSdn: true });
ofacSet('ofac_sdn_gitscrape_jackdwyer', ['sdn_2024-05-03.csv'], { nonSdn: false, entities: 60 });
