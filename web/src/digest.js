// SHA-256 with WebCrypto, for the page and the worker alike.

/**
 * Lower-case hex SHA-256 of bytes, or of a text's UTF-8 bytes; null where there is no WebCrypto
 * (a page or worker that is not a secure context): the caller then asks the core, which gives the
 * same digest more slowly (about 200 ms for 24 MB in WebAssembly, against about 25 ms).
 * @param {Uint8Array|string} data
 * @returns {Promise<string|null>}
 */
export async function webSha256(data) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  // (Bytes over an ArrayBuffer: a list file, a text encoded here; never a SharedArrayBuffer.)
  const bytes = /** @type {Uint8Array<ArrayBuffer>} */ (
    typeof data === 'string' ? new TextEncoder().encode(data) : data
  );
  return Array.from(new Uint8Array(await subtle.digest('SHA-256', bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
