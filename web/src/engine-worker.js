// The engine's worker, created in this module only. The element creates one when it starts
// (export-screen.js); export-screen-define.js starts one first for an <export-screen> already in
// the page, before the element's code is fetched, and the element takes that one.

/** A new worker of the engine: screen-worker.js, next to this module. */
export function newEngineWorker() {
  // Written literally in this form, which Vite and webpack 5 recognize: they bundle the worker
  // (and the .wasm it asks for) and rewrite the URL, with no configuration in the host's build.
  return new Worker(new URL('./screen-worker.js', import.meta.url), {
    type: 'module',
    name: 'exportscreen',
  });
}

/** @type {{worker: Worker, failed: boolean}|null} */
let early = null;

/**
 * Starts a worker for an element whose code is still on its way (takeEarlyWorker). Its thread,
 * script and module load meanwhile: the engine's start no longer waits for the element's code.
 */
export function startEarlyWorker() {
  if (early) return;
  const started = { worker: newEngineWorker(), failed: false };
  // Nothing listens to it until an element takes it: a worker that failed meanwhile is not given
  // out (the element starts a new one, whose failure it sees).
  started.worker.addEventListener('error', () => (started.failed = true), { once: true });
  early = started;
}

/** The worker started early, once; null if there is none or it failed. */
export function takeEarlyWorker() {
  const started = early;
  early = null;
  if (!started) return null;
  if (!started.failed) return started.worker;
  started.worker.terminate();
  return null;
}

/** Stops a worker started early that no element took. */
export function dropEarlyWorker() {
  takeEarlyWorker()?.terminate();
}
