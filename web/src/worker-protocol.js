// The typed message protocol between <export-screen> and its worker (screen-worker.js), and the
// main-thread client that speaks it: request ids, progress, errors, and restart after a crash.
import { ScreenError } from './screen-error.js';

/**
 * Request types. A request is {id, type, ...payload}; the worker answers {id, ok: true, result}
 * or {id, ok: false, error: {code, message}}, and may send {id, progress} before that. Without an
 * id, the worker posts {type: 'fatal', error} when it stops, and {type: 'warmed', ms} once it has
 * run its code a first time (screen-worker.js), which the client ignores.
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
  /**
   * {bytes?: Uint8Array, url?: string, label, as_of?, cache: boolean, stall_ms?} -> {lists, list,
   * cached, fromCache?}. A url is downloaded by the worker: an HTTP error, a connection cut, a
   * web page in place of the list or nothing received for stall_ms (default 20 s) is
   * list_fetch_failed, more than 64 MiB announced or received list_too_large.
   */
  LOAD_LIST: 'loadList',
  /** {} -> {lists}: only the built-in list */
  USE_BUILTIN: 'useBuiltin',
  /** {} -> {cached: null} */
  FORGET_CACHE: 'forgetCache',
  /** {request} -> a screening result (docs/api.md) */
  SCREEN: 'screen',
  /** {rows: [{name, country?, address?, type?}], as_of?, options?, locale?} -> {rows: [summary]} */
  SCREEN_ROWS: 'screenRows',
  /**
   * {bytes: Uint8Array} (the file as it is) -> {rows: string[][], lines: number[], encoding, bom,
   * separator}: the core's reader with the separator sniffed (not_csv for a workbook or archive)
   */
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

/** How many times one request is sent again to a replaced worker before it is given up. */
export const MAX_RESENDS = 2;

/**
 * Talks to one worker at a time. When the worker fails (an `error` event, or a `fatal` message
 * after the WebAssembly engine ran out of memory or aborted), it is replaced and `onRestart()` is
 * awaited so the caller can restore its lists; then the requests the dead worker had not answered
 * are sent again, in their order, before any new one (issue 16: a screening queued behind an
 * out-of-memory list load is answered, not lost). The request that was running is not sent
 * again: after a `fatal` message the worker has already answered it (out_of_memory or
 * worker_failed); after an `error` event it is the oldest one unanswered, and it is rejected
 * with ScreenError('worker_failed'). A request is sent again at most MAX_RESENDS times, and the
 * restart's own requests never (a restart that fails rejects what waited for it).
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
      this.#fail(worker, e.message || 'the worker stopped', false);
    });
    worker.addEventListener('messageerror', () =>
      this.#fail(worker, 'a message could not be read', false),
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
    const message = { id, type, ...body };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        resolve,
        reject,
        onProgress,
        worker,
        message,
        // Transferred buffers are gone once posted: such a request cannot be sent again.
        resendable: !__duringRestart && type !== WorkerRequest.INIT && transfer.length === 0,
        resends: 0,
      });
      worker.postMessage(message, transfer);
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
      this.#fail(worker, msg.error?.message ?? 'the screening engine stopped', true);
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

  /**
   * @param {Worker} worker the worker that failed
   * @param {string} message why
   * @param {boolean} answered the worker answered the request it was running before it stopped
   */
  #fail(worker, message, answered) {
    if (worker !== this.#worker) return;
    worker.terminate();
    this.#worker = null;
    const failed = (why) =>
      new ScreenError(WORKER_FAILED, `the screening engine stopped (${why}); it was restarted`);
    const orphans = [...this.#pending]
      .filter(([, p]) => p.worker === worker)
      .sort(([a], [b]) => a - b)
      .map(([, p]) => p);
    // The worker runs its requests in order: without an answer, the oldest is the one running.
    let culprit = !answered;
    const resend = [];
    for (const p of orphans) {
      if (culprit && p.resendable) culprit = false;
      else if (p.resendable && p.resends < MAX_RESENDS) {
        resend.push(p);
        continue;
      }
      p.reject(failed(message));
      this.#pending.delete(p.message.id);
    }
    this.#restarting = (async () => {
      try {
        this.start();
        await this.#onRestart?.(this);
      } catch (err) {
        for (const p of resend) {
          p.reject(failed(`${message}; restarting failed: ${err?.message ?? err}`));
          this.#pending.delete(p.message.id);
        }
        throw err;
      } finally {
        this.#restarting = null;
      }
      const next = /** @type {Worker} */ (this.#worker);
      for (const p of resend) {
        if (!this.#pending.has(p.message.id)) continue;
        p.worker = next;
        p.resends++;
        next.postMessage(p.message);
      }
    })();
    this.#restarting.catch(() => {});
  }
}
