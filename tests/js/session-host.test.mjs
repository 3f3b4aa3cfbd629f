// Node tests of what the widget does when its engine session reports (web/src/session-host.js)
// against the real worker: the host's list-src sent with the engine's start and loaded
// once per URL, its pin (list-sha256), a refused list told to the panel and sent as screen-error,
// screen-lists and a shown result screened again when the lists change, no-cache, and the
// reference data re-rendering only the guided check. The element is a recording stand-in; no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixtures, workerThread, webSrc } from './support.mjs';

const { EngineSession } = await import(join(webSrc, 'engine-session.js'));
const { listPin, loadListSrc, loadReferenceIfShown, sessionHost } = await import(
  join(webSrc, 'session-host.js')
);

const SAMPLE_URL = pathToFileURL(join(fixtures, 'csl-sample.csv')).href;

// An owner whose element has `attributes`; every view call, event and screening call is recorded
// in `calls`, in order. `until(name)` resolves at the next call of that name.
function recordingOwner(attributes = {}, { mode = 'parties' } = {}) {
  const calls = [];
  const waiting = [];
  const record = (...call) => {
    calls.push(call);
    for (const w of waiting.filter((x) => x.name === call[0])) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(call);
    }
  };
  let session = null;
  const owner = {
    element: {
      getAttribute: (name) => attributes[name] ?? null,
      hasAttribute: (name) => name in attributes,
      mode,
      get lists() {
        return session.lists.map((l) => ({ ...l }));
      },
    },
    createWorker: workerThread,
    session: () => session,
    screening: () => ({
      rescreenShown: () => record('rescreenShown'),
      showError: (error, failedMode) => record('showError', error.code, failedMode),
    }),
    locale: () => 'en',
    localeReady: () => null,
    baseURI: () => pathToFileURL(`${fixtures}/`).href,
    emit: (type, detail) => record(type, detail),
    views: {
      lists: () => record('view.lists'),
      progress: () => record('view.progress'),
      mode: () => record('view.mode'),
      listLoading: (label) => record('view.listLoading', label),
      listLoaded: (answer) => record('view.listLoaded', answer.list.records),
      listFailed: (error) => record('view.listFailed', error.code),
    },
  };
  session = new EngineSession(sessionHost(owner));
  return {
    owner,
    session,
    calls,
    until: (name) => new Promise((resolve) => waiting.push({ name, resolve })),
  };
}

const names = (calls) => calls.map((c) => c[0]);

test('listPin: the list-sha256 of a list-src only, trimmed', () => {
  const el = (attributes) => ({
    getAttribute: (n) => attributes[n] ?? null,
    hasAttribute: (n) => n in attributes,
  });
  const pin = 'a'.repeat(64);
  assert.equal(listPin(el({ 'list-src': 'csl.csv', 'list-sha256': ` ${pin} ` })), pin);
  assert.equal(listPin(el({ 'list-sha256': pin })), undefined, 'no list-src: nothing to pin');
  assert.equal(listPin(el({ 'list-src': 'csl.csv' })), undefined);
});

test('list-src is sent with the engine start, relative to the page, dated by list-date, and loaded once per URL', async () => {
  const o = recordingOwner({ 'list-src': 'csl-sample.csv', 'list-date': '2026-11-20' });
  try {
    const loaded = o.until('view.listLoaded');
    const replaced = o.until('screen-lists');
    await o.session.start();
    assert.equal(o.session.loadedSrc, SAMPLE_URL);
    assert.deepEqual(await loaded, ['view.listLoaded', 12]);
    const [, detail] = await replaced;
    assert.deepEqual(
      detail.lists.map((l) => [l.source, l.records, l.as_of, l.builtin]),
      // The built-in list stays beside a sample (2 Entity List entries).
      [
        ['csl-sample.csv', 12, '2026-11-20', false],
        [
          'built-in: Entity List, AI-chip and advanced-computing parties (partial)',
          261,
          '2026-07-09',
          true,
        ],
      ],
    );
    assert.equal(detail.fromCache, false);
    const order = names(o.calls);
    assert.equal(order.filter((n) => n === 'view.listLoading').length, 1, 'loaded once');
    assert.ok(order.indexOf('view.listLoading') < order.indexOf('view.listLoaded'));
    // The lists changed: a result shown is screened again against them.
    assert.equal(order[order.indexOf('screen-lists') + 1], 'rescreenShown');

    // The same URL again (an attribute set to the same value elsewhere): not loaded twice.
    o.calls.length = 0;
    loadListSrc(o.owner);
    assert.deepEqual(o.calls, []);
  } finally {
    o.session.stop();
  }
});

test('a list-src whose file is not the pinned one: refused, told to the panel, sent as screen-error', async () => {
  const o = recordingOwner({ 'list-src': SAMPLE_URL, 'list-sha256': '0'.repeat(64) });
  try {
    const failed = o.until('screen-error');
    await o.session.start();
    const [, detail] = await failed;
    assert.equal(detail.mode, 'list');
    assert.equal(detail.error.code, 'list_hash_mismatch');
    assert.deepEqual(detail.request, { label: 'csl-sample.csv', url: SAMPLE_URL });
    const order = names(o.calls);
    assert.ok(order.includes('view.listFailed'));
    assert.ok(!order.includes('screen-lists'), 'the lists in use did not change');
    assert.equal(o.session.lists[0].builtin, true);
    // A failed URL may be asked for again.
    assert.equal(o.session.loadedSrc, null);
  } finally {
    o.session.stop();
  }
});

test('the reference data is asked for where it is shown: in the guided check, once the engine is up, once per language', async () => {
  for (const mode of ['parties', 'batch', 'check']) {
    const o = recordingOwner({}, { mode });
    const asked = [];
    const request = o.session.request.bind(o.session);
    o.session.request = (type, ...rest) => {
      asked.push(type);
      return request(type, ...rest);
    };
    try {
      loadReferenceIfShown(o.owner); // the engine is not up: nothing to ask
      await o.session.start();
      // The engine's answer asks (or not) in a task of its own: a later task sees it sent.
      await new Promise((resolve) => setTimeout(resolve));
      assert.equal(asked.includes('reference'), mode === 'check', mode);
      if (mode !== 'check') {
        // A quick screening's widget switched to the guided check: asked for now, once.
        o.owner.element.mode = 'check';
        loadReferenceIfShown(o.owner);
        loadReferenceIfShown(o.owner);
      }
      await o.until('view.mode');
      assert.deepEqual(
        asked.filter((t) => t === 'reference'),
        ['reference'],
        mode,
      );
      assert.ok(o.session.reference.chips.length > 0);
      loadReferenceIfShown(o.owner);
      assert.equal(asked.filter((t) => t === 'reference').length, 1, 'already here: not again');
      // The language changed: forgotten, and asked for again.
      o.session.forgetReference();
      assert.equal(o.session.reference, null);
      loadReferenceIfShown(o.owner);
      assert.equal(asked.filter((t) => t === 'reference').length, 2);
      await o.until('view.mode');
      assert.ok(o.session.reference.chips.length > 0);
    } finally {
      o.session.stop();
    }
  }
});

test('no list-src: nothing is loaded; no-cache keeps nothing; the reference data re-renders the guided check only', async () => {
  for (const mode of ['parties', 'check']) {
    const o = recordingOwner({ 'no-cache': '' }, { mode });
    try {
      await o.session.start();
      await o.session.loadReference();
      assert.ok(o.session.reference.chips.length > 0);
      const order = names(o.calls);
      assert.ok(!order.includes('view.listLoading'));
      assert.equal(order.includes('view.mode'), mode === 'check', mode);
      // Loaded from bytes with no-cache: used, not kept in the browser.
      const bytes = new Uint8Array(readFileSync(join(fixtures, 'csl-sample.csv')));
      await o.session.loadList({ bytes, label: 'csl-sample.csv' });
      assert.equal(o.session.cached, null);
      assert.equal(o.session.listSource.cachedOk, false);
    } finally {
      o.session.stop();
    }
  }
});
