// The one byte emitter of the build-time generators: bytes as the lines of a C++ string literal
// (64 bytes a line), so data ships inside the library, and so inside the .wasm.

/**
 * The lines of a C++ string literal holding `bytes` exactly, each indented by four spaces;
 * `'    ""'` for no bytes. Octal escapes for everything outside printable ASCII and for the
 * characters a string literal cannot hold as they are; "?" is escaped so no trigraph forms.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function cppStringLiteral(bytes) {
  const lines = [];
  for (let i = 0; i < bytes.length; i += 64) {
    let s = '';
    for (const b of bytes.subarray(i, i + 64)) {
      if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c && b !== 0x3f) s += String.fromCharCode(b);
      else s += '\\' + b.toString(8).padStart(3, '0');
    }
    lines.push(`    "${s}"`);
  }
  return lines.join('\n') || '    ""';
}
