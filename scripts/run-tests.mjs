// Runs every test suite of exportscreen against the builds in build/ and prints one summary line
// "N passed, N failed" (test cases over all suites); exits 1 when anything failed.
//   node scripts/run-tests.mjs [--only SUITE]...     (suite names below)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
process.chdir(root);

const nodeTests = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.test.mjs'))
    .sort()
    .map((f) => join(dir, f));

// The JavaScript the lint suite formats: every source and test module of ours (not build output).
const LINT_GLOBS = [
  'web/**/*.{js,mjs,ts,mts}',
  'bench/**/*.{js,mjs}',
  'scripts/**/*.{js,mjs}',
  'tests/**/*.{js,mjs,ts}',
];

const SUITES = [
  // Formatting and static checks, one test per check: Prettier (.prettierrc.json) reports every
  // JavaScript file it would change; tsc type-checks the declarations and the shipped modules;
  // clang-format (.clang-format) reports every C++ file it would change
  // (tests/lint/cpp-format.test.mjs).
  {
    name: 'lint',
    kind: 'lint',
    checks: [
      {
        name: 'prettier',
        cmd: [process.execPath, 'node_modules/prettier/bin/prettier.cjs', '--check', ...LINT_GLOBS],
      },
      // tsc --noEmit: the package's declarations with a typed use of them, and the shipped
      // modules with checkJs (page modules, then the worker's against the worker globals).
      {
        name: 'tsc',
        cmd: [
          process.execPath,
          'node_modules/typescript/bin/tsc',
          '-p',
          'tests/types/tsconfig.json',
        ],
      },
      {
        name: 'tsc-worker',
        cmd: [
          process.execPath,
          'node_modules/typescript/bin/tsc',
          '-p',
          'tests/types/tsconfig.worker.json',
        ],
      },
      {
        name: 'clang-format',
        cmd: [process.execPath, '--test', '--test-reporter=dot', 'tests/lint/cpp-format.test.mjs'],
      },
      // The complete-size test lists are what their generator writes from the rule data's counts.
      {
        name: 'fixtures',
        cmd: [process.execPath, 'tests/fixtures/make-complete.mjs', '--check'],
      },
    ],
  },
  { name: 'core-native', kind: 'doctest', cmd: ['build/native/tests/core/core_tests'] },
  {
    name: 'core-wasm',
    kind: 'doctest',
    cmd: [process.execPath, '--no-experimental-fetch', 'build/wasm/tests/core/core_tests.js'],
  },
  // The sanitized suite is the longest single process (80-90 s on two cores): it runs on one core
  // while the suites up to the browser's run on the other (its output printed when it ends).
  {
    name: 'core-asan',
    kind: 'doctest',
    cmd: ['build/sanitize/tests/core/core_tests'],
    background: true,
  },
  { name: 'js', kind: 'node', files: () => nodeTests('tests/js') },
  // The Python binding and scripts/rescreen (a Dask LocalCluster of 2 workers), with Debian's
  // python3 (the one with Dask) and the module built in build/native/python.
  { name: 'python', kind: 'python', dir: 'tests/python', module: 'build/native/python' },
  // The browser and package suites run alone: nothing else competes with the pages they drive.
  { name: 'browser', kind: 'node', files: () => nodeTests('tests/browser'), alone: true },
  // The npm package as hosts use it: packed, installed into a fresh project with Vite, webpack
  // and TypeScript, run in Node and bundled for Chromium (tests/package/support.mjs).
  { name: 'package', kind: 'node', files: () => nodeTests('tests/package'), alone: true },
  // Each libFuzzer target briefly, so a new crash surfaces in CI (scripts/fuzz runs longer); the
  // first alone (it makes the seeds), then as many at once as there are cores, up to four (each
  // target is one process on one core).
  { name: 'fuzz', kind: 'fuzz', seconds: 7, alone: true },
];

const only = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--only') only.push(process.argv[++i]);
  else {
    console.error(`run-tests: unknown argument ${process.argv[i]}`);
    process.exit(2);
  }
}

// Runs a command, its output shown as it comes, or with `quiet` kept (stdout and stderr, as
// `shown`) for whoever prints it when the command has ended: two commands running at once never
// mix their lines.
function run(cmd, args, { quiet = false } = {}) {
  return new Promise((ok) => {
    let out = '';
    let shown = '';
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'] });
    child.stdout.on('data', (d) => {
      out += d;
      if (quiet) shown += d;
      else process.stdout.write(d);
    });
    child.stderr?.on('data', (d) => {
      shown += d;
    });
    child.on('close', (code, signal) => ok({ code: code ?? 1, signal, out, shown }));
    child.on('error', (err) => ok({ code: 1, out: String(err), shown: String(err) }));
  });
}

// doctest: "[doctest] test cases: 46 | 45 passed | 1 failed | 0 skipped"
async function doctest(suite) {
  if (!existsSync(suite.cmd.at(-1)))
    return { passed: 0, failed: 1, skipped: 0, note: `${suite.cmd.at(-1)} is not built` };
  const { code, out, shown } = await run(suite.cmd[0], suite.cmd.slice(1), {
    quiet: suite.background,
  });
  if (suite.background)
    process.stdout.write(`\n=== ${suite.name} (ran beside the suites above) ===\n${shown}`);
  const m = out.match(
    /test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed\s*\|\s*(\d+) skipped/,
  );
  if (!m) return { passed: 0, failed: 1, skipped: 0, note: `no doctest summary (exit ${code})` };
  const failed = Number(m[3]) + (code !== 0 && Number(m[3]) === 0 ? 1 : 0);
  return { passed: Number(m[2]), failed, skipped: Number(m[4]) };
}

// One test per fuzz target: passed when the target ran its time without a crash.
async function fuzzSuite(suite) {
  const targets = existsSync('build/sanitize/fuzz')
    ? readdirSync('build/sanitize/fuzz')
        .filter((f) => f.startsWith('fuzz_'))
        .map((f) => f.slice(5))
        .sort()
    : [];
  if (targets.length === 0)
    return { passed: 0, failed: 1, skipped: 0, note: 'build/sanitize/fuzz is not built' };
  let passed = 0;
  let failed = 0;
  const fuzz = async (t) => {
    const { code, shown } = await run(
      'scripts/fuzz',
      ['--no-build', '--seconds', String(suite.seconds), t],
      { quiet: true },
    );
    process.stdout.write(`--- fuzz ${t}\n${shown}`);
    if (code === 0) passed++;
    else failed++;
  };
  // The first target alone: scripts/fuzz makes the seeds from ../shared/data on its first run.
  const [first, ...rest] = targets;
  await fuzz(first);
  const lane = async () => {
    for (let t = rest.shift(); t; t = rest.shift()) await fuzz(t);
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), 4) }, lane));
  return { passed, failed, skipped: 0 };
}

// unittest: "Ran 11 tests in 3.2s" then "OK", "OK (skipped=1)" or "FAILED (failures=1,
// errors=2, skipped=1)", all on stderr.
async function pythonSuite(suite) {
  const built =
    existsSync(join(suite.module, 'exportscreen')) &&
    readdirSync(join(suite.module, 'exportscreen')).some((f) => f.startsWith('_core'));
  if (!built)
    return { passed: 0, failed: 1, skipped: 0, note: `${suite.module} has no built binding` };
  const { code, err } = await new Promise((ok) => {
    let err = '';
    const child = spawn('/usr/bin/python3', ['-m', 'unittest', 'discover', '-s', suite.dir, '-v'], {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, PYTHONPATH: resolve(suite.module) },
    });
    child.stderr.on('data', (d) => {
      err += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => ok({ code: code ?? 1, err }));
    child.on('error', (e) => ok({ code: 1, err: String(e) }));
  });
  const ran = Number(err.match(/^Ran (\d+) tests?/m)?.[1] ?? 0);
  const count = (k) => Number(err.match(new RegExp(`\\b${k}=(\\d+)`))?.[1] ?? 0);
  const failed = count('failures') + count('errors') + count('unexpected successes');
  const skipped = count('skipped') + count('expected failures');
  if (!ran) return { passed: 0, failed: 1, skipped: 0, note: `no unittest summary (exit ${code})` };
  return { passed: ran - failed - skipped, failed: failed || (code !== 0 ? 1 : 0), skipped };
}

// One test per check: passed when the tool exits 0 (no warning, no file it would change).
async function lintSuite(suite) {
  let passed = 0;
  let failed = 0;
  for (const check of suite.checks) {
    console.log(`--- ${check.name}`);
    const { code } = await run(check.cmd[0], check.cmd.slice(1));
    if (code === 0) passed++;
    else {
      failed++;
      console.log(`${check.name}: failed (exit ${code})`);
    }
  }
  return { passed, failed, skipped: 0 };
}

// node:test with the spec reporter on stdout and TAP in a file for the counts.
async function nodeSuite(suite) {
  const files = suite.files();
  if (files.length === 0) return { passed: 0, failed: 0, skipped: 0 };
  const dir = mkdtempSync(join(tmpdir(), 'es-tap-'));
  const tap = join(dir, 'out.tap');
  const { code } = await run(process.execPath, [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  rmSync(dir, { recursive: true, force: true });
  const count = (k) => Number(text.match(new RegExp(`^# ${k} (\\d+)$`, 'm'))?.[1] ?? 0);
  const failed = count('fail') + count('cancelled') + (code !== 0 && count('fail') === 0 ? 1 : 0);
  return { passed: count('pass'), failed, skipped: count('skipped') + count('todo') };
}

function runSuite(suite) {
  return suite.kind === 'doctest'
    ? doctest(suite)
    : suite.kind === 'fuzz'
      ? fuzzSuite(suite)
      : suite.kind === 'lint'
        ? lintSuite(suite)
        : suite.kind === 'python'
          ? pythonSuite(suite)
          : nodeSuite(suite);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = new Map(); // suite name -> its summary line, printed in the order of SUITES
const background = [];
async function timed(suite) {
  const started = Date.now();
  const r = await runSuite(suite);
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  lines.set(
    suite.name,
    `  ${suite.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? ` (${r.note})` : ''}, ${Math.round((Date.now() - started) / 1000)} s${suite.background ? ' (beside others)' : ''}`,
  );
}
const wanted = SUITES.filter((suite) => !only.length || only.includes(suite.name));
// The background suites start first; the others run one after another, and one that runs alone
// waits for the background ones to end.
for (const suite of wanted.filter((s) => s.background)) background.push(timed(suite));
for (const suite of wanted.filter((s) => !s.background)) {
  if (suite.alone) await Promise.all(background);
  console.log(`\n=== ${suite.name} ===`);
  await timed(suite);
}
await Promise.all(background);
console.log('\n=== summary ===');
for (const suite of wanted) console.log(lines.get(suite.name));
if (totals.skipped) console.log(`  (${totals.skipped} skipped: see the suite output for why)`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
