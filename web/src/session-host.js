// What <export-screen> does when its engine session reports (engine-session.js SessionHost): the
// host's list-src loaded with the engine's start, the reference data asked for once the engine is
// up, the lists panel told what happened, the widget's events sent, and a result shown screened
// again when the lists change. No DOM of its own: the panel is drawn by the view functions it is
// given (tests/js/session-host.test.mjs runs it against the worker).

/**
 * What the element draws for its session (views/lists.js and the mode's view, bound to the view
 * context).
 * @typedef {object} SessionViews
 * @property {() => void} lists The vintage line and the lists panel.
 * @property {() => void} progress The progress of the list being loaded.
 * @property {() => void} mode The mode's view (the guided check's choices are reference data).
 * @property {(label: string) => void} listLoading A list started loading.
 * @property {(answer: {list: object}) => void} listLoaded A list is in use.
 * @property {(error: {code: string, message: string, key?: string}) => void} listFailed A list
 *   was refused.
 */

/**
 * The widget as its session host sees it.
 * @typedef {object} SessionOwner
 * @property {{getAttribute(name: string): (string|null), hasAttribute(name: string): boolean,
 *   readonly mode: string, readonly lists: object[]}} element The widget's attributes and state.
 * @property {() => Worker} createWorker Creates the worker.
 * @property {() => import('./engine-session.js').EngineSession} session The engine session.
 * @property {() => import('./screening-scheduler.js').ScreeningScheduler} screening Its screening.
 * @property {() => string} locale The widget's locale now.
 * @property {() => (Promise<void>|null)} localeReady The catalog fetched for the first render.
 * @property {() => string} baseURI What a relative list-src is resolved against.
 * @property {(type: string, detail: object) => void} emit Dispatches an event of the widget.
 * @property {SessionViews} views What it draws.
 */

/**
 * The host's pin of list-src (attribute `list-sha256`), or undefined. Checked by the JS API in
 * the worker, for a download and for the kept copy alike; a malformed pin refuses the list.
 * @param {SessionOwner['element']} element
 */
export function listPin(element) {
  return element.getAttribute('list-src') && element.hasAttribute('list-sha256')
    ? element.getAttribute('list-sha256').trim()
    : undefined;
}

/**
 * Loads the host's list-src, once per URL, once the engine is starting. A failure is shown in
 * the lists panel, announced and sent as screen-error (the session tells the host).
 * @param {SessionOwner} owner
 */
export function loadListSrc(owner) {
  const { element } = owner;
  const session = owner.session();
  const src = element.getAttribute('list-src');
  if (!src || !session.starting) return;
  const url = new URL(src, owner.baseURI()).href;
  if (url === session.loadedSrc) return;
  session.loadedSrc = url;
  const label = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'list');
  session
    .loadList({
      url,
      label,
      as_of: element.getAttribute('list-date') || undefined,
      sha256: listPin(element),
    })
    .catch(() => {});
}

/**
 * Asks for the core's reference data (chips, questions, roles) when the widget shows it: in the
 * guided check, once the engine is up. A quick screening or a batch never waits behind it (the
 * worker's first run of it takes 25-40 ms, docs/benchmarks.md).
 * @param {SessionOwner} owner
 */
export function loadReferenceIfShown(owner) {
  const session = owner.session();
  if (owner.element.mode === 'check' && session.engine) session.loadReference();
}

/**
 * The host of the widget's engine session.
 * @param {SessionOwner} owner
 * @returns {import('./engine-session.js').SessionHost}
 */
export function sessionHost(owner) {
  const { element, views } = owner;
  return {
    createWorker: () => owner.createWorker(),
    cache: () => !element.hasAttribute('no-cache'),
    listPin: () => listPin(element),
    locale: () => owner.locale(),
    // list-src goes with init, so the worker downloads it while the module compiles (a widget
    // still fetching its catalog asks once init is answered, below).
    initSent: () => loadListSrc(owner),
    initAnswered: async () => {
      // Both are in the widget's language: its catalog must be here (it nearly always is by now).
      await owner.localeReady();
      // list-src is sent now, ahead of any screening, so a first result is against it; the
      // guided check's reference data after the screenings that waited for the engine (their
      // continuations run before this task).
      if (element.getAttribute('list-src')) loadListSrc(owner);
      setTimeout(() => loadReferenceIfShown(owner));
    },
    changed: (what) => {
      if (what === 'lists') views.lists();
      else if (what === 'listProgress') views.progress();
      // Only the guided check shows the reference data (its steps, chips and questions).
      else if (what === 'reference' && element.mode === 'check') views.mode();
    },
    listLoading: (label) => views.listLoading(label),
    listLoaded: (answer) => views.listLoaded(answer),
    listFailed: (error, request) => {
      views.listFailed(error);
      owner.emit('screen-error', { mode: 'list', request, error });
    },
    listsReplaced: (fromCache) => {
      owner.emit('screen-lists', {
        lists: element.lists,
        cached: owner.session().cached,
        fromCache,
      });
      owner.screening().rescreenShown();
    },
    failed: (error, mode) => owner.screening().showError(error, mode),
  };
}
