// Node tests of the widget's screening scheduler (web/src/screening-scheduler.js)
// against the real worker: no screening while a name is being typed, one when typing pauses, the
// answer for text changed meanwhile dropped, the chip searched for and not chosen, the core's
// errors shown and announced, results screened again only when one is shown. The typing pause is
// driven by node:test's mock timers, so nothing depends on how fast the machine is. No DOM.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { quietSessionHost, workerThread, webSrc } from './support.mjs';

const { EngineSession } = await import(join(webSrc, 'engine-session.js'));
const { FormState } = await import(join(webSrc, 'form-state.js'));
const { ScreeningScheduler } = await import(join(webSrc, 'screening-scheduler.js'));
const { Translator, loadCatalog } = await import(join(webSrc, 'i18n.js'));
const { WorkerRequest } = await import(join(webSrc, 'worker-protocol.js'));

const PAUSE = ScreeningScheduler.typingPauseMs;

// A scheduler over a started session (not yet started with `start: false`), with a host that
// records what it is told; `screens` holds every screening request the session sent to the
// worker. `needsEngine`: whether the options in force need the engine's answer.
async function started({
  mode = 'parties',
  start = true,
  createWorker = workerThread,
  needsEngine = false,
} = {}) {
  const session = new EngineSession(quietSessionHost(createWorker));
  if (start) await session.start();
  const screens = [];
  const send = session.request.bind(session);
  session.request = (type, payload, options) => {
    if (type === WorkerRequest.SCREEN) screens.push(payload.request);
    return send(type, payload, options);
  };
  const form = new FormState({ key: () => 'test' });
  const ui = {
    request: null,
    result: null,
    error: null,
    record: null,
    expanded: new Set(),
    limit: 0,
    pending: '',
  };
  const said = [];
  const events = [];
  const waiting = [];
  const host = {
    mode: () => mode,
    translator: () => new Translator('en'),
    asOf: () => undefined,
    options: ({ limit }) => ({
      min_score: session.engine ? 0.85 : undefined,
      ...(limit ? { limit } : {}),
    }),
    optionsNeedEngine: () => needsEngine,
    listPin: () => undefined,
    changed: () => {},
    announce: (text, assertive = false) => said.push([text, assertive]),
    emit: (type, detail) => {
      events.push([type, detail]);
      for (const resolve of waiting.splice(0)) resolve([type, detail]);
    },
  };
  const scheduler = new ScreeningScheduler({ session, form, ui, host });
  return {
    session,
    form,
    ui,
    said,
    events,
    screens,
    scheduler,
    setMode: (m) => {
      mode = m;
    },
    // The next event the scheduler sends.
    nextEvent: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

test('typing: the earlier result goes at once, nothing is screened until typing pauses, then the text typed last is', async () => {
  const s = await started();
  try {
    s.form.value.quick = { name: 'Huawei Technologies Co Ltd', country: 'CN', type: '' };
    const first = await s.scheduler.run();
    assert.equal(first.verdict, 'license_required');
    assert.equal(s.ui.result, first);
    assert.match(s.ui.record.sha256, /^[0-9a-f]{64}$/);
    assert.equal(s.ui.record.record.kind, 'parties');
    assert.equal(s.said.at(-1)[0], `Verdict: License required. ${first.findings.length} findings.`);
    assert.equal(s.said.at(-1)[1], false);
    assert.equal(s.events.at(-1)[0], 'screen-result');
    assert.equal(s.events.at(-1)[1].record, s.ui.record);

    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      for (const name of ['A', 'Ac', 'Acme', 'Acme GmbH']) {
        s.form.value.quick.name = name;
        s.scheduler.schedule();
        // The verdict of the earlier text is gone the moment the text changes.
        assert.equal(s.ui.result, null);
        assert.equal(s.ui.record, null);
        assert.equal(s.ui.pending, 'result.typing');
        mock.timers.tick(PAUSE - 1);
      }
      s.form.value.quick.country = 'DE';
      s.scheduler.schedule();
      mock.timers.tick(PAUSE - 1);
      assert.equal(s.screens.length, 1, 'nothing screened while typing');
      mock.timers.tick(1);
    } finally {
      mock.timers.reset();
    }
    const [type, detail] = await s.nextEvent();
    assert.equal(type, 'screen-result');
    assert.equal(s.screens.length, 2, 'one screening for the pause');
    assert.deepEqual(detail.request.parties, [{ name: 'Acme GmbH', country: 'DE' }]);
    assert.equal(s.ui.request, detail.request);
    assert.equal(s.ui.pending, '');

    // An emptied name: no screening, and the slot says nothing is pending.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      s.form.value.quick.name = '  ';
      s.scheduler.schedule();
      assert.equal(s.ui.pending, '');
      mock.timers.tick(PAUSE);
    } finally {
      mock.timers.reset();
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(s.screens.length, 2);
  } finally {
    s.session.stop();
  }
});

// A worker that logs what the page sends it (`type:id`) and the answers it gives (`answer:id`).
function loggedWorker(log) {
  const worker = workerThread();
  return {
    ...worker,
    addEventListener(type, handler) {
      if (type !== 'message') return worker.addEventListener(type, handler);
      return worker.addEventListener(type, (e) => {
        if (e.data?.id !== undefined && !('progress' in e.data)) log.push(`answer:${e.data.id}`);
        handler(e);
      });
    },
    postMessage(message, transfer) {
      log.push(`${message.type}:${message.id}`);
      worker.postMessage(message, transfer);
    },
  };
}

test("a quick screening with the default options is sent with the engine's start, not after its answer; one with a chosen threshold waits for it", async () => {
  for (const needsEngine of [false, true]) {
    const log = [];
    const s = await started({ start: false, createWorker: () => loggedWorker(log), needsEngine });
    try {
      s.form.value.quick = { name: 'Huawei Technologies Co Ltd', country: 'CN', type: '' };
      const result = await s.scheduler.run();
      assert.equal(result.verdict, 'license_required');
      const sent = log.findIndex((e) => e.startsWith('screen:'));
      const initAnswered = log.indexOf(`answer:${log[0].split(':')[1]}`);
      assert.equal(log[0].split(':')[0], 'init');
      if (needsEngine) assert.ok(sent > initAnswered, log.join(' '));
      else assert.ok(sent < initAnswered, log.join(' '));
      // The record names the threshold applied, the core's default when none was sent.
      assert.equal(s.ui.record.record.request.options.min_score, 0.85);
    } finally {
      s.session.stop();
    }
  }
});

test('a country still being typed or unknown to the core is not screened when typing pauses', async () => {
  const s = await started();
  try {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      for (const country of ['C', 'XX']) {
        s.form.value.quick = { name: 'Huawei Technologies Co Ltd', country, type: '' };
        s.scheduler.schedule();
        mock.timers.tick(PAUSE);
      }
    } finally {
      mock.timers.reset();
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(s.screens.length, 0);
    assert.equal(s.ui.pending, 'result.typing', 'the slot still says a screening will run');
  } finally {
    s.session.stop();
  }
});

test('an answer for text changed while it was on its way is returned but neither kept nor shown', async () => {
  const s = await started();
  try {
    s.form.value.quick = { name: 'Huawei Technologies Co Ltd', country: 'CN', type: '' };
    const running = s.scheduler.run();
    mock.timers.enable({ apis: ['setTimeout'] });
    s.form.value.quick.name = 'Huawei Tech';
    s.scheduler.schedule();
    mock.timers.reset(); // the scheduled screening never runs
    const stale = await running;
    assert.equal(stale.verdict, 'license_required', 'the caller of run() gets its answer');
    assert.equal(s.ui.result, null);
    assert.equal(s.ui.record, null);
    assert.equal(s.ui.pending, 'result.typing');
    assert.deepEqual(s.events, [], 'no screen-result for text no longer there');
    assert.deepEqual(s.said, []);
  } finally {
    s.session.stop();
  }
});

test("a screening sent (Enter, the pause, the check's button) says it runs until its answer or error replaces it", async () => {
  const s = await started({ mode: 'check' });
  try {
    s.form.value.parties = [{ name: 'Acme GmbH', type: '', role: '', country: 'DE', hq: '' }];
    s.form.value.item = { kind: 'none' };
    const running = s.scheduler.run();
    const pending = s.ui.pending;
    assert.equal(pending, 'result.screening');
    assert.equal(new Translator('en').t(pending), 'Screening…');
    // The key as it was when the screening was sent: the answer may replace it while the Chinese
    // catalog loads.
    await loadCatalog('zh');
    assert.equal(new Translator('zh').t(pending), '正在筛查…');
    const result = await running;
    assert.equal(s.ui.result, result);
    assert.equal(s.ui.pending, '');

    // A result shown stays until the next answer replaces it: no "Screening…" over it.
    const again = s.scheduler.run();
    assert.equal(s.ui.pending, '');
    assert.equal(s.ui.result, result);
    await again;

    // An error replaces the note too.
    s.scheduler.clear();
    s.form.value.parties[0].country = 'ZZ';
    const failing = s.scheduler.run();
    assert.equal(s.ui.pending, 'result.screening');
    assert.equal(await failing, null);
    assert.equal(s.ui.error.code, 'invalid_country');
    assert.equal(s.ui.pending, '');
  } finally {
    s.session.stop();
  }
});

test("the core's error is shown in place of the result, announced at once and sent as screen-error", async () => {
  const s = await started({ mode: 'check' });
  try {
    s.form.value.parties = [{ name: 'Acme GmbH', type: '', role: '', country: 'ZZ', hq: '' }];
    s.form.value.item = { kind: 'none' };
    s.ui.result = { verdict: 'clear' };
    assert.equal(await s.scheduler.run(), null);
    assert.equal(s.ui.result, null);
    assert.equal(s.ui.error.code, 'invalid_country');
    const [text, assertive] = s.said.at(-1);
    assert.equal(assertive, true);
    assert.match(text, /^Could not screen: A country code is not an ISO 3166-1 code/);
    const [type, detail] = s.events.at(-1);
    assert.equal(type, 'screen-error');
    assert.equal(detail.mode, 'check');
    assert.equal(detail.error, s.ui.error);
    assert.equal(detail.request.parties[0].country, 'ZZ');
  } finally {
    s.session.stop();
  }
});

test('a chip searched for and not chosen stops the check before the worker is asked (issue 13)', async () => {
  const s = await started({ mode: 'check' });
  try {
    await s.session.loadReference();
    assert.ok(s.session.reference.chips.length > 0);
    s.form.value.parties = [{ name: 'Acme GmbH', type: '', role: '', country: 'DE', hq: '' }];
    s.form.value.item = { kind: 'catalog', query: 'no chip is called this', chip: '' };
    assert.equal(await s.scheduler.run(), null);
    assert.equal(s.ui.error.key, 'item.error.noHit');
    assert.equal(s.screens.length, 0);
    assert.equal(s.events.at(-1)[0], 'screen-error');
    assert.equal(s.said.at(-1)[1], true);
    // A search that finds chips but none chosen: the check waits for a choice.
    s.form.value.item.query = 'H100';
    await s.scheduler.run();
    assert.equal(s.ui.error.key, 'item.error.choose');
    assert.equal(s.screens.length, 0);
  } finally {
    s.session.stop();
  }
});

test('screened again only while a result of the check or quick screening is shown; "N more" asks for every match', async () => {
  const s = await started();
  try {
    s.form.value.quick = { name: 'Huawei Technologies Co Ltd', country: 'CN', type: '' };
    s.scheduler.rescreenShown();
    assert.equal(s.screens.length, 0, 'no result shown: nothing to screen again');
    await s.scheduler.run();
    s.setMode('batch');
    s.scheduler.rescreenShown();
    assert.equal(s.screens.length, 1, 'a batch is left as it is');
    s.setMode('parties');
    const again = s.nextEvent();
    s.scheduler.rescreenShown();
    await again;
    assert.equal(s.screens.length, 2);
    assert.equal(s.screens[1].options.limit, undefined);

    await s.scheduler.showMore(0, 37);
    assert.deepEqual([...s.ui.expanded], [0]);
    assert.equal(s.ui.limit, 37);
    assert.equal(s.screens[2].options.limit, 37);
    // Screened again in another language: the parties stay expanded.
    await s.scheduler.run({ keepExpanded: true });
    assert.deepEqual([...s.ui.expanded], [0]);
    assert.equal(s.screens[3].options.limit, 37);
    // A new screening starts collapsed.
    await s.scheduler.run();
    assert.deepEqual([...s.ui.expanded], []);
    assert.equal(s.screens[4].options.limit, undefined);
  } finally {
    s.session.stop();
  }
});

test('clear() (reset, another mode): a screening waiting for typing to pause or on its way never shows', async () => {
  const s = await started();
  try {
    s.form.value.quick = { name: 'Huawei Technologies Co Ltd', country: 'CN', type: '' };
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      s.scheduler.schedule();
      assert.equal(s.ui.pending, 'result.typing');
      s.scheduler.clear();
      assert.equal(s.ui.pending, '');
      mock.timers.tick(PAUSE);
    } finally {
      mock.timers.reset();
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(s.screens.length, 0, 'the pause after a reset screens nothing');

    const running = s.scheduler.run();
    s.scheduler.clear();
    assert.equal((await running).verdict, 'license_required');
    assert.equal(s.ui.result, null);
    assert.deepEqual(s.events, [], 'the answer for cleared input is not shown');
  } finally {
    s.session.stop();
  }
});
