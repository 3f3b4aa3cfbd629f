// The frame of <export-screen> every mode renders into: the vintage line, the lists panel, the
// mode's view, the result, the print line, the notice, the live regions screen readers hear and
// the drop overlay; which mode's view fills it; what a dropped file is; and the texts a view must
// isolate when it quotes the core. Functions of the widget's state (the context the element hands
// them), and that state's shape.
import { h } from '../dom.js';
import { errorView, loadListFile, publicPage, renderListsPanel, renderVintage } from './lists.js';
import { checkView } from './check.js';
import { quickView } from './quick.js';
import { renderResult } from './result.js';

// The first line of the official CSL's CSV layout (with or without its _id column).
const CSL_HEADER = /^\uFEFF?"?(_id"?,"?)?source"?,"?entity_number/;

/**
 * What the views show besides the form: the last request, result, error and audit record
 * (screening-scheduler.js), the batch, whether the lists panel is open, and the slots they
 * render into.
 */
export function widgetState() {
  return {
    listsOpen: false,
    listsOpenedForLoad: false,
    request: null,
    result: null,
    error: null,
    record: null,
    batch: null,
    els: {},
    /** @type {{panel: HTMLElement, refresh: () => void}|null} The options panel shown. */
    options: null,
    classifyTimer: 0,
    expanded: new Set(),
    limit: 0,
    pending: '',
  };
}

/** Renders the whole widget into its shadow root (what the user typed is in the form state). */
export function renderFrame(ctx) {
  const t = ctx.t;
  const status = h('p', {
    class: 'sr-only',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
  });
  const alert = h('p', { class: 'sr-only', role: 'alert' });
  const vintage = h('div', { class: 'vintage', part: 'vintage' });
  const listsPanel = h('section', {
    class: 'lists-panel no-print',
    part: 'lists',
    id: 'lists-panel',
    'aria-labelledby': 'lists-heading',
    hidden: !ctx.ui.listsOpen || publicPage(ctx),
  });
  const mode = h('div', { class: 'mode' });
  const result = h('section', {
    class: 'result',
    part: 'result',
    'aria-labelledby': 'result-heading',
    tabindex: '-1',
  });
  const printed = h('p', { class: 'printed notice' });
  const notice = h('p', { class: 'notice', part: 'notice' }, t.t('notice'));
  const overlay = h(
    'div',
    { class: 'drop-overlay', 'aria-hidden': 'true' },
    t.t(ctx.host.mode === 'batch' ? 'drop.batch' : 'drop.list'),
  );
  const root = h(
    'div',
    { class: 'root', part: 'root', lang: t.locale === 'zh' ? 'zh-CN' : 'en' },
    vintage,
    listsPanel,
    mode,
    result,
    printed,
    notice,
    status,
    alert,
    overlay,
  );
  ctx.root.replaceChildren(root);
  ctx.ui.els = { root, status, alert, vintage, listsPanel, mode, result, printed };
  renderVintage(ctx);
  renderListsPanel(ctx);
  renderMode(ctx);
  renderResult(ctx);
}

// Batch screening's view, with its file reader and CSV writer, is fetched the first time the widget
// shows batch mode or is handed a batch file: a page that screens parties or checks a deal never
// downloads it (the widget's transfer budget, docs/benchmarks.md). The offline file bundles it.
let batchModule = null;
let batchLoading = null;
function loadBatch() {
  batchLoading ??= import('./batch.js').then(
    (m) => (batchModule = m),
    (error) => {
      batchLoading = null; // a later visit to batch mode tries again
      throw error;
    },
  );
  return batchLoading;
}

// The batch view, or while it is fetched a line saying so, replaced by the view (or by the error
// that kept it away) once the fetch ends, if the widget still shows batch mode: once, however
// often the mode is drawn meanwhile (the engine's start draws it again).
const waitingForBatch = new WeakSet();
function batchModeView(ctx) {
  if (batchModule) return batchModule.batchView(ctx);
  if (!waitingForBatch.has(ctx)) {
    waitingForBatch.add(ctx);
    loadBatch()
      .then(
        () => ctx.host.mode === 'batch' && renderMode(ctx),
        () => showBatchUnavailable(ctx),
      )
      .finally(() => waitingForBatch.delete(ctx));
  }
  return h('p', { class: 'hint', role: 'status' }, ctx.t.t('batch.loading'));
}

function showBatchUnavailable(ctx) {
  if (ctx.host.mode !== 'batch') return;
  const error = { code: 'view_unavailable', message: 'the batch view could not be fetched' };
  ctx.ui.els.mode?.replaceChildren(errorView(ctx, error));
}

/** The view of the widget's mode (guided check, quick screening or batch) into its slot. */
export function renderMode(ctx) {
  const el = ctx.ui.els.mode;
  if (!el) return;
  // Re-rendered when the engine's reference data arrives: a keyboard user who has already
  // reached a control keeps the focus there.
  const root = ctx.root;
  const focused = root.activeElement;
  const focusedId = focused && el.contains(focused) ? focused.id : '';
  if (ctx.host.mode === 'batch') el.replaceChildren(batchModeView(ctx));
  else if (ctx.host.mode === 'parties') el.replaceChildren(quickView(ctx));
  else el.replaceChildren(checkView(ctx));
  if (focusedId) /** @type {HTMLElement|null} */ (root.getElementById(focusedId))?.focus();
}

/**
 * Says `text` to screen readers: politely, or at once (`assertive`: an error).
 * @param {object} ctx
 * @param {string} text
 * @param {boolean} [assertive]
 */
export function announce(ctx, text, assertive = false) {
  const el = assertive ? ctx.ui.els.alert : ctx.ui.els.status;
  if (!el) return;
  el.textContent = '';
  // A fresh text node in a later task is announced even when the text repeats.
  setTimeout(() => {
    el.textContent = text;
  }, 30);
}

/**
 * What users typed and lists hold, as they may be quoted inside the core's messages: each is
 * isolated there (isolatingNames), so bidi controls in a name stay inside the name.
 * @returns {string[]}
 */
export function userTexts(ctx) {
  const texts = ctx.form.typedTexts();
  const { request, result, batch } = ctx.ui;
  for (const p of request?.parties ?? []) texts.push(p.name, p.address);
  for (const i of request?.items ?? []) texts.push(i.label);
  for (const m of result?.party_matches ?? []) texts.push(m.party_name, m.name, m.matched_name);
  for (const l of ctx.session.lists) if (!l.builtin) texts.push(l.source);
  if (batch?.file?.name) texts.push(batch.file.name);
  return texts.filter((x) => typeof x === 'string' && x.length > 0);
}

/**
 * A file dropped on the widget: in batch mode the parties to screen, unless it is a list file (the
 * CSL's CSV or JSON); in the other modes a list file.
 * @param {object} ctx
 * @param {File} file
 */
export async function openDroppedFile(ctx, file) {
  const head = await file.slice(0, 256).text();
  const isList = CSL_HEADER.test(head) || /^\s*[{[]/.test(head.replace(/^\uFEFF/, ''));
  if (ctx.host.mode !== 'batch' || isList) {
    loadListFile(ctx, file).catch(() => {});
    return;
  }
  try {
    (await loadBatch()).openBatchFile(ctx, file);
  } catch {
    showBatchUnavailable(ctx);
  }
}
