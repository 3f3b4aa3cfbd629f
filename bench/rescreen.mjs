// Re-screening a customer base (scripts/rescreen, docs/scale.md) side by side with the native
// CLI on one core: N synthetic customer rows (eval-dev's synthetic persons, recombined, with
// listed names planted), the full CSL as the list, and an earlier list with 1 % of its entries
// changed; runs the CLI (`exportscreen rows`), rescreen on local:1 and local:2, in full and with
// --since (and --since --previous on local:2), and prints one JSON object. Run by bench/run
// (part rescreen); needs ../shared/data.
//   node bench/rescreen.mjs [--rows N] [--pairs N] [--no-previous] [--keep]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { available, csvRows, data, fullNames } from './workload.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const rowCount = Number(opt('--rows', 1_000_000));
const started = Date.now();
const log = (s) =>
  process.stderr.write(`rescreen-bench: [${Math.round((Date.now() - started) / 1000)} s] ${s}\n`);

if (!available()) {
  console.log(JSON.stringify({ skipped: '../shared/data (lists, eval-dev) is absent' }));
  process.exit(0);
}
const dir = join(root, 'build/bench-rescreen');
mkdirSync(dir, { recursive: true });
const listPath = join(data, 'lists/consolidated.csv');
const quote = (s) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const line = (fields) => fields.map(quote).join(',') + '\n';

// The earlier list: the CSL with 1 % of its entries changed since (every 300th missing, so
// added since; every 300th from 100 with another Federal Register notice, an alias more or no
// address, so changed since) and as many entries of its own (removed since).
log('lists');
const [header, ...records] = csvRows(readFileSync(listPath, 'utf8')).filter((r) => r.length > 1);
const col = Object.fromEntries(header.map((h, i) => [h, i]));
const older = [];
const delta = [];
records.forEach((r, i) => {
  if (i % 300 === 0) {
    delta.push(r);
    return;
  }
  const o = [...r];
  if (i % 300 === 100) {
    delta.push(r);
    if (i % 900 === 100) o[col.federal_register_notice] = '80 FR 1000, 1/2/15';
    else if (i % 900 === 400) o[col.alt_names] += (o[col.alt_names] ? '; ' : '') + `OLD NAME ${i}`;
    else o[col.addresses] = '';
  }
  older.push(o);
});
for (let i = 0; i < Math.round(records.length / 300); i++) {
  const o = [...records[i * 7]];
  o[col._id] = `removed-since-${i}`;
  o[col.name] = `Withdrawn Trading Company ${i} LLC`;
  o[col.alt_names] = '';
  older.push(o);
}
const oldPath = join(dir, 'consolidated-older.csv');
writeFileSync(oldPath, [header, ...older].map(line).join(''));

// The customers: recombined synthetic persons (first and last names of different people), one
// row in 200 a listed name (a quarter of them names of entries changed since).
log(`${rowCount.toLocaleString('en-US')} customer rows`);
const people = [
  ...fullNames('yente_negatives_global.csv'),
  ...fullNames('yente_negatives_us.csv'),
].filter((n) => n && !/[",\n]/.test(n));
const split = people.map((n) => n.split(' '));
const listed = records.filter((r, i) => i % 300 !== 0 && i % 300 !== 100 && r[col.name]);
const csvPath = join(dir, `customers-${rowCount}.csv`);
const jsonlPath = join(dir, `customers-${rowCount}.jsonl`);
let csvText = 'id,name,type,segment\n';
let jsonl = '';
let planted = 0;
const flush = (path, text, append) => writeFileSync(path, text, append ? { flag: 'a' } : undefined);
flush(csvPath, '', false);
flush(jsonlPath, '', false);
for (let i = 0; i < rowCount; i++) {
  let name;
  let type = 'person';
  if (i % 200 === 199) {
    const entry =
      planted % 4 === 0 ? delta[planted % delta.length] : listed[planted % listed.length];
    planted++;
    name = entry[col.name];
    type = entry[col.type] === 'Individual' ? 'person' : 'organization';
  } else if (i < split.length) {
    name = people[i];
  } else {
    const a = split[i % split.length];
    const b = split[(i * 7919) % split.length];
    name = `${a[0]} ${b.at(-1)}`;
  }
  csvText += line([`C${String(i).padStart(8, '0')}`, name, type, i % 3 ? 'retail' : 'wholesale']);
  jsonl += JSON.stringify({ name, type }) + '\n';
  if (csvText.length > 1 << 22) {
    flush(csvPath, csvText, true);
    flush(jsonlPath, jsonl, true);
    csvText = '';
    jsonl = '';
  }
}
flush(csvPath, csvText, true);
flush(jsonlPath, jsonl, true);

// Wall and CPU seconds of a command (GNU time), its exit status and stderr.
const timed = (cmd, cmdArgs, input) => {
  const load = loadavg()[0];
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', cmd, ...cmdArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    input,
  });
  const m = r.stderr.match(/TIME ([\d.]+) ([\d.]+) ([\d.]+)\s*$/);
  if (!m) throw new Error(`${cmd} ${cmdArgs.join(' ')}: ${r.stderr.slice(-2000)}`);
  return {
    status: r.status,
    wall_s: Number(m[1]),
    cpu_s: Number(m[2]) + Number(m[3]),
    // The machine is shared: the 1-minute load average before and after says how much.
    load: [load, loadavg()[0]],
    stderr: r.stderr,
  };
};

const cli = join(root, 'build/native/cli/exportscreen');
const results = {
  rows: rowCount,
  planted,
  list: { path: '../shared/data/lists/consolidated.csv', records: records.length },
  older: { records: older.length },
  runs: {},
};

// The native CLI, one single-threaded process: the same rows as JSON lines through
// `exportscreen rows` (the same core function as a worker's block: screen_rows), the list loaded
// once. Not pinned to a core: on a shared machine a pinned process waits for that core.
log('native CLI, exportscreen rows, full list');
const load = timed(cli, ['lists', '--list', listPath]);
const input = readFileSync(jsonlPath);
const native = timed(cli, ['rows', '--list', listPath], input);
results.runs.native_full = {
  ...native,
  list_load_s: load.wall_s,
  rows_per_s: rowCount / native.wall_s,
  rows_per_cpu_s: rowCount / native.cpu_s,
};
log('native CLI, exportscreen rows --since (delta)');
const nativeDelta = timed(cli, ['rows', '--list', listPath, '--since', oldPath], input);
results.runs.native_delta = {
  ...nativeDelta,
  rows_per_s: rowCount / nativeDelta.wall_s,
  rows_per_cpu_s: rowCount / nativeDelta.cpu_s,
};
for (const r of Object.values(results.runs)) delete r.stderr;
const diff = spawnSync(cli, ['diff', oldPath, listPath], { encoding: 'utf8', maxBuffer: 1 << 28 });
results.delta = JSON.parse(diff.stderr.trim().split('\n').at(-1));

// scripts/rescreen: its manifest has the times and counts; GNU time the wall and CPU seconds
// of the whole command (cluster start, list loading and writing the output included).
const rescreen = (key, workers, lists, output) => {
  log(`rescreen ${key} (local:${workers})`);
  const out = join(dir, output);
  const t = timed(join(root, 'scripts/rescreen'), [
    ...lists,
    '--input',
    csvPath,
    '--output',
    out,
    '--scheduler',
    `local:${workers}`,
    '--no-progress',
  ]);
  if (t.status !== 0)
    throw new Error(`rescreen ${key} exited ${t.status}: ${t.stderr.slice(-2000)}`);
  const manifest = JSON.parse(readFileSync(out + '.json', 'utf8'));
  results.runs[key] = {
    workers,
    wall_s: t.wall_s,
    cpu_s: t.cpu_s,
    load: t.load,
    client_cpu_s: manifest.client_cpu_s,
    worker_cpu_s: manifest.worker_cpu_s,
    rows_per_worker_cpu_s: manifest.rows / manifest.worker_cpu_s,
    start_s: manifest.time.start_s,
    screening_s: manifest.time.screening_s,
    rows: manifest.rows,
    counts: manifest.counts,
    screened_in_full: manifest.screened_in_full,
    rows_per_s: manifest.rows / t.wall_s,
    screening_rows_per_s: manifest.rows / manifest.time.screening_s,
  };
  return out;
};
const R0 = (key) => ({ ...results.runs[key] });
const full = ['--list', listPath];
const since = ['--list', listPath, '--since', oldPath];
// Each delta run right after the full run it is compared with: this machine's speed drifts
// over minutes, and a ratio of two runs minutes apart measured the drift as much as the runs.
rescreen('dask1_full', 1, full, 'results-1.csv');
rescreen('dask1_delta', 1, since, 'results-1-delta.csv');
rescreen('dask2_full', 2, full, 'results-2.csv');
rescreen('dask2_delta', 2, since, 'results-2-delta.csv');
// The local:2 ratio, the headline, from several pairs: this machine's speed drifts by a fifth or
// more from one minute to the next, and one pair measured the drift as much as the runs. The
// pairs alternate their order (full then --since, then --since then full, ...), so that a steady
// drift weighs on both kinds alike; the ratio is the median of the pairs' (the first pair's
// figures are the table's).
const pairs = [{ full: R0('dask2_full'), delta: R0('dask2_delta') }];
for (let i = 1; i < Number(opt('--pairs', 3)); i++) {
  const order = i % 2 ? ['delta', 'full'] : ['full', 'delta'];
  const pair = {};
  for (const kind of order) {
    const key = `dask2_${kind}_pair${i + 1}`;
    rescreen(key, 2, kind === 'full' ? full : since, `results-2-${kind}-pair.csv`);
    pair[kind] = R0(key);
    delete results.runs[key];
  }
  pairs.push(pair);
}
if (!args.includes('--no-previous')) {
  // The weekly job: the complete results of last week's run (against the older list) carried
  // forward, the rows that gained or lost a match screened in full.
  const previous = rescreen('dask2_older_full', 2, ['--list', oldPath], 'results-older.csv');
  rescreen('dask2_delta_previous', 2, [...since, '--previous', previous], 'results-2-prev.csv');
}
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });

const R = results.runs;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
results.pairs_2 = pairs.map((p) => ({
  full_wall_s: p.full.wall_s,
  delta_wall_s: p.delta.wall_s,
  full_screening_rows_per_s: p.full.screening_rows_per_s,
  full_rows_per_s: p.full.rows_per_s,
  wall_ratio: p.delta.wall_s / p.full.wall_s,
  cpu_ratio: p.delta.cpu_s / p.full.cpu_s,
}));
results.ratios = {
  delta_over_full_wall_1: R.dask1_delta.wall_s / R.dask1_full.wall_s,
  delta_over_full_wall_2: median(results.pairs_2.map((p) => p.wall_ratio)),
  delta_over_full_screening_2: R.dask2_delta.screening_s / R.dask2_full.screening_s,
  // local:2's full runs are the pairs' (their median), local:1's the one run.
  two_over_one_screening:
    median(results.pairs_2.map((p) => p.full_screening_rows_per_s)) /
    R.dask1_full.screening_rows_per_s,
  two_over_one_wall:
    median(results.pairs_2.map((p) => p.full_rows_per_s)) / R.dask1_full.rows_per_s,
  dask_per_worker_over_native_screening:
    R.dask1_full.screening_rows_per_s / R.native_full.rows_per_s,
  dask_per_worker_over_native_wall: R.dask1_full.rows_per_s / R.native_full.rows_per_s,
  // Load-independent: CPU seconds (a worker's rows per CPU second against the CLI's; the whole
  // delta run's CPU against the whole full run's, every process counted).
  dask_per_worker_over_native_cpu:
    R.dask1_full.rows_per_worker_cpu_s / R.native_full.rows_per_cpu_s,
  delta_over_full_cpu_2: median(results.pairs_2.map((p) => p.cpu_ratio)),
};
results.elapsed_s = Math.round((Date.now() - started) / 1000);
console.log(JSON.stringify(results));
