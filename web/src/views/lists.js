// The lists view of <export-screen>: the data-vintage line (which lists, their dates, the rules'
// date, an age warning) and the lists panel (each list's date, records and SHA-256, loading a
// file, the copy kept in the browser), with the progress and error boxes other views share.
// Functions of the widget's state (the context the element hands them); no state of their own.
import { h, isolated, isolatedText, isolatingNames } from '../dom.js';
import { refreshOptions } from './options.js';

const DAY_MS = 86400000;

/**
 * A list's name in the widget's language, by what it holds: "Consolidated Screening List" only
 * for a list that holds every source of the official CSL (the core's `partial`); any other file,
 * whatever its layout, by its own name (isolated text), marked partial.
 */
export function listName(ctx, l) {
  const t = ctx.t;
  if (l.builtin) return t.t('list.builtin');
  if (isCsl(l)) return t.t('list.csl');
  return t.t('list.partialNamed', { name: isolatedText(l.source) });
}

// Whether a list holds every source of the official CSL (older cores say nothing: not the CSL).
function isCsl(l) {
  return l.partial === false && String(l.format ?? '').startsWith('csl');
}

// The same as an element: a list's own name (a file name, a label) is isolated text.
export function listNameView(ctx, l) {
  if (l.builtin || isCsl(l)) return listName(ctx, l);
  return h('span', {}, ...ctx.t.parts('list.partialNamed', { name: isolated(l.source) }));
}

/** Several lists, each as listDated() writes it, one after another: "a.csv (…); b.csv (…)". */
export function listsDated(ctx, lists) {
  return h(
    'span',
    {},
    ...lists.flatMap((l, k) => [k ? ctx.t.t('list.semicolon') : '', listDated(ctx, l)]),
  );
}

/**
 * A list's name and date, and its age on the date screened as of when it has one (a result's
 * lists carry it, a batch's do not): "consolidated.csv (Dec 5, 2026, 0 days old)".
 */
export function listDated(ctx, l) {
  const t = ctx.t;
  const date = l.as_of ? t.date(l.as_of) : t.t('date.unknown');
  return h(
    'span',
    {},
    ...(typeof l.age_days === 'number'
      ? t.parts('list.datedAge', {
          name: listNameView(ctx, l),
          date,
          age: t.t('result.age', { n: l.age_days }),
        })
      : t.parts('list.dated', { name: listNameView(ctx, l), date })),
  );
}

/**
 * What the lists in use lack, taken together, as the core measures it in each result (rules
 * lists.partial_coverage and lists.incomplete_sources): the CSL sources none of them holds
 * (`missing`, [{code, name}]) and those they hold fewer records of than a complete list does
 * (`incomplete`, [{code, records, counted}]: their records added up, against each source's
 * `complete_from`).
 */
export function coverageGaps(ctx) {
  const lists = ctx.session.lists;
  if (!lists.length || lists.some((l) => !Array.isArray(l.missing_sources))) {
    return { missing: [], incomplete: [] };
  }
  const [first, ...rest] = lists;
  const missing = first.missing_sources.filter((m) =>
    rest.every((l) => l.missing_sources.some((x) => x.code === m.code)),
  );
  const held = new Map();
  for (const c of lists.flatMap((l) => l.composition ?? [])) {
    const h = held.get(c.code) ?? { code: c.code, records: 0, counted: c.counted, from: 0 };
    h.records += c.records;
    h.from = c.complete_from ?? 0;
    held.set(c.code, h);
  }
  const incomplete = [...held.values()].filter((h) => h.records < h.from);
  return { missing, incomplete };
}

// "SDN 3 / 17,815": records held against records in the official list.
function heldAgainst(ctx, gaps) {
  return ctx.t.list(
    gaps.map((g) => `${g.code} ${ctx.t.number(g.records)} / ${ctx.t.number(g.counted)}`),
  );
}

function vintageText(ctx) {
  const t = ctx.t;
  if (!ctx.session.engine) return t.t('engine.loading');
  const lists = ctx.session.lists.map((l) =>
    t.t('vintage.list', {
      name: listName(ctx, l),
      date: l.as_of ? t.date(l.as_of) : t.t('date.unknown'),
      n: l.records,
    }),
  );
  const rules = t.t('vintage.rules', { date: t.date(ctx.session.engine.rules_date) });
  const sep = t.t('list.semicolon');
  return lists.length ? `${lists.join(sep)}${sep}${rules}` : `${t.t('vintage.none')}${sep}${rules}`;
}

function ageWarning(ctx) {
  const old = ctx.session.lists.filter((l) => !l.as_of || ageDays(l.as_of) > ctx.host.maxListAge);
  if (!old.length) return null;
  const l = old[0];
  const who = publicPage(ctx) ? 'public.' : '';
  if (!l.as_of) return ctx.t.t(`${who}vintage.undated`);
  // Named: the built-in list kept beside a host's list can be the old one.
  return ctx.t.t(`${who}vintage.old`, {
    name: listName(ctx, l),
    n: ageDays(l.as_of),
    max: ctx.host.maxListAge,
  });
}

/** Whether the widget is on a page for the public (audience="public"): no list management, and
 * nothing said to the page's owner. */
export function publicPage(ctx) {
  return ctx.host.audience === 'public';
}

function ageDays(iso) {
  const then = Date.parse(`${iso}T00:00:00Z`);
  return Math.max(0, Math.floor((Date.now() - then) / DAY_MS));
}

/** The data-vintage line: the lists in use with their dates and records, the rules' date. */
export function renderVintage(ctx) {
  const el = ctx.ui.els.vintage;
  if (!el) return;
  const t = ctx.t;
  const text = h('div', {}, h('p', { class: 'vintage-text' }, vintageText(ctx)));
  const warning = ctx.session.engine && ageWarning(ctx);
  if (warning) text.append(h('p', { class: 'warning' }, warning));
  const gaps = ctx.session.engine ? coverageGaps(ctx) : { missing: [], incomplete: [] };
  if (publicPage(ctx) && (gaps.missing.length || gaps.incomplete.length)) {
    text.append(h('p', { class: 'warning partial' }, t.t('public.partial')));
  } else {
    if (gaps.missing.length)
      text.append(
        h(
          'p',
          { class: 'warning partial' },
          t.t('lists.partial', {
            n: gaps.missing.length,
            codes: t.list(gaps.missing.map((m) => m.code)),
          }),
        ),
      );
    if (gaps.incomplete.length)
      text.append(
        h(
          'p',
          { class: 'warning partial' },
          t.t('lists.incomplete', {
            n: gaps.incomplete.length,
            codes: heldAgainst(ctx, gaps.incomplete),
          }),
        ),
      );
  }
  // On a public page the lists panel is not there: a list that could not be loaded is said here,
  // in the visitor's terms.
  if (publicPage(ctx)) {
    if (ctx.session.listError) text.append(h('p', { class: 'warning' }, t.t('public.listFailed')));
    else if (ctx.session.listJob) text.append(h('p', { class: 'hint' }, t.t('public.listLoading')));
    el.replaceChildren(text);
    return;
  }
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'no-print',
      'aria-expanded': String(ctx.ui.listsOpen),
      'aria-controls': 'lists-panel',
    },
    t.t('lists.toggle'),
  );
  toggle.addEventListener('click', () => {
    ctx.ui.listsOpen = !ctx.ui.listsOpen;
    toggle.setAttribute('aria-expanded', String(ctx.ui.listsOpen));
    ctx.ui.els.listsPanel.hidden = !ctx.ui.listsOpen;
  });
  el.replaceChildren(text, toggle);
}

/** The lists panel: every list's date, records and SHA-256; loading one; the kept copy. */
export function renderListsPanel(ctx) {
  const el = ctx.ui.els.listsPanel;
  if (!el) return;
  if (publicPage(ctx)) {
    el.replaceChildren();
    return;
  }
  const t = ctx.t;
  const rows = ctx.session.lists.map((l) =>
    h(
      'tr',
      {},
      h(
        'td',
        {},
        listNameView(ctx, l),
        l.builtin || !isCsl(l) ? '' : h('div', { class: 'hint' }, isolated(l.source)),
      ),
      h('td', {}, l.as_of ? t.date(l.as_of) : t.t('date.unknown')),
      h('td', {}, t.number(l.records)),
      h('td', {}, compositionView(ctx, l)),
      h('td', { class: 'hash' }, l.sha256),
    ),
  );
  const table = h(
    'table',
    {},
    h('caption', { class: 'sr-only' }, t.t('lists.caption')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          'lists.col.list',
          'lists.col.date',
          'lists.col.records',
          'lists.col.holds',
          'lists.col.sha256',
        ].map((k) => h('th', { scope: 'col' }, t.t(k))),
      ),
    ),
    h('tbody', {}, rows),
  );
  const file = h('input', {
    type: 'file',
    id: 'list-file',
    accept: '.csv,.json,text/csv,application/json',
  });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    // A failure is shown in the panel and sent as screen-error; nothing more to do here.
    if (f) loadListFile(ctx, f).catch(() => {});
    file.value = '';
  });
  const chooser = h(
    'div',
    { class: 'row' },
    file,
    h('label', { class: 'button primary', for: 'list-file' }, t.t('lists.choose')),
    h('span', { class: 'hint' }, t.t('lists.drop')),
  );
  const parts = [
    h('h2', { id: 'lists-heading' }, t.t('lists.heading')),
    h('div', { class: 'table-wrap' }, table),
    chooser,
  ];
  const pin = ctx.listPin();
  if (pin !== undefined && ctx.session.lists.some((l) => l.sha256 === pin.toLowerCase()))
    parts.push(h('p', { class: 'hint pinned' }, t.t('lists.pinned')));
  if (ctx.session.listJob) parts.push(progressView(ctx, ctx.session.listJob));
  if (ctx.session.listError) parts.push(errorView(ctx, ctx.session.listError));
  if (ctx.host.hasAttribute('no-cache')) parts.push(h('p', { class: 'hint' }, t.t('cache.off')));
  else if (ctx.session.cached) {
    parts.push(
      h(
        'p',
        {},
        t.t('cache.on', { date: t.dateTime(ctx.session.cached.saved_at) }),
        ' ',
        h('span', { class: 'hash' }, `SHA-256 ${ctx.session.cached.sha256}`),
      ),
    );
  }
  const actions = h('div', { class: 'actions' });
  if (ctx.session.cached && !ctx.host.hasAttribute('no-cache')) {
    const forget = h('button', { type: 'button' }, t.t('cache.forget'));
    forget.addEventListener('click', () => forgetCache(ctx));
    actions.append(forget);
  }
  if (!ctx.session.lists.every((l) => l.builtin)) {
    const builtin = h('button', { type: 'button' }, t.t('lists.useBuiltin'));
    builtin.addEventListener('click', () => useBuiltin(ctx));
    actions.append(builtin);
  }
  if (actions.childElementCount) parts.push(actions);
  el.replaceChildren(...parts);
}

// What a list holds: its records per source (by code; "SDN 3 of 17,815" where it holds far fewer
// than the official list was counted to hold: a newer complete list may hold more than that
// count, and is not set against it), the CSL sources it lacks, by name, and those it holds far
// fewer records of.
function compositionView(ctx, l) {
  const t = ctx.t;
  const held = t.list(
    (l.composition ?? []).map((c) =>
      c.counted && c.records < (c.complete_from ?? 0)
        ? t.t('lists.heldOf', {
            code: c.code,
            n: t.number(c.records),
            counted: t.number(c.counted),
          })
        : `${c.code} ${t.number(c.records)}`,
    ),
  );
  const missing = l.missing_sources ?? [];
  const incomplete = l.incomplete_sources ?? [];
  const gap = (key, gaps, cls) =>
    h(
      'div',
      { class: `hint ${cls}` },
      t.t(key, { n: gaps.length }),
      ' ',
      h('span', { lang: 'en' }, gaps.map((m) => m.name).join('; ')),
    );
  return h(
    'div',
    {},
    h('span', {}, held || '—'),
    missing.length ? gap('lists.missing', missing, 'missing-sources') : '',
    incomplete.length ? gap('lists.thin', incomplete, 'incomplete-sources') : '',
    missing.length || incomplete.length ? '' : h('div', { class: 'hint' }, t.t('lists.complete')),
  );
}

/** A progress box: a list download, parse or index, or a batch. */
export function progressView(ctx, job) {
  const t = ctx.t;
  const determinate =
    typeof job.loaded === 'number' && typeof job.total === 'number' && job.total > 0;
  const label = t.t(`progress.${job.phase ?? 'parse'}`, { file: isolatedText(job.label ?? '') });
  const id = `progress-${job.kind ?? 'list'}`;
  const bar = h('progress', {
    id,
    'aria-describedby': `${id}-text`,
    max: determinate ? String(job.total) : null,
    value: determinate ? String(job.loaded) : null,
  });
  bar.setAttribute('aria-label', label);
  const detail = determinate
    ? t.t('progress.of', {
        loaded: job.loaded,
        total: job.total,
        pct: Math.floor((job.loaded / job.total) * 100),
      })
    : t.t('progress.working');
  return h(
    'div',
    { class: 'progress', part: 'progress' },
    h('p', {}, t.parts(`progress.${job.phase ?? 'parse'}`, { file: isolated(job.label ?? '') })),
    bar,
    h('p', { class: 'hint', id: `${id}-text` }, detail),
  );
}

/** An error box: the message of the code in the widget's language, and the core's details. */
export function errorView(ctx, error) {
  const t = ctx.t;
  const key = error.key ?? `error.${error.code}`;
  return h(
    'div',
    { class: 'error-box', role: 'group', 'aria-label': t.t('error.heading') },
    h('p', { class: 'error' }, t.has(key) ? t.t(key) : t.t('error.internal_error')),
    // The core's own message (the line, the field) is English: on a Chinese screen it is folded
    // away under a Chinese label, for whoever needs it.
    t.locale === 'en'
      ? h(
          'p',
          { class: 'hint' },
          t.t('error.details'),
          ' ',
          isolatingNames(error.message, ctx.userTexts(), { lang: 'en', dir: 'ltr' }),
        )
      : h(
          'details',
          { class: 'hint' },
          h('summary', {}, t.t('error.details')),
          isolatingNames(error.message, ctx.userTexts(), { lang: 'en', dir: 'ltr' }),
        ),
  );
}

/**
 * The vintage line, the lists panel and what the options panel offers (refreshed in place) only:
 * the form (and the field being typed in) stays.
 */
export function renderLists(ctx) {
  renderVintage(ctx);
  renderListsPanel(ctx);
  // What the options panel offers follows the engine's answer and the lists in use.
  refreshOptions(ctx);
  if (ctx.ui.els.listsPanel) ctx.ui.els.listsPanel.hidden = !ctx.ui.listsOpen || publicPage(ctx);
}

/** The progress box of the list being loaded, in place of the one shown. */
export function renderListProgress(ctx) {
  const old = ctx.ui.els.listsPanel?.querySelector('.progress');
  if (old && ctx.session.listJob) old.replaceWith(progressView(ctx, ctx.session.listJob));
}

/**
 * A list started loading: the panel opens to show the progress, and closes again once the list
 * is in use unless the user had opened it (the vintage line names the list loaded).
 * @param {object} ctx
 * @param {string} label the file's name
 */
export function showListLoading(ctx, label) {
  ctx.ui.listsOpenedForLoad = !ctx.ui.listsOpen;
  ctx.ui.listsOpen = true;
  renderLists(ctx);
  ctx.announce(ctx.t.t('progress.started', { file: isolatedText(label) }));
}

/**
 * A list is in use: said, and the panel opened for its progress closed (the focus, if it was in
 * the panel, goes to the panel's toggle).
 * @param {object} ctx
 * @param {{list: object}} answer the session's answer
 */
export function showListLoaded(ctx, answer) {
  const focusInPanel = !!ctx.ui.els.listsPanel?.contains(ctx.root.activeElement);
  if (ctx.ui.listsOpenedForLoad) ctx.ui.listsOpen = false;
  renderLists(ctx);
  if (focusInPanel && !ctx.ui.listsOpen)
    /** @type {HTMLElement|null} */ (
      ctx.root.querySelector('[aria-controls="lists-panel"]')
    )?.focus();
  ctx.announce(
    ctx.t.t('lists.loaded', { name: listName(ctx, answer.list), n: answer.list.records }),
  );
}

/**
 * A list was refused: the panel shows why, and it is said at once.
 * @param {object} ctx
 * @param {{code: string, key?: string}} error
 */
export function showListFailed(ctx, error) {
  renderLists(ctx);
  ctx.announce(`${ctx.t.t('lists.failed')} ${ctx.t.t(error.key ?? `error.${error.code}`)}`, true);
}

/** Loads a list file the user chose or dropped; its date is the file's last-modified date. */
export async function loadListFile(ctx, file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A downloaded CSL file carries no date: the file's own date is the best evidence of its vintage.
  const as_of = file.lastModified
    ? new Date(file.lastModified).toISOString().slice(0, 10)
    : undefined;
  return ctx.session.loadList({ bytes, label: file.name, as_of });
}

async function useBuiltin(ctx) {
  await ctx.session.useBuiltin();
  renderLists(ctx);
  ctx.announce(ctx.t.t('lists.builtinNow'));
  ctx.emit('screen-lists', { lists: ctx.host.lists, cached: null });
}

async function forgetCache(ctx) {
  await ctx.session.forgetCache();
  renderListsPanel(ctx);
  ctx.announce(ctx.t.t('cache.forgotten'));
}
