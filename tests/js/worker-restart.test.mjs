// Node tests of what happens to the requests a dead worker had not answered (issue 16): the
// client (web/src/worker-protocol.js) replaces the worker, waits for the restart and
// sends them again in their order; the request that was running is not sent again. A scripted
// worker shows each case; the real worker (dist/screen-worker.js in a thread) shows a screening
// queued behind a crash answered against the list restored after it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fixture, quietSessionHost, workerThread, webSrc } from './support.mjs';

const { ScreenWorkerClient, WorkerRequest, MAX_RESENDS } = await import(
  join(webSrc, 'worker-protocol.js')
);
const { EngineSession } = await import(join(webSrc, 'engine-session.js'));

// A worker that records what it was sent and answers only when told to.
class ScriptedWorker {
  listeners = { message: [], error: [], messageerror: [] };
  sent = [];
  terminated = false;
  addEventListener(type, handler) {
    this.listeners[type].push(handler);
  }
  postMessage(message) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer(id, result) {
    for (const h of this.listeners.message) h({ data: { id, ok: true, result } });
  }
  refuse(id, code) {
    for (const h of this.listeners.message)
      h({ data: { id, ok: false, error: { code, message: code } } });
  }
  fatal() {
    for (const h of this.listeners.message)
      h({ data: { type: 'fatal', error: { message: 'oom' } } });
  }
  crash() {
    for (const h of this.listeners.error) h({ message: 'crash', preventDefault() {} });
  }
}

// Lets the restart (a new worker, its init answered) run its course.
const tick = () => new Promise((r) => setTimeout(r, 5));

function scriptedClient() {
  const workers = [];
  const restarts = [];
  const client = new ScreenWorkerClient({
    createWorker: () => {
      const w = new ScriptedWorker();
      workers.push(w);
      return w;
    },
    onRestart: async (c) => {
      // The restart's own request (the engine's init) runs first on the new worker.
      const init = c.request(WorkerRequest.INIT, { __duringRestart: true });
      restarts.push(init);
      await tick();
      workers.at(-1).answer(workers.at(-1).sent.at(-1).id, { restarted: true });
      await init;
    },
  });
  return { client, workers, restarts };
}

test('out of memory: the request that ran out is refused, the requests queued behind it are sent again after the restart, in order', async () => {
  const { client, workers } = scriptedClient();
  const load = client.request(WorkerRequest.LOAD_LIST, { label: 'huge.csv' });
  const screen1 = client.request(WorkerRequest.SCREEN, { request: { parties: [{ name: 'A' }] } });
  const screen2 = client.request(WorkerRequest.SCREEN, { request: { parties: [{ name: 'B' }] } });
  const [w1] = workers;
  assert.deepEqual(
    w1.sent.map((m) => m.type),
    ['loadList', 'screen', 'screen'],
  );
  // The worker answers the list load with out_of_memory, then stops (screen-worker.js).
  w1.refuse(w1.sent[0].id, 'out_of_memory');
  w1.fatal();
  await assert.rejects(load, (e) => e.code === 'out_of_memory');
  await tick();
  await tick();
  assert.equal(workers.length, 2, 'a fresh worker');
  assert.ok(w1.terminated);
  const w2 = workers[1];
  assert.deepEqual(
    w2.sent.map((m) => [m.type, m.request?.parties[0].name]),
    [
      ['init', undefined],
      ['screen', 'A'],
      ['screen', 'B'],
    ],
    'the restart first, then the queued screenings in their order; the list load is not sent again',
  );
  w2.answer(w2.sent[1].id, { verdict: 'A' });
  w2.answer(w2.sent[2].id, { verdict: 'B' });
  assert.deepEqual(await screen1, { verdict: 'A' });
  assert.deepEqual(await screen2, { verdict: 'B' });
  client.terminate();
});

test('a crash without an answer: the oldest request (the one running) is refused, the rest are sent again; a new request waits for them', async () => {
  const { client, workers } = scriptedClient();
  const running = client.request(WorkerRequest.SCREEN, { request: { n: 1 } });
  const queued = client.request(WorkerRequest.SCREEN, { request: { n: 2 } });
  workers[0].crash();
  await assert.rejects(running, (e) => e.code === 'worker_failed');
  const later = client.request(WorkerRequest.SCREEN, { request: { n: 3 } });
  await tick();
  await tick();
  const w2 = workers[1];
  assert.deepEqual(
    w2.sent.map((m) => [m.type, m.request?.n]),
    [
      ['init', undefined],
      ['screen', 2],
      ['screen', 3],
    ],
  );
  w2.answer(w2.sent[1].id, 2);
  w2.answer(w2.sent[2].id, 3);
  assert.equal(await queued, 2);
  assert.equal(await later, 3);
  client.terminate();
});

test(`a request is sent again at most ${MAX_RESENDS} times; terminate() refuses what is left`, async () => {
  const { client, workers } = scriptedClient();
  const victim = client.request(WorkerRequest.SCREEN, { request: {} });
  let outcome = null;
  victim.then(
    () => (outcome = 'answered'),
    (e) => (outcome = e.code),
  );
  for (let i = 0; i <= MAX_RESENDS; i++) {
    workers.at(-1).fatal();
    await tick();
    await tick();
  }
  assert.equal(outcome, 'worker_failed');
  // Sent once, then again MAX_RESENDS times.
  const sends = workers.flatMap((w) => w.sent).filter((m) => m.type === 'screen').length;
  assert.equal(sends, 1 + MAX_RESENDS);
  const left = client.request(WorkerRequest.SCREEN, { request: {} });
  client.terminate();
  await assert.rejects(left, (e) => e.code === 'worker_failed');
});

test('the real worker: a screening queued behind a crash is answered after the restart, against the list loaded before it', async () => {
  const workers = [];
  const session = new EngineSession(
    quietSessionHost(() => {
      const w = workerThread();
      workers.push(w);
      return w;
    }),
  );
  await session.start();
  try {
    await session.loadList({
      bytes: new Uint8Array(fixture('csl-sample.csv')),
      label: 'csl-sample.csv',
    });
    // Two screenings posted; the worker dies before it answers them: the first (running) is
    // refused, the second is answered by the next worker.
    const first = session.request(WorkerRequest.SCREEN, {
      request: { parties: [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }] },
    });
    const second = session.request(WorkerRequest.SCREEN, {
      request: { parties: [{ name: 'Abu ABBAS' }] },
    });
    workers[0].crash();
    await assert.rejects(first, (e) => e.code === 'worker_failed');
    const result = await second;
    assert.equal(workers.length, 2);
    assert.deepEqual(
      result.lists.map((l) => [l.source, l.records]),
      [
        ['csl-sample.csv', 12],
        ['built-in: Entity List, AI-chip and advanced-computing parties (partial)', 261],
      ],
    );
    assert.equal(result.parties?.length ?? result.party_match_counts.length, 1);
  } finally {
    session.stop();
  }
});
