// <export-screen>: the embeddable screening widget (guided check, quick party screening, batch).
// This module is the element itself: lifecycle, attributes, properties, events, and the wiring of
// its parts. The engine (worker, lists, kept copy) is engine-session.js and what the element does
// when it reports is session-host.js; what the user typed is form-state.js; when a screening runs
// and what is kept of its answer is screening-scheduler.js; each view is a module of views/ that
// renders from the widget's state (views/frame.js the frame they fill). It knows the documented JS
// API and the worker protocol, never the C++ behind them. Everything a list or a user supplies is
// rendered as text (dom.js), never as markup.
import { Translator, catalogLoaded, loadCatalog, resolveLocale } from './i18n.js';
import { downloadFile } from './dom.js';
import { EngineSession } from './engine-session.js';
import { newEngineWorker } from './engine-worker.js';
import { FormState } from './form-state.js';
import { ScreeningScheduler } from './screening-scheduler.js';
import { listPin, loadListSrc, loadReferenceIfShown, sessionHost } from './session-host.js';
import { styles } from './export-screen-styles.js';
import {
  renderListProgress,
  renderLists,
  renderVintage,
  showListFailed,
  showListLoaded,
  showListLoading,
} from './views/lists.js';
import {
  announce,
  openDroppedFile,
  renderFrame,
  renderMode,
  userTexts,
  widgetState,
} from './views/frame.js';
import { goStep } from './views/check.js';
import { printRecord, renderResult } from './views/result.js';
import { optionsNeedEngine, screenOptions } from './views/options.js';
import { batchRows } from './views/batch-rows.js';

const MODES = ['check', 'parties', 'batch'];
const DEFAULT_MAX_LIST_AGE_DAYS = 7;
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

  /**
   * Creates the worker. export-screen-define.js wraps this to hand over the one it started before
   * this module arrived; the offline single file replaces it with a blob: worker.
   */
  static createWorker() {
    const url = ExportScreenElement.workerUrl;
    if (url) return new Worker(url, { type: 'module', name: 'exportscreen' });
    return newEngineWorker();
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
  /** @type {import('./session-host.js').SessionOwner} */
  #sessionOwner = {
    element: this,
    createWorker: () => /** @type {typeof ExportScreenElement} */ (this.constructor).createWorker(),
    session: () => this.#session,
    screening: () => this.#screening,
    locale: () => this.#t.locale,
    localeReady: () => this.#localeReady,
    baseURI: () => document.baseURI,
    emit: (type, detail) => this.#emit(type, detail),
    views: {
      lists: () => renderLists(this.#ctx),
      progress: () => renderListProgress(this.#ctx),
      mode: () => renderMode(this.#ctx),
      listLoading: (label) => showListLoading(this.#ctx, label),
      listLoaded: (answer) => showListLoaded(this.#ctx, answer),
      listFailed: (error) => showListFailed(this.#ctx, error),
    },
  };
  #session = new EngineSession(sessionHost(this.#sessionOwner));
  #form = new FormState({
    storage: () => (this.hasAttribute('no-persist') ? null : sessionStorage),
    key: () => `exportscreen:${this.mode}:${this.id || 'default'}:${location.pathname}`,
  });
  #ui = widgetState();
  #screening = new ScreeningScheduler({
    session: this.#session,
    form: this.#form,
    ui: this.#ui,
    host: {
      mode: () => this.mode,
      translator: () => this.#t,
      asOf: () => this.asOf,
      options: (extra) => screenOptions(this.#ctx, extra),
      optionsNeedEngine: () => optionsNeedEngine(this.#ctx),
      listPin: () => listPin(this),
      changed: () => renderResult(this.#ctx),
      announce: (text, assertive) => announce(this.#ctx, text, assertive),
      emit: (type, detail) => this.#emit(type, detail),
    },
  });
  #ctx = this.#viewContext();
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
    // A property a host set before the element was defined (its code still on its way: see
    // export-screen-define.js) is the element's own and hides the class's: set it again through
    // the class.
    const properties = Object.getOwnPropertyDescriptors(ExportScreenElement.prototype);
    for (const [name, { set }] of Object.entries(properties)) {
      if (!set || !Object.hasOwn(this, name)) continue;
      const value = this[name];
      delete this[name];
      this[name] = value;
    }
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
    // The engine starts loading first, its worker booting while the element renders; the first
    // render waits only for a catalog not yet here.
    const locale = resolveLocale(this);
    this.#localeReady = catalogLoaded(locale) ? null : loadCatalog(locale);
    this.#session.start();
    if (!this.#localeReady) this.#firstRender(locale);
    else this.#localeReady.then(() => this.isConnected && this.#firstRender(resolveLocale(this)));
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
    this.#session.forgetReference();
    this.#render();
    loadReferenceIfShown(this.#sessionOwner);
    // The core's texts of a result shown are in the request's locale: screened again in this one.
    this.#screening.rescreenShown({ keepExpanded: true });
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#rendered || oldValue === value) return;
    if (name === 'lang') {
      this.#relocalize();
    } else if (name === 'mode') {
      // Each mode has its own form and result; the other mode's result would be misleading here,
      // and its screening still to come would run this mode's form.
      this.#screening.clear();
      this.#form.restore();
      this.#render();
      loadReferenceIfShown(this.#sessionOwner);
    } else if (name === 'list-src' || name === 'list-date' || name === 'list-sha256') {
      this.#session.loadedSrc = null;
      loadListSrc(this.#sessionOwner);
    } else if (name === 'max-list-age') {
      renderVintage(this.#ctx);
      this.#screening.rescreenShown();
    } else if (name === 'audience') {
      this.#render();
    } else if (this.#ui.result && this.mode === 'parties') {
      this.#screening.schedule();
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
    if (this.#rendered) renderMode(this.#ctx);
  }

  /** Country of ultimate destination in the guided check (ISO 3166-1 alpha-2). */
  get destination() {
    return this.#form.value.destination;
  }
  set destination(code) {
    this.#form.value.destination = String(code ?? '');
    this.#form.save();
    if (this.#rendered) renderMode(this.#ctx);
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
    return this.#screening.run();
  }

  /** Clears the form, the result and the kept input. */
  reset() {
    this.#form.reset();
    this.#screening.clear();
    this.#ui.batch = null;
    this.#form.save();
    this.#render();
  }

  /** Prints the result as a one-page record (the host page is hidden while printing). */
  printRecord() {
    printRecord(this.#ctx);
  }

  // ---- the views' context -------------------------------------------------------------------

  // What every view reads and may do: the state (session, form, ui), the element's settings
  // (host), the screening, and the actions that belong to the element (rendering, events).
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
      listPin: () => listPin(this),
      userTexts: () => userTexts(this.#ctx),
      announce: (text, assertive = false) => announce(this.#ctx, text, assertive),
      emit: (type, detail) => this.#emit(type, detail),
      renderMode: () => renderMode(this.#ctx),
      // When a screening runs, and "N more" (screening-scheduler.js).
      screening: this.#screening,
      screenOptions: () => screenOptions(this.#ctx),
      goStep: (i, options) => goStep(this.#ctx, i, options),
      download: (name, type, text) => downloadFile(this.#ctx.root, name, type, text),
    };
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  #render() {
    this.#rendered = true;
    renderFrame(this.#ctx);
  }

  // ---- files dropped on the widget ----------------------------------------------------------

  #onDragOver(e) {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    if (this.audience === 'public' && this.mode !== 'batch') return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.setAttribute('data-dragging', '');
  }

  #onDrop(e) {
    this.removeAttribute('data-dragging');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    // A public page's list is its owner's (list-src): a visitor drops no list on it.
    if (this.audience === 'public' && this.mode !== 'batch') return;
    e.preventDefault();
    openDroppedFile(this.#ctx, file);
  }
}
