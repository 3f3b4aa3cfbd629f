// Node tests of the worker's warm-up (web/src/screen-worker.js): once the engine is up and no
// request waits, it screens made-up parties (one that matches nothing at once, a listed one once it
// has stayed idle) so that the user's first screening does not pay for the first run of the
// engine's code; it never runs ahead of a request already sent, nor after something was screened.
// The real worker (dist/screen-worker.js) in a node worker thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { workerThread, webSrc } from './support.mjs';

const { WorkerRequest } = await import(join(webSrc, 'worker-protocol.js'));

// The worker, with every message it posts kept in order and a way to wait for one.
function recordedWorker() {
  const worker = workerThread();
  const messages = [];
  const waiters = [];
  worker.addEventListener('message', ({ data }) => {
    messages.push(data);
    for (const w of [...waiters]) {
      if (w.when(data)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(data);
      }
    }
  });
  const next = (when) =>
    new Promise((resolve) => {
      const seen = messages.find(when);
      if (seen) resolve(seen);
      else waiters.push({ when, resolve });
    });
  return { worker, messages, next, answer: (id) => next((m) => m.id === id && !('progress' in m)) };
}

const huawei = { parties: [{ name: 'Huawei Technologies Co., Ltd.' }] };

test('an idle engine warms up once after its start, and screens as before', async () => {
  const w = recordedWorker();
  try {
    // Sent together with the start, a request the page waits for is answered first.
    w.worker.postMessage({ id: 1, type: WorkerRequest.INIT, cache: false });
    w.worker.postMessage({ id: 9, type: WorkerRequest.SHA256, text: 'x' });
    assert.equal((await w.answer(1)).ok, true);
    const warmed = await w.next((m) => m.type === 'warmed');
    assert.ok(warmed.ms >= 0);
    const order = w.messages.map((m) => m.type ?? m.id);
    assert.deepEqual(order, [1, 9, 'warmed']);

    w.worker.postMessage({ id: 2, type: WorkerRequest.SCREEN, request: huawei });
    const screened = await w.answer(2);
    assert.equal(screened.ok, true);
    assert.equal(screened.result.verdict, 'license_required');
    assert.equal(screened.result.party_matches[0].name, 'Huawei Technologies Co., Ltd.');
    // Once only.
    w.worker.postMessage({ id: 3, type: WorkerRequest.SHA256, text: 'x' });
    await w.answer(3);
    assert.equal(w.messages.filter((m) => m.type === 'warmed').length, 1);
  } finally {
    await w.worker.terminate();
  }
});

test('a screening sent with the start is not delayed by a warm-up, and none follows it', async () => {
  const w = recordedWorker();
  try {
    w.worker.postMessage({ id: 1, type: WorkerRequest.INIT, cache: false });
    w.worker.postMessage({ id: 2, type: WorkerRequest.SCREEN, request: huawei });
    assert.equal((await w.answer(1)).ok, true);
    assert.equal((await w.answer(2)).result.verdict, 'license_required');
    // The queue drains after each answer: a warm-up would have been posted by the next answer.
    w.worker.postMessage({ id: 3, type: WorkerRequest.SHA256, text: 'x' });
    await w.answer(3);
    assert.deepEqual(
      w.messages.filter((m) => m.type === 'warmed'),
      [],
    );
  } finally {
    await w.worker.terminate();
  }
});

test('no warm-up runs after a screening sent as the engine warms up', async () => {
  const w = recordedWorker();
  try {
    w.worker.postMessage({ id: 1, type: WorkerRequest.INIT, cache: false });
    assert.equal((await w.answer(1)).ok, true);
    // Sent once the start is answered: the warm-up is under way or about to be.
    w.worker.postMessage({ id: 2, type: WorkerRequest.SCREEN, request: huawei });
    assert.equal((await w.answer(2)).result.verdict, 'license_required');
    w.worker.postMessage({ id: 3, type: WorkerRequest.SHA256, text: 'x' });
    await w.answer(3);
    // A warm-up left to run would be scheduled when the queue drains, a task later: time enough.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Either the warm-up ran before the screening, or it never runs.
    const order = w.messages.map((m) => m.type ?? m.id);
    const warmedAt = order.indexOf('warmed');
    assert.ok(warmedAt === -1 || warmedAt < order.indexOf(2), order.join(' '));
  } finally {
    await w.worker.terminate();
  }
});
