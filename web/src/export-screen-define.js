// Registers <export-screen>: import this module for that side effect (export-screen.js exports the
// class, to register it under another tag name).
//
// It imports nothing statically, so it runs as soon as it arrives, and it starts two things at
// once (docs/benchmarks.md, time to first result):
// - the engine's worker of an <export-screen> already in the page, whose thread, script and module
//   load while the element's code is on its way; the element takes that worker when it connects;
// - the element's module, fetched together with the chunks it imports: the build writes them in
//   beside it (scripts/build-web.mjs, as Vite's preload lists do), so a browser fetches them all
//   at once rather than learning them a level at a time. A bundler that re-bundles dist/ sees
//   ordinary dynamic imports of files that are there.

/** @type {{worker: Worker, failed: boolean}|null} */
let started = null;
if (document.querySelector('export-screen')) {
  // As engine-worker.js writes it (the form bundlers recognize), written here too: importing that
  // module would make this one wait for it before starting anything.
  const worker = new Worker(new URL('./screen-worker.js', import.meta.url), {
    type: 'module',
    name: 'exportscreen',
  });
  const early = { worker, failed: false };
  // Nothing listens to it until an element takes it: a worker that failed meanwhile is not given
  // out (the element starts a new one, whose failure it sees).
  worker.addEventListener('error', () => (early.failed = true), { once: true });
  started = early;
}

/** The worker started above, once; null if there is none or it failed. */
function takeStarted() {
  const early = started;
  started = null;
  if (!early) return null;
  if (!early.failed) return early.worker;
  early.worker.terminate();
  return null;
}

/** Resolves with the element's class once <export-screen> is registered. */
export const defined = import('./export-screen.js')
  .then(({ ExportScreenElement }) => {
    if (started) {
      // The first element to create its worker (at define(), below) takes this one, unless the
      // host pointed the element at another worker script meanwhile.
      const create = ExportScreenElement.createWorker;
      ExportScreenElement.createWorker = function createWorker() {
        return (!ExportScreenElement.workerUrl && takeStarted()) || create.call(this);
      };
    }
    return ExportScreenElement.define();
  })
  // define() upgraded the elements in the page, the first one taking the worker; one that no
  // element took (removed meanwhile, or the host creates its workers itself) is stopped.
  .finally(() => takeStarted()?.terminate());
