// The engine behind one <export-screen>: its worker (worker-protocol.js), the lists in use, the
// copy kept in the browser, the list being loaded and the core's reference data. No DOM: the
// element renders what it holds and is told, through its host object, when that changed; the
// same class runs in node against the real worker (tests/js/engine-session.test.mjs).
import { ScreenError, asError } from './screen-error.js';
import { ScreenWorkerClient, WORKER_FAILED, WorkerRequest } from './worker-protocol.js';
import { webSha256 } from './digest.js';

/**
 * What the session asks of the element that owns it.
 * @typedef {object} SessionHost
 * @property {() => Worker} createWorker Creates the worker (screen-worker.js, or a blob: worker).
 * @property {() => boolean} cache Whether a loaded list may be kept in IndexedDB (no `no-cache`).
 * @property {() => (string|undefined)} listPin The host's pin of list-src (`list-sha256`).
 * @property {() => string} locale The widget's locale now.
 * @property {() => void} initSent The engine's start was asked for (list-src may follow it).
 * @property {() => Promise<void>} initAnswered The engine is up (not after a restart).
 * @property {(what: 'lists'|'listProgress'|'reference') => void} changed What to render again.
 * @property {(label: string) => void} listLoading A list started loading.
 * @property {(answer: {list: object, lists: object[], cached: object|null, fromCache?: boolean})
 *   => void} listLoaded A list was loaded and is in use.
 * @property {(error: {code: string, message: string, key?: string},
 *   request: {label: string, url?: string}) => void} listFailed A list was refused.
 * @property {(fromCache: boolean) => void} listsReplaced The lists in use changed (a list loaded,
 *   or the copy kept in the browser restored at start-up): results shown are run again.
 * @property {(error: {code: string, message: string}, mode: string) => void} failed The engine or
 *   its reference data failed.
 */

/** A list the user or host loaded: what it takes to load it again after a worker restart. */
/**
 * @typedef {object} ListSource
 * @property {Uint8Array} [bytes]
 * @property {string} [url]
 * @property {string} label
 * @property {string} [as_of]
 * @property {string} [sha256]
 * @property {boolean} cachedOk Whether the worker kept it in IndexedDB (then it restores it).
 */

// Limits of what the page posts to the worker (core/include/exportscreen/limits.h, docs/api.md
// Limits): a file over one is refused here, with the core's code, before its bytes are copied to
// the worker and the core (issue 16).
export const MAX_LIST_BYTES = 64 * 1024 * 1024;
export const MAX_CSV_BYTES = 16 * 1024 * 1024;

const MiB = (n) => `${Math.round((n / 1048576) * 10) / 10} MiB`;

/**
 * The error for bytes over a limit, or null.
 * @param {string} type WorkerRequest type
 * @param {object} [payload]
 */
function overLimit(type, payload) {
  const bytes = payload?.bytes;
  if (!(bytes instanceof Uint8Array)) return null;
  if (type === WorkerRequest.LOAD_LIST && bytes.byteLength > MAX_LIST_BYTES)
    return new ScreenError(
      'list_too_large',
      `the list file is ${MiB(bytes.byteLength)}; the limit is ${MiB(MAX_LIST_BYTES)}`,
    );
  if (type === WorkerRequest.PARSE_CSV && bytes.byteLength > MAX_CSV_BYTES)
    return new ScreenError(
      'request_too_large',
      `the CSV file is ${MiB(bytes.byteLength)}; the limit is ${MiB(MAX_CSV_BYTES)}`,
    );
  return null;
}

export class EngineSession {
  /** @type {ScreenWorkerClient|null} */
  #client = null;
  /** @type {Promise<object>|null} */
  #ready = null;
  /** @type {Promise<void>|null} The start's own requests are sent (init, the host's list-src). */
  #sent = null;
  /** @type {SessionHost} */
  #host;
  /** The locale whose reference data was asked for (answered or on its way), or null. */
  #referenceLocale = null;

  /** The worker's answer to `init`: {version, rules_version, rules_date, countries, lists}. */
  engine = null;
  /** The lists in use: [{source, format, records, as_of, sha256, builtin, ...}]. */
  lists = [];
  /** The list kept in IndexedDB ({label, as_of, sha256, records, saved_at, ...}), or null. */
  cached = null;
  /** @type {ListSource|null} The last list loaded (bytes kept to load it again after a crash). */
  listSource = null;
  /** The list being loaded: {kind, phase, label, loaded?, total?}, or null. */
  listJob = null;
  /** Why the last list was refused: {code, message, key?}, or null. */
  listError = null;
  /** The core's reference data in the widget's locale (chips, questions, roles), or null. */
  reference = null;
  /** The country codes the core accepts. */
  countries = new Set();
  /** The list-src URL asked for (so the same URL is not loaded twice). */
  loadedSrc = null;

  /** @param {SessionHost} host */
  constructor(host) {
    this.#host = host;
  }

  /** The worker client (hosts and tests that observe the engine), or null before start(). */
  get client() {
    return this.#client;
  }

  /** Whether start() was called (and the engine did not fail since). */
  get starting() {
    return this.#ready !== null;
  }

  /**
   * Starts the worker and the engine (once); resolves with the `init` answer. The engine is up
   * when the worker has answered `init`: that is all a screening waits for.
   */
  start() {
    if (this.#ready) return this.#ready;
    this.#client = new ScreenWorkerClient({
      createWorker: () => this.#host.createWorker(),
      onRestart: () => this.#init(true),
    });
    // The worker is created now, so its thread fetches and compiles the engine while the page goes
    // on (the element's first render): the time to a first result is the worker's start.
    this.#client.start();
    // init is the worker's first message, ahead of any request a caller sends as soon as start()
    // returns (a host that calls loadList() right after adding the element); #ready is set
    // before #init runs (a microtask later), so what #init sends sees it.
    const answer = this.#sendInit(false);
    const init = Promise.resolve().then(() => ({ done: this.#init(false, answer) }));
    this.#sent = init.then(() => {});
    this.#ready = init
      .then(({ done }) => done)
      .catch((err) => {
        this.#ready = null;
        this.#host.failed(asError(err), 'engine');
        throw err;
      });
    this.#ready.catch(() => {});
    return this.#ready;
  }

  /**
   * Starts the engine (once) and resolves when a request sent then runs after what its start
   * loads first, without waiting for its answer: the worker runs requests in the order they were
   * sent, so once the start's own requests are (init, the host's list-src). A widget added again
   * whose list was not kept in the browser loads that list again once the engine answers: then
   * this waits for the whole start.
   */
  async queued() {
    const ready = this.start();
    if (this.listSource && !this.listSource.cachedOk) await ready;
    else await this.#sent;
  }

  /** Stops the worker for good (the element was removed). */
  stop() {
    this.#client?.terminate();
    this.#client = null;
    this.#ready = null;
    this.#sent = null;
  }

  /**
   * Sends a request to the worker (WorkerRequest); resolves with its result.
   * @param {string} type
   * @param {object} [payload]
   * @param {{onProgress?: (p: object) => void}} [options]
   */
  request(type, payload, options) {
    if (!this.#client) return Promise.reject(new ScreenError('invalid_request', 'not started'));
    const refused = overLimit(type, payload);
    if (refused) return Promise.reject(refused);
    return this.#client.request(type, payload, options);
  }

  #sendInit(restarting) {
    return /** @type {ScreenWorkerClient} */ (this.#client).request(WorkerRequest.INIT, {
      cache: this.#host.cache(),
      __duringRestart: restarting,
    });
  }

  async #init(restarting, answer = this.#sendInit(restarting)) {
    const client = /** @type {ScreenWorkerClient} */ (this.#client);
    // list-src is asked for at once, so the worker downloads it while the module compiles.
    if (!restarting) this.#host.initSent();
    const info = await answer;
    this.engine = info;
    this.lists = info.lists;
    this.cached = info.cached;
    this.countries = new Set(info.countries.map((c) => c.code));
    // The list kept in the browser arrives when IndexedDB answers; a first result does not wait
    // for it (it is run again when the list lands). After a restart it must be back first.
    const restoring = this.#restoreCached(restarting);
    if (restarting) await restoring;
    if (this.listSource && !this.listSource.cachedOk) {
      // A new worker (after a restart, or for an element removed and added again) holds only
      // the built-in list; the list in use was not kept (no-cache): load the same bytes again,
      // before the first screening (which waits for this start).
      const { bytes, url, label, as_of, sha256 } = this.listSource;
      try {
        const r = await client.request(WorkerRequest.LOAD_LIST, {
          bytes,
          url,
          label,
          as_of,
          sha256,
          cache: false,
          __duringRestart: restarting,
        });
        this.lists = r.lists;
      } catch (err) {
        // The engine stopping again is the start's failure; a list that does not load now (its
        // list-src gone): the built-in list stays, which never clears a party, and the lists
        // panel says what failed.
        if (err?.code === WORKER_FAILED) throw err;
        this.listSource = null;
        this.loadedSrc = null;
        this.#listFailed(err, { label, url, sha256 });
      }
    }
    if (!restarting) await this.#host.initAnswered();
    this.#host.changed('lists');
    return info;
  }

  async #restoreCached(restarting) {
    try {
      const r = await this.request(WorkerRequest.RESTORE_CACHED, {
        sha256: this.#host.listPin(),
        __duringRestart: restarting,
      });
      if (!r.cached) return;
      this.lists = r.lists;
      this.cached = r.cached;
      this.#host.changed('lists');
      if (!restarting) this.#host.listsReplaced(true);
    } catch (err) {
      this.#host.failed(asError(err), 'engine');
    }
  }

  /** Forgets the reference data (the widget's language changed): loadReference() asks again. */
  forgetReference() {
    this.reference = null;
    this.#referenceLocale = null;
  }

  /**
   * Asks for the core's reference data in the widget's locale (the guided check's choices), once
   * per locale: a call while it is on its way, or once it is here, asks nothing.
   */
  async loadReference() {
    const locale = this.#host.locale();
    if (this.#referenceLocale === locale) return;
    this.#referenceLocale = locale;
    try {
      const reference = await this.request(WorkerRequest.REFERENCE, { locale });
      // The widget changed language meanwhile: the request for the new one is on its way.
      if (locale !== this.#host.locale()) return;
      this.reference = reference;
    } catch (err) {
      if (this.#referenceLocale === locale) this.#referenceLocale = null;
      this.reference = null;
      this.#host.failed(asError(err), 'reference');
    }
    this.#host.changed('reference');
  }

  /**
   * Lower-case hex SHA-256 of a text's UTF-8 bytes, or of bytes: WebCrypto where the page is a
   * secure context (it does not wait behind a list loading in the worker), else the core's.
   * @param {string|Uint8Array} data
   */
  async sha256(data) {
    return (
      (await webSha256(data)) ?? (await this.request(WorkerRequest.SHA256, { text: data })).sha256
    );
  }

  /**
   * Loads a list (bytes, or a URL the worker downloads) in place of the lists in use; resolves
   * with its info. A refused list leaves the lists as they were; the error is kept in listError.
   * @param {{bytes?: Uint8Array, url?: string, label: string, as_of?: string, sha256?: string}} source
   */
  async loadList({ bytes, url, label, as_of, sha256 }) {
    // No await once the engine is starting: the worker runs the request after init, and list-src,
    // sent before init is answered, keeps its place ahead of a waiting screening.
    if (!this.#ready) await this.start();
    this.listError = null;
    this.listJob = { kind: 'list', phase: url ? 'download' : 'parse', label };
    this.#host.listLoading(label);
    const cache = this.#host.cache();
    try {
      const r = await this.request(
        WorkerRequest.LOAD_LIST,
        // The bytes are copied, not transferred, so they can be loaded again after a worker restart.
        {
          bytes,
          url,
          label,
          as_of,
          sha256,
          cache,
        },
        { onProgress: (p) => this.#onListProgress(p) },
      );
      this.lists = r.lists;
      if (r.cached) this.cached = r.cached;
      this.listSource = { bytes, url, label, as_of, sha256, cachedOk: !!r.cached };
      this.listJob = null;
      this.#host.listLoaded(r);
      this.#host.listsReplaced(!!r.fromCache);
      return r.list;
    } catch (err) {
      this.listJob = null;
      if (url) this.loadedSrc = null;
      this.#listFailed(err, { label, url, sha256 });
      throw err;
    }
  }

  /** A list that did not load: kept as listError, and said in the lists panel. */
  #listFailed(err, { label, url, sha256 }) {
    this.listError = asError(err);
    // A pin that is not a SHA-256 is the host's mistake, and says so (the JS API refused it).
    if (
      this.listError.code === 'invalid_request' &&
      sha256 !== undefined &&
      !/^[0-9a-fA-F]{64}$/.test(sha256)
    )
      this.listError.key = 'error.list_pin_invalid';
    this.#host.listFailed(this.listError, { label, url });
  }

  #onListProgress(p) {
    if (!this.listJob) return;
    Object.assign(this.listJob, { phase: p.phase, loaded: p.loaded, total: p.total });
    this.#host.changed('listProgress');
  }

  /** Back to the built-in list alone (the kept copy is forgotten). */
  async useBuiltin() {
    const r = await this.request(WorkerRequest.USE_BUILTIN);
    this.lists = r.lists;
    this.cached = null;
    this.listSource = null;
    this.loadedSrc = null;
    return r;
  }

  /** Forgets the copy kept in IndexedDB (the lists in use stay). */
  async forgetCache() {
    await this.request(WorkerRequest.FORGET_CACHE);
    this.cached = null;
    if (this.listSource) this.listSource.cachedOk = false;
  }
}
