// The module worker behind <export-screen>: it owns the WebAssembly Screener, the IndexedDB list
// cache and every long computation, so typing, loading a list or screening a batch never
// freezes the page. Protocol: worker-protocol.js (WorkerRequest).
import { createScreener, version, ScreenError } from './screener.js';
import { ListCache } from './list-cache.js';
import { webSha256 } from './digest.js';
import { WorkerRequest } from './worker-protocol.js';

// The request types are the protocol's (worker-protocol.js); each has its handler below.
const REQUEST_TYPES = new Set(Object.values(WorkerRequest));

let screener = null;
let countries = null;

// The module is fetched and compiled, and the built-in list loaded, as soon as the worker runs:
// the page's init message finds it under way. A failure is reported to that message.
const starting = createScreener();
starting.catch(() => {});

let cachingAllowed = true;

// onmessage is registered synchronously (../shared/TOOLCHAIN.md: early messages are lost
// otherwise); requests run one after another, in the order they were sent.
let queue = Promise.resolve();
let waiting = 0; // requests queued and not yet answered
self.onmessage = (event) => {
  const msg = event.data;
  if (msg?.type === WorkerRequest.RESTORE_CACHED) {
    readKept(msg);
    return;
  }
  if (msg?.type === WorkerRequest.LOAD_LIST || msg?.type === WorkerRequest.USE_BUILTIN)
    listAsked = true;
  if (SCREENINGS.has(msg?.type)) warm = true;
  // A list to download is fetched as soon as its request arrives, while the requests before it
  // (the engine's start) run; loading it waits for its turn.
  if (msg?.type === WorkerRequest.LOAD_LIST && msg.url && !msg.bytes) msg.fetched = fetchList(msg);
  waiting += 1;
  clearTimeout(warmUpTimer);
  queue = queue
    .then(() => handle(msg))
    .then(() => {
      waiting -= 1;
      if (!warm && waiting === 0) warmUpTimer = setTimeout(warmUp, WARM_UP[warmUpStep].afterMs);
    });
};

// The first screening is the first run of most of the engine's code: the browser compiles each
// WebAssembly function at its first call, and the engine builds some tables on first use, so a
// first screening takes several times what the next takes (docs/benchmarks.md, time to first
// result). So once the engine is up and has nothing to do, it screens made-up parties, their
// answers thrown away, while the user is still typing, and posts {type: 'warmed', ms} when done:
// first, at once, a party that matches nothing (the request's parser, normalization, the index's
// lookups, the rules and the answer's writer); then, after 150 ms more with nothing to do, a
// listed party (the name comparisons, a strong match and possible leads, their findings), which
// waits so that it does not take a core from a page just loaded during a person's first
// keystrokes. Neither is the party the benchmark types (Huawei), so the benchmark measures what
// any name gets from them. Each step is a task of its own: none runs ahead of a request already
// sent, or once something was screened; a screening sent during one waits for it (a few tens of
// ms).
const SCREENINGS = new Set([WorkerRequest.SCREEN, WorkerRequest.SCREEN_ROWS]);
const WARM_UP = [
  { request: { parties: [{ name: 'Quiet Meadow Bakery Ltd' }] }, afterMs: 0 },
  { request: { parties: [{ name: 'Inspur Group Co., Ltd.' }] }, afterMs: 150 },
];
let warm = false;
let warmUpTimer;
let warmUpStep = 0;
let warmUpMs = 0;
function warmUp() {
  if (warm || waiting > 0 || !screener) return;
  const started = performance.now();
  try {
    screener.screen(WARM_UP[warmUpStep].request);
  } catch {
    // Whatever it answered, the code it ran is compiled; a real screening reports its own errors.
  }
  warmUpMs += performance.now() - started;
  warmUpStep += 1;
  if (warmUpStep < WARM_UP.length) {
    warmUpTimer = setTimeout(warmUp, WARM_UP[warmUpStep].afterMs);
    return;
  }
  warm = true;
  self.postMessage({ type: 'warmed', ms: warmUpMs });
}

// {got} or {error}: never rejects, so a download that fails before its turn is not unhandled.
function fetchList(msg) {
  const stallMs = Number(msg.stall_ms) > 0 ? Number(msg.stall_ms) : undefined;
  return download(msg.url, (progress) => self.postMessage({ id: msg.id, progress }), stallMs).then(
    (got) => ({ got }),
    (error) => ({ error }),
  );
}

// Whether a list was asked for (loaded, downloaded or the built-in one chosen): the kept copy is
// only a starting point, and never replaces a list asked for, whichever request arrived first.
let listAsked = false;

// Reading IndexedDB takes a cold Chromium 100-200 ms (it creates its store on a first visit), so
// the read happens beside the queue; only loading what it found joins the queue, and screening
// requests sent meanwhile do not wait for it.
async function readKept(msg) {
  const entry = cachingAllowed && !listAsked ? await ListCache.get() : null;
  queue = queue.then(() => handle({ ...msg, entry }));
}

async function handle(msg) {
  const { id, type } = msg ?? {};
  if (!REQUEST_TYPES.has(type)) {
    self.postMessage({
      id,
      ok: false,
      error: { code: 'invalid_request', message: `unknown request type ${String(type)}` },
    });
    return;
  }
  try {
    const result = await HANDLERS[type](msg, (progress) => self.postMessage({ id, progress }));
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    if (err instanceof ScreenError) {
      self.postMessage({ id, ok: false, error: { code: err.code, message: err.message } });
      if (err.code === 'out_of_memory') {
        // The core refused cleanly and changed nothing, but a WebAssembly heap never shrinks: this
        // worker would hold its maximum (1,024 MiB) for good. The page starts a fresh one and
        // restores its lists (worker-protocol.js).
        self.postMessage({
          type: 'fatal',
          error: { message: 'out of memory; the engine is reloaded to free its memory' },
        });
        self.close();
      }
      return;
    }
    // Anything else is the engine failing (a WebAssembly abort, out of memory): the module's
    // state cannot be trusted any more, so the page replaces this worker.
    const message = String(err?.message ?? err);
    self.postMessage({ id, ok: false, error: { code: 'worker_failed', message } });
    self.postMessage({ type: 'fatal', error: { message } });
    self.close();
  }
}

function live() {
  if (!screener) throw new ScreenError('invalid_request', 'the worker is not initialized');
  return screener;
}

function cacheSummary(entry) {
  if (!entry) return null;
  const { bytes, ...meta } = entry;
  return meta;
}

async function loadBytes(bytes, options, onProgress) {
  onProgress({ phase: 'parse' });
  // WebCrypto hashes the file in a tenth of the core's time; without it the core hashes as it parses.
  const known = await webSha256(bytes);
  const loaded = live().loadList(bytes, {
    ...options,
    ...(known ? { known_sha256: known } : {}),
    replace: true,
    onProgress: (p) =>
      onProgress({ phase: p?.phase ?? 'parse', loaded: p?.loaded, total: p?.total }),
  });
  return { list: loaded.list, lists: keepBuiltinBeside(loaded.list) };
}

// A loaded list that holds no Entity List entry (the UN list in the CSL layout, an OFAC set), or
// far fewer than the Entity List has (a sample), replaces the lists in use but not the built-in
// list's Entity List entries: they are screened beside it, so such a file never loses a Huawei
// match the built-in list makes. A list with the Entity List complete has them all (the built-in
// list is a selection of them).
function keepBuiltinBeside(list) {
  const lacks = (gaps) => gaps?.some((m) => m.code === 'EL');
  if (lacks(list.missing_sources) || lacks(list.incomplete_sources)) live().loadBuiltin();
  return live().lists();
}

// Date of a fetched file from its Last-Modified header, as YYYY-MM-DD.
function headerDate(response) {
  const d = new Date(response.headers.get('last-modified') ?? '');
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

// A list's limit in bytes (core/include/exportscreen/limits.h, kMaxListBytes): a download past it
// is stopped there, and one that announces more is not started (list_too_large, docs/api.md).
const MAX_LIST_BYTES = 64 * 1024 * 1024;
// A download that receives nothing for this long is given up (the server stalls, the network is
// gone without a reset): the lists panel then says so, and the lists in use stay. A request may
// ask for less (stall_ms, for tests).
const LIST_STALL_MS = 20000;

async function download(url, onProgress, stallMs = LIST_STALL_MS) {
  const abort = new AbortController();
  let stalled = false;
  let timer = 0;
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      abort.abort();
    }, stallMs);
  };
  const seconds = `${Math.round(stallMs / 100) / 10} s`;
  const failure = (err) =>
    err instanceof ScreenError
      ? err
      : new ScreenError(
          'list_fetch_failed',
          stalled
            ? `${url}: the server sent nothing for ${seconds}; the download was given up`
            : `${url}: ${err?.message ?? err}`,
        );
  watch();
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal: abort.signal });
    if (!response.ok) throw new ScreenError('list_fetch_failed', `${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get('content-length')) || undefined;
    if (total !== undefined && total > MAX_LIST_BYTES) {
      abort.abort();
      throw new ScreenError(
        'list_too_large',
        `${url}: the server announces ${total} bytes; the limit is ${MAX_LIST_BYTES} (nothing was downloaded)`,
      );
    }
    const type = (response.headers.get('content-type') ?? '').toLowerCase();
    const chunks = [];
    let loaded = 0;
    const add = (value) => {
      loaded += value.byteLength;
      if (loaded > MAX_LIST_BYTES) {
        abort.abort();
        throw new ScreenError(
          'list_too_large',
          `${url}: more than ${MAX_LIST_BYTES} bytes; the download was stopped there`,
        );
      }
      chunks.push(value);
    };
    if (!response.body) add(new Uint8Array(await response.arrayBuffer()));
    else {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        watch();
        add(value);
        onProgress({ phase: 'download', loaded, total });
      }
    }
    // A body shorter than announced was cut (browsers usually fail the read itself).
    if (total !== undefined && loaded < total)
      throw new ScreenError(
        'list_fetch_failed',
        `${url}: the connection was cut after ${loaded} of ${total} bytes`,
      );
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    // A web page in place of the list (a sign-in portal, a proxy's or server's error page sent
    // with 200): named as such. Any other Content-Type is left to the core, which reads the bytes.
    if (
      type.startsWith('text/html') &&
      /^\s*</.test(new TextDecoder().decode(bytes.subarray(0, 256)))
    )
      throw new ScreenError(
        'list_fetch_failed',
        `${url}: the server sent a web page (${type}), not a list file`,
      );
    return { bytes, date: headerDate(response) };
  } catch (err) {
    throw failure(err);
  } finally {
    clearTimeout(timer);
  }
}

const HANDLERS = {
  async init(msg) {
    cachingAllowed = msg.cache !== false;
    if (!screener) {
      screener = await starting;
      countries = screener.countries();
    }
    const v = await version();
    return { ...v, countries, lists: screener.lists(), cached: null };
  },

  // The list kept in IndexedDB (read by readKept), loaded if its bytes still hash to what was
  // recorded (and to the host's pin).
  async restoreCached({ entry, sha256 }) {
    if (listAsked) return { lists: live().lists(), cached: null, superseded: true };
    let usable = false;
    let pinRefused = false;
    const actual = entry?.bytes
      ? ((await webSha256(entry.bytes)) ?? live().sha256(entry.bytes))
      : null;
    if (actual && actual === entry.sha256) {
      try {
        // A host that pins list-src's hash gets no kept copy of another file.
        const { list } = live().loadList(entry.bytes, {
          label: entry.label,
          ...(entry.as_of ? { as_of: entry.as_of } : {}),
          ...(sha256 != null ? { sha256 } : {}),
          known_sha256: actual,
          replace: true,
        });
        keepBuiltinBeside(list);
        usable = true;
      } catch (err) {
        // A kept copy this version of the core no longer reads: drop it, keep the built-in list.
        if (!(err instanceof ScreenError)) throw err;
        pinRefused = err.code === 'list_hash_mismatch' || err.code === 'invalid_request';
      }
    }
    if (!usable && entry && !pinRefused) await ListCache.delete();
    return { lists: live().lists(), cached: usable ? cacheSummary(entry) : null };
  },

  async loadList(msg, onProgress) {
    let bytes = msg.bytes;
    let asOf = msg.as_of;
    if (!bytes && msg.url) {
      const { got, error: err } = await (msg.fetched ?? fetchList(msg));
      if (got) {
        bytes = got.bytes;
        asOf ??= got.date;
      } else {
        // Offline (or the server is down): the cached copy of the same file is still good.
        const entry = cachingAllowed ? await ListCache.get() : null;
        if (entry?.source_url === msg.url && entry.bytes) {
          const { list, lists } = await loadBytes(
            entry.bytes,
            {
              label: entry.label,
              ...(entry.as_of ? { as_of: entry.as_of } : {}),
              ...(msg.sha256 != null ? { sha256: msg.sha256 } : {}),
            },
            onProgress,
          );
          return {
            list,
            lists,
            cached: cacheSummary(entry),
            fromCache: true,
            fetchError: String(err?.message ?? err),
          };
        }
        if (err instanceof ScreenError) throw err;
        throw new ScreenError('list_fetch_failed', `${msg.url}: ${err?.message ?? err}`);
      }
    }
    if (!(bytes instanceof Uint8Array))
      throw new ScreenError('invalid_request', 'loadList needs bytes or a url');
    const options = {
      label: msg.label,
      ...(asOf ? { as_of: asOf } : {}),
      ...(msg.sha256 != null ? { sha256: msg.sha256 } : {}),
    };
    const { list, lists } = await loadBytes(bytes, options, onProgress);
    let cached = null;
    if (cachingAllowed && msg.cache !== false) {
      const entry = {
        bytes,
        label: list.source,
        as_of: list.as_of,
        sha256: list.sha256,
        records: list.records,
        format: list.format,
        source_url: msg.url ?? null,
        saved_at: new Date().toISOString(),
      };
      if (await ListCache.put(entry)) cached = cacheSummary(entry);
    }
    return { list, lists, cached };
  },

  async useBuiltin() {
    live().clearLists();
    live().loadBuiltin();
    if (cachingAllowed) await ListCache.delete();
    return { lists: live().lists(), cached: null };
  },

  async forgetCache() {
    await ListCache.delete();
    return { cached: null };
  },

  async screen(msg) {
    return live().screen(msg.request);
  },

  async screenRows(msg) {
    // The engine's heap with each block: the batch view reports its peak (it never shrinks).
    return { rows: screenRows(msg), heap_bytes: live().heapBytes() };
  },

  // The core reads the user's bytes as they are: it tells the encoding (UTF-8, UTF-16 with its
  // byte-order mark, Windows-1252), refuses a workbook or archive (not_csv) and sniffs the
  // separator from the first line; the answer says what it read (docs/api.md, party CSV files).
  async parseCsv(msg) {
    return live().parseCsv(msg.bytes, { separator: 'auto' });
  },

  async reference(msg) {
    return live().reference(msg.locale);
  },

  async classify(msg) {
    return live().classify(msg.item);
  },

  async sha256(msg) {
    return { sha256: live().sha256(msg.text) };
  },
};

const SEVERITY = { clear: 0, review: 1, license_required: 2, stop: 3 };
const MAX_NAME_BYTES = 1024;

// Screens a chunk of batch rows and returns one summary per row: its verdict (the most severe
// finding about it, or about every party), the best match and the rules that fired. A row that
// cannot be screened (no name, bad country) gets its own error; the others are still screened.
function screenRows({ rows, as_of, options, locale }) {
  const valid = new Set(countries.map((c) => c.code));
  const out = rows.map(() => null);
  const parties = [];
  const index = [];
  const encoder = new TextEncoder();
  rows.forEach((row, i) => {
    const name = String(row.name ?? '').trim();
    const country = String(row.country ?? '')
      .trim()
      .toUpperCase();
    if (!name) out[i] = { error: { code: 'invalid_request', message: 'the name is empty' } };
    else if (encoder.encode(name).length > MAX_NAME_BYTES)
      out[i] = {
        error: {
          code: 'request_too_large',
          message: `the name is longer than ${MAX_NAME_BYTES} bytes`,
        },
      };
    else if (country && !valid.has(country))
      out[i] = {
        error: {
          code: 'invalid_country',
          message: `"${country.slice(0, 16)}" is not an ISO 3166-1 alpha-2 country code`,
        },
      };
    else {
      const party = { name };
      if (country) party.country = country;
      if (row.address) party.address = String(row.address).slice(0, 4096);
      if (row.type && /^(person|organization)$/.test(row.type)) party.type = row.type;
      parties.push(party);
      index.push(i);
    }
  });
  if (parties.length) {
    /** @type {{parties: object[], as_of?: string, options?: object, locale?: string}} */
    const request = { parties, ...(as_of ? { as_of } : {}), ...(options ? { options } : {}) };
    if (locale) request.locale = locale;
    let result;
    try {
      result = live().screen(request);
    } catch (err) {
      if (!(err instanceof ScreenError)) throw err;
      // One bad row should not sink the chunk: screen them one by one to find it.
      index.forEach((rowIndex, k) => {
        try {
          out[rowIndex] = summarize(live().screen({ ...request, parties: [parties[k]] }), 0);
        } catch (e) {
          if (!(e instanceof ScreenError)) throw e;
          out[rowIndex] = { error: { code: e.code, message: e.message } };
        }
      });
      return out;
    }
    index.forEach((rowIndex, k) => {
      out[rowIndex] = summarize(result, k);
    });
  }
  return out;
}

function summarize(result, party) {
  let verdict = 'clear';
  const rules = [];
  for (const f of result.findings) {
    const about = f.subject?.party ?? f.evidence?.party;
    if (about !== undefined && about !== party) continue;
    if (SEVERITY[f.severity] > SEVERITY[verdict]) verdict = f.severity;
    if (!rules.includes(f.rule)) rules.push(f.rule);
  }
  const matches = result.party_matches.filter((m) => m.party === party);
  const best = matches[0];
  return {
    verdict,
    rules,
    matches: matches.length,
    best: best
      ? {
          name: best.name,
          matched_name: best.matched_name,
          alias: best.alias,
          score: best.score,
          source: best.source,
          source_code: best.source_code,
          entry_id: best.id,
        }
      : null,
  };
}
