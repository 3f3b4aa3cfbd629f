// Paths and loaders shared by the node tests (they test the built artifacts in build/).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { Worker } from 'node:worker_threads';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const site = join(root, 'build/site');
// What npm installs: the same modules as the site, with the package.json that says they are ES modules.
export const dist = join(root, 'dist');
// The widget's own modules, which dist/ ships bundled into its entries (scripts/build-web.mjs).
export const webSrc = join(root, 'web/src');
export const cli = join(root, 'build/native/cli/exportscreen');
export const fixtures = join(root, 'tests/fixtures');
export const sharedData = resolve(root, '../shared/data');

// ---- the JSON contract (contract/exportscreen.schema.json) -----------------------------------

const schema = JSON.parse(readFileSync(join(root, 'contract/exportscreen.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
// Annotations of the schema (read by scripts/gen-contract.mjs and the doctest), not assertions.
ajv.addKeyword({ keyword: 'x-min-score', schemaType: 'number' });
ajv.addKeyword({ keyword: 'x-origin', schemaType: 'string' });
ajv.addSchema(schema);
const validators = new Map();

/**
 * Asserts that `value` is a `name` of the contract (a `$defs` entry: ScreenResult, Match,
 * ErrorEnvelope, ...); the message lists every violation.
 */
export function assertContract(name, value) {
  let validate = validators.get(name);
  if (!validate) {
    validate = ajv.getSchema(`${schema.$id}#/$defs/${name}`);
    if (!validate) throw new Error(`the contract has no ${name}`);
    validators.set(name, validate);
  }
  if (!validate(value)) {
    const errors = validate.errors.map(
      (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
    assert.fail(
      `not a ${name} of the contract:\n${errors.join('\n')}\n${JSON.stringify(value).slice(0, 400)}`,
    );
  }
  return value;
}

// What each CLI command writes per line, and what each method of the JS API returns.
const CLI_OUTPUT = {
  screen: 'ScreenResult',
  match: 'MatchOutput',
  rows: 'RowSummary',
  diff: 'DiffLine',
  compare: 'CompareOutput',
  lists: 'ListsOutput',
  classify: 'Classification',
  reference: 'Reference',
};
const API_OUTPUT = {
  screen: 'ScreenResult',
  match: 'MatchOutput',
  compare: 'CompareOutput',
  loadList: 'LoadListOutput',
  loadBuiltin: 'LoadListOutput',
  clearLists: (v) => assertContract('ListsOutput', { lists: v }),
  lists: (v) => assertContract('ListsOutput', { lists: v }),
  classify: 'Classification',
  reference: 'Reference',
  parseCsv: 'CsvOutput',
  countries: (v) => assertContract('CountriesOutput', { countries: v }),
  sha256: 'Sha256',
};

/**
 * Runs the CLI (spawnSync); every line it writes is checked against the contract: the command's
 * output, or an error envelope.
 */
export function runCli(args, input = '', options = {}) {
  const r = spawnSync(cli, args, { input, encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  const output = CLI_OUTPUT[args[0]];
  if (output && typeof r.stdout === 'string') {
    for (const line of r.stdout.split('\n').filter(Boolean)) {
      const value = JSON.parse(line);
      assertContract(
        value && typeof value === 'object' && 'error' in value ? 'ErrorEnvelope' : output,
        value,
      );
    }
  }
  return r;
}

/** An EngineSession host with no page behind it: no cache, English, every callback a no-op. */
export function quietSessionHost(createWorker) {
  return {
    createWorker,
    cache: () => false,
    listPin: () => undefined,
    locale: () => 'en',
    initSent() {},
    initAnswered: async () => {},
    changed() {},
    listLoading() {},
    listLoaded() {},
    listFailed() {},
    listsReplaced() {},
    failed() {},
  };
}

/** runCli with its standard output parsed: {status, lines (one JSON value each), stderr, stdout}. */
export function runCliLines(args, input = '') {
  const r = runCli(args, input);
  return {
    status: r.status,
    lines: r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
    stderr: r.stderr,
    stdout: r.stdout,
  };
}

// A Screener whose every answer is checked against the contract, and every ScreenError's code.
function checked(screener, ScreenError) {
  return new Proxy(screener, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const output = API_OUTPUT[key];
      return (...args) => {
        let result;
        try {
          result = value.apply(target, args);
        } catch (err) {
          if (err instanceof ScreenError) assertContract('ErrorCode', err.code);
          throw err;
        }
        if (typeof output === 'function') output(result);
        else if (output) assertContract(output, result);
        return result;
      };
    },
  });
}

/**
 * The JS API as shipped in dist/, with the wasm bytes read from disk. Every Screener it creates,
 * and the module-level classify(), reference() and version(), answer in the contract or fail the
 * test.
 */
export async function loadApi() {
  const api = await import(join(dist, 'screener.js'));
  const wasmBinary = readFileSync(join(dist, 'exportscreen-core.wasm'));
  const module =
    (fn, name) =>
    async (...args) =>
      assertContract(name, await fn(...args));
  return {
    ...api,
    classify: module(api.classify, 'Classification'),
    reference: module(api.reference, 'Reference'),
    version: module(api.version, 'VersionOutput'),
    create: async (opts = {}) =>
      checked(await api.createScreener({ wasmBinary, ...opts }), api.ScreenError),
  };
}

/** Path of a file under ../shared/data, or null (the caller skips with a message). */
export function shared(relative) {
  const p = join(sharedData, relative);
  return existsSync(p) ? p : null;
}

export const fixture = (name) => readFileSync(join(fixtures, name));

/**
 * The widget's worker (dist/screen-worker.js) in a node worker thread, behind the part of the
 * DOM Worker interface ScreenWorkerClient uses. `crash()` fails it the way a dead browser worker
 * does (an `error` event).
 */
export function workerThread() {
  const thread = new Worker(join(root, 'tests/js/worker-thread.mjs'), {
    workerData: { module: join(dist, 'screen-worker.js') },
  });
  const errorHandlers = [];
  return {
    addEventListener(type, handler) {
      if (type === 'message') thread.on('message', (data) => handler({ data }));
      else if (type === 'messageerror') thread.on('messageerror', handler);
      else if (type === 'error') {
        errorHandlers.push(handler);
        thread.on('error', (e) => handler({ message: e.message, preventDefault() {} }));
      }
    },
    postMessage: (message, transfer) => thread.postMessage(message, transfer),
    terminate: () => thread.terminate(),
    crash() {
      for (const handler of errorHandlers)
        handler({ message: 'simulated crash', preventDefault() {} });
    },
  };
}
