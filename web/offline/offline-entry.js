// Entry of the offline single file (exportscreen-offline.html): registers <export-screen> with a
// worker made from a blob: URL, because a page opened from disk (file://) can load neither ES
// modules nor a separate .wasm. The build (scripts/build-web.mjs) defines WORKER_SOURCE as the
// single-file WebAssembly core plus the bundled worker.
/* global WORKER_SOURCE */
import { ExportScreenElement } from '../src/export-screen.js';
// The page's own controls (which mode and language the widget shows, the page's text in that
// language): the demo's.
import '../demo/demo.js';

let workerUrl = null;
ExportScreenElement.createWorker = () => {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  return new Worker(workerUrl, { name: 'exportscreen' });
};
ExportScreenElement.define();
