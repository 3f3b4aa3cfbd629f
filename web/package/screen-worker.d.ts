// TypeScript declarations of screen-worker.js (`exportscreen/worker`): the module worker behind
// <export-screen>. It exports nothing: it is started as a worker, never imported by a page.
// README, "Embedding the widget": ExportScreenElement.workerUrl points the element at a copy.
export {};
