// The error type of every exportscreen API: a stable `code` (docs/api.md, "Errors") and a message.
// Its own module so the page can use it without loading the WebAssembly glue.

/** An error reported by the core or the widget: bad input, a broken file, a failed engine. */
export class ScreenError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'ScreenError';
    this.code = code;
  }
}

/**
 * `{code, message}` of anything thrown: a ScreenError's own, `internal_error` for the rest.
 * @param {unknown} err
 * @returns {{code: string, message: string, key?: string}}
 */
export function asError(err) {
  if (err instanceof ScreenError) return { code: err.code, message: err.message };
  const e = /** @type {{message?: unknown}} */ (err);
  return { code: 'internal_error', message: String(e?.message ?? err) };
}
