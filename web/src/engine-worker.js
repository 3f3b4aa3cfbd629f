// The engine's worker. The element creates one when it starts (export-screen.js);
// export-screen-define.js starts one first, written the same way, for an <export-screen> already in
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
