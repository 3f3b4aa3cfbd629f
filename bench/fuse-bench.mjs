// The same workload through fuse.js (npm), the fuzzy-search library a web developer would reach
// for: index over name and aliases, default options (threshold 0.6), the top result as the hit.
import Fuse from 'fuse.js';

const now = () => performance.now();
const percentile = (values, p) => {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.round(p * (v.length - 1)))] : 0;
};
const options = { keys: ['name', 'alt_names'], includeScore: true };

export function benchFuse({ corpus, queries, un, evalFiles }) {
  const out = {};
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = now();
  const fuse = new Fuse(corpus.results, options, Fuse.createIndex(options.keys, corpus.results));
  out.corpus = { records: corpus.results.length, index_ms: now() - t };
  global.gc?.();
  out.corpus.heap_kib = Math.round((process.memoryUsage().heapUsed - heapBefore) / 1024);
  const latency = [];
  let flagged = 0;
  t = now();
  for (const q of queries) {
    const s = now();
    const r = fuse.search(q, { limit: 10 });
    latency.push(now() - s);
    if (r.length) flagged++;
  }
  const total = now() - t;
  out.latency_api = {
    queries: queries.length,
    p50_ms: percentile(latency, 0.5),
    p99_ms: percentile(latency, 0.99),
    throughput_qps: (1000 * queries.length) / total,
    flagged,
  };
  if (un && evalFiles) {
    const unFuse = new Fuse(un.results, options);
    out.eval = {};
    for (const [file, { names, expected }] of Object.entries(evalFiles)) {
      let hits = 0;
      let found = 0;
      let judged = 0;
      for (let i = 0; i < names.length; i++) {
        const r = unFuse.search(names[i], { limit: 1 });
        if (r.length) hits++;
        if (expected) {
          if (!expected[i]) continue;
          judged++;
          if (r.length && expected[i].has(r[0].item.id)) found++;
        }
      }
      out.eval[file] = expected
        ? { queries: names.length, judged, found_top: found, recall: found / judged, flagged: hits }
        : { queries: names.length, flagged: hits, false_positive_rate: hits / names.length };
    }
  }
  return out;
}
