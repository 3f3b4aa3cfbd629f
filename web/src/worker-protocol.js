// The typed message protocol between <export-screen> and its worker (screen-worker.js), and the
// main-thread client that speaks it: request ids, progress, errors, and restart after a crash.
import { ScreenError } from './screen-error.js';

/**
 * Request types. A request is {id, type, ...payload}; the worker answers {id, ok: true, result}
 * or {id, ok: false, error: {code, message}}, and may send {id, progress} before that.
 * @readonly
 * @enum {string}
 */
export const WorkerRequest = Object.freeze({
  /** {cache: boolean} -> {version, rules_version, rules_date, lists, cached: null, countries} */
  INIT: 'init',
  /**
   * {sha256?} -> {lists, cached, superseded?}: loads the list kept in IndexedDB, if any (sent after
   * INIT; the worker reads IndexedDB beside its queue, so screening requests sent meanwhile run at
   * once, against the lists in use until it answers). `superseded` when a list was asked for
   * (loadList, useBuiltin), before or after it: the kept copy is only a starting point.
   */
  RESTORE_CACHED: 'restoreCached',
  /** {bytes?: Uint8Array, url?: string, label, as_of?, cache: boolean} -> {lists, list, cached, fromCache?} */
  LOAD_LIST: 'loadList',
  /** {} -> {lists}: only the built-in list */
  USE_BUILTIN: 'useBuiltin',
  /** {} -> {cached: null} */
  FORGET_CACHE: 'forgetCache',
  /** {request} -> a screening result (docs/api.md) */
  SCREEN: 'screen',
  /** {rows: [{name, country?, address?, type?}], as_of?, options?, locale?} -> {rows: [summary]} */
  SCREEN_ROWS: 'screenRows',
  /** {bytes: Uint8Array} -> {rows: string[][], lines: number[], separator} */
  PARSE_CSV: 'parseCsv',
  /** {locale} -> reference data of the rules, or null when the core has none */
  REFERENCE: 'reference',
  /** {item} -> classification of an item, or an error when the core cannot classify */
  CLASSIFY: 'classify',
  /** {text} -> {sha256} */
  SHA256: 'sha256',
});

/** Raised when the worker died (crash, out of memory); the client restarts it. */
export const WORKER_FAILED = 'worker_failed';

/**
 * Talks to one worker at a time. When the worker fails (an `error` event, or a `fatal` message
 * after the WebAssembly engine aborted), every pending request is rejected with
 * ScreenError('worker_failed'), the worker is replaced and `onRestart()` is awaited so the caller
 * can restore its lists before new requests run.
 */
export class ScreenWorkerClient {
  #createWorker;
  #onRestart;
  #worker = null;
  #pending = new Map();
  #nextId = 1;
  #restarting = null;

  /**
   * @param {{createWorker: () => Worker, onRestart?: (client: ScreenWorkerClient) => Promise<void>}} options
   */
  constructor({ createWorker, onRestart }) {
    this.#createWorker = createWorker;
    this.#onRestart = onRestart;
  }

  /** Starts the worker (if not running). */
  start() {
    if (this.#worker) return;
    const worker = this.#createWorker();
    worker.addEventListener('message', (e) => this.#onMessage(worker, e.data));
    worker.addEventListener('error', (e) => {
      e.preventDefault?.();
      this.#fail(worker, e.message || 'the worker stopped');
    });
    worker.addEventListener('messageerror', () =>
      this.#fail(worker, 'a message could not be read'),
    );
    this.#worker = worker;
  }

  /** The running worker (tests and hosts that need to observe it). */
  get worker() {
    return this.#worker;
  }

  /**
   * Sends a request; resolves with its result, rejects with ScreenError.
   * @param {string} type one of WorkerRequest
   * @param {object} [payload]
   * @param {{onProgress?: (p: object) => void, transfer?: Transferable[]}} [options]
   */
  async request(type, payload = {}, { onProgress, transfer = [] } = {}) {
    if (this.#restarting && type !== WorkerRequest.INIT && !payload.__duringRestart)
      await this.#restarting;
    this.start();
    const id = this.#nextId++;
    const worker = this.#worker;
    const { __duringRestart, ...body } = payload;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress, worker });
      worker.postMessage({ id, type, ...body }, transfer);
    });
  }

  /** Stops the worker for good; pending requests are rejected. */
  terminate() {
    const worker = this.#worker;
    this.#worker = null;
    worker?.terminate();
    for (const [id, p] of this.#pending) {
      p.reject(new ScreenError(WORKER_FAILED, 'the screening engine was stopped'));
      this.#pending.delete(id);
    }
  }

  #onMessage(worker, msg) {
    if (worker !== this.#worker || !msg || typeof msg !== 'object') return;
    if (msg.type === 'fatal') {
      this.#fail(worker, msg.error?.message ?? 'the screening engine stopped');
      return;
    }
    const p = this.#pending.get(msg.id);
    if (!p) return;
    if ('progress' in msg) {
      p.onProgress?.(msg.progress);
      return;
    }
    this.#pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else
      p.reject(
        new ScreenError(msg.error?.code ?? 'internal_error', msg.error?.message ?? 'unknown error'),
      );
  }

  #fail(worker, message) {
    if (worker !== this.#worker) return;
    worker.terminate();
    this.#worker = null;
    for (const [id, p] of this.#pending) {
      if (p.worker !== worker) continue;
      p.reject(
        new ScreenError(
          WORKER_FAILED,
          `the screening engine stopped (${message}); it was restarted`,
        ),
      );
      this.#pending.delete(id);
    }
    this.#restarting = (async () => {
      try {
        this.start();
        await this.#onRestart?.(this);
      } finally {
        this.#restarting = null;
      }
    })();
  }
}
