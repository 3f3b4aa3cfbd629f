// The JavaScript API over the exportscreen WebAssembly core: one async, memoized factory and a
// Screener whose methods take and return plain objects in the JSON contract of docs/api.md.
import createExportScreenCore from './exportscreen-core.mjs';
import { ScreenError } from './screen-error.js';

export { ScreenError };

const modules = new Map();

/**
 * Loads (once per wasm location) and returns the Emscripten module.
 * @param {{wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array}} [options]
 */
function loadModule(options = {}) {
  // Written as new URL('./file', import.meta.url) for bundlers: Vite and webpack 5 emit the .wasm
  // as an asset and rewrite this URL to it. (The single-file build used offline has the wasm
  // inlined and never asks for this URL.)
  const wasmUrl = String(options.wasmUrl ?? new URL('./exportscreen-core.wasm', import.meta.url));
  const key = options.wasmBinary ? options.wasmBinary : wasmUrl;
  let pending = modules.get(key);
  if (!pending) {
    pending = coreOptions(options.wasmBinary, wasmUrl)
      .then((config) => createExportScreenCore(config))
      .catch((err) => {
        modules.delete(key);
        throw new ScreenError(
          'wasm_load_failed',
          `the WebAssembly core could not be loaded: ${err?.message ?? err}`,
        );
      });
    modules.set(key, pending);
  }
  return pending;
}

// How the Emscripten module gets its .wasm: the bytes given; read from disk outside a browser
// (Node's fetch cannot read a file: URL); fetched (and compiled as it streams) in a browser.
async function coreOptions(wasmBinary, wasmUrl) {
  if (wasmBinary) return { wasmBinary };
  if (isLocalFile(wasmUrl)) {
    // Imported only here, so a browser never fetches it (scripts/build-web.mjs ships it as
    // written, beside the bundles).
    const { readLocalFile } = await import('./local-file.js');
    return { wasmBinary: await readLocalFile(wasmUrl) };
  }
  return { locateFile: (file) => (file.endsWith('.wasm') ? wasmUrl : file) };
}

/**
 * Whether `url` names a file this runtime reads from disk: a file: URL outside a browser.
 * @param {string} url
 */
function isLocalFile(url) {
  const runtime = /** @type {any} */ (globalThis).process;
  return url.startsWith('file:') && typeof runtime?.versions?.node === 'string';
}

// Parses a JSON reply of the core; throws ScreenError for the {"error": ...} envelope.
function unwrap(text) {
  const value = JSON.parse(text);
  if (value && typeof value === 'object' && 'error' in value && value.error?.code) {
    throw new ScreenError(value.error.code, value.error.message);
  }
  return value;
}

// List data as bytes: text is encoded as UTF-8.
function toBytes(data) {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data instanceof Uint8Array) return data;
  throw new ScreenError(
    'invalid_request',
    'list data must be bytes (Uint8Array, ArrayBuffer) or text',
  );
}

// Frees sessions whose Screener was garbage-collected without delete().
const registry = new FinalizationRegistry((session) => {
  if (!session.isDeleted()) session.delete();
});

/** A screening session: the lists it holds and the screening, matching and compare calls. */
export class Screener {
  #session;
  #module;

  /** Use createScreener(). */
  constructor(module, session) {
    this.#module = module;
    this.#session = session;
    registry.register(this, session, this);
  }

  #live() {
    if (!this.#session) throw new ScreenError('deleted', 'this Screener was deleted');
    return this.#session;
  }

  /**
   * Screens a request {as_of?, parties: [{name, role?, country?, address?, headquarters_country?}],
   * items?, destination?, end_use?, locale?, options?} and returns the result {verdict, findings,
   * classifications, open_questions, license_exceptions, party_matches, lists, rules_version,
   * rules_date, as_of, locale, notice}.
   */
  screen(request) {
    return unwrap(this.#live().screen(JSON.stringify(request)));
  }

  /**
   * Matches one name: match('Huawei') or match({name, type?: 'person'|'organization', country?,
   * preset?: 'strict'|'balanced'|'broad', min_score?, limit?, sources?, programs?, countries?}).
   * Returns {query, matches: [...]}.
   */
  match(query) {
    const q = typeof query === 'string' ? { name: query } : query;
    return unwrap(this.#live().match(JSON.stringify(q)));
  }

  /** Compares two names, optionally both of one type ('person' or 'organization'); returns
   * {score, match, explanation}. */
  compare(a, b, type) {
    const pair = type ? { a, b, type } : { a, b };
    return unwrap(this.#module.compare(JSON.stringify(pair)));
  }

  /**
   * Loads a list: the CSL CSV or JSON file from trade.gov, or OFAC's legacy CSV set (sdn.csv or
   * cons_prim.csv with any of alt.csv, add.csv, sdn_comments.csv, given together as an array).
   * The bytes are fed to the core in chunks, parsed and hashed as they go; `onProgress` is called
   * between chunks with {phase: 'parse', loaded, total} (bytes), then {phase: 'index', loaded,
   * total} (records) before and after the list is indexed. Nothing changes unless the whole list
   * is valid.
   * @param {Uint8Array|ArrayBuffer|string|Array<Uint8Array|ArrayBuffer|string|{name?: string, data: Uint8Array|ArrayBuffer|string}>} data
   * @param {{label?: string, as_of?: string, format?: 'auto'|'csl_csv'|'csl_json'|'ofac_csv',
   *   replace?: boolean, onProgress?: (p: {phase: 'parse'|'index', loaded: number, total: number}) => void,
   *   chunkSize?: number, sha256?: string, known_sha256?: string}} [options] `sha256`: the expected
   *   SHA-256 of the (one) file, 64 hex digits; a file with another hash is refused
   *   (`list_hash_mismatch`) before parsing. The lists stay as they were. `known_sha256`: the (one)
   *   file's SHA-256 when the caller has already computed it (the widget's worker, with WebCrypto):
   *   it is recorded, and checked against the pin, instead of hashing the bytes again.
   * @throws {ScreenError} list_hash_mismatch, invalid_request (a malformed pin) or the core's list errors
   * @returns {{list: object, lists: object[]}}
   */
  loadList(data, options = {}) {
    const session = this.#live();
    const { onProgress, chunkSize = 1 << 20, sha256: pinned, ...coreOptions } = options;
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      throw new ScreenError('invalid_request', 'onProgress must be a function');
    }
    if (pinned !== undefined && (typeof pinned !== 'string' || !/^[0-9a-fA-F]{64}$/.test(pinned))) {
      throw new ScreenError(
        'invalid_request',
        'sha256 (the pinned SHA-256 of the list file) must be 64 hexadecimal digits',
      );
    }
    if (pinned !== undefined && Array.isArray(data)) {
      throw new ScreenError('invalid_request', 'sha256 pins one list file; an OFAC set is several');
    }
    if (!Number.isInteger(chunkSize) || chunkSize < 1) {
      throw new ScreenError('invalid_request', 'chunkSize must be a positive integer');
    }
    const files = (Array.isArray(data) ? data : [data]).map((f, i) => {
      const named =
        f !== null && typeof f === 'object' && 'data' in f && !(f instanceof Uint8Array);
      return {
        name: named && f.name ? String(f.name) : Array.isArray(data) ? `file ${i + 1}` : '',
        bytes: toBytes(named ? f.data : f),
      };
    });
    if (files.length === 0) throw new ScreenError('empty_list', 'no list file given');
    if (pinned !== undefined) {
      // Checked before a byte is parsed: a file that is not the pinned one never reaches the lists.
      // A hash the caller already has (known_sha256, checked by the core) is not computed again.
      const known =
        typeof coreOptions.known_sha256 === 'string' &&
        /^[0-9a-fA-F]{64}$/.test(coreOptions.known_sha256)
          ? coreOptions.known_sha256.toLowerCase()
          : null;
      const actual = known ?? unwrap(this.#module.sha256(files[0].bytes)).sha256;
      if (actual !== pinned.toLowerCase()) {
        throw new ScreenError(
          'list_hash_mismatch',
          `the list file's SHA-256 is ${actual}, not the pinned ${pinned.toLowerCase()}`,
        );
      }
      // The loader records this hash rather than hashing the same bytes a second time.
      coreOptions.known_sha256 ??= actual;
    }
    const total = files.reduce((n, f) => n + f.bytes.length, 0);
    const loader = new this.#module.ListLoader();
    try {
      unwrap(loader.begin(JSON.stringify(coreOptions)));
      let loaded = 0;
      for (const f of files) {
        if (files.length > 1 || f.name) unwrap(loader.beginFile(f.name));
        for (
          let at = 0;
          at < f.bytes.length || (at === 0 && f.bytes.length === 0);
          at += chunkSize
        ) {
          const chunk = f.bytes.subarray(at, at + chunkSize);
          unwrap(loader.feed(chunk));
          loaded += chunk.length;
          onProgress?.({ phase: 'parse', loaded, total });
          if (f.bytes.length === 0) break;
        }
      }
      const { records } = unwrap(loader.finish());
      onProgress?.({ phase: 'index', loaded: 0, total: records });
      const result = unwrap(session.addLoaded(loader));
      onProgress?.({ phase: 'index', loaded: records, total: records });
      return result;
    } finally {
      loader.delete();
    }
  }

  /** Adds the built-in list (a partial Entity List selection for AI-chip parties). */
  loadBuiltin() {
    return unwrap(this.#live().loadBuiltin());
  }

  /** Removes every list. */
  clearLists() {
    return unwrap(this.#live().clearLists()).lists;
  }

  /** Describes the loaded lists: [{source, records, names, as_of, sha256, ...}]. */
  lists() {
    return unwrap(this.#live().lists()).lists;
  }

  /**
   * Classifies one item: {name} (a catalog chip) or {tops, sparse?, die_area_mm2?, datacenter?, ...}.
   * Returns {tpp, performance_density, eccn, paragraph, reason, gp10, tests, chip, ...} (docs/api.md).
   * @param {object} item
   * @param {{as_of?: string, locale?: 'en'|'zh'}} [options]
   */
  classify(item, options = {}) {
    this.#live();
    return classifyWith(this.#module, item, options);
  }

  /**
   * Everything a form needs to ask the questions, in one locale: {chips, end_uses, red_flags, roles,
   * country_groups, precisions, destinations, rules_version, rules_date, ...}.
   * @param {'en'|'zh'} [locale]
   * @param {{as_of?: string}} [options] country groups as of this date (default today)
   */
  reference(locale = 'en', options = {}) {
    this.#live();
    return referenceWith(this.#module, locale, options);
  }

  /**
   * Reads a user's CSV file (a batch of parties) with the core's CSV reader.
   * @param {Uint8Array|ArrayBuffer|string} data
   * @param {{separator?: ','|';'|'\t'}} [options]
   * @returns {{rows: string[][], lines: number[]}}
   */
  parseCsv(data, options = {}) {
    return unwrap(this.#module.parseCsv(toBytes(data), JSON.stringify(options)));
  }

  /** The country codes the core accepts: [{code, name}] (ISO 3166-1 alpha-2 plus XK). */
  countries() {
    return unwrap(this.#module.countries()).countries;
  }

  /** Lower-case hex SHA-256 of bytes or text (UTF-8), computed by the core. */
  sha256(data) {
    return unwrap(this.#module.sha256(toBytes(data))).sha256;
  }

  /**
   * Bytes of the WebAssembly heap of the module this Screener runs on (shared by the Screeners of
   * one page or worker). A WebAssembly heap grows and never shrinks, so this is also its peak.
   */
  heapBytes() {
    return this.#module.HEAP8.buffer.byteLength;
  }

  /** Frees the session's memory in the WebAssembly heap. The Screener is unusable afterwards. */
  delete() {
    if (!this.#session) return;
    registry.unregister(this);
    this.#session.delete();
    this.#session = null;
  }
}

/**
 * Creates a Screener. The WebAssembly module is loaded once and shared.
 * @param {{wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array, builtin?: boolean}} [options]
 *   wasmUrl: where exportscreen-core.wasm lives (default: next to this module; a file: URL, as in
 *   Node, is read from disk, any other is fetched);
 *   wasmBinary: the module's bytes, instead of fetching or reading it;
 *   builtin: load the built-in list (default true).
 * @returns {Promise<Screener>}
 */
export async function createScreener(options = {}) {
  const module = await loadModule(options);
  const screener = new Screener(module, new module.Session());
  if (options.builtin !== false) screener.loadBuiltin();
  return screener;
}

function classifyWith(module, item, options) {
  if (!item || typeof item !== 'object' || Array.isArray(item)) {
    throw new ScreenError('invalid_request', 'an item must be an object');
  }
  return unwrap(module.classify(JSON.stringify({ ...item, ...options })));
}

function referenceWith(module, locale, options) {
  return unwrap(module.reference(JSON.stringify({ ...options, locale })));
}

/**
 * Classifies one item without a Screener (loads the module first).
 * @param {object} item @param {{as_of?: string, locale?: 'en'|'zh', wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array}} [options]
 */
export async function classify(item, options = {}) {
  const { wasmUrl, wasmBinary, ...rest } = options;
  return classifyWith(await loadModule({ wasmUrl, wasmBinary }), item, rest);
}

/**
 * The reference without a Screener (loads the module first).
 * @param {'en'|'zh'} [locale] @param {{as_of?: string, wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array}} [options]
 */
export async function reference(locale = 'en', options = {}) {
  const { wasmUrl, wasmBinary, ...rest } = options;
  return referenceWith(await loadModule({ wasmUrl, wasmBinary }), locale, rest);
}

/** Version of the core and of its rule data: {version, rules_version, rules_date}. */
export async function version(options = {}) {
  const module = await loadModule(options);
  return unwrap(module.version());
}
