// The package's metadata (dist/package.json, made by scripts/build-web.mjs from
// web/package/package.json): the fields a registry and the tools of a host read, each pointing at
// files that exist, and the version from its one source, CMake's project() version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dist, root } from './support.mjs';

const pkg = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));

test('name, version from CMakeLists.txt, licence, module type, engines, description', () => {
  const release = readFileSync(join(root, 'CMakeLists.txt'), 'utf8').match(
    /project\(exportscreen VERSION (\d+\.\d+\.\d+)/,
  )[1];
  assert.equal(pkg.name, 'exportscreen');
  assert.equal(pkg.version, release);
  assert.equal(
    JSON.parse(readFileSync(join(root, 'web/package/package.json'), 'utf8')).version,
    undefined,
    'web/package/package.json carries no second copy of the version',
  );
  // The project has set no licence: the package says so rather than invent one.
  assert.equal(pkg.license, 'UNLICENSED');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.engines.node, '>=20');
  assert.ok(pkg.description.length > 40 && pkg.keywords.length > 0);
});

test('exports: every target exists, and every JavaScript entry names its declarations first', () => {
  assert.ok(existsSync(join(dist, pkg.main)) && existsSync(join(dist, pkg.types)));
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const targets = typeof target === 'string' ? { default: target } : target;
    for (const t of Object.values(targets)) assert.ok(existsSync(join(dist, t)), `${entry}: ${t}`);
    if (!/\.m?js$/.test(targets.default)) continue;
    // TypeScript reads conditions in order: "types" must come before "default".
    assert.deepEqual(Object.keys(targets), ['types', 'default'], `${entry} has no types first`);
    assert.match(targets.types, /\.d\.ts$/);
  }
  assert.deepEqual(
    Object.keys(pkg.exports).filter((e) => /\.m?js$/.test(pkg.exports[e].default ?? '')),
    ['.', './element', './define', './worker'],
  );
});

test('sideEffects names exactly the modules that do something when imported', () => {
  assert.deepEqual(pkg.sideEffects, ['./export-screen-define.js', './screen-worker.js']);
  for (const f of pkg.sideEffects) assert.ok(existsSync(join(dist, f)), f);
  // The define module registers the element; the worker installs its message handler.
  assert.match(readFileSync(join(root, 'web/src/export-screen-define.js'), 'utf8'), /\.define\(\)/);
  assert.match(readFileSync(join(root, 'web/src/screen-worker.js'), 'utf8'), /self\.onmessage =/);
});

test('the Node-only import keeps the comments that tell bundlers to leave it alone', () => {
  // Shipped as written (scripts/build-web.mjs): minifying would drop them.
  const text = readFileSync(join(dist, 'local-file.js'), 'utf8');
  assert.match(text, /import\(\/\* webpackIgnore: true \*\/ \/\* @vite-ignore \*\/ FS_MODULE\)/);
});
