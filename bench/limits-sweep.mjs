// Benchmark of the cost of each input limit (issue 16): for each limit, inputs at a tenth of it,
// half of it, the limit, one past it and ten times it, each timed through the JS API in node (the
// core the widget's worker runs). A limit enforced while reading makes the refusal of one past it
// and of ten times it cost about what the limit case costs, or less; time grows linearly below it.
//   node bench/limits-sweep.mjs [--runs N]      (default 3: the least disturbed run is kept)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const runs = Math.max(1, Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 3));
const api = await import(join(root, 'dist/screener.js'));
const screener = await api.createScreener({
  wasmBinary: readFileSync(join(root, 'dist/exportscreen-core.wasm')),
});

// Runs `fn` `runs` times; the fastest time and what it answered (the result's size or the code).
function time(fn) {
  let best = Infinity;
  let outcome = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    try {
      fn();
      outcome = 'accepted';
    } catch (e) {
      if (!(e instanceof api.ScreenError)) throw e;
      outcome = e.code;
    }
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: Number(best.toFixed(2)), outcome };
}

const parties = (n) =>
  Array.from({ length: n }, (_, i) => ({ name: `Company ${i} Trading GmbH`, country: 'DE' }));
const LIMITS = [
  {
    limit: 'parties per request',
    at: 10000,
    input: (n) => ({ parties: parties(n) }),
    run: (request) => screener.screen(request),
  },
  {
    limit: 'items per request',
    at: 1000,
    input: (n) => ({ parties: [], items: Array.from({ length: n }, () => ({ name: 'H100' })) }),
    run: (request) => screener.screen(request),
  },
  {
    limit: 'name bytes (match)',
    at: 1024,
    input: (n) => 'Huawei Technologies Trading '.repeat(Math.ceil(n / 28)).slice(0, n),
    run: (name) => screener.match({ name }),
  },
  {
    limit: 'JSON nesting depth (options)',
    at: 32,
    // The request is depth 1; options, arrays nested n - 1 deep, brings it to n.
    input: (n) => ({
      parties: [],
      options: JSON.parse(`${'['.repeat(n - 1)}${']'.repeat(n - 1)}`),
    }),
    run: (request) => screener.screen(request),
  },
  {
    limit: 'CSV rows (header included)',
    at: 100000,
    input: (n) =>
      `name,country\n${Array.from({ length: n - 1 }, (_, i) => `Company ${i} GmbH,DE`).join('\n')}\n`,
    run: (text) => screener.parseCsv(text),
  },
];

const out = { runs, sweeps: [] };
for (const l of LIMITS) {
  const sizes = [
    Math.max(1, Math.round(l.at / 10)),
    Math.round(l.at / 2),
    l.at,
    l.at + 1,
    l.at * 10,
  ];
  const points = sizes.map((n) => {
    const input = l.input(n);
    return {
      size: n,
      input_bytes: Buffer.byteLength(typeof input === 'string' ? input : JSON.stringify(input)),
      ...time(() => l.run(input)),
    };
  });
  out.sweeps.push({ limit: l.limit, at: l.at, points });
}
console.log(JSON.stringify(out, null, 1));
