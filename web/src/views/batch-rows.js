// The rows of the last batch as the element's `batch` property gives them (README): a module
// of its own, so that the element reads them without the batch view (views/batch.js), which it
// fetches only when batch mode is shown (views/frame.js).

/** Every row of the last batch with its summary: verdict, best match, rules, error. */
export function batchRows(ctx) {
  const b = ctx.ui.batch;
  return b.input.map((r, i) => {
    const s = b.results[i];
    return {
      ...r,
      verdict: s ? (s.error ? 'error' : s.verdict) : 'not_screened',
      best: s?.best ?? null,
      matches: s?.matches ?? 0,
      rules: s?.rules ?? [],
      error: s?.error ?? null,
    };
  });
}
