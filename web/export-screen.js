// <export-screen>: the embeddable screening widget. Knows the JS API of exportscreen.js, never
// the C++ behind it. Everything a list or a user supplies is rendered as text, never as markup.
import { createScreener, ScreenError } from './exportscreen.js';

const css = `
:host {
  --es-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
  --es-fg: #1d2330;
  --es-bg: #ffffff;
  --es-muted: #4b5563;
  --es-border: #c3c8d1;
  --es-accent: #1f4fd1;
  --es-stop: #a4161a;
  --es-license: #8a4b00;
  --es-review: #6a3fa0;
  --es-clear: #1d6b36;
  --es-radius: 8px;
  display: block;
  font-family: var(--es-font);
  color: var(--es-fg);
  background: var(--es-bg);
  line-height: 1.45;
}
@media (prefers-color-scheme: dark) {
  :host {
    --es-fg: #e7e9ee; --es-bg: #141820; --es-muted: #b4bac6; --es-border: #4a5263;
    --es-accent: #8fb0ff; --es-stop: #ff8a8f; --es-license: #ffb866; --es-review: #cfb0ff;
    --es-clear: #7fdc9c;
  }
}
* { box-sizing: border-box; }
form { display: grid; grid-template-columns: 1fr 9rem auto; gap: .5rem 1rem; align-items: start; }
.submit { padding-top: 1.6rem; }
label { display: block; font-weight: 600; font-size: .9rem; margin-bottom: .25rem; }
.hint { color: var(--es-muted); font-size: .85rem; margin: .2rem 0 0; }
input, button {
  font: inherit; min-height: 2.5rem; padding: .4rem .6rem; border-radius: var(--es-radius);
  border: 1px solid var(--es-border); color: var(--es-fg); background: var(--es-bg); width: 100%;
}
button { background: var(--es-accent); color: var(--es-bg); border-color: var(--es-accent); font-weight: 600; cursor: pointer; width: auto; }
input:focus-visible, button:focus-visible, a:focus-visible, summary:focus-visible {
  outline: 3px solid var(--es-accent); outline-offset: 2px;
}
input[aria-invalid="true"] { border-color: var(--es-stop); }
.field-error { color: var(--es-stop); font-size: .85rem; margin: .2rem 0 0; min-height: 1.2em; }
.status { margin-top: 1rem; }
.verdict { border-radius: var(--es-radius); padding: .75rem 1rem; border: 2px solid currentColor; margin: 0 0 .75rem; }
.verdict strong { font-size: 1.15rem; }
.verdict[data-verdict="stop"] { color: var(--es-stop); }
.verdict[data-verdict="license_required"] { color: var(--es-license); }
.verdict[data-verdict="review"] { color: var(--es-review); }
.verdict[data-verdict="clear"] { color: var(--es-clear); }
.verdict p { margin: .25rem 0 0; color: var(--es-fg); }
ol.findings { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
ol.findings > li { border: 1px solid var(--es-border); border-left: 6px solid var(--es-border); border-radius: var(--es-radius); padding: .6rem .8rem; }
ol.findings > li[data-severity="stop"] { border-left-color: var(--es-stop); }
ol.findings > li[data-severity="license_required"] { border-left-color: var(--es-license); }
ol.findings > li[data-severity="review"] { border-left-color: var(--es-review); }
ol.findings > li[data-severity="clear"] { border-left-color: var(--es-clear); }
.finding-title { margin: 0 0 .25rem; }
.finding-title strong { margin-right: .25rem; }
dl.entry { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: .5rem 0; font-size: .92rem; }
dl.entry dt { color: var(--es-muted); }
dl.entry dd { margin: 0; overflow-wrap: anywhere; }
.citation, .next { font-size: .92rem; margin: .35rem 0 0; }
.error { color: var(--es-stop); font-weight: 600; }
.notice, .data-note { color: var(--es-muted); font-size: .85rem; }
a { color: var(--es-accent); }
@media (max-width: 40rem) { form { grid-template-columns: 1fr; } .submit { padding-top: 0; } button { width: 100%; } }
@media (prefers-reduced-motion: no-preference) { .status > * { animation: es-in .15s ease-out; } }
@keyframes es-in { from { opacity: .4; } to { opacity: 1; } }
`;

let sheet;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

const VERDICT_TEXT = {
  stop: ['Stop', 'Do not proceed: a finding prohibits this transaction.'],
  license_required: ['License required', 'A license from BIS is needed before proceeding.'],
  review: ['Review', 'Something needs a closer look before proceeding.'],
  clear: ['Clear', 'No finding against this transaction on the data loaded.'],
};

// Creates an element with text content (never markup) and optional attributes.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : String(c));
  return el;
}

/**
 * The exportscreen widget.
 *
 * @attr lang - Language (inherited from the nearest [lang]); English for now.
 * @attr min-score - Minimum match score, 0..1 (default 0.85).
 * @event screen-result - detail: {request, result}; bubbles, composed.
 * @event screen-error - detail: {request, error: {code, message}}; bubbles, composed.
 * @csspart form - The party form.
 * @csspart result - The live result region.
 * @csspart verdict - The verdict banner.
 * @cssproperty --es-accent - Accent color of buttons, links and focus rings.
 * @cssproperty --es-font - Font family.
 */
export class ExportScreenElement extends HTMLElement {
  /** Registers the element (once) under `tag`. */
  static define(tag = 'export-screen', registry = customElements) {
    if (!registry.get(tag)) registry.define(tag, this);
    return this;
  }

  static get observedAttributes() {
    return ['min-score'];
  }

  #screener = null;
  #ready = null;
  #seq = 0;
  #timer = 0;
  #els = {};

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    const form = h('form', { part: 'form', novalidate: '' });
    const nameField = h('div', {},
      h('label', { for: 'name' }, 'Party name'),
      h('input', { id: 'name', name: 'name', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'name-hint' }),
      h('p', { class: 'hint', id: 'name-hint' }, 'Company or person, in any script.'));
    const countryField = h('div', {},
      h('label', { for: 'country' }, 'Country'),
      h('input', { id: 'country', name: 'country', type: 'text', autocomplete: 'off', maxlength: '2', 'aria-describedby': 'country-hint country-error' }),
      h('p', { class: 'hint', id: 'country-hint' }, 'ISO code, e.g. CN'),
      h('p', { class: 'field-error', id: 'country-error' }));
    const button = h('button', { type: 'submit' }, 'Screen');
    form.append(nameField, countryField, h('div', { class: 'submit' }, button));
    const status = h('div', { class: 'status', part: 'result', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const note = h('p', { class: 'data-note', part: 'data-note' });
    root.append(form, status, note);
    this.#els = { form, status, note, name: form.querySelector('#name'), country: form.querySelector('#country'), countryError: form.querySelector('#country-error') };

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#run();
    });
    this.#els.name.addEventListener('input', () => this.#schedule());
    this.#els.country.addEventListener('input', () => this.#schedule());
  }

  connectedCallback() {
    this.#ensureScreener();
  }

  attributeChangedCallback() {
    if (this.#els.name?.value.trim()) this.#schedule();
  }

  /** The minimum score for a match (attribute `min-score`), 0..1. */
  get minScore() {
    const v = Number.parseFloat(this.getAttribute('min-score'));
    return Number.isFinite(v) && v >= 0 && v <= 1 ? v : 0.85;
  }
  set minScore(v) {
    this.setAttribute('min-score', String(v));
  }

  /** The last result, or null. */
  result = null;

  #ensureScreener() {
    if (!this.#ready) {
      this.#els.note.textContent = 'Loading the screening engine…';
      this.#ready = createScreener().then(
        (s) => {
          this.#screener = s;
          this.#showDataNote();
          return s;
        },
        (err) => {
          this.#ready = null;
          this.#showError(err);
          throw err;
        },
      );
    }
    return this.#ready;
  }

  #showDataNote() {
    const lists = this.#screener.lists();
    const builtin = lists.find((l) => l.builtin);
    const parts = lists.map((l) => `${l.source}: ${l.records.toLocaleString('en')} records, as of ${l.as_of ?? 'unknown date'}`);
    this.#els.note.textContent =
      parts.join('; ') +
      (builtin
        ? '. This built-in list is partial: it cannot clear a party. For a full screening, load the official Consolidated Screening List (consolidated.csv from trade.gov).'
        : '.');
  }

  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), 250);
  }

  #request() {
    const name = this.#els.name.value.trim();
    const country = this.#els.country.value.trim().toUpperCase();
    const party = { name };
    if (country) party.country = country;
    return { parties: [party], options: { min_score: this.minScore } };
  }

  async #run() {
    clearTimeout(this.#timer);
    const name = this.#els.name.value.trim();
    const seq = ++this.#seq;
    this.#setFieldError('');
    if (!name) {
      this.#els.status.replaceChildren();
      return;
    }
    const request = this.#request();
    try {
      const screener = await this.#ensureScreener();
      if (seq !== this.#seq) return;
      const result = screener.screen(request);
      this.result = result;
      this.#render(result);
      this.dispatchEvent(new CustomEvent('screen-result', { bubbles: true, composed: true, detail: { request, result } }));
    } catch (err) {
      if (seq !== this.#seq) return;
      const error = err instanceof ScreenError ? { code: err.code, message: err.message } : { code: 'internal_error', message: String(err?.message ?? err) };
      if (error.code === 'invalid_country') this.#setFieldError('Not an ISO country code. Use two letters, e.g. CN, DE, SG.');
      this.#showError(error);
      this.dispatchEvent(new CustomEvent('screen-error', { bubbles: true, composed: true, detail: { request, error } }));
    }
  }

  #setFieldError(text) {
    this.#els.countryError.textContent = text;
    if (text) this.#els.country.setAttribute('aria-invalid', 'true');
    else this.#els.country.removeAttribute('aria-invalid');
  }

  #showError(error) {
    this.#els.status.replaceChildren(h('p', { class: 'error' }, `Could not screen: ${error.message}`));
  }

  #render(result) {
    const [title, explain] = VERDICT_TEXT[result.verdict];
    const banner = h('div', { class: 'verdict', part: 'verdict', 'data-verdict': result.verdict },
      h('strong', {}, `Verdict: ${title}`), h('p', {}, explain));
    const list = h('ol', { class: 'findings' });
    const matchesByEntry = new Map(result.party_matches.map((m) => [`${m.party}:${m.id}`, m]));
    for (const f of result.findings) {
      const li = h('li', { 'data-severity': f.severity, 'data-rule': f.rule });
      li.append(h('p', { class: 'finding-title' }, h('strong', {}, `${VERDICT_TEXT[f.severity][0]}:`), f.message));
      const m = f.evidence && matchesByEntry.get(`${f.evidence.party}:${f.evidence.entry_id}`);
      if (m) li.append(this.#entryDetails(m));
      li.append(h('p', { class: 'citation' }, h('strong', {}, 'Citation: '), f.citation));
      if (f.next_step) li.append(h('p', { class: 'next' }, h('strong', {}, 'Next step: '), f.next_step));
      list.append(li);
    }
    this.#els.status.replaceChildren(banner, list, h('p', { class: 'notice' }, result.notice));
  }

  #entryDetails(m) {
    const dl = h('dl', { class: 'entry' });
    const row = (k, v) => v && dl.append(h('dt', {}, k), h('dd', {}, v));
    row('List entry', m.name);
    if (m.alias) row('Matched alias', m.matched_name);
    row('Source list', m.source);
    row('Score', `${Math.round(m.score * 100)} / 100`);
    row('Federal Register', m.entry.federal_register_notice);
    row('License requirement', m.entry.license_requirement);
    row('License policy', m.entry.license_policy);
    return dl;
  }
}
