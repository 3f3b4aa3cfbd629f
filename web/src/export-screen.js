// <export-screen>: the embeddable screening widget (guided check, quick party screening, batch).
// This module is the element itself: lifecycle, attributes, properties and events. The engine
// (worker, lists, kept copy) is engine-session.js, what the user typed is form-state.js, and each
// view is a module of views/ that renders from the widget's state. It knows the documented JS API
// and the worker protocol, never the C++ behind them. Everything a list or a user supplies is
// rendered as text (dom.js), never as markup.
import { h, isolatedText } from './dom.js';
import { asError } from './screen-error.js';
import { WorkerRequest } from './worker-protocol.js';
import { Translator, catalogLoaded, loadCatalog, resolveLocale } from './i18n.js';
import { auditRecord } from './audit-record.js';
import { EngineSession } from './engine-session.js';
import { FormState } from './form-state.js';
import { printPageStyles, styles } from './export-screen-styles.js';
import {
  listName,
  loadListFile,
  progressView,
  renderListsPanel,
  renderVintage,
} from './views/lists.js';
import { checkView, goStep, searchChips } from './views/check.js';
import { quickView } from './views/quick.js';
import { renderResult } from './views/result.js';
import { screenOptions } from './views/options.js';
import { batchRows, batchView, openBatchFile } from './views/batch.js';

const MODES = ['check', 'parties', 'batch'];
const DEFAULT_MAX_LIST_AGE_DAYS = 7;
const CSL_HEADER = /^\uFEFF?"?(_id"?,"?)?source"?,"?entity_number/;
// How long typing pauses before the quick screening runs: long enough that a name typed letter
// by letter is not screened at every letter (issue 13: "Clear, Stop, Clear, License required"
// while typing). Enter screens at once.
const TYPING_PAUSE_MS = 800;
const AUDIENCES = ['staff', 'public'];

/**
 * The exportscreen widget.
 *
 * @attr lang - Language (else the nearest ancestor's `lang`): `en` or `zh` (Simplified Chinese).
 * @attr mode - `check` (guided check, default), `parties` (quick party screening) or `batch`.
 * @attr list-src - URL of the official Consolidated Screening List (CSV or JSON) to load.
 * @attr list-date - Date (YYYY-MM-DD) of the list at `list-src` when its server sends no Last-Modified.
 * @attr list-sha256 - The expected SHA-256 (64 hex digits) of the `list-src` file: another file is refused.
 * @attr as-of - Date (YYYY-MM-DD) the rules are applied as of (default: today).
 * @attr min-score - Minimum match score 0..1 (overrides `preset`).
 * @attr preset - Match preset, the core's (docs/api.md): `strict`, `balanced` (default) or `broad`.
 * @attr max-list-age - Days after which a list is too old to clear a party (default 7).
 * @attr audience - `staff` (default) or `public`: a public page shows no list management and no
 *   instruction meant for its owner; the host's list-src is the list.
 * @attr no-cache - Never store a loaded list in this browser (IndexedDB).
 * @attr no-persist - Never keep the form in sessionStorage across reloads.
 * @event screen-result - {mode, request, result, record}; bubbles, composed.
 * @event screen-error - {mode, request, error: {code, message}}; bubbles, composed.
 * @event screen-lists - {lists, cached}: the loaded lists changed; bubbles, composed.
 * @csspart root, vintage, lists, form, options, steps, step, result, verdict, findings, finding, batch, table, progress, notice
 * @cssproperty --es-accent --es-accent-fg --es-fg --es-bg --es-surface --es-muted --es-border --es-focus
 * @cssproperty --es-stop --es-license --es-review --es-clear --es-warning --es-mark --es-radius --es-gap --es-font
 */
export class ExportScreenElement extends HTMLElement {
  /** Registers the element (once) under `tag`. */
  static define(tag = 'export-screen', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** @type {string|URL|null} Where the worker script lives (default: next to this module). */
  static workerUrl = null;

  /** Creates the worker; the offline single file replaces this with a blob: worker. */
  static createWorker() {
    const url = ExportScreenElement.workerUrl;
    if (url) return new Worker(url, { type: 'module', name: 'exportscreen' });
    // Written literally in this form, which Vite and webpack 5 recognize: they bundle the worker
    // (and the .wasm it asks for) and rewrite the URL, with no configuration in the host's build.
    return new Worker(new URL('./screen-worker.js', import.meta.url), {
      type: 'module',
      name: 'exportscreen',
    });
  }

  static get observedAttributes() {
    return [
      'lang',
      'mode',
      'list-src',
      'list-date',
      'list-sha256',
      'as-of',
      'min-score',
      'preset',
      'max-list-age',
      'audience',
    ];
  }

  #t = new Translator('en');
  #session = new EngineSession(this.#sessionHost());
  #form = new FormState({
    storage: () => (this.hasAttribute('no-persist') ? null : sessionStorage),
    key: () => `exportscreen:${this.mode}:${this.id || 'default'}:${location.pathname}`,
  });
  // What the views show besides the form: the last request, result, error and audit record, the
  // batch, whether the lists panel is open, and the slots they render into.
  #ui = {
    listsOpen: false,
    listsOpenedForLoad: false,
    request: null,
    result: null,
    error: null,
    record: null,
    batch: null,
    els: {},
    classifyTimer: 0,
    // Parties whose every match is shown ("N more"), and the match limit asked for them.
    expanded: new Set(),
    limit: 0,
    // What the result slot says while there is no result for what is typed (a message key).
    pending: '',
  };
  #ctx = this.#viewContext();
  #seq = 0;
  #timer = 0;
  #rendered = false;
  #langObserver = null;
  #localeReady = null;
  #stopTimer = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    this.addEventListener('dragover', (e) => this.#onDragOver(e));
    this.addEventListener('dragleave', (e) => {
      const to = /** @type {Node|null} */ (e.relatedTarget);
      if (!this.contains(to) && !root.contains(to)) this.removeAttribute('data-dragging');
    });
    this.addEventListener('drop', (e) => this.#onDrop(e));
  }

  connectedCallback() {
    clearTimeout(this.#stopTimer);
    // Without its own lang, the widget follows the page's: a host that switches <html lang> (or an
    // ancestor's) switches the widget too.
    this.#langObserver ??= new MutationObserver(() => this.#relocalize());
    this.#langObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
    // The engine starts loading at once; the first render waits only for a catalog not yet here.
    const locale = resolveLocale(this);
    this.#localeReady = catalogLoaded(locale) ? null : loadCatalog(locale);
    if (!this.#localeReady) this.#firstRender(locale);
    else this.#localeReady.then(() => this.isConnected && this.#firstRender(resolveLocale(this)));
    this.#session.start();
  }

  #firstRender(locale) {
    this.#t = new Translator(locale);
    this.#form.restore();
    this.#render();
  }

  disconnectedCallback() {
    // A move in the DOM disconnects and reconnects at once; only a real removal stops the worker.
    this.#stopTimer = setTimeout(() => {
      if (this.isConnected) return;
      this.#langObserver?.disconnect();
      this.#session.stop();
    });
  }

  // Re-renders in the locale now in force, if it changed; what the user typed is kept.
  #relocalize() {
    const locale = resolveLocale(this);
    if (!this.#rendered || locale === this.#t.locale) return;
    if (!catalogLoaded(locale)) {
      loadCatalog(locale).then(() => this.#relocalize());
      return;
    }
    this.#t = new Translator(locale);
    this.#session.reference = null;
    this.#render();
    if (this.#session.engine) this.#session.loadReference();
    // The core's texts of a result shown are in the request's locale: screened again in this one.
    if (this.#ui.result && this.mode !== 'batch') this.#runScreen({ keepExpanded: true });
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#rendered || oldValue === value) return;
    if (name === 'lang') {
      this.#relocalize();
    } else if (name === 'mode') {
      // Each mode has its own form and result; the other mode's result would be misleading here.
      this.#ui.result = this.#ui.error = this.#ui.record = this.#ui.request = null;
      this.#form.restore();
      this.#render();
    } else if (name === 'list-src' || name === 'list-date' || name === 'list-sha256') {
      this.#session.loadedSrc = null;
      this.#loadListSrc();
    } else if (name === 'max-list-age') {
      renderVintage(this.#ctx);
      if (this.#ui.result) this.#runScreen();
    } else if (name === 'audience') {
      this.#render();
    } else if (this.#ui.result && this.mode === 'parties') {
      this.#schedule();
    }
  }

  // ---- properties -------------------------------------------------------------------------

  /**
   * `check`, `parties` or `batch` (attribute `mode`).
   * @returns {'check'|'parties'|'batch'}
   */
  get mode() {
    const m = this.getAttribute('mode');
    return MODES.includes(m) ? /** @type {'check'|'parties'|'batch'} */ (m) : 'check';
  }
  set mode(v) {
    this.setAttribute('mode', v);
  }

  /**
   * The minimum match score: `min-score` if valid, else the `preset`'s, else the core's default
   * (its presets, known once the engine is up; undefined before that without `min-score`).
   */
  get minScore() {
    const v = Number.parseFloat(this.getAttribute('min-score'));
    if (Number.isFinite(v) && v >= 0 && v <= 1) return v;
    const presets = this.#session.engine?.presets;
    if (!presets) return undefined;
    const named = presets.find((p) => p.id === this.getAttribute('preset'));
    return (named ?? presets.find((p) => p.id === 'balanced') ?? presets[0]).min_score;
  }
  set minScore(v) {
    this.setAttribute('min-score', String(v));
  }

  /** Date the rules are applied as of (attribute `as-of`), or undefined for today. */
  get asOf() {
    const v = this.getAttribute('as-of');
    return /^\d{4}-\d{2}-\d{2}$/.test(v ?? '') ? v : undefined;
  }

  /**
   * `staff` (default) or `public` (attribute `audience`): a public page hides list management and
   * what is said to its owner.
   * @returns {'staff'|'public'}
   */
  get audience() {
    const a = this.getAttribute('audience');
    return AUDIENCES.includes(a) ? /** @type {'staff'|'public'} */ (a) : 'staff';
  }

  /** Days after which a list is too old to clear a party (attribute `max-list-age`). */
  get maxListAge() {
    const v = Number.parseInt(this.getAttribute('max-list-age'), 10);
    return Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_LIST_AGE_DAYS;
  }

  /** The last screening result (docs/api.md), or null. */
  get result() {
    return this.#ui.result;
  }

  /**
   * The last batch: {file, rows: [{row, name, country, ..., verdict, best}], done, cancelled,
   * heap_bytes}, or null. heap_bytes: the worker engine's WebAssembly heap after the batch (its
   * peak: it never shrinks).
   */
  get batch() {
    const b = this.#ui.batch;
    if (!b?.results) return null;
    const { file, done, cancelled, heapBytes } = b;
    return { file, done, cancelled, heap_bytes: heapBytes, rows: batchRows(this.#ctx) };
  }

  /** The loaded lists: [{source, format, records, as_of, sha256, builtin, ...}]. */
  get lists() {
    return this.#session.lists.map((l) => ({ ...l }));
  }

  /** The parties of the guided check: [{name, type, role, country, headquarters_country}]. */
  get parties() {
    return this.#form.parties;
  }
  set parties(list) {
    // The core's roles (15 CFR 748.5); until the engine is up a role is kept, and the request
    // carries it only if the core knows it.
    const roles = this.#session.engine?.roles;
    this.#form.setParties(list, (role) => !roles || roles.includes(role));
    this.#form.save();
    if (this.#rendered) this.#renderMode();
  }

  /** Country of ultimate destination in the guided check (ISO 3166-1 alpha-2). */
  get destination() {
    return this.#form.value.destination;
  }
  set destination(code) {
    this.#form.value.destination = String(code ?? '');
    this.#form.save();
    if (this.#rendered) this.#renderMode();
  }

  /** The audit record of the last result: {record, sha256}, or null. */
  get auditRecord() {
    return this.#ui.record;
  }

  /** The worker client (for hosts and tests that observe the engine). */
  get engine() {
    return this.#session.client;
  }

  /**
   * Loads a list file given by the host: bytes or text of the official CSL (CSV or JSON).
   * @param {Uint8Array|ArrayBuffer|string} data
   * @param {{label?: string, as_of?: string, sha256?: string}} [options] `sha256`: the file's
   *   expected SHA-256; another file is refused (`list_hash_mismatch`)
   */
  async loadList(data, options = {}) {
    const bytes =
      typeof data === 'string'
        ? new TextEncoder().encode(data)
        : data instanceof Uint8Array
          ? data
          : new Uint8Array(data);
    return this.#session.loadList({
      bytes,
      label: options.label ?? 'list',
      as_of: options.as_of,
      sha256: options.sha256,
    });
  }

  /** Runs the current check (guided check or quick screening) and returns the result. */
  async screen() {
    return this.#runScreen();
  }

  /** Clears the form, the result and the kept input. */
  reset() {
    this.#form.reset();
    this.#ui.result = this.#ui.error = this.#ui.record = this.#ui.request = null;
    this.#ui.expanded.clear();
    this.#ui.limit = 0;
    this.#ui.pending = '';
    this.#ui.batch = null;
    this.#form.save();
    this.#render();
  }

  /** Prints the result as a one-page record (the host page is hidden while printing). */
  printRecord() {
    const sheet = printPageStyles();
    const cleanup = () => {
      this.removeAttribute('data-es-printing');
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      window.removeEventListener('afterprint', cleanup);
    };
    this.setAttribute('data-es-printing', '');
    if (!document.adoptedStyleSheets.includes(sheet))
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const printed = this.#ui.els.printed;
    if (printed)
      printed.textContent = this.#t.t('print.printed', {
        when: this.#t.dateTime(new Date().toISOString()),
      });
    window.addEventListener('afterprint', cleanup);
    window.print();
  }

  // ---- the engine session's host ------------------------------------------------------------

  /** @returns {import('./engine-session.js').SessionHost} */
  #sessionHost() {
    return {
      createWorker: () =>
        /** @type {typeof ExportScreenElement} */ (this.constructor).createWorker(),
      cache: () => !this.hasAttribute('no-cache'),
      listPin: () => this.#listPin(),
      locale: () => this.#t.locale,
      // list-src goes with init, so the worker downloads it while the module compiles (a widget
      // still fetching its catalog asks once init is answered, below).
      initSent: () => this.#loadListSrc(),
      initAnswered: async () => {
        // Both are in the widget's language: its catalog must be here (it nearly always is by now).
        await this.#localeReady;
        // list-src is sent now, ahead of any screening, so a first result is against it; the
        // reference data after the screenings that waited for the engine (their continuations
        // run before this task).
        if (this.getAttribute('list-src')) this.#loadListSrc();
        setTimeout(() => this.#session.loadReference());
      },
      changed: (what) => {
        if (what === 'lists') this.#renderLists();
        else if (what === 'listProgress') {
          const old = this.#ui.els.listsPanel?.querySelector('.progress');
          if (old && this.#session.listJob)
            old.replaceWith(progressView(this.#ctx, this.#session.listJob));
        } else if (what === 'reference') {
          // Only the guided check shows the reference data (its steps, chips and questions).
          if (this.#rendered && this.mode === 'check') this.#renderMode();
        }
      },
      listLoading: (label) => {
        // Opened to show the progress; closed again once the list is in use, unless the user
        // had opened it (the vintage line names the list loaded).
        this.#ui.listsOpenedForLoad = !this.#ui.listsOpen;
        this.#ui.listsOpen = true;
        this.#renderLists();
        this.#announce(this.#t.t('progress.started', { file: isolatedText(label) }));
      },
      listLoaded: (r) => {
        const panel = this.#ui.els.listsPanel;
        const focusInPanel = !!panel?.contains(this.#ctx.root.activeElement);
        if (this.#ui.listsOpenedForLoad) this.#ui.listsOpen = false;
        this.#renderLists();
        if (focusInPanel && !this.#ui.listsOpen)
          /** @type {HTMLElement|null} */ (
            this.#ctx.root.querySelector('[aria-controls="lists-panel"]')
          )?.focus();
        this.#announce(
          this.#t.t('lists.loaded', { name: listName(this.#ctx, r.list), n: r.list.records }),
        );
      },
      listFailed: (error, request) => {
        this.#renderLists();
        this.#announce(
          `${this.#t.t('lists.failed')} ${this.#t.t(error.key ?? `error.${error.code}`)}`,
          true,
        );
        this.#emit('screen-error', { mode: 'list', request, error });
      },
      listsReplaced: (fromCache) => {
        this.#emit('screen-lists', {
          lists: this.lists,
          cached: this.#session.cached,
          fromCache,
        });
        if (this.#ui.result && this.mode !== 'batch') this.#runScreen();
      },
      failed: (error, mode) => this.#showError(error, mode),
    };
  }

  // ---- the views' context -------------------------------------------------------------------

  // What every view reads and may do: the state (session, form, ui), the element's settings
  // (host), and the actions that belong to the element (rendering, events, screening).
  #viewContext() {
    const el = this;
    return {
      get t() {
        return el.#t;
      },
      session: this.#session,
      form: this.#form,
      ui: this.#ui,
      host: this,
      /** The shadow root the views render into. */
      get root() {
        return /** @type {ShadowRoot} */ (el.shadowRoot);
      },
      listPin: () => this.#listPin(),
      userTexts: () => this.#userTexts(),
      announce: (text, assertive = false) => this.#announce(text, assertive),
      emit: (type, detail) => this.#emit(type, detail),
      renderMode: () => this.#renderMode(),
      runScreen: () => this.#runScreen(),
      schedule: () => this.#schedule(),
      screenOptions: () => screenOptions(this.#ctx),
      // The matching options changed: a result shown is screened again with them.
      optionsChanged: () => {
        if (this.#ui.result && this.mode !== 'batch') this.#runScreen();
      },
      // "N more": every match of a party, asked again with a limit that holds them all.
      showMore: (party, total) => {
        this.#ui.expanded.add(party);
        this.#ui.limit = Math.min(1000, Math.max(this.#ui.limit, total));
        this.#runScreen({ keepExpanded: true }).then(() => {
          const rows = this.#ctx.root.querySelectorAll(
            `.party-result[data-party="${party}"] .row-toggle`,
          );
          /** @type {HTMLElement|undefined} */ (rows[10] ?? rows[rows.length - 1])?.focus();
        });
      },
      goStep: (i, options) => goStep(this.#ctx, i, options),
      renderLists: () => this.#renderLists(),
      download: (name, type, text) => this.#download(name, type, text),
      downloadRecord: () => this.#downloadRecord(),
    };
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  // ---- rendering ----------------------------------------------------------------------------

  #render() {
    const t = this.#t;
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
      hidden: !this.#ui.listsOpen || this.audience === 'public',
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
      t.t(this.mode === 'batch' ? 'drop.batch' : 'drop.list'),
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
    this.#ctx.root.replaceChildren(root);
    this.#ui.els = { root, status, alert, vintage, listsPanel, mode, result, printed };
    this.#rendered = true;
    renderVintage(this.#ctx);
    renderListsPanel(this.#ctx);
    this.#renderMode();
    renderResult(this.#ctx);
  }

  // The vintage line and the lists panel only: the form (and the field being typed in) stays.
  #renderLists() {
    renderVintage(this.#ctx);
    renderListsPanel(this.#ctx);
    if (this.#ui.els.listsPanel)
      this.#ui.els.listsPanel.hidden = !this.#ui.listsOpen || this.audience === 'public';
  }

  #renderMode() {
    const el = this.#ui.els.mode;
    if (!el) return;
    // Re-rendered when the engine's reference data arrives: a keyboard user who has already
    // reached a control keeps the focus there.
    const root = this.#ctx.root;
    const focused = root.activeElement;
    const focusedId = focused && el.contains(focused) ? focused.id : '';
    if (this.mode === 'batch') el.replaceChildren(batchView(this.#ctx));
    else if (this.mode === 'parties') el.replaceChildren(quickView(this.#ctx));
    else el.replaceChildren(checkView(this.#ctx));
    if (focusedId) /** @type {HTMLElement|null} */ (root.getElementById(focusedId))?.focus();
  }

  #announce(text, assertive = false) {
    const el = assertive ? this.#ui.els.alert : this.#ui.els.status;
    if (!el) return;
    el.textContent = '';
    // A fresh text node in a later task is announced even when the text repeats.
    setTimeout(() => {
      el.textContent = text;
    }, 30);
  }

  // ---- lists --------------------------------------------------------------------------------

  // The host's pin of list-src (attribute list-sha256), or undefined. Checked by the JS API in the
  // worker, for a download and for the kept copy alike; a malformed pin refuses the list.
  #listPin() {
    return this.getAttribute('list-src') && this.hasAttribute('list-sha256')
      ? this.getAttribute('list-sha256').trim()
      : undefined;
  }

  #loadListSrc() {
    const src = this.getAttribute('list-src');
    if (!src || !this.#session.starting) return;
    const url = new URL(src, document.baseURI).href;
    if (url === this.#session.loadedSrc) return;
    this.#session.loadedSrc = url;
    const label = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'list');
    // A failure is shown in the panel, announced and sent as screen-error.
    this.#session
      .loadList({
        url,
        label,
        as_of: this.getAttribute('list-date') || undefined,
        sha256: this.#listPin(),
      })
      .catch(() => {});
  }

  #onDragOver(e) {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    if (this.audience === 'public' && this.mode !== 'batch') return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.setAttribute('data-dragging', '');
  }

  async #onDrop(e) {
    this.removeAttribute('data-dragging');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    // A public page's list is its owner's (list-src): a visitor drops no list on it.
    if (this.audience === 'public' && this.mode !== 'batch') return;
    e.preventDefault();
    // In batch mode a dropped file is the parties to screen, unless it is a list file.
    const head = await file.slice(0, 256).text();
    const isList = CSL_HEADER.test(head) || /^\s*[{[]/.test(head.replace(/^\uFEFF/, ''));
    if (this.mode === 'batch' && !isList) openBatchFile(this.#ctx, file);
    else loadListFile(this.#ctx, file).catch(() => {});
  }

  // ---- screening ----------------------------------------------------------------------------

  // The quick screening runs when typing pauses (or on Enter), once the name and country can be
  // screened. A verdict is never shown for text still being typed: the moment the input changes,
  // the result of the earlier text goes (and one still on its way is dropped), and the slot says
  // when the screening will run.
  #schedule() {
    clearTimeout(this.#timer);
    this.#seq++;
    const q = this.#form.value.quick;
    this.#ui.result = this.#ui.error = this.#ui.record = this.#ui.request = null;
    this.#ui.expanded.clear();
    this.#ui.limit = 0;
    this.#ui.pending = q.name.trim() ? 'result.typing' : '';
    renderResult(this.#ctx);
    this.#timer = setTimeout(() => {
      const countries = this.#session.countries;
      if (!q.name.trim()) return;
      if (q.country && (q.country.length < 2 || (countries.size && !countries.has(q.country))))
        return;
      this.#runScreen();
    }, TYPING_PAUSE_MS);
  }

  async #runScreen({ keepExpanded = false } = {}) {
    clearTimeout(this.#timer);
    const seq = ++this.#seq;
    if (!keepExpanded) {
      this.#ui.expanded.clear();
      this.#ui.limit = 0;
    }
    const context = {
      options: {},
      asOf: this.asOf,
      locale: this.#t.locale,
      reference: this.#session.reference,
      countries: this.#session.countries,
      roles: this.#session.engine?.roles,
    };
    const request =
      this.mode === 'parties' ? this.#form.quickRequest(context) : this.#form.checkRequest(context);
    const mode = this.mode;
    // A chip searched for and not chosen is never dropped from the deal (issue 13): the check
    // waits for a choice (the item step says so; screen() answers with this error).
    const chips = this.#session.reference?.chips;
    const itemProblem =
      mode === 'check' && chips && String(this.#form.value.item.query ?? '').trim()
        ? this.#form.itemProblem(searchChips(chips, this.#form.value.item.query))
        : '';
    if (itemProblem) {
      this.#showError(
        {
          code: 'invalid_request',
          message: 'the item searched for is not chosen',
          key: itemProblem,
        },
        mode,
        request,
      );
      return null;
    }
    try {
      await this.#session.start();
      // The threshold (the core's presets are known once the engine is up), the filters, the
      // lists' age this page allows, and the match limit "N more" asked for.
      Object.assign(request.options, screenOptions(this.#ctx, { limit: this.#ui.limit }));
      const result = await this.#session.request(WorkerRequest.SCREEN, { request });
      if (seq !== this.#seq) return result;
      this.#ui.request = request;
      this.#ui.result = result;
      this.#ui.error = null;
      this.#ui.pending = '';
      this.#ui.record = await auditRecord(
        {
          kind: mode,
          request,
          result,
          lists: result.lists,
          engine: this.#session.engine,
          locale: this.#t.locale,
          list_pin: this.#listPin(),
        },
        (text) => this.#session.sha256(text),
      );
      if (seq !== this.#seq) return result;
      renderResult(this.#ctx);
      this.#announce(
        this.#t.t('result.announce', {
          verdict: this.#t.t(`verdict.${result.verdict}`),
          n: result.findings.length,
        }),
      );
      this.#emit('screen-result', { mode, request, result, record: this.#ui.record });
      return result;
    } catch (err) {
      if (seq !== this.#seq) return null;
      this.#showError(asError(err), mode, request);
      return null;
    }
  }

  #showError(error, mode, request = null) {
    this.#ui.error = error;
    this.#ui.result = null;
    this.#ui.record = null;
    renderResult(this.#ctx);
    const t = this.#t;
    const key = error.key ?? `error.${error.code}`;
    const text = t.has(key) ? t.t(key) : t.t('error.internal_error');
    this.#announce(`${t.t('error.heading')}: ${text}`, true);
    this.#emit('screen-error', { mode, request, error });
  }

  // What users typed and lists hold, as they may be quoted inside the core's messages: each is
  // isolated there (isolatingNames), so bidi controls in a name stay inside the name.
  #userTexts() {
    const texts = this.#form.typedTexts();
    const { request, result, batch } = this.#ui;
    for (const p of request?.parties ?? []) texts.push(p.name, p.address);
    for (const i of request?.items ?? []) texts.push(i.label);
    for (const m of result?.party_matches ?? []) texts.push(m.party_name, m.name, m.matched_name);
    for (const l of this.#session.lists) if (!l.builtin) texts.push(l.source);
    if (batch?.file?.name) texts.push(batch.file.name);
    return texts.filter((x) => typeof x === 'string' && x.length > 0);
  }

  // ---- records ------------------------------------------------------------------------------

  #download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h('a', { href: url, download: name });
    this.#ctx.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  #downloadRecord() {
    const record = this.#ui.record;
    if (!record) return;
    const stamp = record.record.created_at.replace(/[:.]/g, '-');
    this.#download(
      `exportscreen-record-${stamp}.json`,
      'application/json',
      `${JSON.stringify(record, null, 2)}\n`,
    );
  }
}
