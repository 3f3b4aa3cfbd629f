// The benchmark of the JS API (web/src/screener.js over the wasm module), the same code in node
// and in Chromium: list load (parse + index) time, wasm heap, query latency and throughput, and
// (optionally) recall and false positives on eval-dev. Used by bench/run.

const now = () => performance.now();

function percentile(values, p) {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.round(p * (v.length - 1)))];
}

// The wasm module's linear memory, caught as it is instantiated: it only grows, so its size after
// a step is the peak heap of that step.
export function watchWasmMemory() {
  const original = WebAssembly.instantiate;
  const seen = { memory: null };
  WebAssembly.instantiate = async function (...args) {
    const result = await original.apply(this, args);
    const instance = result.instance ?? result;
    seen.memory ??=
      Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory) ?? null;
    return result;
  };
  return () => seen.memory?.buffer.byteLength ?? 0;
}

/**
 * @param {{createScreener: Function, wasmBinary: Uint8Array, heapBytes: () => number,
 *   list: Uint8Array, queries: string[], batchNames?: string[], keepLatencies?: boolean,
 *   evalList?: Uint8Array, evalFiles?: object}} w
 */
export async function benchApi(w) {
  const out = {};
  const screener = await w.createScreener({ wasmBinary: w.wasmBinary, builtin: false });
  out.heap_before_kib = Math.round(w.heapBytes() / 1024);
  let t = now();
  let parseDone = 0;
  const { list } = screener.loadList(w.list, {
    label: 'consolidated.json',
    onProgress: (p) => {
      if (p.phase === 'index' && p.loaded === 0) parseDone = now();
    },
  });
  const end = now();
  out.corpus = {
    records: list.records,
    names: list.names,
    parse_ms: parseDone - t,
    index_ms: end - parseDone,
    heap_kib: Math.round(w.heapBytes() / 1024),
  };
  const latency = [];
  let flagged = 0;
  t = now();
  for (const name of w.queries) {
    const q = now();
    const r = screener.match({ name });
    latency.push(now() - q);
    if (r.matches.length) flagged++;
  }
  const total = now() - t;
  out.latency_api = {
    queries: w.queries.length,
    p50_ms: percentile(latency, 0.5),
    p99_ms: percentile(latency, 0.99),
    throughput_qps: (1000 * w.queries.length) / total,
    flagged,
  };
  if (w.keepLatencies) out.latencies = latency;
  // A batch in 200-party screening requests (the chunks the widget's batch sends its worker).
  if (w.batchNames) {
    t = now();
    for (let i = 0; i < w.batchNames.length; i += 200) {
      screener.screen({ parties: w.batchNames.slice(i, i + 200).map((name) => ({ name })) });
    }
    const ms = now() - t;
    out.batch = {
      names: w.batchNames.length,
      screen_ms: ms,
      screen_names_per_s: (1000 * w.batchNames.length) / ms,
    };
  }
  screener.delete();

  if (w.evalList && w.evalFiles) {
    const un = await w.createScreener({ wasmBinary: w.wasmBinary, builtin: false });
    un.loadList(w.evalList, { label: 'un_consolidated.json' });
    out.eval = {};
    for (const [file, { names, expected }] of Object.entries(w.evalFiles)) {
      let hits = 0;
      let found = 0;
      let judged = 0;
      for (let i = 0; i < names.length; i++) {
        const m = un.match({ name: names[i] }).matches;
        if (m.length) hits++;
        if (expected) {
          const want = expected[i];
          if (!want) continue;
          judged++;
          if (m.length && want.has(m[0].id)) found++;
        }
      }
      out.eval[file] = expected
        ? { queries: names.length, judged, found_top: found, recall: found / judged, flagged: hits }
        : { queries: names.length, flagged: hits, false_positive_rate: hits / names.length };
    }
    un.delete();
  }
  return out;
}
