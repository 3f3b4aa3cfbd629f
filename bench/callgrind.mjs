// Instruction counts of the hot paths under Callgrind: each path of bench_callgrind.cpp in its
// own process, instrumentation on only around its loop (--instr-atstart=no plus the
// CALLGRIND_START/STOP_INSTRUMENTATION requests in the program), divided by the repeat count.
// Counts do not depend on the machine's load, so a regression shows as a changed count.
//   node bench/callgrind.mjs        (prints JSON; used by bench/run.mjs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const fixture = (name) => join(root, 'tests/fixtures', name);

/** The measured paths: what each does, how many times, and its list file (if any). */
export const PATHS = [
  {
    key: 'normalize',
    path: 'normalize',
    repeat: 2000,
    what: 'normalize one name (38 bytes, accent, punctuation, legal form)',
  },
  {
    key: 'match_builtin',
    path: 'match',
    repeat: 500,
    what: 'one match query against the indexed built-in list',
  },
  {
    key: 'match_fixture',
    path: 'match',
    repeat: 500,
    file: 'csl-sample.json',
    what: 'one match query against the indexed fixture list (tests/fixtures/csl-sample.json)',
  },
  {
    key: 'screen_items',
    path: 'screen_items',
    repeat: 50,
    what: 'screen one request: 2 parties, 3 items, destination, end use (JSON API, built-in list)',
  },
  {
    key: 'load_fixture',
    path: 'load_fixture',
    repeat: 100,
    file: 'csl-sample.csv',
    what: 'load + index the fixture list (tests/fixtures/csl-sample.csv)',
  },
  { key: 'load_builtin', path: 'load_builtin', repeat: 5, what: 'load + index the built-in list' },
  {
    key: 'cold_start',
    path: 'cold_start',
    repeat: 1,
    what:
      "the worker's cold start, once: rule set read, built-in list loaded and indexed, " +
      'lists, countries and version written, one party screened',
  },
];

export function runCallgrind() {
  const program = join(root, 'build/native/bench/exportscreen_callgrind');
  const valgrind = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (valgrind.status !== 0) return { skipped: 'valgrind is not installed' };
  if (!existsSync(program))
    return {
      skipped: 'build/native/bench/exportscreen_callgrind was not built (no valgrind/callgrind.h)',
    };
  const dir = mkdtempSync(join(tmpdir(), 'es-callgrind-'));
  const out = { valgrind: valgrind.stdout.trim(), paths: {} };
  try {
    for (const p of PATHS) {
      const file = join(dir, `${p.key}.out`);
      const args = [
        '--tool=callgrind',
        '--instr-atstart=no',
        `--callgrind-out-file=${file}`,
        program,
        p.path,
        String(p.repeat),
      ];
      if (p.file) args.push(fixture(p.file));
      const r = spawnSync('valgrind', args, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`callgrind ${p.key} failed: ${r.stderr.slice(-400)}`);
      const totals = readFileSync(file, 'utf8').match(/^totals: (\d+)/m);
      if (!totals) throw new Error(`callgrind ${p.key}: no totals in ${file}`);
      out.paths[p.key] = {
        what: p.what,
        repeat: p.repeat,
        ir_total: Number(totals[1]),
        ir_per_op: Math.round(Number(totals[1]) / p.repeat),
      };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  console.log(JSON.stringify(runCallgrind(), null, 1));
}
