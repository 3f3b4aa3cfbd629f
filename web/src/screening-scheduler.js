// When <export-screen> screens what the user typed (guided check, quick screening) and what it keeps
// of the answer: a screening once typing pauses, never a verdict for text still being typed, the
// answer for earlier text discarded, the audit record, the error to show. No DOM: the element
// renders the state it holds (tests/js/screening-scheduler.test.mjs runs it against the worker).
import { asError } from './screen-error.js';
import { WorkerRequest } from './worker-protocol.js';
import { auditRecord } from './audit-record.js';
import { searchChips } from './form-state.js';

/**
 * What the widget shows besides the form, shared with the views: the last request, result, error
 * and audit record, the parties whose every match is shown ("N more") and the match limit asked
 * for them, and what the result slot says while there is no result for what is typed.
 * @typedef {object} ScreeningState
 * @property {object|null} request
 * @property {object|null} result
 * @property {{code: string, message: string, key?: string}|null} error
 * @property {{record: object, sha256: string}|null} record
 * @property {Set<number>} expanded
 * @property {number} limit
 * @property {string} pending A message key, or ''.
 */

/**
 * What the scheduler asks of the widget that owns it.
 * @typedef {object} ScreeningHost
 * @property {() => 'check'|'parties'|'batch'} mode The widget's mode now.
 * @property {() => import('./i18n.js').Translator} translator The widget's language now.
 * @property {() => (string|undefined)} asOf The date the rules are applied as of (`as-of`).
 * @property {(extra: {limit?: number}) => object} options The request options in force (threshold,
 *   filters, the lists' age allowed; views/options.js screenOptions).
 * @property {() => boolean} optionsNeedEngine Whether those options need the engine's answer (a
 *   threshold or filter chosen; views/options.js optionsNeedEngine).
 * @property {() => (string|undefined)} listPin The host's pin of list-src (`list-sha256`).
 * @property {() => void} changed The result, its error or the pending note changed: show it.
 * @property {(text: string, assertive?: boolean) => void} announce Says a text to screen readers.
 * @property {(type: string, detail: object) => void} emit Dispatches an event of the widget.
 */

export class ScreeningScheduler {
  /**
   * How long typing pauses before the quick screening runs, in ms: long enough that a name typed
   * letter by letter is not screened at every letter (issue 13: "Clear, Stop, Clear, License
   * required" while typing). Enter screens at once. Tests shorten it.
   */
  static typingPauseMs = 800;

  #session;
  #form;
  #ui;
  #host;
  #timer = undefined;
  // Bumped by every new input or screening: an answer that comes back under an older number is
  // for text no longer there, and is dropped.
  #seq = 0;

  /**
   * @param {{session: import('./engine-session.js').EngineSession,
   *   form: import('./form-state.js').FormState, ui: ScreeningState, host: ScreeningHost}} parts
   */
  constructor({ session, form, ui, host }) {
    this.#session = session;
    this.#form = form;
    this.#ui = ui;
    this.#host = host;
  }

  /**
   * The quick screening's input changed: the result of the earlier text goes at once (and one
   * still on its way is dropped), the result slot says a screening will run, and it runs when
   * typing pauses, once the name and country can be screened.
   */
  schedule() {
    clearTimeout(this.#timer);
    this.#seq++;
    const q = this.#form.value.quick;
    this.#clear();
    this.#ui.pending = q.name.trim() ? 'result.typing' : '';
    this.#host.changed();
    this.#timer = setTimeout(() => {
      const countries = this.#session.countries;
      if (!q.name.trim()) return;
      if (q.country && (q.country.length < 2 || (countries.size && !countries.has(q.country))))
        return;
      this.run();
    }, ScreeningScheduler.typingPauseMs);
  }

  /**
   * Forgets the result shown and any screening still to come: one waiting for typing to pause,
   * or one on its way (the form was reset, or the mode changed: that input is no longer there).
   */
  clear() {
    clearTimeout(this.#timer);
    this.#seq++;
    this.#clear();
    this.#ui.pending = '';
  }

  /** Forgets the result, its error and record, and what "N more" asked for. */
  #clear() {
    this.#ui.result = this.#ui.error = this.#ui.record = this.#ui.request = null;
    this.#ui.expanded.clear();
    this.#ui.limit = 0;
  }

  /**
   * Screens the form of the widget's mode now; resolves with the result, or null when it failed
   * (the error is shown, announced and sent as screen-error). A result for input changed meanwhile
   * is returned but neither kept nor shown.
   * @param {{keepExpanded?: boolean}} [options] keep the parties "N more" expanded (a screening
   *   again of the same input: another language, every match of a party)
   */
  async run({ keepExpanded = false } = {}) {
    clearTimeout(this.#timer);
    const seq = ++this.#seq;
    if (!keepExpanded) {
      this.#ui.expanded.clear();
      this.#ui.limit = 0;
    }
    const t = this.#host.translator();
    const context = {
      options: {},
      asOf: this.#host.asOf(),
      locale: t.locale,
      reference: this.#session.reference,
      countries: this.#session.countries,
      roles: this.#session.engine?.roles,
    };
    const mode = this.#host.mode();
    const request =
      mode === 'parties' ? this.#form.quickRequest(context) : this.#form.checkRequest(context);
    // A chip searched for and not chosen is never dropped from the deal (issue 13): the check
    // waits for a choice (the item step says so; screen() answers with this error).
    const chips = this.#session.reference?.chips;
    const itemProblem =
      mode === 'check' && chips && String(this.#form.value.item.query ?? '').trim()
        ? this.#form.itemProblem(searchChips(chips, this.#form.value.item.query))
        : '';
    if (itemProblem) {
      this.showError(
        {
          code: 'invalid_request',
          message: 'the item searched for is not chosen',
          key: itemProblem,
        },
        mode,
        request,
      );
      return null;
    }
    // With no result shown, the slot says the screening runs (not "when you pause typing": Enter
    // was pressed), until the answer or an error replaces it.
    if (!this.#ui.result && !this.#ui.error) {
      this.#ui.pending = 'result.screening';
      this.#host.changed();
    }
    try {
      // The threshold and filters in force need the engine's presets and lists, unless they are
      // the defaults: then a quick screening is sent as soon as the engine's start is, and the
      // worker runs it right after (docs/benchmarks.md, time to first result), not a round trip
      // through this page later.
      const ready = this.#session.start();
      if (mode === 'parties' && !this.#host.optionsNeedEngine()) await this.#session.queued();
      else await ready;
      // The threshold (absent: the core's default, the balanced preset), the filters, the lists'
      // age this page allows, and the match limit "N more" asked for.
      Object.assign(request.options, this.#host.options({ limit: this.#ui.limit }));
      const [result] = await Promise.all([
        this.#session.request(WorkerRequest.SCREEN, { request }),
        ready,
      ]);
      if (seq !== this.#seq) return result;
      // Sent before the engine answered, the default threshold was the core's (the balanced
      // preset's, core/include/exportscreen/matcher.h): the record names the score applied.
      request.options.min_score ??= this.#host.options({}).min_score;
      this.#ui.request = request;
      this.#ui.result = result;
      this.#ui.error = null;
      this.#ui.pending = '';
      this.#ui.record = await auditRecord(
        {
          kind: mode,
          request,
          result,
          lists: result.lists,
          engine: this.#session.engine,
          locale: t.locale,
          list_pin: this.#host.listPin(),
        },
        (text) => this.#session.sha256(text),
      );
      if (seq !== this.#seq) return result;
      this.#host.changed();
      this.#host.announce(
        t.t('result.announce', {
          verdict: t.t(`verdict.${result.verdict}`),
          n: result.findings.length,
        }),
      );
      this.#host.emit('screen-result', { mode, request, result, record: this.#ui.record });
      return result;
    } catch (err) {
      if (seq !== this.#seq) return null;
      this.showError(asError(err), mode, request);
      return null;
    }
  }

  /**
   * Screens the input shown again (the lists, the options or the language changed), when a result
   * of the guided check or quick screening is shown; a batch is left as it is.
   * @param {{keepExpanded?: boolean}} [options]
   */
  rescreenShown(options) {
    if (this.#ui.result && this.#host.mode() !== 'batch') this.run(options);
  }

  /**
   * "N more": every match of a party, asked for again with a limit that holds them all.
   * @param {number} party its index in the request
   * @param {number} total its matches
   */
  showMore(party, total) {
    this.#ui.expanded.add(party);
    this.#ui.limit = Math.min(1000, Math.max(this.#ui.limit, total));
    return this.run({ keepExpanded: true });
  }

  /**
   * Shows an error in place of the result, announces it and sends screen-error.
   * @param {{code: string, message: string, key?: string}} error
   * @param {string} mode the mode (or part: `engine`, `reference`) that failed
   * @param {object|null} [request]
   */
  showError(error, mode, request = null) {
    this.#ui.error = error;
    this.#ui.pending = '';
    this.#ui.result = null;
    this.#ui.record = null;
    this.#host.changed();
    const t = this.#host.translator();
    const key = error.key ?? `error.${error.code}`;
    const text = t.has(key) ? t.t(key) : t.t('error.internal_error');
    this.#host.announce(t.t('error.announce', { text }), true);
    this.#host.emit('screen-error', { mode, request, error });
  }
}
