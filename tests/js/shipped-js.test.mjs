// The JavaScript we ship must run under script-src 'self' 'wasm-unsafe-eval': no eval, no
// new Function, no string timers, no inline event handlers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, site } from './support.mjs';

function shipped(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return shipped(p);
    return /\.(m?js|html)$/.test(f) ? [p] : [];
  });
}

const FORBIDDEN = [
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\s*\(/, 'new Function('],
  [/\bFunction\s*\(\s*['"`]/, 'Function("...")'],
  [/\bset(?:Timeout|Interval)\s*\(\s*['"`]/, 'string timer'],
  [/<[^>]+\son[a-z]+\s*=/i, 'inline event handler'],
];

test('no eval, new Function, string timers or inline handlers in the shipped files', () => {
  // The demo site and dist/ (the package and the offline single file).
  const files = [...shipped(site), ...shipped(join(root, 'dist'))];
  assert.ok(
    files.some((f) => f.endsWith('exportscreen-offline.html')),
    'the offline file is checked too',
  );
  assert.ok(
    files.some(
      (f) => f.endsWith('screen-worker.js') && /instantiateStreaming/.test(readFileSync(f, 'utf8')),
    ),
    'the wasm glue (bundled into the worker, scripts/build-web.mjs) is checked too',
  );
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [re, what] of FORBIDDEN) assert.doesNotMatch(text, re, `${what} in ${file}`);
  }
});

// scripts/build-web.mjs: V8 compiles a file that begins with this comment whole, on a background
// thread as it streams in. The element's module and the chunks it imports carry it (most of their
// functions run before the first result); the worker's script does not (it is not streamed), nor
// do the modules fetched later (the batch view, the Chinese catalog).
test("the element's files begin with V8's compile hint; the worker and the later views do not", () => {
  const HINT = '//# allFunctionsCalledOnLoad\n';
  for (const dir of [site, join(root, 'dist')]) {
    const element = new Set();
    const visit = (f) => {
      if (element.has(f)) return;
      element.add(f);
      const code = readFileSync(join(dir, f), 'utf8');
      for (const m of code.matchAll(/\bfrom\s*["']\.\/([^"']+)["']/g)) visit(m[1]);
    };
    visit('export-screen.js');
    assert.ok(element.size > 1, `${dir}: export-screen.js imports its chunks`);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
      const hinted = readFileSync(join(dir, f), 'utf8').startsWith(HINT);
      assert.equal(hinted, element.has(f), `${dir}/${f}`);
    }
  }
});
