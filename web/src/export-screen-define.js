// Registers <export-screen>: import this module for that side effect (export-screen.js exports the
// class, to register it under another tag name). An <export-screen> already in the page has its
// engine's worker started first, before the element's code is fetched, so the worker's thread,
// script and module load meanwhile (docs/benchmarks.md, time to first result); the element takes
// that worker when it connects.
import { dropEarlyWorker, startEarlyWorker } from './engine-worker.js';

if (document.querySelector('export-screen')) startEarlyWorker();

/** Resolves with the element's class once <export-screen> is registered. */
export const defined = import('./export-screen.js')
  .then(({ ExportScreenElement }) => ExportScreenElement.define())
  // define() upgraded the elements in the page, the first one taking the worker; one that no
  // element took (removed meanwhile, or the host creates its workers itself) is stopped.
  .finally(dropEarlyWorker);
