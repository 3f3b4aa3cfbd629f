// Entry of the offline single file (exportscreen-offline.html): registers <export-screen> with a
// worker made from a blob: URL, because a page opened from disk (file://) can load neither ES
// modules nor a separate .wasm. The build (scripts/build-web.mjs) defines WORKER_SOURCE as the
// single-file WebAssembly core plus the bundled worker.
/* global WORKER_SOURCE */
import { ExportScreenElement } from '../src/export-screen.js';

let workerUrl = null;
ExportScreenElement.createWorker = () => {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  return new Worker(workerUrl, { name: 'exportscreen' });
};
ExportScreenElement.define();

// The page's own controls: which mode and language the widget shows.
for (const control of document.querySelectorAll('[data-es-control]')) {
  control.addEventListener('change', () => {
    const widget = document.querySelector('export-screen');
    if (control.name === 'mode') widget.setAttribute('mode', control.value);
    if (control.name === 'lang') {
      document.documentElement.lang = control.value === 'zh' ? 'zh-CN' : 'en';
      widget.setAttribute('lang', control.value === 'zh' ? 'zh-CN' : 'en');
    }
  });
}
