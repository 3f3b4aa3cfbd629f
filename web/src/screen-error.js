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
