// The package hosts install: dist/ packs with npm, installs into an empty project, and every
// `exports` entry resolves; the JS API screens from the installed copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './support.mjs';

const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));

test('dist/package.json: every exports target exists, with its TypeScript declarations', () => {
  const targets = Object.values(pkg.exports).flatMap((v) =>
    typeof v === 'string' ? [v] : Object.values(v),
  );
  for (const t of targets) assert.ok(existsSync(join(dist, t)), `${t} is missing`);
  assert.ok(existsSync(join(dist, pkg.types)));
  // Every module the element imports is shipped.
  for (const f of ['export-screen.js', 'screen-worker.js', 'screener.js']) {
    for (const [, dep] of readFileSync(join(dist, f), 'utf8').matchAll(/from '\.\/([^']+)'/g))
      assert.ok(existsSync(join(dist, dep)), `${f} imports ${dep}`);
  }
});

test('npm pack, install into an empty project, import by package name and screen', () => {
  const work = mkdtempSync(join(tmpdir(), 'es-pack-'));
  const out = execFileSync(
    'npm',
    ['pack', dist, '--pack-destination', work, '--json', '--loglevel=error'],
    { cwd: work, encoding: 'utf8' },
  );
  const [{ filename, files }] = JSON.parse(out);
  const packed = files.map((f) => f.path);
  for (const f of [
    'screener.js',
    'export-screen-define.js',
    'exportscreen-core.wasm',
    'screener.d.ts',
    'i18n/zh.js',
    'exportscreen-offline.html',
  ]) {
    assert.ok(packed.includes(f), `${f} is not in the package`);
  }
  const app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'host-app', private: true, type: 'module' }),
  );
  execFileSync(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, filename)],
    { cwd: app },
  );
  writeFileSync(
    join(app, 'check.mjs'),
    `
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createScreener, ScreenError } from 'exportscreen';
for (const spec of ['exportscreen/element', 'exportscreen/define', 'exportscreen/worker', 'exportscreen/offline.html', 'exportscreen/package.json']) {
  if (!existsSync(fileURLToPath(import.meta.resolve(spec)))) throw new Error(spec + ' does not resolve');
}
const wasmBinary = readFileSync(fileURLToPath(import.meta.resolve('exportscreen/exportscreen-core.wasm')));
const s = await createScreener({ wasmBinary });
const r = s.screen({ parties: [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }] });
let code = '';
try { s.screen({ parties: [{ name: 'x', country: 'XX' }] }); } catch (e) { code = e instanceof ScreenError ? e.code : 'not a ScreenError'; }
console.log(JSON.stringify({ verdict: r.verdict, code, csv: s.parseCsv('a,b\\n1,2\\n').rows.length }));
`,
  );
  const result = JSON.parse(
    execFileSync(process.execPath, ['check.mjs'], { cwd: app, encoding: 'utf8' }),
  );
  assert.deepEqual(result, { verdict: 'license_required', code: 'invalid_country', csv: 2 });
});
