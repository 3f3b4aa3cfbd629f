// The benchmark's workload, read from ../shared/data: the corpus, the eval list, and the query
// set every engine runs (the same queries, in the same order).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { records } from '../scripts/csv-records.mjs';

export const data = new URL('../../shared/data/', import.meta.url).pathname;
export const available = () =>
  existsSync(join(data, 'lists/consolidated.json')) && existsSync(join(data, 'eval-dev'));

// RFC 4180 rows of a small CSV file (the derivation scripts' reader).
export function csvRows(text) {
  return [...records(text)];
}

export function fullNames(file) {
  const rows = csvRows(readFileSync(join(data, 'eval-dev', file), 'utf8'));
  const col = rows[0].indexOf('full_name');
  return rows
    .slice(1)
    .filter((r) => r.length > col)
    .map((r) => r[col]);
}

export const EVAL_FILES = [
  'yente_positives_un_untreated.csv',
  'yente_positives_un_treated.csv',
  'yente_positives_us_congress_untreated.csv',
  'yente_negatives_global.csv',
  'yente_negatives_us.csv',
];

/** The latency query set: the first `per` names of each eval-dev file. */
export function latencyQueries(per = 300) {
  return EVAL_FILES.flatMap((f) => fullNames(f).slice(0, per));
}

// A plain normalisation (accents off, lower case, punctuation to spaces) to tell which list
// entries an untreated positive names: the truth the recall is judged against.
export const plain = (s) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The eval list's entries by plain name, and each positive's expected entry ids. */
export function evalSets(negativesPer = Infinity) {
  const un = JSON.parse(readFileSync(join(data, 'lists/un_consolidated.json'), 'utf8'));
  const byName = new Map();
  for (const r of un.results) {
    for (const n of [r.name, ...(r.alt_names ?? [])]) {
      const k = plain(n);
      if (!byName.has(k)) byName.set(k, new Set());
      byName.get(k).add(r.id);
    }
  }
  const untreated = fullNames(EVAL_FILES[0]);
  const expected = untreated.map((n) => byName.get(plain(n)) ?? null);
  const files = {};
  for (const f of EVAL_FILES) {
    const names = fullNames(f);
    files[f] = f.startsWith('yente_positives_un')
      ? { names, expected }
      : { names: f.includes('negatives') ? names.slice(0, negativesPer) : names };
  }
  return { un, files };
}

/**
 * The batch workload: `n` names, every listed-person positive of eval-dev (UN untreated and
 * treated, US Congress) and synthetic negatives (global and US, alternating) for the rest, in
 * one fixed interleaved order, as a batch of a company's customers would mix them.
 */
export function batchNames(n = 10000) {
  const positives = EVAL_FILES.slice(0, 3).flatMap((f) => fullNames(f));
  const global = fullNames(EVAL_FILES[3]);
  const us = fullNames(EVAL_FILES[4]);
  const names = [];
  let p = 0;
  let g = 0;
  let u = 0;
  // About one positive in four, spread through the batch.
  for (let i = 0; names.length < n; i++) {
    if (i % 4 === 0 && p < positives.length) names.push(positives[p++]);
    else if (i % 2 === 0) names.push(global[g++ % global.length]);
    else names.push(us[u++ % us.length]);
  }
  return names;
}
