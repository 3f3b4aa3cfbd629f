// The files generated from the JSON contract (contract/exportscreen.schema.json) are current: the
// contract types of web/package/screener.d.ts and the tables of docs/api.md; and the release is
// written once (CMake's project version), in the package and in the core alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertContract, dist, loadApi, root } from './support.mjs';

test('the TypeScript declarations and the tables of docs/api.md are what the schema makes', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts/gen-contract.mjs'), '--check'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
});

test('the release is CMake project version, in dist/package.json and in the core', async () => {
  const cmake = readFileSync(join(root, 'CMakeLists.txt'), 'utf8').match(
    /project\(exportscreen VERSION (\d+\.\d+\.\d+)/,
  )[1];
  assert.equal(JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')).version, cmake);
  const { version } = await loadApi();
  const info = await version({ wasmBinary: readFileSync(join(dist, 'exportscreen-core.wasm')) });
  assert.equal(info.version, cmake);
  // The widget's presets and roles come from here (and from reference()).
  assert.deepEqual(
    info.presets.map((p) => p.id),
    ['strict', 'balanced', 'broad'],
  );
  assert.ok(info.roles.includes('purchaser'));
});

test('the contract itself: every error code the widget can show is described', () => {
  const en = readFileSync(join(root, 'web/src/i18n/en.js'), 'utf8');
  const schema = JSON.parse(readFileSync(join(root, 'contract/exportscreen.schema.json'), 'utf8'));
  for (const { const: code } of schema.$defs.ErrorCode.oneOf) {
    assertContract('ErrorCode', code);
    assert.match(en, new RegExp(`'error\\.${code}'`), `no English message for ${code}`);
  }
});
