// Assembles what hosts copy from the built WebAssembly module and web/:
//   dist/        the ES modules (every .js under web/src/), the .wasm, the TypeScript declarations
//                and package.json (web/package/), plus exportscreen-offline.html (web/offline/);
//   build/site/  the demo and example pages (web/demo/) next to the same modules, served by
//                scripts/run and the browser tests.
// The shipped modules are bundled per entry and minified (shippedModules below): the widget's
// transfer size has a budget (400 KB gzipped, docs/benchmarks.md) and its time to first result a
// target (300 ms).
// The offline file is one self-contained HTML page: the widget and its worker (with the core and
// its wasm inlined) bundled into classic scripts (esbuild), with a CSP that forbids any network
// request.
//   node scripts/build-web.mjs
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const web = join(root, 'web');
const src = join(web, 'src');
const wasmOut = join(root, 'build/wasm/wasm');
const coreFiles = ['exportscreen-core.mjs', 'exportscreen-core.wasm'];
for (const f of coreFiles) {
  if (!existsSync(join(wasmOut, f)))
    throw new Error(`build-web: ${f} is not built (run scripts/build wasm)`);
}

// Inline scripts must not end the <script> element early or open an HTML comment.
function inlineSafe(js) {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64');

// The widget's stylesheets are written readably in web/src/export-screen-styles.js, each a
// template literal marked /* css */, and shipped minified as CSS (2.5 KB less to read, 0.6 KB
// less to transfer gzipped).
const minifiedCss = {
  name: 'minified-css',
  setup: (b) =>
    b.onLoad({ filter: /export-screen-styles\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const sheets = [...source.matchAll(/\/\* css \*\/ `([^`]*)`/g)];
      if (!sheets.length) throw new Error(`build-web: no /* css */ stylesheet in ${args.path}`);
      let contents = source;
      for (const [literal, css] of sheets) {
        if (css.includes('${'))
          throw new Error('build-web: a /* css */ stylesheet is text, without ${…} substitutions');
        const { code } = await transform(css, { loader: 'css', minify: true });
        contents = contents.replace(literal, () => JSON.stringify(code.trim()));
      }
      return { contents, loader: 'js' };
    }),
};

async function bundle(entry, { plugins = [], ...options } = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome100',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [minifiedCss, ...plugins],
    ...options,
  });
  return result.outputFiles[0].text;
}

// The offline worker: the same worker over the same ES module build of the core, bundled into one
// classic script (a page opened from disk imports no module), with the .wasm inlined as base64 and
// handed to the core as its bytes (nor can such a page fetch a file). The core is not linked a
// second time for it (Emscripten's SINGLE_FILE: a whole-program link of its own, about a minute
// of the build on two cores).
const inlinedCore = {
  name: 'inlined-core',
  setup(b) {
    b.onResolve({ filter: /exportscreen-core\.mjs$/ }, (args) =>
      args.namespace === 'es-offline'
        ? { path: join(wasmOut, 'exportscreen-core.mjs') }
        : { path: 'inlined-core', namespace: 'es-offline' },
    );
    b.onLoad({ filter: /.*/, namespace: 'es-offline' }, () => ({
      contents: `import create from './exportscreen-core.mjs';
const base64 = ${JSON.stringify(readFileSync(join(wasmOut, 'exportscreen-core.wasm')).toString('base64'))};
function wasmBytes() {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
export default (config) => create({ ...config, wasmBinary: wasmBytes() });
`,
      loader: 'js',
    }));
  },
};

async function offlineHtml() {
  const workerSource = await bundle(join(src, 'screen-worker.js'), {
    plugins: [inlinedCore],
    // import.meta.url only names where a separate .wasm would be; this worker has it inlined.
    define: { 'import.meta.url': '"file:///exportscreen-offline/"' },
  });
  const page = inlineSafe(
    await bundle(join(web, 'offline/offline-entry.js'), {
      define: {
        WORKER_SOURCE: JSON.stringify(workerSource).replace(/</g, '\\u003c'),
        'import.meta.url': '"file:///exportscreen-offline/"',
      },
    }),
  );
  const template = readFileSync(join(web, 'offline/offline.html'), 'utf8');
  const style = template.match(/<style>([\s\S]*?)<\/style>/)[1];
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256(page)}' 'wasm-unsafe-eval' blob:`,
    'worker-src blob:',
    `style-src 'sha256-${sha256(style)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const html = template
    .replace('<!--ES_CSP-->', `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace('<!--ES_SCRIPT-->', () => `<script>${page}</script>`);
  if ((html.match(/<\/script/gi) ?? []).length !== 1)
    throw new Error('build-web: an inline script would end early');
  return html;
}

// The shipped modules: each module a host imports (the package's exports) bundled with what it
// imports, so a browser fetches the widget in a few files (export-screen-define.js, then
// export-screen.js and the chunks it imports, all at once: see elementAlongside below) and the
// worker in one, instead of learning a graph of thirty modules a level at a time. Entries keep
// their names and exports; the code the page's entries share lives in content-hashed chunk files
// beside them. The worker is bundled on its own (it shares nothing with the page at run time). The
// readable source is web/src/.
const PAGE_ENTRIES = ['screener.js', 'export-screen.js', 'export-screen-define.js'];
const WORKER_ENTRY = 'screen-worker.js';

// The ES module build of the core (the .wasm is located by the JS API, next to the modules).
const builtCore = {
  name: 'built-core',
  setup: (b) =>
    b.onResolve({ filter: /exportscreen-core\.mjs$/ }, () => ({
      path: join(wasmOut, 'exportscreen-core.mjs'),
    })),
};

// The Node-only file reader stays a module of its own, shipped as written: the comments in its
// import() tell webpack 5 and Vite to leave Node's fs alone, and bundling would drop them.
const AS_WRITTEN = 'local-file.js';
const asWritten = {
  name: 'as-written',
  setup: (b) =>
    b.onResolve({ filter: /\/local-file\.js$/ }, () => ({
      path: `./${AS_WRITTEN}`,
      external: true,
    })),
};

async function shippedModules(entries, { splitting }) {
  const result = await build({
    entryPoints: entries.map((m) => join(src, m)),
    bundle: true,
    splitting,
    write: false,
    metafile: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    outdir: join(root, 'build/shipped'),
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
    plugins: [builtCore, asWritten, minifiedCss],
  });
  const name = (path) => relative(join(root, 'build/shipped'), join(root, path));
  const imports = new Map(
    Object.entries(result.metafile.outputs).map(([path, out]) => [
      name(path),
      out.imports
        .filter((i) => i.kind === 'import-statement' && !i.external)
        .map((i) => name(i.path)),
    ]),
  );
  // The element's module and the chunks it imports, all of it run when the element first renders.
  const element = staticClosure('export-screen.js', imports);
  return new Map(
    result.outputFiles.map((f) => {
      const file = relative(join(root, 'build/shipped'), f.path);
      let code = f.text;
      if (file === 'export-screen-define.js') code = elementAlongside(code, element);
      if (element.includes(file)) code = `${EAGER}\n${code}`;
      return [file, code];
    }),
  );
}

// `file` and what it imports statically, directly or through another chunk, when it is an entry of
// this build (none, else).
function staticClosure(file, imports) {
  if (!imports.has(file)) return [];
  const seen = new Set([file]);
  const visit = (f) => {
    for (const chunk of imports.get(f) ?? []) {
      if (seen.has(chunk)) continue;
      seen.add(chunk);
      visit(chunk);
    }
  };
  visit(file);
  return [...seen];
}

// export-screen-define.js imports export-screen.js once it has started the worker. The chunks that
// module imports are fetched with it, not once it has arrived: its import() becomes one that waits
// for them all, written as import() calls of each file (what Vite's preload lists do). Each level
// of the graph costs a round trip before the element can render (docs/benchmarks.md).
function elementAlongside(code, element) {
  const entry = 'import("./export-screen.js")';
  if (code.split(entry).length !== 2)
    throw new Error(`build-web: export-screen-define.js should hold ${entry} once`);
  const chunks = element.filter((f) => f !== 'export-screen.js').sort();
  if (!chunks.length) return code;
  const all = [entry, ...chunks.map((c) => `import("./${c}")`)];
  return code.replace(entry, () => `Promise.all([${all.join(',')}]).then(([m])=>m)`);
}

// V8's explicit compile hint (Chrome 136 and later; other engines read a comment), first in the
// element's files: most of their functions run before the first result (the first render, the
// engine's start, the result), and a file so marked is compiled whole on a background thread as
// it streams in, where each function would otherwise be compiled on the page's thread at its first
// call (docs/benchmarks.md: 277 against 303 ms to the first result, 30 alternating cold loads).
// Not in the worker's file: a module worker's script is not streamed, so it would be compiled
// whole on the worker's own thread, ahead of the engine's start.
const EAGER = '//# allFunctionsCalledOnLoad';

const shipped = new Map([
  ...(await shippedModules(PAGE_ENTRIES, { splitting: true })),
  ...(await shippedModules([WORKER_ENTRY], { splitting: false })),
  [AS_WRITTEN, readFileSync(join(src, AS_WRITTEN), 'utf8')],
]);

function copyModules(to) {
  for (const [m, code] of shipped) {
    mkdirSync(dirname(join(to, m)), { recursive: true });
    writeFileSync(join(to, m), code);
  }
  cpSync(join(wasmOut, 'exportscreen-core.wasm'), join(to, 'exportscreen-core.wasm'));
}

function swap(tmp, final) {
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
}

const offline = await offlineHtml();

// dist/: what a host copies, or installs with npm.
const distTmp = join(root, 'dist.tmp');
rmSync(distTmp, { recursive: true, force: true });
mkdirSync(distTmp, { recursive: true });
copyModules(distTmp);
for (const f of readdirSync(join(web, 'package'))) {
  if (f !== 'package.json') cpSync(join(web, 'package', f), join(distTmp, f));
}
// The package's version is the release, written once: CMake's project() version.
const release = readFileSync(join(root, 'CMakeLists.txt'), 'utf8').match(
  /project\(exportscreen VERSION (\d+\.\d+\.\d+)/,
)?.[1];
if (!release)
  throw new Error('build-web: no project(exportscreen VERSION x.y.z) in CMakeLists.txt');
const pkg = JSON.parse(readFileSync(join(web, 'package/package.json'), 'utf8'));
writeFileSync(
  join(distTmp, 'package.json'),
  `${JSON.stringify({ name: pkg.name, version: release, ...pkg }, null, 2)}\n`,
);
writeFileSync(join(distTmp, 'exportscreen-offline.html'), offline);
swap(distTmp, join(root, 'dist'));

// build/site/: the demo and examples, next to the same modules.
const siteTmp = join(root, 'build/site.tmp');
rmSync(siteTmp, { recursive: true, force: true });
mkdirSync(siteTmp, { recursive: true });
cpSync(join(web, 'demo'), siteTmp, { recursive: true });
copyModules(siteTmp);
// The examples load their list from their own server: the committed samples (the intranet's
// 12 records lack five CSL sources and show as partial; the self-check's 17 hold every source).
mkdirSync(join(siteTmp, 'examples/lists'), { recursive: true });
cpSync(join(root, 'tests/fixtures/csl-sample.csv'), join(siteTmp, 'examples/lists/csl-sample.csv'));
cpSync(
  join(root, 'tests/fixtures/csl-all-sources.csv'),
  join(siteTmp, 'examples/lists/csl-all-sources.csv'),
);
writeFileSync(join(siteTmp, 'exportscreen-offline.html'), offline);
swap(siteTmp, join(root, 'build/site'));
console.log(
  `build-web: dist/ and build/site/ assembled; offline file ${(offline.length / 1024).toFixed(0)} KiB`,
);
