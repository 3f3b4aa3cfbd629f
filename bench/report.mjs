// Renders docs/benchmarks.md from bench/benchmarks.template.md and one run's results
// (bench/results/latest.json): each {{placeholder}} of the template becomes a table or a figure
// of the run, and whatever the run did not measure says so. No figure comes from anywhere else.
//   node bench/report.mjs [results.json]     (re-renders docs/benchmarks.md without measuring)
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

export const NOT_MEASURED = 'not measured in this run';

/** The targets of issue 6, each figure's verdict computed against them. */
export const TARGETS = {
  ttfr_builtin_ms: 300,
  ttfr_full_ms: 1500,
  widget_gzip_bytes: 400_000,
  index_ms: 500,
  p50_ms: 0.2,
  wasm_over_native: 2.0,
  over_fuse: 20,
};

const num = (x, digits = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Milliseconds with the precision they deserve. */
export function ms(x) {
  if (x === undefined || x === null || Number.isNaN(x)) return '—';
  if (x >= 100000) return `${num(x / 1000)} s`;
  if (x >= 1000) return `${num(x / 1000, 2)} s`;
  if (x >= 100) return `${num(x)} ms`;
  if (x >= 10) return `${num(x, 1)} ms`;
  if (x >= 1) return `${num(x, 2)} ms`;
  return `${num(x, 3)} ms`;
}
const kib = (x) => (x ? `${num(x / 1024)} MiB` : '—');
const bytes = (x) => (x === undefined ? '—' : `${num(x)} B`);
const kb = (x) => (x === undefined ? '—' : `${num(x / 1000, 1)} KB`);
const rate = (x) => (x ? num(x) : '—');
const pct = (x, d = 2) => `${num(100 * x, d)} %`;
const ratio = (a, b) => (a && b ? a / b : undefined);
const verdict = (ok) => (ok === undefined ? NOT_MEASURED : ok ? '**met**' : '**missed**');

const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

const ENGINE_NAMES = {
  native: 'native, core',
  wasm_node_core: 'wasm core, node',
  wasm_node_api: 'JS API, node',
  wasm_chromium_api: 'JS API, Chromium page',
  wasm_chromium_worker: "Chromium, in the widget's worker",
  fuse: 'fuse.js, node',
};

const evalOf = (e, file) =>
  Array.isArray(e?.eval) ? e.eval.find((x) => x.file === file) : e?.eval?.[file];

/** The sizes of the code and data sections of a WebAssembly module, raw and gzip -9. */
export function wasmSections(buf) {
  const out = { bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  let at = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[at++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return result;
    }
  };
  while (at < buf.length) {
    const id = buf[at++];
    const size = leb();
    const name = { 10: 'code', 11: 'data' }[id];
    if (name) {
      const section = buf.subarray(at, at + size);
      out[name] = { bytes: size, gzip: gzipSync(section, { level: 9 }).length };
    }
    at += size;
  }
  return out;
}

/** Every placeholder of the template: a function of the results. */
const PLACEHOLDERS = {
  date: (r) => r.date.replace('T', ' ').replace('Z', ' UTC'),
  command: (r) => `\`${r.command}\``,
  elapsed: (r) => `${num(r.elapsed_s)} s`,
  machine: (r) =>
    `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memory_gib} GiB, ${r.machine.os}`,
  versions: (r) =>
    [
      r.versions.gxx,
      r.versions.emcc,
      `Node ${r.versions.node}`,
      r.versions.chromium_headless
        ? `Chromium ${r.versions.chromium_headless} headless`
        : r.versions.chromium,
      r.versions.valgrind,
      r.versions.fuse && `fuse.js ${r.versions.fuse}`,
    ]
      .filter(Boolean)
      .join('; '),
  revision: (r) => `\`${r.versions.git}\``,
  skipped: (r) => {
    const parts = Object.entries(r.skipped ?? {});
    if (!parts.length) return 'Every part ran.';
    return `**Not measured in this run:** ${parts.map(([p, why]) => `${p} (${why})`).join('; ')}.`;
  },
  corpus: (r) => {
    const c = r.engines.native?.corpus ?? r.engines.wasm_node_api?.corpus;
    if (!c) return `\`../shared/data/lists/consolidated.json\` (${NOT_MEASURED})`;
    return `\`../shared/data/lists/consolidated.json\` (${num(c.records)} records${c.names ? `, ${num(c.names)} names` : ''})`;
  },
  queries: (r) =>
    r.queries
      ? `${num(r.queries)}, the first ${r.settings.per} names of each of the five eval-dev files`
      : NOT_MEASURED,
  core_runs: (r) => {
    const n = r.engines.native?.runs ?? r.engines.wasm_node_core?.runs;
    return n ? `${num(n)}` : NOT_MEASURED;
  },
  negatives: (r) => num(r.settings.negatives),
  batch_names: (r) => (r.batch_names ? num(r.batch_names) : NOT_MEASURED),
  fuse_sample: (r) => {
    const f = r.engines.fuse;
    return f
      ? `${num(f.latency_api.queries)} queries (the first ${r.settings.fuse_per} of each eval-dev file)`
      : NOT_MEASURED;
  },

  headline: (r) => {
    const E = r.engines;
    const rows = [];
    const add = (measure, value, target, ok) =>
      rows.push([
        measure,
        value ?? NOT_MEASURED,
        target,
        value === undefined ? NOT_MEASURED : verdict(ok),
      ]);
    const tb = r.ttfr?.builtin;
    add(
      `time to first result, built-in list, Chromium (median of ${tb?.runs ?? '—'} cold loads)`,
      tb && ms(tb.median_ms),
      '≤ 300 ms',
      tb && tb.median_ms <= TARGETS.ttfr_builtin_ms,
    );
    const tf = r.ttfr?.full;
    add(
      `time to first result, full corpus via list-src, Chromium (median of ${tf?.runs ?? '—'})`,
      tf && ms(tf.median_ms),
      '≤ 1.5 s',
      tf && tf.median_ms <= TARGETS.ttfr_full_ms,
    );
    const t = r.transfer;
    add(
      'widget transfer, gzip -9, without list data',
      t && kb(t.without_list_gzip),
      '≤ 400 KB',
      t && t.without_list_gzip <= TARGETS.widget_gzip_bytes,
    );
    add(
      'list index build, native',
      E.native && ms(E.native.corpus.index_ms),
      '≤ 0.5 s',
      E.native && E.native.corpus.index_ms <= TARGETS.index_ms,
    );
    const w = E.wasm_chromium_worker;
    add(
      'list index build, Chromium worker',
      w?.corpus.index_ms != null ? ms(w.corpus.index_ms) : undefined,
      '≤ 0.5 s',
      w && w.corpus.index_ms <= TARGETS.index_ms,
    );
    add(
      'single query p50, native core',
      E.native && ms(E.native.latency.p50_ms),
      '≤ 0.2 ms',
      E.native && E.native.latency.p50_ms <= TARGETS.p50_ms,
    );
    add(
      'single screening p50, Chromium worker (request to answer)',
      w && ms(w.latency_api.p50_ms),
      '≤ 0.2 ms',
      w && w.latency_api.p50_ms <= TARGETS.p50_ms,
    );
    const core = ratio(E.wasm_node_core?.latency.p50_ms, E.native?.latency.p50_ms);
    add(
      'wasm / native, query p50 (core, node)',
      core && num(core, 2),
      '≤ 2.0',
      core && core <= TARGETS.wasm_over_native,
    );
    const idx = ratio(E.wasm_node_core?.corpus.index_ms, E.native?.corpus.index_ms);
    add(
      'wasm / native, index build (core, node)',
      idx && num(idx, 2),
      '≤ 2.0',
      idx && idx <= TARGETS.wasm_over_native,
    );
    const chr = ratio(E.wasm_chromium_api?.latency_api.p50_ms, E.native?.latency_api.p50_ms);
    add(
      'wasm / native, query p50 (JSON API: Chromium page / native)',
      chr && num(chr, 2),
      '≤ 2.0',
      chr && chr <= TARGETS.wasm_over_native,
    );
    const f = E.fuse;
    const fp50 =
      f?.exportscreen_on_sample && ratio(f.latency_api.p50_ms, f.exportscreen_on_sample.p50_ms);
    add(
      'exportscreen / fuse.js, query p50 (both through JS in node, same queries)',
      fp50 && `${num(fp50)}×`,
      '≥ 20×',
      fp50 && fp50 >= TARGETS.over_fuse,
    );
    return table(['measure', 'figure', 'target', 'verdict'], rows);
  },

  engines_table: (r) => {
    const E = r.engines;
    if (!Object.keys(E).some((k) => k !== 'fuse') && !E.fuse)
      return `_${NOT_MEASURED}: ${r.skipped.native ?? 'no engine ran'}._`;
    const rows = [];
    for (const [key, name] of Object.entries(ENGINE_NAMES)) {
      const e = E[key];
      if (!e) {
        rows.push([name, NOT_MEASURED, '', '', '', '', '']);
        continue;
      }
      const c = e.corpus ?? {};
      const peak = c.index_peak_rss_kib
        ? `${kib(c.index_peak_rss_kib)} RSS`
        : c.heap_kib
          ? `${kib(c.heap_kib)} ${key === 'fuse' ? 'JS heap' : 'wasm heap'}`
          : '—';
      const lat = e.latency ?? e.latency_api;
      rows.push([
        name,
        c.parse_ms != null ? ms(c.parse_ms) : '—',
        c.index_ms != null ? ms(c.index_ms) : '—',
        peak,
        ms(lat.p50_ms),
        ms(lat.p99_ms),
        rate(lat.throughput_qps),
      ]);
      if (e.latency && e.latency_api)
        rows.push([
          `${name.replace(', core', '')}, JSON API`,
          '',
          '',
          '',
          ms(e.latency_api.p50_ms),
          ms(e.latency_api.p99_ms),
          rate(e.latency_api.throughput_qps),
        ]);
    }
    return table(
      ['engine', 'load: parse', 'load: index', 'peak memory', 'p50', 'p99', 'queries/s'],
      rows,
    );
  },

  ratios: (r) => {
    const E = r.engines;
    const lines = [];
    const n = E.native;
    if (n && E.wasm_node_core) {
      lines.push(
        `- **wasm / native**, query p50: ${num(E.wasm_node_core.latency.p50_ms / n.latency.p50_ms, 2)} (core, node)` +
          (E.wasm_node_api
            ? `, ${num(E.wasm_node_api.latency_api.p50_ms / n.latency_api.p50_ms, 2)} (JSON API: JS API in node / native)`
            : '') +
          (E.wasm_chromium_api
            ? `, ${num(E.wasm_chromium_api.latency_api.p50_ms / n.latency_api.p50_ms, 2)} (JS API in a Chromium page)`
            : '') +
          (E.wasm_chromium_worker
            ? `, ${num(E.wasm_chromium_worker.latency_api.p50_ms / n.latency_api.p50_ms, 2)} (Chromium worker, request to answer, message round trip included)`
            : '') +
          `; index build ${num(E.wasm_node_core.corpus.index_ms / n.corpus.index_ms, 2)} (${ms(E.wasm_node_core.corpus.index_ms)} / ${ms(n.corpus.index_ms)}); ` +
          `batch of ${num(n.batch?.names ?? 0)} names, core ${n.batch && E.wasm_node_core.batch ? num(E.wasm_node_core.batch.core_ms / n.batch.core_ms, 2) : '—'}.`,
      );
    } else lines.push(`- wasm / native: ${NOT_MEASURED}.`);
    const f = E.fuse;
    if (f?.exportscreen_on_sample) {
      const s = f.exportscreen_on_sample;
      lines.push(
        `- **exportscreen / fuse.js** on the same ${num(s.queries)} queries, both through JS in node: ` +
          `${num(f.latency_api.p50_ms / s.p50_ms)}× faster at p50 (${ms(s.p50_ms)} against ${ms(f.latency_api.p50_ms)}), ` +
          `${num(s.throughput_qps / f.latency_api.throughput_qps)}× the throughput.`,
      );
    } else lines.push(`- exportscreen / fuse.js: ${NOT_MEASURED}.`);
    if (n?.latency?.mean_candidates !== undefined) {
      lines.push(
        `- Per query (native): ${num(n.latency.mean_candidates)} index candidates on average, ${num(n.latency.mean_compared, 1)} full comparisons after the upper-bound cut.`,
      );
    }
    return lines.join('\n');
  },

  batch_table: (r) => {
    const E = r.engines;
    const rows = [];
    const row = (name, ms_, rate_, note) =>
      rows.push([
        name,
        ms_ === undefined ? NOT_MEASURED : ms(ms_),
        rate_ === undefined ? '' : rate(rate_),
        note,
      ]);
    const n = E.native;
    row(
      'native, core (`PartyMatcher::match`, one name at a time)',
      n?.batch?.core_ms,
      n?.batch?.core_names_per_s,
      '',
    );
    row(
      'native, JSON API (`screen_json`, 200-party requests)',
      n?.batch?.screen_ms,
      n?.batch?.screen_names_per_s,
      '',
    );
    const w = E.wasm_node_core;
    row(
      'wasm core, node (`PartyMatcher::match`)',
      w?.batch?.core_ms,
      w?.batch?.core_names_per_s,
      '',
    );
    row(
      'wasm core, node, JSON API (200-party requests)',
      w?.batch?.screen_ms,
      w?.batch?.screen_names_per_s,
      '',
    );
    row(
      'JS API, node (`screen()`, 200-party requests)',
      E.wasm_node_api?.batch?.screen_ms,
      E.wasm_node_api?.batch?.screen_names_per_s,
      '',
    );
    row(
      'JS API, Chromium page (`screen()`, 200-party requests)',
      E.wasm_chromium_api?.batch?.screen_ms,
      E.wasm_chromium_api?.batch?.screen_names_per_s,
      '',
    );
    const cw = E.wasm_chromium_worker?.batch;
    row(
      "Chromium, the widget's worker (`screenRows`, 200-row chunks)",
      cw?.screen_ms,
      cw?.screen_names_per_s,
      cw ? `${num(cw.screened)} rows screened` : '',
    );
    const wb = r.widget_batch;
    row(
      'Chromium, the widget (`mode="batch"`: CSV file in, results table out)',
      wb?.widget_ms,
      wb?.widget_rows_per_s,
      wb
        ? `its own ${num(wb.rows)} rows (below) against consolidated.csv; ${num(wb.screened)} screened`
        : '',
    );
    const f = E.fuse?.batch;
    row(
      'fuse.js, node (**extrapolated**)',
      f?.screen_ms,
      f?.screen_names_per_s,
      f
        ? `from its throughput on ${num(f.extrapolated_from)} of the queries above; ${num(f.names)} names not run`
        : '',
    );
    return table(
      ['engine', `${r.batch_names ? num(r.batch_names) : '—'} names`, 'names/s', 'note'],
      rows,
    );
  },

  widget_batch: (r) => {
    const wb = r.widget_batch;
    if (!wb) return `_${NOT_MEASURED}: ${r.skipped.widget ?? ''}._`;
    return table(
      [
        'list',
        'rows',
        'widget',
        'direct (JS API, node)',
        'widget ÷ direct',
        'list load in the widget',
      ],
      [
        [
          wb.list,
          num(wb.rows),
          `${ms(wb.widget_ms)} (${rate(wb.widget_rows_per_s)} rows/s)`,
          `${ms(wb.direct_node_ms)} (${rate(wb.direct_rows_per_s)} rows/s)`,
          num(wb.widget_over_direct, 2),
          wb.list_load_in_widget_ms ? ms(wb.list_load_in_widget_ms) : '—',
        ],
      ],
    );
  },

  worker_detail: (r) => {
    const w = r.engines.wasm_chromium_worker;
    if (!w) return `_${NOT_MEASURED}: ${r.skipped.worker ?? ''}._`;
    return (
      `Worker start (module, wasm compile, built-in list): ${ms(w.init_ms)}; the corpus sent to the worker, parsed and indexed: ` +
      `${ms(w.corpus.load_ms)}: ${ms(w.corpus.parse_ms)} until indexing starts (the copy of the bytes into the worker and parsing), ` +
      `${w.corpus.index_ms != null ? ms(w.corpus.index_ms) : '—'} indexing.`
    );
  },

  eval_table: (r) => {
    const n = r.engines.native ?? r.engines.wasm_node_core;
    if (!n?.eval) return `_${NOT_MEASURED}: ${r.skipped.native ?? ''}._`;
    const f = r.engines.fuse;
    const files = [
      [
        'yente_positives_un_untreated.csv',
        'UN positives, untreated',
        'every one',
        (v) => v.recall === 1,
      ],
      [
        'yente_positives_un_treated.csv',
        'UN positives, treated',
        '≥ 95 %',
        (v) => v.recall >= 0.95,
      ],
      [
        'yente_positives_us_congress_untreated.csv',
        'US Congress members',
        '≤ 1 %',
        (v) => v.false_positive_rate <= 0.01,
      ],
      [
        'yente_negatives_global.csv',
        'synthetic negatives, global',
        '≤ 0.5 %',
        (v) => v.false_positive_rate <= 0.005,
      ],
      [
        'yente_negatives_us.csv',
        'synthetic negatives, US',
        '≤ 0.5 %',
        (v) => v.false_positive_rate <= 0.005,
      ],
    ];
    const rows = files.map(([file, label, target, ok]) => {
      const v = evalOf(n, file);
      const fp = v.false_positive_rate ?? v.flagged / v.queries;
      const v2 = { ...v, false_positive_rate: fp };
      const mine =
        v.recall !== undefined
          ? `**${pct(v.recall)}** (${num(v.found_top)} / ${num(v.queries - v.unresolved)}; ${num(v.unresolved)} not judged)`
          : `**${pct(fp, 3)}** flagged (${num(v.flagged)} of ${num(v.queries)})`;
      const fv = evalOf(f, file);
      const fuse = !fv
        ? NOT_MEASURED
        : fv.recall !== undefined
          ? pct(fv.recall, 1)
          : `${pct(fv.false_positive_rate, 1)} (of ${num(fv.queries)})`;
      return [label, mine, fuse, target, verdict(ok(v2))];
    });
    return table(
      ['file', 'exportscreen (native)', 'fuse.js (default options)', 'target', 'verdict'],
      rows,
    );
  },

  presets_table: (r) => {
    const n = r.engines.native;
    const p = n?.eval_presets;
    if (!p) return `_${NOT_MEASURED}: ${r.skipped.native ?? ''}._`;
    const rows = [];
    for (const preset of ['strict', 'balanced', 'broad']) {
      for (const [file, label] of [
        ['yente_positives_un_untreated.csv', 'UN positives, untreated'],
        ['yente_positives_un_treated.csv', 'UN positives, treated'],
      ]) {
        const v = p.recall[preset][file];
        rows.push([
          preset,
          label,
          `top 1 ${pct(v.top1)}, **top 5 ${pct(v.top5)}** (strong ${pct(v.strong)}; ${num(v.judged)} judged)`,
          verdict(v.top5 >= 0.98),
        ]);
      }
      for (const [file, label] of [
        ['yente_positives_us_congress_untreated.csv', 'US Congress members'],
        ['yente_negatives_global.csv', 'synthetic negatives, global'],
        ['yente_negatives_us.csv', 'synthetic negatives, US'],
      ]) {
        for (const [where, set] of [
          ['UN list', p.innocents_un],
          ['full corpus', n.innocents_full],
        ]) {
          const v = set?.[file]?.[preset];
          if (!v) continue;
          rows.push([
            preset,
            `${label} (${where})`,
            `any match **${pct(v.any_rate, 2)}**, strong **${pct(v.strong_rate, 2)}** (of ${num(v.queries)})`,
            verdict(v.any_rate <= 0.05 && v.strong_rate <= 0.02),
          ]);
        }
      }
    }
    return table(
      [
        'preset',
        'file',
        'figure',
        'verdict (recall top 5 ≥ 98 %; innocents: any ≤ 5 %, strong ≤ 2 %)',
      ],
      rows,
    );
  },

  pairs_table: (r) => {
    const p = r.engines.native?.pairs;
    if (!p) return `_${NOT_MEASURED}: ${r.skipped.native ?? ''}._`;
    const rows = ['development', 'held_out'].map((h) => {
      const v = p[h];
      return [
        h.replace('_', '-'),
        `${num(v.pairs)} (${num(v.positives)} same party)`,
        pct(v.precision, 1),
        pct(v.recall, 1),
        `**${num(v.f1, 3)}**`,
        verdict(v.f1 >= 0.85),
      ];
    });
    return table(['half', 'pairs', 'precision', 'recall', 'F1', 'F1 ≥ 0.85'], rows);
  },

  reliability_table: (r) => {
    const p = r.engines.native?.pairs;
    if (!p) return `_${NOT_MEASURED}: ${r.skipped.native ?? ''}._`;
    const rows = p.development.bands.map((b, i) => {
      const h = p.held_out.bands[i];
      const share = (x) => (x.pairs ? `${pct(x.same / x.pairs, 1)} of ${num(x.pairs)}` : '—');
      return [`${num(b.from, 2)} – ${b.to >= 1 ? '1.00' : num(b.to, 2)}`, share(b), share(h)];
    });
    return table(['score band', 'same party, development half', 'same party, held-out half'], rows);
  },

  eval_agreement: (r) => {
    const n = r.engines.native;
    if (!n?.eval) return '';
    const same = (e) =>
      n.eval.every((v) => {
        const o = evalOf(e, v.file);
        if (!o || o.queries !== v.queries) return true; // a sample: compared below on the files both ran whole
        return (
          o.flagged === v.flagged && (v.found_top === undefined || o.found_top === v.found_top)
        );
      });
    const parts = [];
    if (r.engines.wasm_node_core)
      parts.push(
        `wasm core, node: ${same(r.engines.wasm_node_core) ? 'identical figures' : '**different figures**'}`,
      );
    if (r.engines.wasm_node_api)
      parts.push(
        `JS API, node (negatives: the first ${num(r.settings.negatives)} of each file): ${same(r.engines.wasm_node_api) ? 'identical figures on every file run whole' : '**different figures**'}`,
      );
    return parts.length ? `Agreement with native: ${parts.join('; ')}.` : '';
  },

  misses: (r) => {
    const n = r.engines.native;
    if (!n?.eval) return `_${NOT_MEASURED}._`;
    const lines = [];
    for (const v of n.eval) {
      for (const m of (v.misses ?? []).slice(0, 8)) {
        lines.push(
          m.expected !== undefined
            ? `- ${v.file}: \`${m.query}\` (for ${m.expected}): ${m.top === null ? 'no hit at the threshold' : `top \`${m.top}\` (${num(m.score, 2)})`}`
            : `- ${v.file}: \`${m.query}\` ~ \`${m.matched}\` (${num(m.score, 2)})`,
        );
      }
    }
    return lines.length ? lines.join('\n') : 'None.';
  },

  transfer_table: (r) => {
    const t = r.transfer;
    if (!t) return `_${NOT_MEASURED}: ${r.skipped.size ?? ''}._`;
    const rows = t.files.map((f) => [`\`${f.path}\``, bytes(f.bytes), bytes(f.gzip)]);
    rows.push([
      `**all ${t.requests} responses**`,
      bytes(t.total_bytes),
      `**${bytes(t.total_gzip)}**`,
    ]);
    return table(['response', 'bytes', 'gzip -9'], rows);
  },
  transfer_summary: (r) => {
    const t = r.transfer;
    if (!t) return NOT_MEASURED;
    return (
      `The built-in list's share: ${bytes(t.builtin_list_gzip)} gzipped (its ${bytes(t.builtin_list_bytes)} source). ` +
      `Without list data (all responses, less the host page's own ${bytes(t.host_page_gzip)} and the built-in list's share): ` +
      `**${kb(t.without_list_gzip)}** against the 400 KB target: ${verdict(t.without_list_gzip <= TARGETS.widget_gzip_bytes)}` +
      (t.without_list_gzip > TARGETS.widget_gzip_bytes
        ? `, by ${kb(t.without_list_gzip - TARGETS.widget_gzip_bytes)}.`
        : '.')
    );
  },

  ttfr_table: (r) => {
    const rows = [];
    const row = (label, x, target, limit, reason) =>
      rows.push(
        x
          ? [
              label,
              `**${ms(x.median_ms)}**`,
              `${ms(x.min_ms)} – ${ms(x.max_ms)}`,
              num(x.runs),
              target,
              verdict(x.median_ms <= limit),
            ]
          : [label, NOT_MEASURED, '', '', target, reason ?? ''],
      );
    row('built-in list', r.ttfr?.builtin, '≤ 300 ms', TARGETS.ttfr_builtin_ms, r.skipped.ttfr);
    row(
      'full corpus (`list-src` = consolidated.json)',
      r.ttfr?.full,
      '≤ 1.5 s',
      TARGETS.ttfr_full_ms,
      r.skipped.ttfr_full ?? r.skipped.ttfr,
    );
    return table(['data', 'median', 'range', 'runs', 'target', 'verdict'], rows);
  },

  callgrind_table: (r) => {
    const c = r.callgrind;
    if (!c || c.skipped) return `_${NOT_MEASURED}: ${c?.skipped ?? r.skipped.callgrind ?? ''}._`;
    return table(
      ['hot path', 'instructions (Ir) per operation', 'operations measured'],
      Object.values(c.paths).map((p) => [p.what, `**${num(p.ir_per_op)}**`, num(p.repeat)]),
    );
  },
  callgrind_version: (r) => r.callgrind?.valgrind ?? NOT_MEASURED,

  rules_table: (r) => {
    const x = r.rules;
    if (!x) return `_${NOT_MEASURED}: ${r.skipped.rules ?? ''}._`;
    return table(
      ['measure', 'figure'],
      [
        ['`classify()`, catalog name (recognition + classification)', ms(x.classify_catalog_ms)],
        ['`classify()`, specifications', ms(x.classify_spec_ms)],
        ['a whole deal (3 items, 2 parties)', ms(x.deal_3_items_2_parties_ms)],
        ['200 parties, one `screen()` request', ms(x.screen_200_parties_ms)],
        ['the same 200 names, `match()` one by one', ms(x.match_200_names_ms)],
        ['screen ÷ match', num(x.screen_over_match, 2)],
      ],
    );
  },

  module_table: (r) => {
    const m = r.module;
    if (!m) return NOT_MEASURED;
    return table(
      ['module', 'bytes', 'gzip -9', 'code section (gzip)', 'data section (gzip)'],
      [
        [
          '`exportscreen-core.wasm`',
          num(m.bytes),
          num(m.gzip),
          m.code ? `${num(m.code.bytes)} (${num(m.code.gzip)})` : '—',
          m.data ? `${num(m.data.bytes)} (${num(m.data.gzip)})` : '—',
        ],
      ],
    );
  },
};

/** Fills every {{placeholder}} of `template` from `results`; an unknown one is an error. */
export function renderReport(template, results) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key) => {
    const fn = PLACEHOLDERS[key];
    if (!fn) throw new Error(`benchmarks template: unknown placeholder {{${key}}}`);
    return fn(results);
  });
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const root = new URL('..', import.meta.url).pathname;
  const results = JSON.parse(
    readFileSync(process.argv[2] ?? join(root, 'bench/results/latest.json'), 'utf8'),
  );
  const template = readFileSync(join(root, 'bench/benchmarks.template.md'), 'utf8');
  writeFileSync(join(root, 'docs/benchmarks.md'), renderReport(template, results));
}
