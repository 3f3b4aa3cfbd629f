// Node tests of the widget's protocol limits (web/src/engine-session.js; issue 16): a
// list file or a CSV file of parties over the core's limit is refused by the session with the
// core's code before it is posted to the worker; at the limit it is posted and the core decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { quietSessionHost, workerThread, webSrc } from './support.mjs';

const { EngineSession, MAX_LIST_BYTES, MAX_CSV_BYTES } = await import(
  join(webSrc, 'engine-session.js')
);
const { WorkerRequest } = await import(join(webSrc, 'worker-protocol.js'));

function session() {
  const posted = [];
  const host = quietSessionHost(() => {
    const w = workerThread();
    const post = w.postMessage;
    w.postMessage = (message, transfer) => {
      posted.push([message.type, message.bytes?.byteLength]);
      return post(message, transfer);
    };
    return w;
  });
  return { s: new EngineSession(host), posted };
}

test('the limits are the core’s (docs/api.md, Limits)', () => {
  assert.equal(MAX_LIST_BYTES, 64 * 1024 * 1024);
  assert.equal(MAX_CSV_BYTES, 16 * 1024 * 1024);
});

test('a list file: at the limit it is posted, one byte over and ten times over it is refused before it is posted', async () => {
  const { s, posted } = session();
  await s.start();
  try {
    // At the limit: posted; the core reads it (these bytes are no list format).
    await assert.rejects(
      s.loadList({ bytes: new Uint8Array(MAX_LIST_BYTES).fill(65), label: 'at-limit.csv' }),
      (e) => e.code !== 'list_too_large',
    );
    assert.deepEqual(
      posted.filter(([t]) => t === WorkerRequest.LOAD_LIST),
      [[WorkerRequest.LOAD_LIST, MAX_LIST_BYTES]],
    );
    for (const size of [MAX_LIST_BYTES + 1, 10 * MAX_LIST_BYTES]) {
      await assert.rejects(
        s.loadList({ bytes: new Uint8Array(size), label: 'big.csv' }),
        (e) => e.code === 'list_too_large' && /the limit is 64 MiB/.test(e.message),
      );
      assert.equal(s.listError.code, 'list_too_large');
    }
    assert.equal(posted.filter(([t]) => t === WorkerRequest.LOAD_LIST).length, 1);
    assert.ok(s.lists[0].builtin, 'the built-in list is still in use');
  } finally {
    s.stop();
  }
});

test('a CSV file of parties: at the limit it is posted, over it request_too_large before it is posted', async () => {
  const { s, posted } = session();
  await s.start();
  try {
    // Rows of 200 bytes: 83,886 of them, under the core's 100,000 rows too.
    const row = new TextEncoder().encode(`${'Acme Trading Ltd '.repeat(11).padEnd(196)},DE\n`);
    const atLimit = new Uint8Array(MAX_CSV_BYTES).fill(10); // the rest: empty lines
    for (let at = 0; at + row.length <= atLimit.length; at += row.length) atLimit.set(row, at);
    const parsed = await s.request(WorkerRequest.PARSE_CSV, { bytes: atLimit });
    const named = parsed.rows.filter((r) => r[0]?.startsWith('Acme'));
    assert.equal(named.length, Math.floor(MAX_CSV_BYTES / row.length));
    for (const size of [MAX_CSV_BYTES + 1, 10 * MAX_CSV_BYTES]) {
      await assert.rejects(
        s.request(WorkerRequest.PARSE_CSV, { bytes: new Uint8Array(size) }),
        (e) => e.code === 'request_too_large' && /the limit is 16 MiB/.test(e.message),
      );
    }
    assert.deepEqual(
      posted.filter(([t]) => t === WorkerRequest.PARSE_CSV),
      [[WorkerRequest.PARSE_CSV, MAX_CSV_BYTES]],
    );
  } finally {
    s.stop();
  }
});
