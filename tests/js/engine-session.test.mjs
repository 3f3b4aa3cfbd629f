// Node tests of the widget's engine session (web/src/engine-session.js) against the
// real worker (dist/screen-worker.js in a worker thread): start-up order, list loading with
// progress, a refused list, the reference data, the built-in list, and a crashed worker replaced
// with the loaded list restored from the bytes the session kept, and a user's CSV file read by
// the core as it is (encoding, separator, a workbook refused). No DOM is involved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fixture, workerThread, webSrc } from './support.mjs';

const { EngineSession } = await import(join(webSrc, 'engine-session.js'));
const { WorkerRequest } = await import(join(webSrc, 'worker-protocol.js'));

// A host that records what the session tells it, in order.
function recordingHost(overrides = {}) {
  const calls = [];
  const workers = [];
  const host = {
    calls,
    workers,
    createWorker() {
      const w = workerThread();
      workers.push(w);
      return w;
    },
    cache: () => true,
    listPin: () => undefined,
    locale: () => 'en',
    initSent: () => calls.push(['initSent']),
    initAnswered: async () => calls.push(['initAnswered']),
    changed: (what) => calls.push(['changed', what]),
    listLoading: (label) => calls.push(['listLoading', label]),
    listLoaded: (r) => calls.push(['listLoaded', r.list.records]),
    listFailed: (error, request) => calls.push(['listFailed', error.code, request.label]),
    listsReplaced: (fromCache) => calls.push(['listsReplaced', fromCache]),
    failed: (error, mode) => calls.push(['failed', error.code, mode]),
    ...overrides,
  };
  return host;
}

const names = (calls) => calls.map((c) => c[0]);

test('start: init is asked for, list-src may follow at once, the engine answers with the built-in list', async () => {
  const host = recordingHost();
  const session = new EngineSession(host);
  assert.equal(session.starting, false);
  const started = session.start();
  assert.equal(session.starting, true);
  assert.equal(session.start(), started, 'start() is idempotent');
  const info = await started;
  try {
    assert.deepEqual(names(host.calls).slice(0, 2), ['initSent', 'initAnswered']);
    assert.ok(host.calls.some((c) => c[0] === 'changed' && c[1] === 'lists'));
    assert.match(info.version, /^\d+\.\d+\.\d+$/);
    // The widget's presets and roles: the core's, with the engine's start.
    assert.deepEqual(
      info.presets.map((p) => p.id),
      ['strict', 'balanced', 'broad'],
    );
    assert.ok(info.roles.includes('end_user'));
    assert.equal(session.engine, info);
    assert.equal(session.lists.length, 1);
    assert.equal(session.lists[0].builtin, true);
    assert.ok(session.countries.has('CN') && !session.countries.has('XX'));
    const result = await session.request(WorkerRequest.SCREEN, {
      request: { parties: [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }] },
    });
    assert.equal(result.verdict, 'license_required');
  } finally {
    session.stop();
  }
  assert.equal(session.client, null);
});

test('loadList: progress, then the list replaces the built-in one; a broken file changes nothing', async () => {
  const host = recordingHost();
  const session = new EngineSession(host);
  await session.start();
  host.calls.length = 0;
  try {
    // A complete-size list (a sample, with far fewer Entity List entries, is screened beside
    // the built-in list: tests/browser/false-greens.test.mjs).
    const bytes = new Uint8Array(fixture('csl-complete.csv'));
    const list = await session.loadList({ bytes, label: 'csl-complete.csv', as_of: '2026-11-20' });
    assert.equal(list.records, 2467);
    assert.deepEqual(
      session.lists.map((l) => [l.records, l.as_of, l.builtin]),
      [[2467, '2026-11-20', false]],
    );
    assert.equal(session.listJob, null);
    assert.equal(session.listError, null);
    assert.equal(session.listSource.bytes, bytes, 'the bytes are kept for a restart');
    const order = names(host.calls).filter((n) => n.startsWith('list') || n === 'changed');
    assert.equal(order[0], 'listLoading');
    assert.deepEqual(order.slice(-2), ['listLoaded', 'listsReplaced']);
    assert.ok(
      host.calls.some((c) => c[0] === 'changed' && c[1] === 'listProgress'),
      'progress was reported',
    );

    // A file cut inside a record: refused, reported, the loaded list stays.
    host.calls.length = 0;
    await assert.rejects(
      session.loadList({ bytes: bytes.subarray(0, bytes.length - 30), label: 'broken.csv' }),
      (e) => e.code === 'truncated_list',
    );
    assert.deepEqual(host.calls.at(-1), ['listFailed', 'truncated_list', 'broken.csv']);
    assert.equal(session.listError.code, 'truncated_list');
    assert.equal(session.lists[0].records, 2467);

    // A pin that is not a SHA-256 is the host's mistake, and the error says so.
    await assert.rejects(session.loadList({ bytes, label: 'pinned.csv', sha256: 'abc' }));
    assert.equal(session.listError.key, 'error.list_pin_invalid');

    await session.useBuiltin();
    assert.equal(session.lists.length, 1);
    assert.equal(session.lists[0].builtin, true);
    assert.equal(session.listSource, null);
  } finally {
    session.stop();
  }
});

test('the reference data comes in the locale the host is in; a crashed worker is replaced and the list loaded again', async () => {
  let locale = 'zh';
  const host = recordingHost({ locale: () => locale });
  const session = new EngineSession(host);
  await session.start();
  try {
    await session.loadReference();
    assert.equal(session.reference.locale, 'zh');
    assert.ok(session.reference.roles.some((r) => r.id === 'purchaser'));
    assert.deepEqual(host.calls.at(-1), ['changed', 'reference']);

    // Asked for once per language: here already, nothing is asked again.
    const calls = host.calls.length;
    await session.loadReference();
    assert.equal(host.calls.length, calls);

    // The host switched language while the answer was on its way: the answer is dropped.
    locale = 'en';
    session.forgetReference();
    const pending = session.loadReference();
    locale = 'zh';
    await pending;
    assert.equal(session.reference, null);
    await session.loadReference();
    assert.equal(session.reference.locale, 'zh');

    const bytes = new Uint8Array(fixture('csl-sample.csv'));
    await session.loadList({ bytes, label: 'csl-sample.csv' });
    // Node has no IndexedDB: nothing was kept, so a restart loads the kept bytes again.
    assert.equal(session.listSource.cachedOk, false);
    host.workers.at(-1).crash();
    const result = await session.request(WorkerRequest.SCREEN, {
      request: { parties: [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }] },
    });
    assert.equal(host.workers.length, 2, 'a new worker replaced the dead one');
    assert.deepEqual(
      result.lists.map((l) => [l.source, l.records]),
      // The sample, and the built-in list beside it (the sample's 2 Entity List entries are far
      // from the whole Entity List).
      [
        ['csl-sample.csv', 12],
        ['built-in: Entity List, AI-chip and advanced-computing parties (partial)', 261],
      ],
      'the screening after the restart ran against the lists loaded before it',
    );
    assert.deepEqual(
      session.lists.map((l) => l.records),
      [12, 261],
    );
  } finally {
    session.stop();
  }
});

test('a request before start() is refused with a ScreenError, not a crash', async () => {
  const session = new EngineSession(recordingHost());
  await assert.rejects(session.request(WorkerRequest.SCREEN, {}), (e) => e.name === 'ScreenError');
});

test("parseCsv: the worker hands the file's bytes to the core's reader as they are: encoding, separator and workbooks are the core's", async () => {
  const session = new EngineSession(recordingHost());
  await session.start();
  const parse = (bytes) => session.request(WorkerRequest.PARSE_CSV, { bytes });
  try {
    // Excel's "CSV" on Western Windows, with semicolons: Windows-1252 (ü is 0xFC, € is 0x80).
    const cp1252 = await parse(Buffer.from('name;country\r\nM\xfcller \x80 GmbH;DE\r\n', 'latin1'));
    assert.deepEqual(
      [cp1252.encoding, cp1252.bom, cp1252.separator, cp1252.rows],
      [
        'windows-1252',
        false,
        ';',
        [
          ['name', 'country'],
          ['Müller € GmbH', 'DE'],
        ],
      ],
    );
    // Excel's "Unicode text": UTF-16 LE with its byte-order mark, tab-separated.
    const utf16 = await parse(
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('name\tcountry\r\n华为技术有限公司\tCN\r\n', 'utf16le'),
      ]),
    );
    assert.deepEqual(
      [utf16.encoding, utf16.bom, utf16.separator, utf16.rows[1]],
      ['utf-16le', true, '\t', ['华为技术有限公司', 'CN']],
    );
    const be = await parse(
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('name\n华为\n', 'utf16le').swap16()]),
    );
    assert.deepEqual([be.encoding, be.rows[1]], ['utf-16be', ['华为']]);
    // UTF-8 with its byte-order mark: the mark is not part of the first name.
    const utf8 = await parse(Buffer.from('\ufeffname,country\nAcme GmbH,DE\n'));
    assert.deepEqual(
      [utf8.encoding, utf8.bom, utf8.separator, utf8.rows[0][0]],
      ['utf-8', true, ',', 'name'],
    );
    assert.deepEqual(utf8.lines, [1, 2]);
    // An .xlsx (a ZIP archive whose first entry is [Content_Types].xml): the core says what it is.
    const header = Buffer.alloc(30);
    header.write('PK\x03\x04', 0, 'latin1');
    header.writeUInt16LE(19, 26);
    await assert.rejects(
      parse(Buffer.concat([header, Buffer.from('[Content_Types].xml'), Buffer.alloc(64)])),
      (e) => e.code === 'not_csv' && /Excel workbook \(\.xlsx\).*CSV UTF-8/.test(e.message),
    );
  } finally {
    session.stop();
  }
});
