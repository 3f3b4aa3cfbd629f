// The Python binding answers in the same JSON contract as the CLI and the wasm module: its raw
// answers (exportscreen._core, JSON text) are validated against contract/exportscreen.schema.json.
// Needs the binding built in build/native/python (scripts/build native) and Debian's python3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertContract, fixtures, root } from './support.mjs';

const modules = join(root, 'build/native/python');
const built =
  existsSync(join(modules, 'exportscreen')) &&
  readdirSync(join(modules, 'exportscreen')).some((f) => f.startsWith('_core'));

// Runs a Python snippet that prints one JSON text per line; returns them parsed.
function python(code) {
  const r = spawnSync('/usr/bin/python3', ['-c', code], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: modules },
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

test('the Python binding answers in the contract', { skip: !built && 'binding not built' }, () => {
  const old = JSON.stringify(join(fixtures, 'csl-complete.csv'));
  const neu = JSON.stringify(join(fixtures, 'diff/csl-new-complete.csv'));
  const [rows, compact, delta, deltaRows, diff, version, error, screen] = python(`
import json
from exportscreen import _core
read = lambda p: open(p, "rb").read()
s = _core.Session()
s.load_list(read(${old}), "")
rows = json.dumps([{"name": "ADT Analog and Digital Technik", "country": "DE"}, {"name": ""},
                   {"name": "Acme Widgets"}])
print(s.screen_rows(rows, ""))
print(s.screen_rows(rows, '{"compact": true}'))
d = _core.Session()
print(d.load_delta(read(${old}), read(${neu})))
print(d.screen_rows('[{"name": "VTB Bank JSC"}, {"name": "Nobody"}]', ""))
print(_core.diff(read(${old}), read(${neu})))
print(_core.version())
print(s.screen_rows("[", ""))
print(d.screen('{"parties": [{"name": "Nobody Trading"}]}'))
`);
  assertContract('RowsOutput', rows);
  assert.equal(rows.rows[0].verdict, 'stop');
  assert.equal(rows.rows[1].error.code, 'invalid_request');
  assertContract('RowsCompactOutput', compact);
  assert.deepEqual(compact.rows, [0, 1, 2]);
  assertContract('LoadDeltaOutput', delta);
  assert.equal(delta.list.delta.screened, 4);
  assertContract('RowsOutput', deltaRows);
  assert.equal(deltaRows.rows[0].best.change, 'changed');
  assert.equal(deltaRows.rows[1].verdict, 'unchanged');
  assertContract('DiffOutput', diff);
  assert.equal(diff.changes.length, 5);
  assertContract('VersionOutput', version);
  assertContract('ErrorEnvelope', error);
  assertContract('ScreenResult', screen);
  assert.equal(screen.verdict, 'unchanged');
});
