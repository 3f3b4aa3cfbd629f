// The batch view of <export-screen> (mode="batch"): a CSV file of parties read by the core's CSV
// reader, the column mapping, the screening in chunks with progress and cancel, the sortable,
// filterable and paged results table, and the CSV and audit-record downloads.
import { h, isolated, isolatedText, isolatingNames } from '../dom.js';
import { ScreenError, asError } from '../screen-error.js';
import { WorkerRequest } from '../worker-protocol.js';
import { BATCH_FIELDS, csvFile, guessMapping, looksLikeHeader } from '../batch-csv.js';
import { auditRecord } from '../audit-record.js';
import { errorView, listsDated, progressView } from './lists.js';
import { optionsView } from './options.js';
import { resultParts } from './result.js';
import { batchRows } from './batch-rows.js';

const SEVERITY = { clear: 0, review: 1, license_required: 2, stop: 3 };
const VERDICTS = ['stop', 'license_required', 'review', 'clear'];
// Rows sent to the worker at a time: progress and cancel between chunks.
const BATCH_CHUNK = 200;
const PAGE_SIZE = 50;

/** The batch view: the file chooser, then the mapping, the progress or the results. */
export function batchView(ctx) {
  const t = ctx.t;
  const b = ctx.ui.batch;
  const file = h('input', { type: 'file', id: 'batch-file', accept: '.csv,.tsv,.txt,text/csv' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) openBatchFile(ctx, f);
    file.value = '';
  });
  const parts = [
    h('h2', { id: 'batch-heading' }, t.t('batch.heading')),
    h('p', { class: 'hint' }, t.t('batch.help')),
    h(
      'div',
      { class: 'row no-print' },
      file,
      h(
        'label',
        { class: b?.running ? 'button' : 'button primary', for: 'batch-file' },
        t.t('batch.choose'),
      ),
      h('span', { class: 'hint' }, t.t('batch.drop')),
    ),
  ];
  if (b?.error) parts.push(errorView(ctx, b.error));
  if (!b?.running && !b?.results) parts.push(optionsView(ctx, () => {}));
  if (b?.rows && !b.running && !b.results) parts.push(mappingView(ctx));
  if (b?.running) parts.push(batchProgressView(ctx));
  if (b?.results) parts.push(batchResultsView(ctx));
  return h('section', { class: 'batch', part: 'batch', 'aria-labelledby': 'batch-heading' }, parts);
}

/** Reads a CSV file of parties with the core's reader and shows its column mapping. */
export async function openBatchFile(ctx, f) {
  await ctx.session.start();
  if (ctx.ui.batch?.running) ctx.ui.batch.cancelled = true;
  const raw = new Uint8Array(await f.arrayBuffer());
  ctx.ui.batch = { file: { name: f.name, size: f.size } };
  try {
    ctx.ui.batch.file.sha256 = await ctx.session.sha256(raw);
    // The core reads the bytes as they are: Excel's usual "CSV" encodings (UTF-16 with its
    // byte-order mark, Windows-1252) are read and said, a workbook is refused (not_csv).
    const parsed = await ctx.session.request(WorkerRequest.PARSE_CSV, { bytes: raw });
    ctx.ui.batch.file.encoding = parsed.encoding;
    const rows = parsed.rows.filter((r) => r.some((c) => c.trim()));
    if (!rows.length) throw new ScreenError('empty_csv', 'the file has no rows');
    const header = looksLikeHeader(rows[0]);
    const mapping = header
      ? guessMapping(rows[0])
      : { name: 0, country: rows[0].length > 1 ? 1 : -1, address: -1, type: -1 };
    if (mapping.name < 0) mapping.name = 0;
    Object.assign(ctx.ui.batch, {
      rows,
      lines: parsed.lines,
      header,
      mapping,
      separator: parsed.separator,
    });
    ctx.renderMode();
    ctx.announce(
      ctx.t.t('batch.read', { n: rows.length - (header ? 1 : 0), file: isolatedText(f.name) }),
    );
    ctx.ui.els.mode.querySelector('#map-name')?.focus();
  } catch (err) {
    ctx.ui.batch.error = fileError(err);
    ctx.renderMode();
    const e = ctx.ui.batch.error;
    ctx.announce(ctx.t.t('error.announce', { text: ctx.t.t(e.key ?? `error.${e.code}`) }), true);
    ctx.emit('screen-error', {
      mode: 'batch',
      request: { file: ctx.ui.batch.file },
      error: ctx.ui.batch.error,
    });
  }
}

/**
 * The error of a file the batch could not read, with the message key that says what to do. The
 * core tells what a refused file is (not_csv: an Excel workbook, an OpenDocument spreadsheet or
 * another ZIP, core/src/party_csv.cpp); an Excel workbook gets Excel's own steps to save it as CSV.
 */
function fileError(err) {
  const error = asError(err);
  if (error.code === 'not_csv' && /\bExcel\b/.test(error.message))
    return { ...error, key: 'error.xlsx' };
  return err?.key ? { ...error, key: err.key } : error;
}

function mappingView(ctx) {
  const t = ctx.t;
  const b = ctx.ui.batch;
  const columns = b.rows[0].map((c, i) =>
    b.header
      ? t.t('batch.column.named', { n: i + 1, name: isolatedText(c) })
      : t.t('batch.column', { n: i + 1 }),
  );
  const selects = Object.keys(BATCH_FIELDS).map((field) => {
    const id = `map-${field}`;
    const select = h(
      'select',
      { id },
      field === 'name' ? null : h('option', { value: '-1' }, t.t('batch.column.none')),
      columns.map((c, i) => h('option', { value: String(i) }, c)),
    );
    select.value = String(b.mapping[field]);
    select.addEventListener('change', () => {
      b.mapping[field] = Number(select.value);
    });
    return h('div', {}, h('label', { for: id }, t.t(`batch.field.${field}`)), select);
  });
  const header = h('input', { type: 'checkbox', id: 'map-header', checked: b.header });
  header.addEventListener('change', () => {
    b.header = header.checked;
    ctx.renderMode();
    ctx.ui.els.mode.querySelector('#map-header')?.focus();
  });
  const count = b.rows.length - (b.header ? 1 : 0);
  const run = h('button', { type: 'submit', class: 'primary' }, t.t('batch.run', { n: count }));
  const form = h(
    'form',
    { part: 'form', novalidate: true, 'aria-labelledby': 'map-heading' },
    h('h3', { id: 'map-heading' }, t.parts('batch.mapping', { file: isolated(b.file.name) })),
    h('p', { class: 'hint encoding' }, t.t(`batch.encoding.${b.file.encoding ?? 'utf-8'}`)),
    h('label', { class: 'choice' }, header, t.t('batch.hasHeader')),
    h('div', { class: 'grid' }, selects),
    h('p', { class: 'hint' }, t.t('batch.preview', { n: count })),
    h('div', { class: 'actions' }, run),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    runBatch(ctx);
  });
  return form;
}

function batchInputRows(ctx) {
  const b = ctx.ui.batch;
  const body = b.header ? b.rows.slice(1) : b.rows;
  const lineOf = (i) => b.lines[i + (b.header ? 1 : 0)];
  const cell = (r, field) =>
    b.mapping[field] >= 0 ? String(r[b.mapping[field]] ?? '').trim() : '';
  return body.map((r, i) => ({
    row: i + 1,
    line: lineOf(i),
    name: cell(r, 'name'),
    country: cell(r, 'country').toUpperCase(),
    address: cell(r, 'address'),
    type: cell(r, 'type').toLowerCase(),
  }));
}

async function runBatch(ctx) {
  const b = ctx.ui.batch;
  const input = batchInputRows(ctx);
  Object.assign(b, {
    input,
    results: null,
    running: true,
    cancelled: false,
    done: false,
    screened: 0,
    total: input.length,
    startedAt: new Date().toISOString(),
  });
  ctx.renderMode();
  ctx.ui.els.mode.querySelector('#batch-cancel')?.focus();
  ctx.announce(ctx.t.t('batch.started', { n: input.length }));
  const results = new Array(input.length).fill(null);
  // The same options as every other mode: the same name gets the same verdict.
  const options = ctx.screenOptions();
  b.options = options;
  try {
    for (let at = 0; at < input.length; at += BATCH_CHUNK) {
      if (b.cancelled || ctx.ui.batch !== b) break;
      const chunk = input.slice(at, at + BATCH_CHUNK);
      const r = await ctx.session.request(WorkerRequest.SCREEN_ROWS, {
        rows: chunk,
        options,
        as_of: ctx.host.asOf,
        locale: ctx.t.locale,
      });
      b.heapBytes = Math.max(b.heapBytes ?? 0, r.heap_bytes ?? 0);
      r.rows.forEach((summary, k) => {
        results[at + k] = summary;
      });
      b.screened = Math.min(input.length, at + chunk.length);
      updateBatchProgress(ctx);
    }
  } catch (err) {
    b.error = asError(err);
  }
  if (ctx.ui.batch !== b) return;
  b.running = false;
  b.done = !b.cancelled && !b.error;
  b.results = results;
  b.lists = ctx.host.lists;
  b.finishedAt = new Date().toISOString();
  b.page = 0;
  b.sort = { key: 'row', dir: 1 };
  b.filter = { verdict: '', text: '' };
  b.open = new Map();
  ctx.renderMode();
  const counts = batchCounts(ctx);
  ctx.announce(
    ctx.t.t(b.cancelled ? 'batch.cancelledAnnounce' : 'batch.doneAnnounce', {
      n: b.screened,
      total: b.total,
      stop: counts.stop,
      license: counts.license_required,
      review: counts.review,
    }),
  );
  ctx.ui.els.mode.querySelector('#batch-results-heading')?.focus();
  if (b.error)
    ctx.emit('screen-error', { mode: 'batch', request: { file: b.file }, error: b.error });
  else
    ctx.emit('screen-result', {
      mode: 'batch',
      request: { file: b.file, rows: b.total },
      result: { rows: batchRows(ctx), cancelled: b.cancelled, counts },
    });
}

function batchProgressView(ctx) {
  const t = ctx.t;
  const b = ctx.ui.batch;
  const cancel = h('button', { type: 'button', id: 'batch-cancel' }, t.t('action.cancel'));
  cancel.addEventListener('click', () => {
    b.cancelled = true;
    cancel.disabled = true;
    ctx.announce(t.t('batch.cancelling'));
  });
  return h(
    'div',
    { class: 'batch-progress' },
    progressView(ctx, {
      kind: 'batch',
      phase: 'screen',
      label: b.file.name,
      loaded: b.screened,
      total: b.total,
    }),
    h('div', { class: 'actions' }, cancel),
  );
}

function updateBatchProgress(ctx) {
  const view = ctx.ui.els.mode.querySelector('.batch-progress .progress');
  const b = ctx.ui.batch;
  if (view)
    view.replaceWith(
      progressView(ctx, {
        kind: 'batch',
        phase: 'screen',
        label: b.file.name,
        loaded: b.screened,
        total: b.total,
      }),
    );
}

function batchCounts(ctx) {
  const counts = { stop: 0, license_required: 0, review: 0, clear: 0, error: 0, not_screened: 0 };
  for (const r of batchRows(ctx)) counts[r.verdict]++;
  return counts;
}

// The rows the filter shows, in the table's order (every page).
function shownRows(ctx) {
  const t = ctx.t;
  const b = ctx.ui.batch;
  const all = batchRows(ctx);
  const text = b.filter.text.trim().toLowerCase();
  const rows = all.filter(
    (r) =>
      (!b.filter.verdict || r.verdict === b.filter.verdict) &&
      (!text ||
        [r.name, r.country, r.best?.name, r.best?.source].some((v) =>
          String(v ?? '')
            .toLowerCase()
            .includes(text),
        )),
  );
  const key = b.sort.key;
  const value = (r) =>
    key === 'verdict'
      ? r.verdict in SEVERITY
        ? SEVERITY[r.verdict]
        : -1
      : key === 'score'
        ? (r.best?.score ?? -1)
        : key === 'best'
          ? (r.best?.name ?? '')
          : key === 'source'
            ? (r.best?.source_code ?? '')
            : r[key];
  return [...rows].sort((x, y) => {
    const a = value(x);
    const c = value(y);
    return (
      (typeof a === 'number' && typeof c === 'number'
        ? a - c
        : String(a).localeCompare(String(c), t.intl)) * b.sort.dir || x.row - y.row
    );
  });
}

function batchResultsView(ctx) {
  const t = ctx.t;
  const b = ctx.ui.batch;
  const counts = batchCounts(ctx);
  const all = batchRows(ctx);
  const rows = shownRows(ctx);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  b.page = Math.min(b.page, pages - 1);
  const shown = rows.slice(b.page * PAGE_SIZE, (b.page + 1) * PAGE_SIZE);

  const summary = h(
    'div',
    { class: 'counts' },
    VERDICTS.map((v) =>
      h(
        'span',
        { 'data-verdict': v, class: 'badge' },
        t.t('text.labelled', { label: t.t(`verdict.${v}`), value: t.number(counts[v]) }),
      ),
    ),
    counts.error
      ? h(
          'span',
          { class: 'badge error' },
          t.t('text.labelled', { label: t.t('verdict.error'), value: t.number(counts.error) }),
        )
      : null,
    counts.not_screened
      ? h(
          'span',
          { class: 'badge' },
          t.t('text.labelled', {
            label: t.t('verdict.not_screened'),
            value: t.number(counts.not_screened),
          }),
        )
      : null,
  );
  const verdict = h(
    'select',
    { id: 'filter-verdict' },
    h('option', { value: '' }, t.t('batch.filter.all')),
    [...VERDICTS, 'error', 'not_screened'].map((v) =>
      h('option', { value: v }, t.t(`verdict.${v}`)),
    ),
  );
  verdict.value = b.filter.verdict;
  verdict.addEventListener('change', () => {
    b.filter.verdict = verdict.value;
    b.page = 0;
    refreshBatchTable(ctx, '#filter-verdict');
  });
  const search = h('input', { type: 'search', id: 'filter-text', autocomplete: 'off' });
  search.value = b.filter.text;
  search.addEventListener('input', () => {
    b.filter.text = search.value;
    b.page = 0;
    refreshBatchTable(ctx, '#filter-text');
  });
  const filters = h(
    'div',
    { class: 'grid filters' },
    h('div', {}, h('label', { for: 'filter-verdict' }, t.t('batch.filter.verdict')), verdict),
    h('div', {}, h('label', { for: 'filter-text' }, t.t('batch.filter.text')), search),
  );

  const cols = [
    ['row', 'batch.col.row'],
    ['name', 'batch.col.name'],
    ['country', 'batch.col.country'],
    ['verdict', 'batch.col.verdict'],
    ['best', 'batch.col.best'],
    ['score', 'batch.col.score'],
    ['source', 'batch.col.source'],
  ];
  const head = h(
    'tr',
    {},
    cols.map(([k, label]) => {
      const sorted = b.sort.key === k;
      const button = h(
        'button',
        { type: 'button', 'data-sort': k },
        t.t(label),
        sorted ? (b.sort.dir > 0 ? ' ▲' : ' ▼') : '',
      );
      button.addEventListener('click', () => {
        b.sort = { key: k, dir: sorted ? -b.sort.dir : 1 };
        refreshBatchTable(ctx, `[data-sort="${k}"]`);
      });
      return h(
        'th',
        {
          scope: 'col',
          'aria-sort': sorted ? (b.sort.dir > 0 ? 'ascending' : 'descending') : null,
        },
        button,
      );
    }),
  );
  const body = h(
    'tbody',
    {},
    shown.flatMap((r) => [
      h(
        'tr',
        { 'data-verdict-row': r.verdict, 'data-row': r.row },
        h('td', {}, t.number(r.row)),
        h('td', {}, rowToggle(ctx, r)),
        h('td', {}, isolated(r.country)),
        h(
          'td',
          {},
          h('span', { class: 'badge', 'data-verdict': r.verdict }, t.t(`verdict.${r.verdict}`)),
          r.error
            ? h(
                'div',
                { class: 'hint' },
                isolatingNames(r.error.message, [r.name, r.country, r.address], {
                  lang: 'en',
                  dir: 'ltr',
                }),
              )
            : null,
        ),
        h(
          'td',
          {},
          r.best ? isolated(r.best.name) : '—',
          r.best?.alias
            ? h(
                'div',
                { class: 'hint' },
                t.parts('batch.viaAlias', { alias: isolated(r.best.matched_name) }),
              )
            : null,
        ),
        h(
          'td',
          {},
          r.best
            ? t.number(r.best.score, { maximumFractionDigits: 2, minimumFractionDigits: 2 })
            : '—',
        ),
        h('td', {}, r.best ? r.best.source_code || isolated(r.best.source) : '—'),
      ),
      b.open.has(r.row) ? rowDetails(ctx, r, cols.length) : null,
    ]),
  );
  const table = h(
    'table',
    { part: 'table', id: 'batch-table' },
    h('caption', { class: 'sr-only' }, t.t('batch.caption')),
    h('thead', {}, head),
    body,
  );

  const prev = h(
    'button',
    { type: 'button', id: 'page-prev', disabled: b.page === 0 },
    t.t('batch.prev'),
  );
  prev.addEventListener('click', () => {
    b.page--;
    refreshBatchTable(ctx, '#page-prev');
  });
  const next = h(
    'button',
    { type: 'button', id: 'page-next', disabled: b.page >= pages - 1 },
    t.t('batch.next'),
  );
  next.addEventListener('click', () => {
    b.page++;
    refreshBatchTable(ctx, '#page-next');
  });
  const pager = h(
    'div',
    { class: 'pager' },
    prev,
    h(
      'p',
      { 'aria-live': 'polite' },
      rows.length
        ? t.t('batch.page', {
            from: b.page * PAGE_SIZE + 1,
            to: b.page * PAGE_SIZE + shown.length,
            n: rows.length,
          })
        : t.t('batch.noRows'),
    ),
    next,
  );

  // What the filter shows, or every row.
  const filtered = rows.length !== all.length;
  const csv = h(
    'button',
    { type: 'button', id: 'batch-csv', class: 'primary' },
    filtered ? t.t('batch.downloadShown', { n: rows.length }) : t.t('batch.downloadCsv'),
  );
  csv.addEventListener('click', () => downloadBatchCsv(ctx, filtered ? rows : all));
  const csvAll = filtered
    ? h(
        'button',
        { type: 'button', id: 'batch-csv-all' },
        t.t('batch.downloadAll', { n: all.length }),
      )
    : null;
  csvAll?.addEventListener('click', () => downloadBatchCsv(ctx, all, 'all'));
  const json = h('button', { type: 'button', id: 'batch-json' }, t.t('action.exportJson'));
  json.addEventListener('click', () => downloadBatchRecord(ctx));
  const status = b.cancelled
    ? t.t('batch.cancelled', { n: b.screened, total: b.total })
    : b.error
      ? t.t('batch.failed', { n: b.screened, total: b.total })
      : t.t('batch.done', { n: b.total });
  return h(
    'div',
    { class: 'batch-results' },
    h(
      'h3',
      { id: 'batch-results-heading', tabindex: '-1' },
      t.parts('batch.results', { file: isolated(b.file.name) }),
    ),
    h('p', {}, status),
    summary,
    filters,
    h('div', { class: 'table-wrap' }, table),
    pager,
    h('div', { class: 'actions' }, csv, csvAll, json),
    h(
      'p',
      { class: 'hint' },
      ...t.parts('batch.listsUsed', {
        lists: listsDated(ctx, b.lists),
      }),
    ),
  );
}

function refreshBatchTable(ctx, focusSelector) {
  const old = ctx.ui.els.mode.querySelector('.batch-results');
  if (!old) return;
  old.replaceWith(batchResultsView(ctx));
  const target = ctx.ui.els.mode.querySelector(focusSelector);
  if (target && !target.disabled) target.focus();
  else ctx.ui.els.mode.querySelector('#batch-table')?.focus();
}

// A row's name opens its details: the row screened again on its own with the batch's options,
// shown as the result of a quick screening (its matches grouped, each explained).
function rowToggle(ctx, r) {
  const b = ctx.ui.batch;
  const open = b.open.has(r.row);
  const button = h(
    'button',
    {
      type: 'button',
      class: 'row-toggle',
      'aria-expanded': String(open),
      'aria-controls': `batch-row-${r.row}`,
      'data-row-toggle': r.row,
    },
    isolated(r.name || '—'),
  );
  button.addEventListener('click', () => {
    if (b.open.has(r.row)) b.open.delete(r.row);
    else {
      b.open.set(r.row, null);
      loadRowDetails(ctx, r);
    }
    refreshBatchTable(ctx, `[data-row-toggle="${r.row}"]`);
  });
  return button;
}

async function loadRowDetails(ctx, r) {
  const b = ctx.ui.batch;
  const party = { name: r.name };
  if (r.country) party.country = r.country;
  if (/^(person|organization)$/.test(r.type)) party.type = r.type;
  if (r.address) party.address = r.address.slice(0, 4096);
  const request = { parties: [party], options: b.options, locale: ctx.t.locale };
  if (ctx.host.asOf) request.as_of = ctx.host.asOf;
  let details;
  try {
    details = { request, result: await ctx.session.request(WorkerRequest.SCREEN, { request }) };
  } catch (err) {
    details = { error: asError(err) };
  }
  if (ctx.ui.batch !== b || !b.open.has(r.row)) return;
  b.open.set(r.row, details);
  refreshBatchTable(ctx, `[data-row-toggle="${r.row}"]`);
}

function rowDetails(ctx, r, span) {
  const d = ctx.ui.batch.open.get(r.row);
  const cell = h('td', { colspan: String(span) });
  if (!d) cell.append(h('p', { class: 'hint' }, ctx.t.t('progress.working')));
  else if (d.error) cell.append(errorView(ctx, d.error));
  else cell.append(...resultParts(ctx, d.result, d.request, { headingLevel: 4 }));
  return h('tr', { class: 'match-details batch-details', id: `batch-row-${r.row}` }, cell);
}

function batchCsvText(ctx, rows) {
  const header = [
    'row',
    'name',
    'country',
    'address',
    'type',
    'verdict',
    'best_match',
    'matched_name',
    'score',
    'source',
    'source_code',
    'entry_id',
    'matches',
    'rules',
    'error',
  ];
  const lines = rows.map((r) => [
    r.row,
    r.name,
    r.country,
    r.address,
    r.type,
    r.verdict,
    r.best?.name ?? '',
    r.best?.matched_name ?? '',
    r.best ? r.best.score.toFixed(4) : '',
    r.best?.source ?? '',
    r.best?.source_code ?? '',
    r.best?.entry_id ?? '',
    r.matches,
    r.rules.join(' '),
    r.error ? `${r.error.code}: ${r.error.message}` : '',
  ]);
  return csvFile([header, ...lines]);
}

function downloadBatchCsv(ctx, rows, suffix = '') {
  const base = ctx.ui.batch.file.name.replace(/\.[^.]*$/, '');
  ctx.download(
    `${base}-screened${suffix ? `-${suffix}` : ''}.csv`,
    'text/csv',
    batchCsvText(ctx, rows),
  );
}

async function downloadBatchRecord(ctx) {
  const b = ctx.ui.batch;
  const rec = await auditRecord(
    {
      kind: 'batch',
      request: {
        file: b.file,
        rows: b.total,
        mapping: b.mapping,
        header: b.header,
        options: { ...b.options, ...(ctx.host.asOf ? { as_of: ctx.host.asOf } : {}) },
      },
      result: {
        started_at: b.startedAt,
        finished_at: b.finishedAt,
        cancelled: b.cancelled,
        counts: batchCounts(ctx),
        rows: batchRows(ctx),
      },
      lists: b.lists,
      engine: ctx.session.engine,
      locale: ctx.t.locale,
      list_pin: ctx.listPin(),
    },
    (text) => ctx.session.sha256(text),
  );
  const base = b.file.name.replace(/\.[^.]*$/, '');
  ctx.download(
    `${base}-audit-record.json`,
    'application/json',
    `${JSON.stringify(rec, null, 2)}\n`,
  );
}
