// Paths and loaders shared by the node tests (they test the built artifacts in build/).
import { existsSync, readFileSync } from 'node:fs';
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
