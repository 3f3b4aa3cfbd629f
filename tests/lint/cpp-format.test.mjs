// The C++ is laid out by clang-format with the checked-in .clang-format (Google-based, 100
// columns): any file it would change fails the run, so the formatter, not a reviewer, decides.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(new URL('../..', import.meta.url).pathname);
const DIRS = ['core', 'cli', 'wasm', 'python', 'bench', 'fuzz', 'tests/core'];

function sources(dir) {
  const out = [];
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(path));
    else if (/\.(cpp|h)$/.test(e.name)) out.push(path);
  }
  return out;
}

test('clang-format finds nothing to change in the C++ sources', () => {
  const files = DIRS.flatMap(sources).sort();
  assert.ok(files.length > 40, `expected the C++ sources, found ${files.length} files`);
  const r = spawnSync('clang-format', ['--dry-run', '--Werror', ...files], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.error, undefined, `clang-format could not run: ${r.error}`);
  const complaints = r.stderr.split('\n').filter((l) => /: (warning|error):/.test(l));
  assert.equal(
    r.status,
    0,
    `clang-format would change ${complaints.length} place(s); run clang-format -i on them:\n` +
      complaints.slice(0, 20).join('\n'),
  );
});
