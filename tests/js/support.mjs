// Paths and loaders shared by the node tests (they test the built artifacts in build/).
import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const site = join(root, 'build/site');
// What npm installs: the same modules as the site, with the package.json that says they are ES modules.
export const dist = join(root, 'dist');
export const cli = join(root, 'build/native/cli/exportscreen');
export const fixtures = join(root, 'tests/fixtures');
export const sharedData = resolve(root, '../shared/data');

/** The JS API as shipped in dist/, with the wasm bytes read from disk. */
export async function loadApi() {
  const api = await import(join(dist, 'screener.js'));
  const wasmBinary = readFileSync(join(dist, 'exportscreen-core.wasm'));
  return { ...api, create: (opts = {}) => api.createScreener({ wasmBinary, ...opts }) };
}

/** Path of a file under ../shared/data, or null (the caller skips with a message). */
export function shared(relative) {
  const p = join(sharedData, relative);
  return existsSync(p) ? p : null;
}

export const fixture = (name) => readFileSync(join(fixtures, name));

/**
 * The widget's worker (dist/screen-worker.js) in a node worker thread, behind the part of the
 * DOM Worker interface ScreenWorkerClient uses. `crash()` fails it the way a dead browser worker
 * does (an `error` event).
 */
export function workerThread() {
  const thread = new Worker(join(root, 'tests/js/worker-thread.mjs'), {
    workerData: { module: join(dist, 'screen-worker.js') },
  });
  const errorHandlers = [];
  return {
    addEventListener(type, handler) {
      if (type === 'message') thread.on('message', (data) => handler({ data }));
      else if (type === 'messageerror') thread.on('messageerror', handler);
      else if (type === 'error') {
        errorHandlers.push(handler);
        thread.on('error', (e) => handler({ message: e.message, preventDefault() {} }));
      }
    },
    postMessage: (message, transfer) => thread.postMessage(message, transfer),
    terminate: () => thread.terminate(),
    crash() {
      for (const handler of errorHandlers)
        handler({ message: 'simulated crash', preventDefault() {} });
    },
  };
}
