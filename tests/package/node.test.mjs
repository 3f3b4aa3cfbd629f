// The package in Node (issue 17): installed from the packed tarball into a fresh project, the
// README's examples run as written, and the JS API works with no options (the core is read from
// disk: Node's fetch cannot read file: URLs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertContract } from '../js/support.mjs';
import { appFolder, consumer, dist, exampleAfter, filesUnder, root, run } from './support.mjs';

let project;
let app;
before(() => {
  project = consumer();
  app = appFolder(project, 'node-app');
});

const node = (script, options = {}) =>
  run(process.execPath, [script, ...(options.args ?? [])], {
    cwd: app,
    input: options.input,
  });

test('the tarball holds every file of dist/, and every module finds the files it refers to', () => {
  const shipped = filesUnder(dist).sort();
  assert.deepEqual([...project.files].sort(), shipped);
  // Relative references of the (bundled, minified) modules: static and dynamic imports, re-exports and the
  // new URL('./file', import.meta.url) of the worker and the .wasm.
  const reference =
    /(?:from|import)\s*\(?\s*["'`](\.{1,2}\/[^"'`]+)["'`]|new URL\(\s*["'`](\.{0,2}\/?[^"'`:]+)["'`]\s*,\s*import\.meta\.url/g;
  const targets = new Set();
  for (const file of shipped.filter((f) => /\.m?js$/.test(f))) {
    const text = readFileSync(join(dist, file), 'utf8');
    for (const [, imported, url] of text.matchAll(reference)) {
      const target = join(file, '..', imported ?? url);
      assert.ok(
        shipped.includes(target),
        `${file} refers to ${imported ?? url}, not in the package`,
      );
      targets.add(target);
    }
  }
  // The pattern still reads the bundles: the entries' chunk imports, the worker's and the .wasm's
  // URLs and the Node-only reader's import() are among what it found.
  for (const expected of ['screen-worker.js', 'exportscreen-core.wasm', 'local-file.js'])
    assert.ok(targets.has(expected), `no reference to ${expected} found`);
  assert.ok(
    [...targets].some((t) => /^chunk-\w+\.js$/.test(t)),
    'no chunk import found',
  );
});

test('every exports entry resolves in the installed package', async () => {
  writeFileSync(
    join(app, 'resolve.mjs'),
    `import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
const pkg = createRequire(import.meta.url)('exportscreen/package.json');
const specs = Object.keys(pkg.exports).map((e) => 'exportscreen' + e.slice(1));
console.log(JSON.stringify(specs.filter((s) => !existsSync(fileURLToPath(import.meta.resolve(s))))));
`,
  );
  const { code, output } = await node('resolve.mjs');
  assert.equal(code, 0, output);
  assert.deepEqual(JSON.parse(output), []);
});

test("the package README's first example runs in Node as written (no options)", async () => {
  const example = exampleAfter(join(dist, 'README.md'), '<!-- example: first -->');
  writeFileSync(join(app, 'first.mjs'), example);
  const { code, output } = await node('first.mjs');
  assert.equal(code, 0, output);
  assert.equal(output.trim(), 'license_required');
});

test("the README's server-side example screens JSON requests against a list file", async () => {
  const example = exampleAfter(join(root, 'README.md'), '<!-- example: node-screen -->');
  assert.equal(
    exampleAfter(join(dist, 'README.md'), '<!-- example: node-screen -->'),
    example,
    "the package README shows the repository README's example",
  );
  assert.ok(example.trim().split('\n').length <= 10, 'ten lines');
  writeFileSync(join(app, 'screen.mjs'), example);
  const list = join(root, 'tests/fixtures/csl-sample.csv');
  const request = (party, destination) =>
    JSON.stringify({ parties: [{ role: 'end_user', ...party }], destination });

  const listed = await node('screen.mjs', {
    args: [list],
    input: request(
      { name: 'Academy of Aerospace Solid Propulsion Technology', country: 'CN' },
      'CN',
    ),
  });
  assert.equal(listed.code, 0, listed.output);
  const [verdict, ...findings] = listed.output.trim().split('\n');
  assert.equal(verdict, 'license_required');
  assert.ok(
    findings.some((f) => /Military End User \(MEU\) List/.test(f) && /15 CFR 744\.21/.test(f)),
    listed.output,
  );

  // The list file is the one screened against: this name is in the sample file, not in the
  // built-in list the example leaves out.
  const sdn = await node('screen.mjs', {
    args: [list],
    input: request({ name: 'Abu Abbas' }, 'LB'),
  });
  assert.equal(sdn.code, 0, sdn.output);
  assert.equal(sdn.output.split('\n')[0], 'stop');

  const bad = await node('screen.mjs', {
    args: [list],
    input: request({ name: 'Example GmbH', country: 'XX' }, 'DE'),
  });
  assert.notEqual(bad.code, 0);
  assert.match(bad.output, /invalid_country/);
});

test('createScreener, classify, reference, version and loadList in Node with no options', async () => {
  writeFileSync(
    join(app, 'api.mjs'),
    `import { readFile } from 'node:fs/promises';
import { createScreener, classify, reference, version, ScreenError } from 'exportscreen';
const screener = await createScreener();
const out = {
  screen: screener.screen({ parties: [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }] }),
  classify: await classify({ name: 'H100 SXM5 80GB' }, { as_of: '2026-01-01' }),
  reference: await reference('zh'),
  version: await version(),
  loaded: screener.loadList(await readFile(process.argv[2]), { label: 'csl-sample.csv', replace: true }),
  match: screener.match('VTB Bank'),
};
try {
  screener.screen({ parties: [{ name: 'x', country: 'XX' }] });
} catch (err) {
  out.error = err instanceof ScreenError ? { code: err.code } : String(err);
}
console.log(JSON.stringify(out));
`,
  );
  const { code, output } = await node('api.mjs', {
    args: [join(root, 'tests/fixtures/csl-sample.csv')],
  });
  assert.equal(code, 0, output);
  const out = JSON.parse(output);
  assert.equal(assertContract('ScreenResult', out.screen).verdict, 'license_required');
  assert.equal(assertContract('Classification', out.classify).eccn, '3A090');
  assert.equal(assertContract('Reference', out.reference).locale, 'zh');
  const release = readFileSync(join(root, 'CMakeLists.txt'), 'utf8').match(
    /project\(exportscreen VERSION (\S+)/,
  )[1];
  assert.equal(out.version.version, release);
  assert.deepEqual(
    out.loaded.lists.map((l) => [l.source, l.records]),
    [['csl-sample.csv', 12]],
  );
  assert.equal(assertContract('MatchOutput', out.match).matches[0]?.source_code, 'SSI');
  assert.deepEqual(out.error, { code: 'invalid_country' });
});

test('a core that cannot be read is wasm_load_failed naming the file; wasmBinary still works', async () => {
  writeFileSync(
    join(app, 'load.mjs'),
    `import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createScreener, ScreenError } from 'exportscreen';
const out = {};
try {
  await createScreener({ wasmUrl: new URL('./no-such-core.wasm', import.meta.url) });
} catch (err) {
  out.missing = err instanceof ScreenError ? { code: err.code, message: err.message } : String(err);
}
const wasmBinary = readFileSync(fileURLToPath(import.meta.resolve('exportscreen/exportscreen-core.wasm')));
const screener = await createScreener({ wasmBinary });
out.given = screener.screen({ parties: [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }] }).verdict;
console.log(JSON.stringify(out));
`,
  );
  const { code, output } = await node('load.mjs');
  assert.equal(code, 0, output);
  const out = JSON.parse(output);
  assert.equal(out.missing.code, 'wasm_load_failed');
  assert.match(out.missing.message, /ENOENT.*no-such-core\.wasm/);
  assert.doesNotMatch(out.missing.message, /fetch/);
  assert.equal(out.given, 'license_required');
});
