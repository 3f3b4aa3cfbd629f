// Reads the WebAssembly core from disk where the JS API runs outside a browser (Node, or a
// server-side bundle): Node's fetch cannot read file: URLs. screener.js imports it only then.
// Shipped as written, neither bundled nor minified (scripts/build-web.mjs): the two comments in
// the import() tell webpack 5 and Vite to leave it alone, and the module name is a variable, so a
// browser bundle neither pulls in nor warns about a Node built-in.
const FS_MODULE = 'node:fs/promises';

/**
 * The bytes of a file: URL.
 * @param {string} url
 * @returns {Promise<Uint8Array>}
 */
export async function readLocalFile(url) {
  const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ FS_MODULE);
  return readFile(new URL(url));
}
