// Runs the widget's worker (dist/screen-worker.js, as shipped) in a node worker thread the way a
// browser runs a module worker: a `self` with onmessage, postMessage and close, and a fetch that
// also reads file: URLs (the worker fetches the .wasm next to its module). Not a test file: the
// thread entry of workerThread() in support.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const netFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const u = String(url);
  if (!u.startsWith('file:')) return netFetch(url, init);
  const bytes = await readFile(fileURLToPath(u));
  return new Response(bytes, { headers: { 'content-type': 'application/wasm' } });
};

// Messages that arrive before the worker module has set onmessage wait in the port's queue.
globalThis.self = {
  postMessage: (message) => parentPort.postMessage(message),
  close: () => process.exit(0),
  set onmessage(handler) {
    parentPort.on('message', (data) => handler({ data }));
  },
};

await import(workerData.module);
