// The package's TypeScript declarations as a strict consumer sees them (issue 17): usage files
// (tests/package/apps/types/) compiled with `tsc --noEmit --strict` in a fresh project that installed
// the packed tarball, once as a bundled browser app (Vite's template settings, the declarations
// checked too) and once as a Node program without the DOM library. The browser usage must name
// every documented function, method, property, event and error code, and a misuse must fail.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appFolder, consumer, dist, root, run } from './support.mjs';

let project;
let app;
before(() => {
  project = consumer();
  app = appFolder(project, 'ts-app', 'types');
  const common = {
    target: 'es2022',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    verbatimModuleSyntax: true,
    noUnusedLocals: true,
    noFallthroughCasesInSwitch: true,
  };
  // As Vite's TypeScript template sets it up (with the package's declarations checked as well).
  writeFileSync(
    join(app, 'tsconfig.browser.json'),
    JSON.stringify({
      compilerOptions: {
        ...common,
        module: 'esnext',
        moduleResolution: 'bundler',
        moduleDetection: 'force',
        lib: ['es2022', 'dom', 'dom.iterable'],
        types: [],
        noUncheckedSideEffectImports: true,
      },
      files: ['browser-usage.ts'],
    }),
  );
  writeFileSync(
    join(app, 'tsconfig.node.json'),
    JSON.stringify({
      compilerOptions: {
        ...common,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2022'],
        types: ['node'],
      },
      files: ['node-usage.ts'],
    }),
  );
});

const tsc = (config) =>
  run(
    process.execPath,
    [join(project.dir, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '-p', config],
    { cwd: app },
  );

test('a strict browser app type-checks against the shipped declarations', async () => {
  const { code, output } = await tsc('tsconfig.browser.json');
  assert.equal(code, 0, output);
});

test('a strict Node program (no DOM library) type-checks against the JS API', async () => {
  const { code, output } = await tsc('tsconfig.node.json');
  assert.equal(code, 0, output);
});

test('the browser usage names every documented function, member, event and error code', async () => {
  const usage = readFileSync(join(app, 'browser-usage.ts'), 'utf8');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const api = readFileSync(join(root, 'docs/api.md'), 'utf8');
  const section = (text, from, to) =>
    text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from)));

  const errorTable = section(api, '<!-- contract:ErrorCode', '<!-- /contract:ErrorCode');
  const codes = [...errorTable.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
  const events = [
    ...section(readme, '### Events', '### What the user sees').matchAll(/^\| `([a-z-]+)` \|/gm),
  ].map((m) => m[1]);
  const members = [
    ...section(readme, '### Properties and methods', 'TypeScript declarations').matchAll(
      /`([a-zA-Z]+)(?:\(|`| \()/g,
    ),
  ].map((m) => m[1]);
  const jsApi = await import(pathToFileURL(join(dist, 'screener.js')));
  const exported = Object.keys(jsApi);
  const methods = Object.getOwnPropertyNames(jsApi.Screener.prototype).filter(
    (m) => m !== 'constructor',
  );
  assert.ok(codes.length >= 20 && events.length === 3 && members.length >= 12, 'docs were read');
  assert.ok(exported.length >= 6 && methods.length >= 13, 'the module was read');
  const elementStatics = ['define', 'workerUrl', 'createWorker'];
  for (const name of [
    ...codes,
    ...events,
    ...members,
    ...exported,
    ...methods,
    ...elementStatics,
  ]) {
    assert.match(usage, new RegExp(`\\b${name}\\b`), `browser-usage.ts does not use ${name}`);
  }
});

test('a misuse fails the strict check: an unknown error code, field, mode or event detail', async () => {
  writeFileSync(
    join(app, 'misuse.ts'),
    `import { createScreener, type ErrorCode } from 'exportscreen';
import type { ExportScreenElement } from 'exportscreen/element';
const code: ErrorCode = 'no_such_code';
const screener = await createScreener();
screener.screen({ parties: [{ nmae: 'ACME' }] });
declare const widget: ExportScreenElement;
widget.mode = 'wizard';
widget.addEventListener('screen-error', (e) => e.detail.error.reason);
export { code };
`,
  );
  const config = JSON.parse(readFileSync(join(app, 'tsconfig.browser.json'), 'utf8'));
  writeFileSync(
    join(app, 'tsconfig.misuse.json'),
    JSON.stringify({ ...config, files: ['misuse.ts'] }),
  );
  const { code, output } = await tsc('tsconfig.misuse.json');
  assert.notEqual(code, 0);
  for (const line of [3, 5, 7, 8])
    assert.match(output, new RegExp(`misuse\\.ts\\(${line},`), output);
});
