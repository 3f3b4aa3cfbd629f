// <export-screen>: the embeddable screening widget (guided check, quick party screening, batch).
// It knows the documented JS API and the worker protocol, never the C++ behind them; all
// WebAssembly work happens in screen-worker.js. Everything a list or a user supplies is rendered
// as text (dom.js), never as markup.
import { closeBidi, h, isolated, isolatedText, isolatingNames } from './dom.js';
import { ScreenError } from './screen-error.js';
import { ScreenWorkerClient, WorkerRequest, WORKER_FAILED } from './worker-protocol.js';
import { Translator, catalogLoaded, loadCatalog, resolveLocale } from './i18n.js';
import { citationParts } from './citations.js';
import { BATCH_FIELDS, csvFile, guessMapping, looksLikeHeader } from './batch-csv.js';
import { auditRecord } from './audit-record.js';
import { webSha256 } from './digest.js';
import { printPageStyles, styles } from './export-screen-styles.js';

const MODES = ['check', 'parties', 'batch'];
/** Match presets (attribute `preset`), the core's (docs/api.md): the minimum score each stands for. */
export const PRESETS = Object.freeze({ strict: 0.92, balanced: 0.85, broad: 0.75 });
// 15 CFR 748.5: the parties to a transaction (the core's role values).
const ROLES = [
  'purchaser',
  'intermediate_consignee',
  'ultimate_consignee',
  'end_user',
  'freight_forwarder',
  'financier',
  'other',
];
const SEVERITY = { clear: 0, review: 1, license_required: 2, stop: 3 };
const VERDICTS = ['stop', 'license_required', 'review', 'clear'];
const BATCH_CHUNK = 200;
const PAGE_SIZE = 50;
const DEFAULT_MAX_LIST_AGE_DAYS = 7;
const CSL_HEADER = /^\uFEFF?"?(_id"?,"?)?source"?,"?entity_number/;

const emptyParty = () => ({ name: '', role: '', country: '', hq: '' });

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
 * @attr preset - Match preset, as in the core: `strict` (0.92), `balanced` (0.85, default) or `broad` (0.75).
 * @attr max-list-age - Days after which the list's date is flagged as old (default 7).
 * @attr no-cache - Never store a loaded list in this browser (IndexedDB).
 * @attr no-persist - Never keep the form in sessionStorage across reloads.
 * @event screen-result - {mode, request, result, record}; bubbles, composed.
 * @event screen-error - {mode, request, error: {code, message}}; bubbles, composed.
 * @event screen-lists - {lists, cached}: the loaded lists changed; bubbles, composed.
 * @csspart root, vintage, lists, form, steps, step, result, verdict, findings, finding, batch, table, progress, notice
 * @cssproperty --es-accent --es-accent-fg --es-fg --es-bg --es-surface --es-muted --es-border --es-focus
 * @cssproperty --es-stop --es-license --es-review --es-clear --es-warning --es-mark --es-radius --es-gap --es-font
 */
export class ExportScreenElement extends HTMLElement {
  /** Registers the element (once) under `tag`. */
  static define(tag = 'export-screen', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  /** Where the worker script lives (default: next to this module). */
  static workerUrl = null;

  /** Creates the worker; the offline single file replaces this with a blob: worker. */
  static createWorker() {
    const url = ExportScreenElement.workerUrl ?? new URL('./screen-worker.js', import.meta.url);
    return new Worker(url, { type: 'module', name: 'exportscreen' });
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
    ];
  }

  #t = new Translator('en');
  #client = null;
  #ready = null;
  #engine = null;
  #reference = null;
  #lists = [];
  #cached = null;
  #listSource = null;
  #listJob = null;
  #listError = null;
  #listsOpen = false;
  #state = {
    step: 0,
    parties: [emptyParty()],
    destination: '',
    item: { kind: 'catalog', query: '', chip: '' },
    endUse: {},
    redFlags: {},
    quick: { name: '', country: '' },
  };
  #touched = new Set();
  #request = null;
  #result = null;
  #error = null;
  #record = null;
  #seq = 0;
  #timer = 0;
  #batch = null;
  #els = {};
  #rendered = false;
  #loadedSrc = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    this.addEventListener('dragover', (e) => this.#onDragOver(e));
    this.addEventListener('dragleave', (e) => {
      if (!this.contains(e.relatedTarget) && !this.shadowRoot.contains(e.relatedTarget))
        this.removeAttribute('data-dragging');
    });
    this.addEventListener('drop', (e) => this.#onDrop(e));
  }

  #langObserver = null;

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
    this.#start();
  }

  #localeReady = null;
  #firstRender(locale) {
    this.#t = new Translator(locale);
    this.#restore();
    this.#render();
  }

  #stopTimer = 0;
  disconnectedCallback() {
    // A move in the DOM disconnects and reconnects at once; only a real removal stops the worker.
    this.#stopTimer = setTimeout(() => {
      if (this.isConnected) return;
      this.#langObserver?.disconnect();
      this.#client?.terminate();
      this.#client = null;
      this.#ready = null;
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
    this.#reference = null;
    this.#render();
    if (this.#engine) this.#loadReference();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.#rendered || oldValue === value) return;
    if (name === 'lang') {
      this.#relocalize();
    } else if (name === 'mode') {
      // Each mode has its own form and result; the other mode's result would be misleading here.
      this.#result = this.#error = this.#record = this.#request = null;
      this.#restore();
      this.#render();
    } else if (name === 'list-src' || name === 'list-date' || name === 'list-sha256') {
      this.#loadedSrc = null;
      this.#loadListSrc();
    } else if (name === 'max-list-age') {
      this.#renderVintage();
    } else if (this.#result && this.mode === 'parties') {
      this.#schedule();
    }
  }

  // ---- properties -------------------------------------------------------------------------

  /** `check`, `parties` or `batch` (attribute `mode`). */
  get mode() {
    const m = this.getAttribute('mode');
    return MODES.includes(m) ? m : 'check';
  }
  set mode(v) {
    this.setAttribute('mode', v);
  }

  /** The minimum match score: `min-score` if valid, else the `preset`, else 0.85. */
  get minScore() {
    const v = Number.parseFloat(this.getAttribute('min-score'));
    if (Number.isFinite(v) && v >= 0 && v <= 1) return v;
    return PRESETS[this.getAttribute('preset')] ?? PRESETS.balanced;
  }
  set minScore(v) {
    this.setAttribute('min-score', String(v));
  }

  /** Date the rules are applied as of (attribute `as-of`), or undefined for today. */
  get asOf() {
    const v = this.getAttribute('as-of');
    return /^\d{4}-\d{2}-\d{2}$/.test(v ?? '') ? v : undefined;
  }

  /** Days after which a list is flagged as old (attribute `max-list-age`). */
  get maxListAge() {
    const v = Number.parseInt(this.getAttribute('max-list-age'), 10);
    return Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_LIST_AGE_DAYS;
  }

  /** The last screening result (docs/api.md), or null. */
  get result() {
    return this.#result;
  }

  /** The last batch: {file, rows: [{row, name, country, ..., verdict, best}], done, cancelled}, or null. */
  get batch() {
    if (!this.#batch?.results) return null;
    const { file, done, cancelled } = this.#batch;
    return { file, done, cancelled, rows: this.#batchRows() };
  }

  /** The loaded lists: [{source, format, records, as_of, sha256, builtin, ...}]. */
  get lists() {
    return this.#lists.map((l) => ({ ...l }));
  }

  /** The parties of the guided check: [{name, role, country, headquarters_country}]. */
  get parties() {
    return this.#state.parties.map((p) => ({
      name: p.name,
      role: p.role,
      country: p.country,
      headquarters_country: p.hq,
    }));
  }
  set parties(list) {
    if (!Array.isArray(list))
      throw new TypeError(
        'parties must be an array of {name, role?, country?, headquarters_country?}',
      );
    this.#state.parties = list.length
      ? list.map((p) => ({
          name: String(p.name ?? ''),
          role: ROLES.includes(p.role) ? p.role : '',
          country: String(p.country ?? ''),
          hq: String(p.headquarters_country ?? ''),
        }))
      : [emptyParty()];
    this.#save();
    if (this.#rendered) this.#renderMode();
  }

  /** Country of ultimate destination in the guided check (ISO 3166-1 alpha-2). */
  get destination() {
    return this.#state.destination;
  }
  set destination(code) {
    this.#state.destination = String(code ?? '');
    this.#save();
    if (this.#rendered) this.#renderMode();
  }

  /** The audit record of the last result: {record, sha256}, or null. */
  get auditRecord() {
    return this.#record;
  }

  /** The worker client (for hosts and tests that observe the engine). */
  get engine() {
    return this.#client;
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
    return this.#loadList({
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
    this.#state = {
      step: 0,
      parties: [emptyParty()],
      destination: '',
      item: { kind: 'catalog', query: '', chip: '' },
      endUse: {},
      redFlags: {},
      quick: { name: '', country: '' },
    };
    this.#touched.clear();
    this.#result = this.#error = this.#record = this.#request = null;
    this.#batch = null;
    this.#save();
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
    this.#els.printed &&
      (this.#els.printed.textContent = this.#t.t('print.printed', {
        when: this.#t.dateTime(new Date().toISOString()),
      }));
    window.addEventListener('afterprint', cleanup);
    window.print();
  }

  // ---- engine -----------------------------------------------------------------------------

  // The engine is up when the worker has answered `init`: that is all a screening waits for.
  // list-src is asked for before #ready resolves, so the worker loads it ahead of a screening that
  // was waiting for the engine; the reference data (the guided check's choices) after that.
  #start() {
    if (this.#ready) return this.#ready;
    this.#client = new ScreenWorkerClient({
      createWorker: () => this.constructor.createWorker(),
      onRestart: () => this.#init(true),
    });
    // #ready is set before #init runs (a microtask later), so what #init sends sees it.
    this.#ready = Promise.resolve()
      .then(() => this.#init(false))
      .catch((err) => {
        this.#ready = null;
        this.#showError(this.#asError(err), 'engine');
        throw err;
      });
    this.#ready.catch(() => {});
    return this.#ready;
  }

  async #init(restarting) {
    const answer = this.#client.request(WorkerRequest.INIT, {
      cache: !this.hasAttribute('no-cache'),
      __duringRestart: restarting,
    });
    // list-src is asked for at once, so the worker downloads it while the module compiles (a
    // widget still fetching its catalog asks once init is answered, below).
    if (!restarting && this.#t) this.#loadListSrc();
    const info = await answer;
    this.#engine = info;
    this.#lists = info.lists;
    this.#cached = info.cached;
    this.#countrySet = new Set(info.countries.map((c) => c.code));
    // The list kept in the browser arrives when IndexedDB answers; a first result does not wait
    // for it (it is run again when the list lands). After a restart it must be back first.
    const restoring = this.#restoreCached(restarting);
    if (restarting) await restoring;
    if (restarting && this.#listSource && !this.#listSource.cachedOk) {
      // The list was not cached (no-cache): load the same bytes again.
      const { bytes, url, label, as_of, sha256 } = this.#listSource;
      const r = await this.#client.request(WorkerRequest.LOAD_LIST, {
        bytes,
        url,
        label,
        as_of,
        sha256,
        cache: false,
        __duringRestart: true,
      });
      this.#lists = r.lists;
    }
    if (!restarting) {
      // Both are in the widget's language: its catalog must be here (it nearly always is by now).
      await this.#localeReady;
      // list-src is sent now, ahead of any screening, so a first result is against it; the
      // reference data after the screenings that waited for the engine (their continuations run
      // before this task).
      if (this.getAttribute('list-src')) this.#loadListSrc();
      setTimeout(() => this.#loadReference());
    }
    this.#renderVintage();
    this.#renderListsPanel();
    return info;
  }

  #countrySet = new Set();

  async #restoreCached(restarting) {
    try {
      const r = await this.#client.request(WorkerRequest.RESTORE_CACHED, {
        sha256: this.#listPin(),
        __duringRestart: restarting,
      });
      if (!r.cached) return;
      this.#lists = r.lists;
      this.#cached = r.cached;
      this.#renderLists();
      if (restarting) return;
      this.#emit('screen-lists', { lists: this.lists, cached: this.#cached, fromCache: true });
      if (this.#result && this.mode !== 'batch') this.#runScreen();
    } catch (err) {
      this.#showError(this.#asError(err), 'engine');
    }
  }

  async #loadReference() {
    if (!this.#t) return;
    const locale = this.#t.locale;
    try {
      const reference = await this.#client.request(WorkerRequest.REFERENCE, { locale });
      // The widget changed language meanwhile: the request for the new one is on its way.
      if (locale !== this.#t.locale) return;
      this.#reference = reference;
    } catch (err) {
      this.#reference = null;
      this.#showError(this.#asError(err), 'reference');
    }
    // Only the guided check shows the reference data (its steps, chips and questions).
    if (this.#rendered && this.mode === 'check') this.#renderMode();
  }

  // Lower-case hex SHA-256 of a text's UTF-8 bytes, or of bytes: WebCrypto where the page is a
  // secure context (it does not wait behind a list loading in the worker), else the core's.
  async #sha256(data) {
    return (
      (await webSha256(data)) ??
      (await this.#client.request(WorkerRequest.SHA256, { text: data })).sha256
    );
  }

  #asError(err) {
    if (err instanceof ScreenError) return { code: err.code, message: err.message };
    return { code: 'internal_error', message: String(err?.message ?? err) };
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  // ---- persistence (sessionStorage; nothing leaves the browser) ------------------------------

  #storageKey() {
    return `exportscreen:${this.mode}:${this.id || 'default'}:${location.pathname}`;
  }

  #save() {
    if (this.hasAttribute('no-persist')) return;
    try {
      sessionStorage.setItem(this.#storageKey(), JSON.stringify(this.#state));
    } catch {
      // Storage full or blocked: the form still works, it is only not kept across reloads.
    }
  }

  #restore() {
    if (this.hasAttribute('no-persist')) return;
    try {
      const saved = JSON.parse(sessionStorage.getItem(this.#storageKey()) ?? 'null');
      if (saved && typeof saved === 'object' && Array.isArray(saved.parties)) {
        this.#state = {
          ...this.#state,
          ...saved,
          quick: { ...this.#state.quick, ...saved.quick },
          item: { ...this.#state.item, ...saved.item },
        };
        if (!this.#state.parties.length) this.#state.parties = [emptyParty()];
      }
    } catch {
      // Unreadable saved state is ignored, never fatal.
    }
  }

  // ---- rendering: skeleton -----------------------------------------------------------------

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
      hidden: !this.#listsOpen,
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
    this.shadowRoot.replaceChildren(root);
    this.#els = { root, status, alert, vintage, listsPanel, mode, result, printed };
    this.#rendered = true;
    this.#renderVintage();
    this.#renderListsPanel();
    this.#renderMode();
    this.#renderResult();
  }

  #announce(text, assertive = false) {
    const el = assertive ? this.#els.alert : this.#els.status;
    if (!el) return;
    el.textContent = '';
    // A fresh text node in a later task is announced even when the text repeats.
    setTimeout(() => {
      el.textContent = text;
    }, 30);
  }

  // ---- lists: vintage line, panel, loading -------------------------------------------------

  #listName(l) {
    const t = this.#t;
    if (l.builtin) return t.t('list.builtin');
    if (String(l.format ?? '').startsWith('csl')) return t.t('list.csl');
    return isolatedText(l.source);
  }

  // The same as an element: a list's own name (a file name, a label) is isolated text.
  #listNameView(l) {
    return l.builtin || String(l.format ?? '').startsWith('csl')
      ? this.#listName(l)
      : isolated(l.source);
  }

  #vintageText() {
    const t = this.#t;
    if (!this.#engine) return t.t('engine.loading');
    const lists = this.#lists.map((l) =>
      t.t('vintage.list', {
        name: this.#listName(l),
        date: l.as_of ? t.date(l.as_of) : t.t('date.unknown'),
        n: l.records,
      }),
    );
    const rules = t.t('vintage.rules', { date: t.date(this.#engine.rules_date) });
    const sep = t.t('vintage.separator');
    return lists.length
      ? `${lists.join(sep)}${sep}${rules}`
      : `${t.t('vintage.none')}${sep}${rules}`;
  }

  #ageWarning() {
    const old = this.#lists.filter((l) => !l.as_of || this.#ageDays(l.as_of) > this.maxListAge);
    if (!old.length) return null;
    const l = old[0];
    if (!l.as_of) return this.#t.t('vintage.undated');
    return this.#t.t('vintage.old', { n: this.#ageDays(l.as_of), max: this.maxListAge });
  }

  #ageDays(iso) {
    const then = Date.parse(`${iso}T00:00:00Z`);
    return Math.max(0, Math.floor((Date.now() - then) / 86400000));
  }

  #renderVintage() {
    const el = this.#els.vintage;
    if (!el) return;
    const t = this.#t;
    const text = h('div', {}, h('p', { class: 'vintage-text' }, this.#vintageText()));
    const warning = this.#engine && this.#ageWarning();
    if (warning) text.append(h('p', { class: 'warning' }, warning));
    if (this.#lists.some((l) => l.builtin))
      text.append(h('p', { class: 'hint' }, t.t('list.builtin.partial')));
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'no-print',
        'aria-expanded': String(this.#listsOpen),
        'aria-controls': 'lists-panel',
      },
      t.t('lists.toggle'),
    );
    toggle.addEventListener('click', () => {
      this.#listsOpen = !this.#listsOpen;
      toggle.setAttribute('aria-expanded', String(this.#listsOpen));
      this.#els.listsPanel.hidden = !this.#listsOpen;
    });
    el.replaceChildren(text, toggle);
  }

  // The vintage line and the lists panel only: the form (and the field being typed in) stays.
  #renderLists() {
    this.#renderVintage();
    this.#renderListsPanel();
    if (this.#els.listsPanel) this.#els.listsPanel.hidden = !this.#listsOpen;
  }

  #renderListsPanel() {
    const el = this.#els.listsPanel;
    if (!el) return;
    const t = this.#t;
    const rows = this.#lists.map((l) =>
      h(
        'tr',
        {},
        h(
          'td',
          {},
          this.#listNameView(l),
          l.builtin ? '' : h('div', { class: 'hint' }, isolated(l.source)),
        ),
        h('td', {}, l.as_of ? t.date(l.as_of) : t.t('date.unknown')),
        h('td', {}, t.number(l.records)),
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
          ['lists.col.list', 'lists.col.date', 'lists.col.records', 'lists.col.sha256'].map((k) =>
            h('th', { scope: 'col' }, t.t(k)),
          ),
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
      if (f) this.#loadListFile(f).catch(() => {});
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
    const pin = this.#listPin();
    if (pin !== undefined && this.#lists.some((l) => l.sha256 === pin.toLowerCase()))
      parts.push(h('p', { class: 'hint pinned' }, t.t('lists.pinned')));
    if (this.#listJob) parts.push(this.#progressView(this.#listJob));
    if (this.#listError) parts.push(this.#errorView(this.#listError));
    if (this.hasAttribute('no-cache')) parts.push(h('p', { class: 'hint' }, t.t('cache.off')));
    else if (this.#cached) {
      parts.push(
        h(
          'p',
          {},
          t.t('cache.on', { date: t.dateTime(this.#cached.saved_at) }),
          ' ',
          h('span', { class: 'hash' }, `SHA-256 ${this.#cached.sha256}`),
        ),
      );
    }
    const actions = h('div', { class: 'actions' });
    if (this.#cached && !this.hasAttribute('no-cache')) {
      const forget = h('button', { type: 'button' }, t.t('cache.forget'));
      forget.addEventListener('click', () => this.#forgetCache());
      actions.append(forget);
    }
    if (!this.#lists.every((l) => l.builtin)) {
      const builtin = h('button', { type: 'button' }, t.t('lists.useBuiltin'));
      builtin.addEventListener('click', () => this.#useBuiltin());
      actions.append(builtin);
    }
    if (actions.childElementCount) parts.push(actions);
    el.replaceChildren(...parts);
  }

  #progressView(job) {
    const t = this.#t;
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

  #errorView(error) {
    const t = this.#t;
    const key = error.key ?? `error.${error.code}`;
    return h(
      'div',
      { class: 'error-box', role: 'group', 'aria-label': t.t('error.heading') },
      h('p', { class: 'error' }, t.has(key) ? t.t(key) : t.t('error.internal_error')),
      h(
        'p',
        { class: 'hint' },
        t.t('error.details'),
        ' ',
        isolatingNames(error.message, this.#userTexts(), { lang: 'en', dir: 'ltr' }),
      ),
    );
  }

  // The host's pin of list-src (attribute list-sha256), or undefined. Checked by the JS API in the
  // worker, for a download and for the kept copy alike; a malformed pin refuses the list.
  #listPin() {
    return this.getAttribute('list-src') && this.hasAttribute('list-sha256')
      ? this.getAttribute('list-sha256').trim()
      : undefined;
  }

  #loadListSrc() {
    const src = this.getAttribute('list-src');
    if (!src || !this.#ready) return;
    const url = new URL(src, document.baseURI).href;
    if (url === this.#loadedSrc) return;
    this.#loadedSrc = url;
    const label = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'list');
    // A failure is shown in the panel, announced and sent as screen-error.
    this.#loadList({
      url,
      label,
      as_of: this.getAttribute('list-date') || undefined,
      sha256: this.#listPin(),
    }).catch(() => {});
  }

  async #loadListFile(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A downloaded CSL file carries no date: the file's own date is the best evidence of its vintage.
    const as_of = file.lastModified
      ? new Date(file.lastModified).toISOString().slice(0, 10)
      : undefined;
    return this.#loadList({ bytes, label: file.name, as_of });
  }

  async #loadList({ bytes, url, label, as_of, sha256 }) {
    // No await once the engine is starting: the worker runs the request after init, and list-src,
    // sent before #ready resolves, keeps its place ahead of a waiting screening.
    if (!this.#ready) await this.#start();
    this.#listError = null;
    this.#listJob = { kind: 'list', phase: url ? 'download' : 'parse', label };
    this.#listsOpen = true;
    this.#renderLists();
    this.#announce(this.#t.t('progress.started', { file: isolatedText(label) }));
    const cache = !this.hasAttribute('no-cache');
    try {
      const r = await this.#client.request(
        WorkerRequest.LOAD_LIST,
        // The bytes are copied, not transferred, so they can be loaded again after a worker restart.
        { bytes, url, label, as_of, sha256, cache },
        { onProgress: (p) => this.#onListProgress(p) },
      );
      this.#lists = r.lists;
      if (r.cached) this.#cached = r.cached;
      this.#listSource = { bytes, url, label, as_of, sha256, cachedOk: !!r.cached };
      this.#listJob = null;
      this.#renderLists();
      this.#announce(
        this.#t.t('lists.loaded', { name: this.#listName(r.list), n: r.list.records }),
      );
      this.#emit('screen-lists', {
        lists: this.lists,
        cached: this.#cached,
        fromCache: !!r.fromCache,
      });
      if (this.#result && this.mode !== 'batch') this.#runScreen();
      return r.list;
    } catch (err) {
      this.#listJob = null;
      this.#listError = this.#asError(err);
      // A pin that is not a SHA-256 is the host's mistake, and says so (the JS API refused it).
      if (
        this.#listError.code === 'invalid_request' &&
        sha256 !== undefined &&
        !/^[0-9a-fA-F]{64}$/.test(sha256)
      )
        this.#listError.key = 'error.list_pin_invalid';
      if (url) this.#loadedSrc = null;
      this.#renderLists();
      this.#announce(
        `${this.#t.t('lists.failed')} ${this.#t.t(this.#listError.key ?? `error.${this.#listError.code}`)}`,
        true,
      );
      this.#emit('screen-error', { mode: 'list', request: { label, url }, error: this.#listError });
      throw err;
    }
  }

  #onListProgress(p) {
    if (!this.#listJob) return;
    Object.assign(this.#listJob, { phase: p.phase, loaded: p.loaded, total: p.total });
    const panel = this.#els.listsPanel;
    const old = panel?.querySelector('.progress');
    if (old) old.replaceWith(this.#progressView(this.#listJob));
  }

  async #useBuiltin() {
    const r = await this.#client.request(WorkerRequest.USE_BUILTIN);
    this.#lists = r.lists;
    this.#cached = null;
    this.#listSource = null;
    this.#loadedSrc = null;
    this.#renderLists();
    this.#announce(this.#t.t('lists.builtinNow'));
    this.#emit('screen-lists', { lists: this.lists, cached: null });
  }

  async #forgetCache() {
    await this.#client.request(WorkerRequest.FORGET_CACHE);
    this.#cached = null;
    if (this.#listSource) this.#listSource.cachedOk = false;
    this.#renderListsPanel();
    this.#announce(this.#t.t('cache.forgotten'));
  }

  #onDragOver(e) {
    if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.setAttribute('data-dragging', '');
  }

  async #onDrop(e) {
    this.removeAttribute('data-dragging');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    // In batch mode a dropped file is the parties to screen, unless it is a list file.
    const head = await file.slice(0, 256).text();
    const isList = CSL_HEADER.test(head) || /^\s*[{[]/.test(head.replace(/^\uFEFF/, ''));
    if (this.mode === 'batch' && !isList) this.#openBatchFile(file);
    else this.#loadListFile(file).catch(() => {});
  }

  // ---- modes ------------------------------------------------------------------------------

  #renderMode() {
    const el = this.#els.mode;
    if (!el) return;
    // Re-rendered when the engine's reference data arrives: a keyboard user who has already
    // reached a control keeps the focus there.
    const focused = this.shadowRoot.activeElement;
    const focusedId = focused && el.contains(focused) ? focused.id : '';
    if (this.mode === 'batch') el.replaceChildren(this.#batchView());
    else if (this.mode === 'parties') el.replaceChildren(this.#quickView());
    else el.replaceChildren(this.#checkView());
    if (focusedId) this.shadowRoot.getElementById(focusedId)?.focus();
  }

  // Text input with label, hint and as-you-type error, bound to a getter/setter of the state.
  #field({ id, label, hint, value, onInput, validate, attrs = {} }) {
    const input = h('input', {
      type: 'text',
      id,
      name: id,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${id}-hint ${id}-error`,
      ...attrs,
      value,
    });
    input.value = value ?? '';
    const error = h('p', { class: 'field-error', id: `${id}-error` });
    const hintEl = h('p', { class: 'hint', id: `${id}-hint` }, hint ?? '');
    const check = () => {
      const message = validate?.(input.value, this.#touched.has(id)) ?? '';
      error.textContent = message;
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      return !message;
    };
    input.addEventListener('input', () => {
      onInput(input.value);
      this.#save();
      check();
    });
    input.addEventListener('blur', () => {
      this.#touched.add(id);
      check();
    });
    check();
    const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), input, hintEl, error);
    wrap.validate = () => {
      this.#touched.add(id);
      return check();
    };
    return wrap;
  }

  #countryField(id, label, value, onInput, { required = false } = {}) {
    const t = this.#t;
    const field = this.#field({
      id,
      label,
      value,
      hint: t.t('field.country.hint'),
      attrs: {
        maxlength: '2',
        autocapitalize: 'characters',
        list: 'country-codes',
        inputmode: 'latin',
      },
      onInput: (v) => {
        onInput(v.trim().toUpperCase());
        field.querySelector('.hint').textContent = this.#countryHint(v);
      },
      validate: (v, touched) => {
        const code = v.trim().toUpperCase();
        if (!code) return required && touched ? t.t('field.country.required') : '';
        if (code.length < 2) return touched ? t.t('field.country.short') : '';
        if (this.#countrySet.size && !this.#countrySet.has(code))
          return t.t('field.country.invalid', { code });
        return '';
      },
    });
    field.querySelector('.hint').textContent = this.#countryHint(value);
    return field;
  }

  #countryHint(v) {
    const code = String(v ?? '')
      .trim()
      .toUpperCase();
    if (code.length === 2 && this.#countrySet.has(code)) return `${code}: ${this.#t.country(code)}`;
    return this.#t.t('field.country.hint');
  }

  #countryList() {
    const list = h('datalist', { id: 'country-codes' });
    for (const c of this.#engine?.countries ?? [])
      list.append(h('option', { value: c.code }, this.#t.country(c.code)));
    return list;
  }

  #nameValidator(v, touched) {
    if (!v.trim()) return touched ? this.#t.t('field.name.required') : '';
    if (new TextEncoder().encode(v.trim()).length > 1024) return this.#t.t('field.name.long');
    return '';
  }

  // ---- quick party screening (mode="parties") -------------------------------------------------

  #quickView() {
    const t = this.#t;
    const q = this.#state.quick;
    const name = this.#field({
      id: 'name',
      label: t.t('field.name'),
      hint: t.t('field.name.hint'),
      value: q.name,
      onInput: (v) => {
        q.name = v;
        this.#schedule();
      },
      validate: (v, touched) => this.#nameValidator(v, touched),
    });
    const country = this.#countryField('country', t.t('field.country'), q.country, (v) => {
      q.country = v;
      this.#schedule();
    });
    const submit = h('button', { type: 'submit', class: 'primary' }, t.t('action.screen'));
    const form = h(
      'form',
      { part: 'form', novalidate: true, 'aria-label': t.t('parties.form') },
      h('div', { class: 'grid' }, name, country),
      h('div', { class: 'actions' }, submit),
      this.#countryList(),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!name.validate() || !country.validate()) {
        this.#announce(t.t('form.fix'), true);
        return;
      }
      this.#runScreen();
    });
    this.#els.form = form;
    return form;
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const q = this.#state.quick;
      if (!q.name.trim()) {
        this.#result = this.#error = null;
        this.#renderResult();
        return;
      }
      if (
        q.country &&
        (q.country.length < 2 || (this.#countrySet.size && !this.#countrySet.has(q.country)))
      )
        return;
      this.#runScreen();
    }, 250);
  }

  // ---- guided check (mode="check") --------------------------------------------------------

  #steps() {
    const ref = this.#reference;
    const steps = [];
    if (ref?.chips) steps.push('item');
    steps.push('parties', 'destination');
    if (ref?.end_uses?.length) steps.push('end_use');
    // The red-flag questionnaires are asked for deals with items (KYC guidance, AC diversion guidance).
    if (ref?.red_flags?.length && this.#state.item.kind !== 'none') steps.push('red_flags');
    steps.push('review');
    return steps;
  }

  #checkView() {
    const t = this.#t;
    const steps = this.#steps();
    const s = this.#state;
    s.step = Math.min(Math.max(0, s.step | 0), steps.length - 1);
    const current = steps[s.step];
    const nav = h(
      'nav',
      { class: 'steps no-print', part: 'steps', 'aria-label': t.t('steps.label') },
      h(
        'ol',
        {},
        steps.map((name, i) => {
          const b = h(
            'button',
            {
              type: 'button',
              'aria-current': i === s.step ? 'step' : null,
              'data-done': i < s.step ? true : null,
            },
            t.t('steps.n', { n: i + 1, name: t.t(`step.${name}`) }),
          );
          b.addEventListener('click', () => this.#goStep(i));
          return h('li', {}, b);
        }),
      ),
    );
    const body = this.#stepView(current);
    const back = h('button', { type: 'button', disabled: s.step === 0 }, t.t('action.back'));
    back.addEventListener('click', () => this.#goStep(s.step - 1));
    const last = current === 'review';
    const next = h(
      'button',
      { type: 'submit', class: 'primary' },
      last ? t.t('action.check') : t.t('action.next'),
    );
    const form = h(
      'form',
      { part: 'form', novalidate: true, 'aria-labelledby': 'step-heading' },
      body,
      h('div', { class: 'nav' }, back, next),
      this.#countryList(),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!this.#validateStep(form)) {
        this.#announce(t.t('form.fix'), true);
        form.querySelector('[aria-invalid="true"]')?.focus();
        return;
      }
      if (last) this.#runScreen();
      else this.#goStep(s.step + 1);
    });
    this.#els.form = form;
    return h('div', { class: 'check' }, nav, form);
  }

  #validateStep(form) {
    let ok = true;
    for (const field of form.querySelectorAll('.field'))
      if (field.validate && !field.validate()) ok = false;
    return ok;
  }

  #goStep(i, { force = false } = {}) {
    const steps = this.#steps();
    // Moving forward checks the steps in between, so a check never runs on a half-filled form.
    if (!force && i > this.#state.step && !this.#validateStep(this.#els.form)) {
      this.#announce(this.#t.t('form.fix'), true);
      this.#els.form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    this.#state.step = Math.min(Math.max(0, i), steps.length - 1);
    this.#save();
    this.#renderMode();
    this.#els.mode.querySelector('#step-heading')?.focus();
  }

  #stepView(name) {
    const t = this.#t;
    const heading = h(
      'h2',
      { id: 'step-heading', class: 'step-heading', tabindex: '-1' },
      t.t(`step.${name}`),
    );
    const body = h('div', { class: 'step', part: 'step', 'data-step': name }, heading);
    if (name === 'item') body.append(...this.#itemStep());
    else if (name === 'parties') body.append(...this.#partiesStep());
    else if (name === 'destination')
      body.append(
        this.#countryField(
          'destination',
          t.t('field.destination'),
          this.#state.destination,
          (v) => {
            this.#state.destination = v;
          },
        ),
        h('p', { class: 'hint' }, t.t('field.destination.help')),
      );
    else if (name === 'end_use')
      body.append(...this.#questionsStep(this.#reference.end_uses, this.#state.endUse, 'eu'));
    else if (name === 'red_flags')
      body.append(...this.#questionsStep(this.#reference.red_flags, this.#state.redFlags, 'rf'));
    else body.append(this.#reviewView());
    return body;
  }

  #itemStep() {
    const t = this.#t;
    const item = this.#state.item;
    const kind = h(
      'fieldset',
      {},
      h('legend', {}, t.t('item.kind')),
      h(
        'div',
        { class: 'row' },
        ['catalog', 'specs', 'none'].map((k) => {
          const r = h('input', {
            type: 'radio',
            name: 'item-kind',
            value: k,
            checked: item.kind === k,
          });
          r.addEventListener('change', () => {
            item.kind = k;
            this.#save();
            this.#renderMode();
            this.#els.mode.querySelector(`input[name="item-kind"][value="${k}"]`)?.focus();
          });
          return h('label', { class: 'choice' }, r, t.t(`item.kind.${k}`));
        }),
      ),
    );
    const parts = [kind];
    if (item.kind === 'catalog') parts.push(...this.#catalogFields());
    if (item.kind === 'specs') parts.push(...this.#specFields());
    if (item.kind !== 'none') {
      const preview = h('div', { class: 'classification', 'aria-live': 'polite' });
      parts.push(preview);
      this.#els.classification = preview;
      this.#classifySoon(0);
    }
    return parts;
  }

  #catalogFields() {
    const t = this.#t;
    const item = this.#state.item;
    const chips = this.#reference?.chips ?? [];
    const search = h('input', {
      type: 'search',
      id: 'chip-search',
      autocomplete: 'off',
      'aria-describedby': 'chip-search-hint',
      'aria-controls': 'chip-choices',
    });
    search.value = item.query ?? '';
    const choices = h('div', { class: 'choices', id: 'chip-choices' });
    const fill = () => {
      const q = search.value.trim().toLowerCase();
      const hits = chips
        .filter(
          (c) =>
            c.id === item.chip ||
            !q ||
            [c.id, c.name, c.vendor, ...(c.aliases ?? [])].some((v) =>
              String(v ?? '')
                .toLowerCase()
                .includes(q),
            ),
        )
        .slice(0, 12);
      choices.replaceChildren(
        ...(hits.length
          ? hits.map((c) =>
              h(
                'label',
                { class: 'choice' },
                h('input', {
                  type: 'radio',
                  name: 'chip',
                  value: c.id,
                  checked: item.chip === c.id,
                }),
                c.name.startsWith(c.vendor ?? '\0')
                  ? c.name
                  : `${c.vendor ? `${c.vendor} ` : ''}${c.name}`,
              ),
            )
          : [h('p', { class: 'hint' }, t.t('item.noHit'))]),
      );
      for (const r of choices.querySelectorAll('input')) {
        r.addEventListener('change', () => {
          item.chip = r.value;
          this.#save();
          this.#classifySoon(0);
        });
      }
    };
    search.addEventListener('input', () => {
      item.query = search.value;
      this.#save();
      fill();
    });
    fill();
    return [
      h(
        'div',
        {},
        h('label', { for: 'chip-search' }, t.t('item.search')),
        search,
        h('p', { class: 'hint', id: 'chip-search-hint' }, t.t('item.search.hint')),
      ),
      h('fieldset', {}, h('legend', {}, t.t('item.choices')), choices),
    ];
  }

  #specFields() {
    const t = this.#t;
    const spec = (this.#state.item.spec ??= {
      label: '',
      precision: 'fp16',
      tops: '',
      sparse: false,
      die: '',
      datacenter: '',
      designer: '',
    });
    const precisions = this.#reference?.precisions?.map((p) => p.id) ?? [
      'fp64',
      'fp32',
      'tf32',
      'fp16',
      'bf16',
      'fp8',
      'fp6',
      'int8',
      'fp4',
      'int4',
    ];
    const number = (id, key, label, hint, { required = false } = {}) =>
      this.#field({
        id,
        label,
        hint,
        value: spec[key],
        attrs: { inputmode: 'decimal' },
        onInput: (v) => {
          spec[key] = v.trim();
          this.#classifySoon();
        },
        validate: (v, touched) => {
          const x = v.trim();
          if (!x) return required && touched ? t.t('field.number.required') : '';
          return Number.isFinite(Number(x)) && Number(x) > 0 ? '' : t.t('field.number.invalid');
        },
      });
    const precision = h(
      'select',
      { id: 'spec-precision' },
      precisions.map((p) => h('option', { value: p }, p.toUpperCase())),
    );
    precision.value = spec.precision;
    precision.addEventListener('change', () => {
      spec.precision = precision.value;
      this.#save();
      this.#classifySoon();
    });
    const sparse = h('input', { type: 'checkbox', id: 'spec-sparse', checked: spec.sparse });
    sparse.addEventListener('change', () => {
      spec.sparse = sparse.checked;
      this.#save();
      this.#classifySoon();
    });
    const datacenter = h(
      'fieldset',
      { class: 'question' },
      h('legend', {}, t.t('item.spec.datacenter')),
      h(
        'div',
        { class: 'row' },
        [
          ['yes', 'answer.yes'],
          ['no', 'answer.no'],
          ['', 'answer.unknown'],
        ].map(([v, k]) => {
          const r = h('input', {
            type: 'radio',
            name: 'spec-datacenter',
            value: v,
            checked: spec.datacenter === v,
          });
          r.addEventListener('change', () => {
            spec.datacenter = v;
            this.#save();
            this.#classifySoon();
          });
          return h('label', { class: 'choice' }, r, t.t(k));
        }),
      ),
    );
    const label = this.#field({
      id: 'spec-label',
      label: t.t('item.spec.label'),
      hint: t.t('item.spec.label.hint'),
      value: spec.label,
      onInput: (v) => {
        spec.label = v;
      },
    });
    return [
      h(
        'div',
        { class: 'grid' },
        label,
        h('div', {}, h('label', { for: 'spec-precision' }, t.t('item.spec.precision')), precision),
        number('spec-tops', 'tops', t.t('item.spec.tops'), t.t('item.spec.tops.hint'), {
          required: true,
        }),
        number('spec-die', 'die', t.t('item.spec.die'), t.t('item.spec.die.hint')),
        this.#countryField('spec-designer', t.t('item.spec.designer'), spec.designer, (v) => {
          spec.designer = v;
          this.#classifySoon();
        }),
      ),
      h('label', { class: 'choice' }, sparse, t.t('item.spec.sparse')),
      datacenter,
    ];
  }

  // The request's item from the form, or null (no item, or a specification not yet complete).
  #itemRequest() {
    const item = this.#state.item;
    if (item.kind === 'catalog' && item.chip) return { name: item.chip };
    if (item.kind !== 'specs' || !item.spec) return null;
    const s = item.spec;
    const tops = Number(s.tops);
    if (!(tops > 0)) return null;
    const out = { tops: { [s.precision]: tops } };
    if (s.label.trim()) out.label = s.label.trim();
    if (s.sparse) out.sparse = true;
    if (Number(s.die) > 0) out.die_area_mm2 = Number(s.die);
    if (s.datacenter) out.datacenter = s.datacenter === 'yes';
    if (s.designer && this.#countrySet.has(s.designer)) out.designer_hq_country = s.designer;
    return out;
  }

  #classifyTimer = 0;
  #classifySoon(delay = 300) {
    clearTimeout(this.#classifyTimer);
    this.#classifyTimer = setTimeout(() => this.#classifyPreview(), delay);
  }

  // Shows how the chosen item classifies (ECCN, TPP and why) before the check runs.
  async #classifyPreview() {
    const el = this.#els.classification;
    if (!el?.isConnected || !this.#engine) return;
    const item = this.#itemRequest();
    if (!item) {
      el.replaceChildren();
      return;
    }
    try {
      const c = await this.#client.request(WorkerRequest.CLASSIFY, {
        item: { ...item, locale: this.#t.locale, ...(this.asOf ? { as_of: this.asOf } : {}) },
      });
      if (el.isConnected) el.replaceChildren(this.#classificationView(c));
    } catch (err) {
      if (el.isConnected) el.replaceChildren(this.#errorView(this.#asError(err)));
    }
  }

  #classificationView(c) {
    const t = this.#t;
    const dl = h('dl', { class: 'entry' });
    const row = (k, ...v) => dl.append(h('dt', {}, k), h('dd', {}, ...v));
    if (c.name) row(t.t('class.item'), isolated(c.name));
    row(
      t.t('class.eccn'),
      c.eccn
        ? `${c.paragraph ?? c.eccn}`
        : c.determinate === false
          ? t.t('class.undecided')
          : t.t('class.none'),
    );
    if (c.tpp !== null && c.tpp !== undefined)
      row(t.t('class.tpp'), t.number(c.tpp, { maximumFractionDigits: 0 }));
    if (c.performance_density !== null && c.performance_density !== undefined)
      row(t.t('class.pd'), t.number(c.performance_density, { maximumFractionDigits: 2 }));
    if (c.reason)
      row(
        t.t('class.reason'),
        isolatingNames(c.reason, this.#userTexts(), {
          lang: c.locale === 'zh' || this.#t.locale === 'zh' ? 'zh-CN' : 'en',
          dir: 'ltr',
        }),
      );
    if (c.missing?.length) row(t.t('class.missing'), c.missing.join(', '));
    if (c.gp10_reason)
      row(t.t('class.gp10'), isolatingNames(c.gp10_reason, this.#userTexts(), { dir: 'ltr' }));
    if (c.definition?.citation)
      row(t.t('finding.citation'), this.#citationView(c.definition.citation));
    return h('div', { class: 'note' }, h('h3', {}, t.t('class.heading')), dl);
  }

  #partiesStep() {
    const t = this.#t;
    const parties = this.#state.parties;
    const out = parties.map((p, i) => {
      const n = i + 1;
      const name = this.#field({
        id: `p${i}-name`,
        label: t.t('field.name'),
        hint: t.t('field.name.hint'),
        value: p.name,
        onInput: (v) => {
          p.name = v;
        },
        validate: (v, touched) => this.#nameValidator(v, touched),
      });
      const role = h(
        'select',
        { id: `p${i}-role` },
        h('option', { value: '' }, t.t('role.unspecified')),
        ROLES.map((r) => h('option', { value: r, selected: p.role === r }, t.t(`role.${r}`))),
      );
      role.value = p.role;
      role.addEventListener('change', () => {
        p.role = role.value;
        this.#save();
      });
      const country = this.#countryField(`p${i}-country`, t.t('field.country'), p.country, (v) => {
        p.country = v;
      });
      const hq = this.#countryField(`p${i}-hq`, t.t('field.hq'), p.hq, (v) => {
        p.hq = v;
      });
      const fs = h(
        'fieldset',
        { class: 'party' },
        h('legend', {}, t.t('party.n', { n })),
        h(
          'div',
          { class: 'grid' },
          name,
          h('div', {}, h('label', { for: `p${i}-role` }, t.t('field.role')), role),
          country,
          hq,
        ),
      );
      if (parties.length > 1) {
        const remove = h('button', { type: 'button' }, t.t('party.remove', { n }));
        remove.addEventListener('click', () => {
          parties.splice(i, 1);
          this.#save();
          this.#renderMode();
          this.#els.mode.querySelector('#step-heading')?.focus();
          this.#announce(t.t('party.removed', { n }));
        });
        fs.append(h('div', { class: 'actions' }, remove));
      }
      return fs;
    });
    const add = h('button', { type: 'button' }, t.t('party.add'));
    add.addEventListener('click', () => {
      parties.push(emptyParty());
      this.#save();
      this.#renderMode();
      this.#els.mode.querySelector(`#p${parties.length - 1}-name`)?.focus();
    });
    return [...out, h('div', { class: 'actions' }, add)];
  }

  #questionsStep(questions, answers, prefix) {
    const t = this.#t;
    return questions.map((q, i) => {
      const name = `${prefix}-${i}`;
      const radio = (value, label) => {
        const input = h('input', {
          type: 'radio',
          name,
          value,
          checked: answers[q.id] === (value === 'yes') && q.id in answers,
        });
        input.addEventListener('change', () => {
          answers[q.id] = value === 'yes';
          this.#save();
        });
        return h('label', { class: 'choice' }, input, label);
      };
      return h(
        'fieldset',
        { class: 'question' },
        h('legend', {}, q.question),
        q.help ? h('p', { class: 'hint' }, q.help) : null,
        h('div', { class: 'row' }, radio('yes', t.t('answer.yes')), radio('no', t.t('answer.no'))),
        q.citation || q.source
          ? h('p', { class: 'hint' }, this.#citationView(q.citation ?? q.source))
          : null,
      );
    });
  }

  #reviewView() {
    const t = this.#t;
    const s = this.#state;
    const dl = h('dl', { class: 'entry' });
    const row = (k, v) =>
      dl.append(
        h('dt', {}, k),
        h('dd', {}, v?.length || v instanceof Node ? v : t.t('review.none')),
      );
    const chip =
      s.item.kind === 'catalog' ? this.#reference?.chips?.find((c) => c.id === s.item.chip) : null;
    const spec = s.item.kind === 'specs' ? this.#itemRequest() : null;
    const tops = spec
      ? Object.entries(spec.tops)
          .map(([k, v]) => `${t.number(v)} ${k.toUpperCase()} TOPS`)
          .join(', ')
      : '';
    if (this.#reference?.chips)
      row(
        t.t('step.item'),
        chip ? chip.name : spec ? (spec.label ? [isolated(spec.label), ` ${tops}`] : tops) : '',
      );
    s.parties.forEach((p, i) =>
      row(
        t.t('party.n', { n: i + 1 }),
        [
          p.name ? isolated(p.name) : '',
          p.role ? t.t(`role.${p.role}`) : '',
          p.country ? t.country(p.country) : '',
          p.hq ? t.t('review.hq', { country: t.country(p.hq) }) : '',
        ]
          .filter(Boolean)
          .flatMap((v, k) => (k ? [' · ', v] : [v])),
      ),
    );
    row(t.t('field.destination'), s.destination ? t.country(s.destination) : '');
    const answered = (qs, answers) =>
      (qs ?? [])
        .filter((q) => q.id in answers)
        .map((q) => `${q.question} ${answers[q.id] ? t.t('answer.yes') : t.t('answer.no')}`)
        .join('; ');
    if (this.#reference?.end_uses?.length)
      row(t.t('step.end_use'), answered(this.#reference.end_uses, s.endUse));
    if (this.#reference?.red_flags?.length && s.item.kind !== 'none')
      row(t.t('step.red_flags'), answered(this.#reference.red_flags, s.redFlags));
    return h('div', {}, h('p', { class: 'hint' }, t.t('review.hint')), dl);
  }

  #checkRequest() {
    const s = this.#state;
    const parties = s.parties
      .filter((p) => p.name.trim())
      .map((p) => {
        const party = { name: p.name.trim() };
        if (p.role) party.role = p.role;
        if (p.country) party.country = p.country.toUpperCase();
        if (p.hq) party.headquarters_country = p.hq.toUpperCase();
        return party;
      });
    const request = { parties, options: { min_score: this.minScore } };
    if (this.asOf) request.as_of = this.asOf;
    if (s.destination) request.destination = s.destination.toUpperCase();
    const item = this.#reference?.chips ? this.#itemRequest() : null;
    if (item) request.items = [item];
    if (this.#reference?.end_uses?.length || this.#reference?.red_flags?.length) {
      const endUse = {};
      for (const q of this.#reference.end_uses ?? [])
        if (q.id in s.endUse) endUse[q.id] = s.endUse[q.id];
      const flags = {};
      if (item)
        for (const q of this.#reference.red_flags ?? [])
          if (q.id in s.redFlags) flags[q.id] = s.redFlags[q.id];
      if (Object.keys(flags).length) endUse.red_flags = flags;
      request.end_use = endUse;
    }
    request.locale = this.#t.locale;
    return request;
  }

  #quickRequest() {
    const q = this.#state.quick;
    const party = { name: q.name.trim() };
    if (q.country) party.country = q.country.toUpperCase();
    const request = { parties: [party], options: { min_score: this.minScore } };
    if (this.asOf) request.as_of = this.asOf;
    request.locale = this.#t.locale;
    return request;
  }

  async #runScreen() {
    clearTimeout(this.#timer);
    const seq = ++this.#seq;
    const request = this.mode === 'parties' ? this.#quickRequest() : this.#checkRequest();
    const mode = this.mode;
    try {
      await this.#start();
      const result = await this.#client.request(WorkerRequest.SCREEN, { request });
      if (seq !== this.#seq) return result;
      this.#request = request;
      this.#result = result;
      this.#error = null;
      this.#record = await auditRecord(
        {
          kind: mode,
          request,
          result,
          lists: result.lists,
          engine: this.#engine,
          locale: this.#t.locale,
          list_pin: this.#listPin(),
        },
        (text) => this.#sha256(text),
      );
      if (seq !== this.#seq) return result;
      this.#renderResult();
      this.#announce(
        this.#t.t('result.announce', {
          verdict: this.#t.t(`verdict.${result.verdict}`),
          n: result.findings.length,
        }),
      );
      this.#emit('screen-result', { mode, request, result, record: this.#record });
      return result;
    } catch (err) {
      if (seq !== this.#seq) return null;
      this.#showError(this.#asError(err), mode, request);
      return null;
    }
  }

  #showError(error, mode, request = null) {
    this.#error = error;
    this.#result = null;
    this.#record = null;
    this.#renderResult();
    const t = this.#t;
    this.#announce(
      `${t.t('error.heading')}: ${t.has(`error.${error.code}`) ? t.t(`error.${error.code}`) : t.t('error.internal_error')}`,
      true,
    );
    this.#emit('screen-error', { mode, request, error });
  }

  // ---- result -----------------------------------------------------------------------------

  // What users typed and lists hold, as they may be quoted inside the core's messages: each is
  // isolated there (isolatingNames), so bidi controls in a name stay inside the name.
  #userTexts() {
    const texts = [];
    for (const p of this.#state.parties) texts.push(p.name.trim());
    texts.push(this.#state.quick.name.trim(), this.#state.item.spec?.label?.trim());
    for (const p of this.#request?.parties ?? []) texts.push(p.name, p.address);
    for (const i of this.#request?.items ?? []) texts.push(i.label);
    for (const m of this.#result?.party_matches ?? [])
      texts.push(m.party_name, m.name, m.matched_name);
    for (const l of this.#lists) if (!l.builtin) texts.push(l.source);
    if (this.#batch?.file?.name) texts.push(this.#batch.file.name);
    return texts.filter((x) => typeof x === 'string' && x.length > 0);
  }

  #renderResult() {
    const el = this.#els.result;
    if (!el) return;
    const t = this.#t;
    if (this.mode === 'batch') {
      el.replaceChildren();
      return;
    }
    if (this.#error) {
      el.replaceChildren(
        h('h2', { id: 'result-heading' }, t.t('error.heading')),
        this.#errorView(this.#error),
      );
      return;
    }
    const result = this.#result;
    if (!result) {
      el.replaceChildren();
      return;
    }
    const banner = h(
      'div',
      { class: 'verdict', part: 'verdict', 'data-verdict': result.verdict },
      h('strong', {}, t.t('verdict.label', { verdict: t.t(`verdict.${result.verdict}`) })),
      h('p', {}, t.t(`verdict.${result.verdict}.text`)),
      h(
        'p',
        { class: 'hint' },
        t.t('result.summary', {
          n: result.findings.length,
          parties: this.#request?.parties.length ?? 0,
        }),
      ),
    );
    const matches = new Map(result.party_matches.map((m) => [`${m.party}:${m.id}`, m]));
    let matchIndex = 0;
    const coreLang = result.locale ?? (this.#request?.locale ? this.#request.locale : 'en');
    const seenRules = new Set();
    const names = this.#userTexts();
    const list = h(
      'ol',
      { class: 'findings', part: 'findings' },
      result.findings.map((f) => {
        // Further findings of a rule already shown print as one line each (print stylesheet).
        const repeat = seenRules.has(f.rule);
        seenRules.add(f.rule);
        const li = h('li', {
          'data-severity': f.severity,
          'data-rule': f.rule,
          part: 'finding',
          class: repeat ? 'repeat' : null,
        });
        const m =
          f.evidence &&
          matches.get(`${f.subject?.party ?? f.evidence.party}:${f.evidence.entry_id}`);
        li.append(
          h(
            'p',
            { class: 'message' },
            h(
              'span',
              { class: 'badge', 'data-verdict': f.severity },
              `${t.t(`verdict.${f.severity}`)}: `,
            ),
            isolatingNames(f.message, names, {
              lang: coreLang === 'zh' ? 'zh-CN' : 'en',
              dir: 'ltr',
            }),
          ),
        );
        if (m) {
          li.append(
            h(
              'p',
              { class: 'compact' },
              h(
                'span',
                { class: 'badge', 'data-verdict': f.severity },
                `${t.t(`verdict.${f.severity}`)}: `,
              ),
              t.parts('finding.compact', {
                party: isolated(m.party_name),
                entry: isolated(m.name),
                source: m.source_code || m.source,
                score: t.number(m.score, { maximumFractionDigits: 2, minimumFractionDigits: 2 }),
              }),
            ),
          );
        }
        if (m) {
          // The strongest match is shown open; the others fold away so the verdict stays in view.
          const details = h(
            'details',
            { open: matchIndex++ === 0 },
            h(
              'summary',
              {},
              t.parts('match.details', {
                entry: isolated(m.name),
                score: t.number(m.score, { maximumFractionDigits: 2, minimumFractionDigits: 2 }),
              }),
            ),
            this.#matchView(m),
          );
          li.append(details);
        }
        li.append(
          h(
            'p',
            { class: 'citation' },
            h('strong', {}, `${t.t('finding.citation')} `),
            this.#citationView(f.citation),
          ),
        );
        if (f.next_step)
          li.append(
            h(
              'p',
              { class: 'next' },
              h('strong', {}, `${t.t('finding.next')} `),
              isolatingNames(f.next_step, names, {
                lang: coreLang === 'zh' ? 'zh-CN' : 'en',
                dir: 'ltr',
              }),
            ),
          );
        return li;
      }),
    );
    const exportButton = h('button', { type: 'button' }, t.t('action.exportJson'));
    exportButton.addEventListener('click', () => this.#downloadRecord());
    const printButton = h('button', { type: 'button' }, t.t('action.print'));
    printButton.addEventListener('click', () => this.printRecord());
    const used = h(
      'p',
      { class: 'hint' },
      t.t('result.lists'),
      ' ',
      result.lists.flatMap((l, k) => [
        k ? '; ' : '',
        this.#listNameView(l),
        ` (${l.as_of ? t.date(l.as_of) : t.t('date.unknown')}, SHA-256 ${l.sha256.slice(0, 16)}…)`,
      ]),
      ` ${t.t('result.rules', { version: result.rules_version, date: t.date(result.as_of) })}`,
    );
    // The host pins its list file and none of these lists is that file (it was refused, say).
    const pin = this.#listPin()?.toLowerCase();
    const unpinned =
      pin && !result.lists.some((l) => l.sha256 === pin)
        ? h('p', { class: 'warning' }, t.t('result.notPinned'))
        : null;
    const seal = this.#record
      ? h('p', { class: 'hint hash' }, t.t('result.record', { sha: this.#record.sha256 }))
      : null;
    el.replaceChildren(
      ...[
        h('h2', { id: 'result-heading', class: 'no-print' }, t.t('result.heading')),
        banner,
        h('div', { class: 'actions' }, exportButton, printButton),
        // What decided the verdict first; then what it rests on and what is still open.
        list,
        this.#exceptionsView(result.license_exceptions ?? [], coreLang),
        ...(result.classifications ?? []).map((c) => this.#classificationView(c)),
        this.#openQuestionsView(result.open_questions ?? [], coreLang, result.verdict),
        used,
        unpinned,
        seal,
      ].filter(Boolean),
    );
  }

  // What the rules needed and the form did not say; each answers by going back to its step.
  // Folded away when a stop or license finding already decides the deal, open otherwise (then the
  // questions are what stands between the user and a verdict).
  #openQuestionsView(questions, coreLang, verdict) {
    if (!questions.length) return null;
    const t = this.#t;
    const stepOf = (field) =>
      field.startsWith('items')
        ? 'item'
        : field.startsWith('parties')
          ? 'parties'
          : field.startsWith('destination')
            ? 'destination'
            : field.startsWith('end_use.red_flags')
              ? 'red_flags'
              : field.startsWith('end_use')
                ? 'end_use'
                : null;
    const decided = verdict === 'stop' || verdict === 'license_required';
    return h(
      'details',
      { class: 'questions', open: !decided },
      h(
        'summary',
        {},
        h('h3', { id: 'questions-heading' }, t.t('questions.heading', { n: questions.length })),
      ),
      h('p', { class: 'hint' }, t.t('questions.help')),
      h(
        'ul',
        {},
        questions.map((q) => {
          const step =
            this.mode === 'check' ? this.#steps().indexOf(stepOf(String(q.field ?? ''))) : -1;
          const go =
            step >= 0
              ? h('button', { type: 'button', class: 'no-print' }, t.t('questions.answer'))
              : null;
          go?.addEventListener('click', () => this.#goStep(step, { force: true }));
          return h(
            'li',
            {},
            isolatingNames(q.question, this.#userTexts(), {
              lang: coreLang === 'zh' ? 'zh-CN' : 'en',
              dir: 'ltr',
            }),
            ' ',
            go,
            q.citation ? h('p', { class: 'hint' }, this.#citationView(q.citation)) : null,
          );
        }),
      ),
    );
  }

  #exceptionsView(exceptions, coreLang) {
    if (!exceptions.length) return null;
    const t = this.#t;
    return h(
      'section',
      { class: 'exceptions', 'aria-labelledby': 'exceptions-heading' },
      h('h3', { id: 'exceptions-heading' }, t.t('exceptions.heading')),
      h(
        'ul',
        {},
        exceptions.map((x) =>
          h(
            'li',
            {},
            h(
              'p',
              {},
              h('strong', {}, `${x.exception}: `),
              isolatingNames(x.message, this.#userTexts(), {
                lang: coreLang === 'zh' ? 'zh-CN' : 'en',
                dir: 'ltr',
              }),
            ),
            x.conditions?.length
              ? h(
                  'ul',
                  { lang: coreLang === 'zh' ? 'zh-CN' : 'en' },
                  x.conditions.map((c) => h('li', {}, c)),
                )
              : null,
            x.citation
              ? h(
                  'p',
                  { class: 'citation' },
                  h('strong', {}, `${t.t('finding.citation')} `),
                  this.#citationView(x.citation),
                )
              : null,
          ),
        ),
      ),
    );
  }

  #citationView(text) {
    const span = h('span', { lang: 'en' });
    for (const part of citationParts(String(text ?? ''))) {
      span.append(
        typeof part === 'string'
          ? part
          : h('a', { href: part.href, target: '_blank', rel: 'noopener noreferrer' }, part.text),
      );
    }
    return span;
  }

  #matchView(m) {
    const t = this.#t;
    const dl = h('dl', { class: 'entry' });
    const row = (k, ...v) => dl.append(h('dt', {}, k), h('dd', {}, ...v));
    row(t.t('match.party'), isolated(m.party_name));
    row(t.t('match.entry'), isolated(m.name));
    row(t.t('match.source'), isolated(m.source), m.source_code ? ` (${m.source_code})` : '');
    row(
      m.alias ? t.t('match.alias') : t.t('match.matchedName'),
      this.#highlight(m.matched_name, m.explanation?.pairs ?? []),
    );
    const e = m.explanation ?? {};
    const pairs = (e.pairs ?? []).flatMap((p, k) => [
      k ? ', ' : '',
      isolated(p.query),
      ' ↔ ',
      isolated(p.list),
      ` ${t.number(p.similarity, { style: 'percent' })}`,
    ]);
    row(t.t('match.tokens'), ...(pairs.length ? pairs : ['—']));
    row(
      t.t('match.score'),
      t.t('match.scoreParts', {
        score: t.number(m.score, { maximumFractionDigits: 2, minimumFractionDigits: 2 }),
        name: t.number(e.name_score ?? m.score, {
          maximumFractionDigits: 2,
          minimumFractionDigits: 2,
        }),
        qc: t.number(e.query_coverage ?? 0, { style: 'percent' }),
        lc: t.number(e.list_coverage ?? 0, { style: 'percent' }),
        nf: t.number(e.number_factor ?? 1, { maximumFractionDigits: 2 }),
        country: m.country_match ? t.t('match.countryYes') : t.t('match.countryNo'),
      }),
    );
    if (e.unmatched_query?.length || e.unmatched_list?.length)
      row(
        t.t('match.unmatched'),
        ...[...(e.unmatched_query ?? []), ...(e.unmatched_list ?? [])].flatMap((w, k) => [
          k ? ', ' : '',
          isolated(w),
        ]),
      );
    // The rows the finding's message and citation already print are left out of the printout.
    const screenOnly = () => {
      for (const el of [dl.lastElementChild, dl.lastElementChild.previousElementSibling])
        el.classList.add('no-print');
    };
    if (m.entry?.federal_register_notice) {
      row(t.t('match.fr'), this.#citationView(m.entry.federal_register_notice));
      screenOnly();
    }
    if (m.entry?.license_requirement) {
      row(t.t('match.licenseRequirement'), h('span', { lang: 'en' }, m.entry.license_requirement));
      screenOnly();
    }
    if (m.entry?.license_policy) {
      row(t.t('match.licensePolicy'), h('span', { lang: 'en' }, m.entry.license_policy));
      screenOnly();
    }
    if (m.entry?.addresses?.length) {
      row(
        t.t('match.address'),
        ...m.entry.addresses
          .slice(0, 3)
          .flatMap((a, k) => [
            k ? ' | ' : '',
            isolated([a.text, a.country].filter(Boolean).join(', ')),
          ]),
      );
      screenOnly();
    }
    return dl;
  }

  // Marks the words of the matched name whose folded form is a matched token (explanation.pairs).
  #highlight(name, pairs) {
    const span = h('bdi', {});
    const wanted = new Set(pairs.filter((p) => p.similarity >= 0.5).map((p) => fold(p.list)));
    for (const piece of String(name).split(/([\p{L}\p{N}]+)/u)) {
      if (!piece) continue;
      if (/^[\p{L}\p{N}]+$/u.test(piece) && wanted.has(fold(piece)))
        span.append(h('mark', {}, piece));
      else span.append(piece);
    }
    // The controls the name leaves open are closed inside its isolate (dom.js closeBidi).
    span.append(closeBidi(name).slice(String(name).length));
    return span;
  }

  #download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = h('a', { href: url, download: name });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  #downloadRecord() {
    if (!this.#record) return;
    const stamp = this.#record.record.created_at.replace(/[:.]/g, '-');
    this.#download(
      `exportscreen-record-${stamp}.json`,
      'application/json',
      `${JSON.stringify(this.#record, null, 2)}\n`,
    );
  }

  // ---- batch (mode="batch") ---------------------------------------------------------------

  #batchView() {
    const t = this.#t;
    const b = this.#batch;
    const file = h('input', { type: 'file', id: 'batch-file', accept: '.csv,.tsv,.txt,text/csv' });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) this.#openBatchFile(f);
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
    if (b?.error) parts.push(this.#errorView(b.error));
    if (b?.rows && !b.running && !b.results) parts.push(this.#mappingView());
    if (b?.running) parts.push(this.#batchProgressView());
    if (b?.results) parts.push(this.#batchResultsView());
    return h(
      'section',
      { class: 'batch', part: 'batch', 'aria-labelledby': 'batch-heading' },
      parts,
    );
  }

  async #openBatchFile(f) {
    await this.#start();
    if (this.#batch?.running) this.#batch.cancelled = true;
    const bytes = new Uint8Array(await f.arrayBuffer());
    this.#batch = { file: { name: f.name, size: f.size } };
    try {
      const parsed = await this.#client.request(WorkerRequest.PARSE_CSV, { bytes });
      this.#batch.file.sha256 = await this.#sha256(bytes);
      const rows = parsed.rows.filter((r) => r.some((c) => c.trim()));
      if (!rows.length) throw new ScreenError('empty_csv', 'the file has no rows');
      const header = looksLikeHeader(rows[0]);
      const mapping = header
        ? guessMapping(rows[0])
        : { name: 0, country: rows[0].length > 1 ? 1 : -1, address: -1, type: -1 };
      if (mapping.name < 0) mapping.name = 0;
      Object.assign(this.#batch, {
        rows,
        lines: parsed.lines,
        header,
        mapping,
        separator: parsed.separator,
      });
      this.#renderMode();
      this.#announce(
        this.#t.t('batch.read', { n: rows.length - (header ? 1 : 0), file: isolatedText(f.name) }),
      );
      this.#els.mode.querySelector('#map-name')?.focus();
    } catch (err) {
      this.#batch.error = this.#asError(err);
      this.#renderMode();
      this.#announce(
        `${this.#t.t('error.heading')}: ${this.#t.t(`error.${this.#batch.error.code}`)}`,
        true,
      );
      this.#emit('screen-error', {
        mode: 'batch',
        request: { file: this.#batch.file },
        error: this.#batch.error,
      });
    }
  }

  #mappingView() {
    const t = this.#t;
    const b = this.#batch;
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
      this.#renderMode();
      this.#els.mode.querySelector('#map-header')?.focus();
    });
    const count = b.rows.length - (b.header ? 1 : 0);
    const run = h('button', { type: 'submit', class: 'primary' }, t.t('batch.run', { n: count }));
    const form = h(
      'form',
      { part: 'form', novalidate: true, 'aria-labelledby': 'map-heading' },
      h('h3', { id: 'map-heading' }, t.parts('batch.mapping', { file: isolated(b.file.name) })),
      h('label', { class: 'choice' }, header, t.t('batch.hasHeader')),
      h('div', { class: 'grid' }, selects),
      h('p', { class: 'hint' }, t.t('batch.preview', { n: count })),
      h('div', { class: 'actions' }, run),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#runBatch();
    });
    return form;
  }

  #batchInputRows() {
    const b = this.#batch;
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

  async #runBatch() {
    const b = this.#batch;
    const input = this.#batchInputRows();
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
    this.#renderMode();
    this.#els.mode.querySelector('#batch-cancel')?.focus();
    this.#announce(this.#t.t('batch.started', { n: input.length }));
    const results = new Array(input.length).fill(null);
    const options = { min_score: this.minScore };
    try {
      for (let at = 0; at < input.length; at += BATCH_CHUNK) {
        if (b.cancelled || this.#batch !== b) break;
        const chunk = input.slice(at, at + BATCH_CHUNK);
        const r = await this.#client.request(WorkerRequest.SCREEN_ROWS, {
          rows: chunk,
          options,
          as_of: this.asOf,
          locale: this.#t.locale,
        });
        r.rows.forEach((summary, k) => {
          results[at + k] = summary;
        });
        b.screened = Math.min(input.length, at + chunk.length);
        this.#updateBatchProgress();
      }
    } catch (err) {
      b.error = this.#asError(err);
    }
    if (this.#batch !== b) return;
    b.running = false;
    b.done = !b.cancelled && !b.error;
    b.results = results;
    b.lists = this.lists;
    b.finishedAt = new Date().toISOString();
    b.page = 0;
    b.sort = { key: 'row', dir: 1 };
    b.filter = { verdict: '', text: '' };
    this.#renderMode();
    const counts = this.#batchCounts();
    this.#announce(
      this.#t.t(b.cancelled ? 'batch.cancelledAnnounce' : 'batch.doneAnnounce', {
        n: b.screened,
        total: b.total,
        stop: counts.stop,
        license: counts.license_required,
        review: counts.review,
      }),
    );
    this.#els.mode.querySelector('#batch-results-heading')?.focus();
    if (b.error)
      this.#emit('screen-error', { mode: 'batch', request: { file: b.file }, error: b.error });
    else
      this.#emit('screen-result', {
        mode: 'batch',
        request: { file: b.file, rows: b.total },
        result: { rows: this.#batchRows(), cancelled: b.cancelled, counts },
      });
  }

  #batchProgressView() {
    const t = this.#t;
    const b = this.#batch;
    const cancel = h('button', { type: 'button', id: 'batch-cancel' }, t.t('action.cancel'));
    cancel.addEventListener('click', () => {
      b.cancelled = true;
      cancel.disabled = true;
      this.#announce(t.t('batch.cancelling'));
    });
    return h(
      'div',
      { class: 'batch-progress' },
      this.#progressView({
        kind: 'batch',
        phase: 'screen',
        label: b.file.name,
        loaded: b.screened,
        total: b.total,
      }),
      h('div', { class: 'actions' }, cancel),
    );
  }

  #updateBatchProgress() {
    const view = this.#els.mode.querySelector('.batch-progress .progress');
    const b = this.#batch;
    if (view)
      view.replaceWith(
        this.#progressView({
          kind: 'batch',
          phase: 'screen',
          label: b.file.name,
          loaded: b.screened,
          total: b.total,
        }),
      );
  }

  #batchRows() {
    const b = this.#batch;
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

  #batchCounts() {
    const counts = { stop: 0, license_required: 0, review: 0, clear: 0, error: 0, not_screened: 0 };
    for (const r of this.#batchRows()) counts[r.verdict]++;
    return counts;
  }

  #batchResultsView() {
    const t = this.#t;
    const b = this.#batch;
    const counts = this.#batchCounts();
    const all = this.#batchRows();
    const text = b.filter.text.trim().toLowerCase();
    let rows = all.filter(
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
    rows = [...rows].sort((x, y) => {
      const a = value(x);
      const c = value(y);
      return (
        (typeof a === 'number' && typeof c === 'number'
          ? a - c
          : String(a).localeCompare(String(c), t.intl)) * b.sort.dir || x.row - y.row
      );
    });
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
          `${t.t(`verdict.${v}`)}: ${t.number(counts[v])}`,
        ),
      ),
      counts.error
        ? h('span', { class: 'badge error' }, `${t.t('verdict.error')}: ${t.number(counts.error)}`)
        : null,
      counts.not_screened
        ? h(
            'span',
            { class: 'badge' },
            `${t.t('verdict.not_screened')}: ${t.number(counts.not_screened)}`,
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
      this.#refreshBatchTable('#filter-verdict');
    });
    const search = h('input', { type: 'search', id: 'filter-text', autocomplete: 'off' });
    search.value = b.filter.text;
    search.addEventListener('input', () => {
      b.filter.text = search.value;
      b.page = 0;
      this.#refreshBatchTable('#filter-text');
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
          this.#refreshBatchTable(`[data-sort="${k}"]`);
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
      shown.map((r) =>
        h(
          'tr',
          { 'data-verdict-row': r.verdict },
          h('td', {}, t.number(r.row)),
          h('td', {}, isolated(r.name)),
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
      ),
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
      this.#refreshBatchTable('#page-prev');
    });
    const next = h(
      'button',
      { type: 'button', id: 'page-next', disabled: b.page >= pages - 1 },
      t.t('batch.next'),
    );
    next.addEventListener('click', () => {
      b.page++;
      this.#refreshBatchTable('#page-next');
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

    const csv = h(
      'button',
      { type: 'button', id: 'batch-csv', class: 'primary' },
      t.t('batch.downloadCsv'),
    );
    csv.addEventListener('click', () => this.#downloadBatchCsv());
    const json = h('button', { type: 'button', id: 'batch-json' }, t.t('action.exportJson'));
    json.addEventListener('click', () => this.#downloadBatchRecord());
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
      h('div', { class: 'actions' }, csv, json),
      h(
        'p',
        { class: 'hint' },
        t.t('batch.listsUsed'),
        ' ',
        b.lists.flatMap((l, k) => [
          k ? '; ' : '',
          this.#listNameView(l),
          ` (${l.as_of ? t.date(l.as_of) : t.t('date.unknown')})`,
        ]),
      ),
    );
  }

  #refreshBatchTable(focusSelector) {
    const old = this.#els.mode.querySelector('.batch-results');
    if (!old) return;
    old.replaceWith(this.#batchResultsView());
    const target = this.#els.mode.querySelector(focusSelector);
    if (target && !target.disabled) target.focus();
    else this.#els.mode.querySelector('#batch-table')?.focus();
  }

  #batchCsvText() {
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
    const rows = this.#batchRows().map((r) => [
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
    return csvFile([header, ...rows]);
  }

  #downloadBatchCsv() {
    const base = this.#batch.file.name.replace(/\.[^.]*$/, '');
    this.#download(`${base}-screened.csv`, 'text/csv', this.#batchCsvText());
  }

  async #downloadBatchRecord() {
    const b = this.#batch;
    const rec = await auditRecord(
      {
        kind: 'batch',
        request: {
          file: b.file,
          rows: b.total,
          mapping: b.mapping,
          header: b.header,
          options: { min_score: this.minScore, ...(this.asOf ? { as_of: this.asOf } : {}) },
        },
        result: {
          started_at: b.startedAt,
          finished_at: b.finishedAt,
          cancelled: b.cancelled,
          counts: this.#batchCounts(),
          rows: this.#batchRows(),
        },
        lists: b.lists,
        engine: this.#engine,
        locale: this.#t.locale,
        list_pin: this.#listPin(),
      },
      (text) => this.#sha256(text),
    );
    const base = b.file.name.replace(/\.[^.]*$/, '');
    this.#download(
      `${base}-audit-record.json`,
      'application/json',
      `${JSON.stringify(rec, null, 2)}\n`,
    );
  }
}

// Folds a word for comparison with the core's normalized tokens (lower case, no diacritics).
function fold(s) {
  return String(s).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
