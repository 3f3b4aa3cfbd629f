// The styles of <export-screen>, applied as a constructable stylesheet (works under
// style-src 'self', where a <style> in the shadow root is blocked). Hosts theme it with the
// --es-* custom properties and ::part() (README, "Theming").

const css = /* css */ `
:host {
  --es-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Droid Sans Fallback", sans-serif;
  --es-fg: #1d2330;
  --es-bg: #ffffff;
  --es-surface: #f4f6f9;
  --es-muted: #4b5563;
  --es-border: #8a93a3;
  --es-accent: #1f4fd1;
  --es-accent-fg: #ffffff;
  --es-focus: #1f4fd1;
  --es-stop: #a4161a;
  --es-license: #8a4b00;
  --es-review: #6a3fa0;
  --es-clear: #1d6b36;
  --es-warning: #8a4b00;
  --es-mark: #fff1a8;
  --es-radius: 8px;
  --es-gap: 1rem;
  display: block;
  font-family: var(--es-font);
  color: var(--es-fg);
  background: var(--es-bg);
  line-height: 1.45;
  position: relative;
}
@media (prefers-color-scheme: dark) {
  :host {
    --es-fg: #e7e9ee; --es-bg: #141820; --es-surface: #1d2330; --es-muted: #b4bac6; --es-border: #6b7385;
    --es-accent: #8fb0ff; --es-accent-fg: #10131a; --es-focus: #8fb0ff; --es-stop: #ff8a8f; --es-license: #ffb866;
    --es-review: #cfb0ff; --es-clear: #7fdc9c; --es-warning: #ffb866; --es-mark: #5c4a00;
  }
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.root { display: grid; gap: var(--es-gap); }
/* Grid items shrink to the widget's width (a long row scrolls inside them, never the page). */
.root > *, .check > *, .mode, .step > *, .result > * { min-width: 0; }
form { display: grid; gap: .75rem; }
h2, h3, h4 { margin: 0; line-height: 1.25; }
h2 { font-size: 1.2rem; }
h3 { font-size: 1.05rem; }
h4 { font-size: .95rem; }
p { margin: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
label, legend { font-weight: 600; font-size: .92rem; }
label { display: block; margin-bottom: .25rem; }
fieldset { border: 1px solid var(--es-border); border-radius: var(--es-radius); padding: .75rem 1rem 1rem; margin: 0; min-width: 0; }
legend { padding: 0 .35rem; }
.hint { color: var(--es-muted); font-size: .85rem; margin-top: .2rem; }
.field-error { color: var(--es-stop); font-size: .85rem; margin-top: .2rem; }
.field-error:empty { display: none; }
input, select, button, .button {
  font: inherit; min-height: 2.5rem; min-width: 2.5rem; padding: .4rem .65rem; border-radius: var(--es-radius);
  border: 1px solid var(--es-border); color: var(--es-fg); background: var(--es-bg);
}
input[type="text"], input[type="search"], input[type="number"], input[type="date"], select { width: 100%; }
input[type="radio"], input[type="checkbox"] { min-height: 1.5rem; min-width: 1.5rem; width: 1.5rem; height: 1.5rem; margin: 0; accent-color: var(--es-accent); }
button, .button { cursor: pointer; font-weight: 600; display: inline-flex; align-items: center; justify-content: center; gap: .4rem; text-decoration: none; }
button.primary, .button.primary { background: var(--es-accent); color: var(--es-accent-fg); border-color: var(--es-accent); }
button:disabled { opacity: .6; cursor: not-allowed; }
:is(input, select, button, a, summary, [tabindex]):focus-visible { outline: 3px solid var(--es-focus); outline-offset: 2px; }
input[type="file"] { position: absolute; opacity: 0; width: 1px; height: 1px; }
input[type="file"]:focus-visible + label.button { outline: 3px solid var(--es-focus); outline-offset: 2px; }
label.button { margin: 0; font-weight: 600; }
[aria-invalid="true"] { border-color: var(--es-stop); border-width: 2px; }
a { color: var(--es-accent); }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem 1rem; align-items: start; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }

/* Data vintage and lists */
.vintage { background: var(--es-surface); border-radius: var(--es-radius); padding: .6rem .9rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; font-size: .9rem; }
.vintage p { margin: 0; }
.warning { color: var(--es-warning); font-weight: 600; }
.lists-panel { border: 1px solid var(--es-border); border-radius: var(--es-radius); padding: .75rem 1rem; display: grid; gap: .75rem; }
.lists-panel[hidden] { display: none; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: start; padding: .35rem .5rem; border-bottom: 1px solid var(--es-border); vertical-align: top; }
th { font-weight: 600; }
.hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem; overflow-wrap: anywhere; }
.iso, bdi { unicode-bidi: isolate; }
.progress { display: grid; gap: .25rem; }
progress { width: 100%; height: 1rem; accent-color: var(--es-accent); }
.drop-overlay { position: absolute; inset: 0; border: 3px dashed var(--es-accent); border-radius: var(--es-radius); background: color-mix(in srgb, var(--es-bg) 85%, transparent); display: none; place-items: center; font-weight: 700; font-size: 1.1rem; z-index: 2; }
:host([data-dragging]) .drop-overlay { display: grid; }

/* Guided check */
.steps ol { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 0; counter-reset: step; }
.steps button { background: var(--es-bg); font-weight: 500; }
.steps button[aria-current="step"] { background: var(--es-accent); color: var(--es-accent-fg); border-color: var(--es-accent); font-weight: 700; }
.steps button[data-done]::after { content: "✓"; }
/* On a phone the steps are one scrolling row, so the step's first question is on the first screen. */
@media (max-width: 40rem) {
  .steps ol { flex-wrap: nowrap; overflow-x: auto; gap: .35rem; padding-bottom: .15rem; }
  .steps button { white-space: nowrap; font-size: .85rem; padding: .25rem .5rem; }
  .vintage { padding: .4rem .6rem; font-size: .8rem; }
  .root { gap: .6rem; }
}
.check { display: grid; gap: .75rem; }
.step { display: grid; gap: .75rem; }
.step-heading:focus { outline: none; }
.step-heading:focus-visible { outline: 3px solid var(--es-focus); outline-offset: 2px; }
.party { display: grid; gap: .75rem; }
.choices { display: grid; gap: .4rem; }
.choice { display: flex; gap: .5rem; align-items: center; font-weight: 400; min-height: 1.5rem; margin: 0; }
.question { display: grid; gap: .35rem; }
.question .row { gap: 1.25rem; }
.nav { display: flex; flex-wrap: wrap; gap: .5rem; justify-content: space-between; }
.note { background: var(--es-surface); border-radius: var(--es-radius); padding: .5rem .75rem; font-size: .9rem; }

/* Result */
.result { display: grid; gap: .75rem; }
.result:empty { display: none; }
.verdict { border-radius: var(--es-radius); padding: .75rem 1rem; border: 2px solid currentColor; display: grid; gap: .25rem; }
.verdict strong { font-size: 1.2rem; }
.verdict p { color: var(--es-fg); }
[data-verdict="stop"] { color: var(--es-stop); }
[data-verdict="license_required"] { color: var(--es-license); }
[data-verdict="review"] { color: var(--es-review); }
[data-verdict="clear"] { color: var(--es-clear); }
[data-verdict="info"] { color: var(--es-muted); }
.badge { font-weight: 700; white-space: nowrap; }
ol.findings { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
ol.findings > li { border: 1px solid var(--es-border); border-inline-start: 6px solid var(--es-border); border-radius: var(--es-radius); padding: .6rem .8rem; display: grid; gap: .4rem; }
ol.findings > li[data-severity="stop"] { border-inline-start-color: var(--es-stop); }
ol.findings > li[data-severity="license_required"] { border-inline-start-color: var(--es-license); }
ol.findings > li[data-severity="review"] { border-inline-start-color: var(--es-review); }
ol.findings > li[data-severity="clear"] { border-inline-start-color: var(--es-clear); }
.party-result { display: grid; gap: .4rem; }
.party-heading { font-size: 1rem; }
table.matches td, table.matches th { padding: .2rem .4rem; }
table.matches td:nth-child(3) { font-variant-numeric: tabular-nums; }
.row-toggle { background: none; border: none; padding: .1rem 0; min-height: 1.5rem; min-width: 0; font-weight: 600; color: var(--es-accent); text-align: start; justify-content: flex-start; }
.row-toggle::before { content: "▸"; display: inline-block; width: 1em; color: var(--es-fg); }
.row-toggle[aria-expanded="true"]::before { content: "▾"; }
tr.match-details > td { background: var(--es-surface); display: table-cell; }
tr.match-details > td > * + * { margin-top: .35rem; }
tr.match-details[hidden] { display: none; }
.no-match { font-size: .95rem; }
dl.consequences { margin: 0; display: grid; gap: .2rem; font-size: .88rem; }
dl.consequences dt { font-weight: 600; }
dl.consequences dd { margin: 0 0 .3rem; padding-inline-start: .75rem; border-inline-start: 4px solid var(--es-border); }
dl.consequences dt[data-severity="stop"] + dd { border-inline-start-color: var(--es-stop); }
dl.consequences dt[data-severity="license_required"] + dd { border-inline-start-color: var(--es-license); }
dl.consequences dt[data-severity="review"] + dd { border-inline-start-color: var(--es-review); }
dl.consequences .fact strong { color: var(--es-muted); font-weight: 600; }
.pending { font-style: italic; }
.print-only { display: none; }
details.options { border: 1px solid var(--es-border); border-radius: var(--es-radius); padding: .4rem .75rem; }
details.options > summary { color: var(--es-fg); }
details.options[open] { display: grid; gap: .6rem; }
.summary-label { font-weight: 600; }
.question-group { display: grid; gap: .5rem; border-top: 1px solid var(--es-border); padding-top: .5rem; }
.questions ul { margin: .25rem 0 0; padding-inline-start: 1.25rem; display: grid; gap: .25rem; }
dl.entry { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: 0; font-size: .92rem; }
dl.entry dt { color: var(--es-muted); }
dl.entry dd { margin: 0; overflow-wrap: anywhere; }
details > summary { cursor: pointer; min-height: 1.5rem; font-size: .92rem; color: var(--es-accent); }
details[open] > summary { margin-bottom: .35rem; }
.questions { display: grid; gap: .35rem; }
mark { background: var(--es-mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
.citation, .next { font-size: .92rem; }
.error { color: var(--es-stop); font-weight: 600; }
.error-box { border: 2px solid var(--es-stop); border-radius: var(--es-radius); padding: .6rem .9rem; display: grid; gap: .25rem; }
.notice { color: var(--es-muted); font-size: .85rem; }
.printed { display: none; }

/* Batch */
.batch, .batch-results, .batch-progress { display: grid; gap: .6rem; }
.table-wrap { overflow-x: auto; }
th button { background: none; border: none; padding: .2rem .25rem; min-height: 1.5rem; font-weight: 600; color: inherit; }
.pager { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; justify-content: space-between; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }

@media (prefers-reduced-motion: no-preference) {
  .result > *, .verdict { animation: es-in .15s ease-out; }
}
/* Movement, not fading: text keeps its full contrast at every frame. */
@keyframes es-in { from { transform: translateY(4px); } to { transform: none; } }

@media print {
  :host { color: #000; background: #fff; --es-fg: #000; --es-bg: #fff; --es-surface: #fff; --es-muted: #333; }
  .no-print, .steps, form, .lists-panel, .drop-overlay, .actions, .pager, .filters, details.options { display: none !important; }
  .printed { display: block; }
  :host { font-size: 8.5pt; line-height: 1.25; }
  .root *:not(.verdict strong) { font-size: inherit; }
  h2, h3 { font-size: 1.1em !important; margin: .3em 0 .1em; }
  .verdict strong { font-size: 1.25em; }
  .vintage { padding: 0; }
  /* Page 1, the summary: each finding's message; the details (citations, next steps, every
     match explained, open questions with their help) follow on a page of their own. */
  .result > .other-findings ol.findings > li > :not(.message) { display: none; }
  dl.consequences :is(.fact-citation, .fact-next) { display: none; }
  /* The summary says every finding in a few lines and lists the open questions in two columns;
     the details after it say each in full. */
  .result > .other-findings ol.findings > li > .message { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden; }
  .result > .questions ul, .result > .questions > .hint { display: none; }
  .note dl.entry dt::after { content: ": "; }
  tr.match-details, .row-toggle::before { display: none !important; }
  .row-toggle { color: #000; font-weight: 400; padding: 0; min-height: 0; }
  table.matches { font-size: 8pt; }
  table.matches td, table.matches th { padding: 0 .3em; }
  .questions > .hint { display: none; }
  .note dl.entry { display: block; }
  .note dl.entry dt, .note dl.entry dd { display: inline; }
  .note dl.entry dd:not(:last-child)::after { content: " · "; }
  .print-only { display: block; }
  .print-details { break-before: page; }
  .print-details ol.findings > li { break-inside: avoid; }
  dl.entry { font-size: 8pt; }
  /* Chromium splits grid containers badly across pages: plain blocks print cleanly. */
  .root, .result, ol.findings, ol.findings > li, .verdict, .party-result, .questions, .other-findings { display: block; }
  .root > *, .result > *, ol.findings > li { margin-bottom: .25rem; }
  ol.findings > li { padding: .15rem .4rem; }
  a { color: #000; }
  .verdict { padding: .3rem .5rem; }
}
`;

let sheet = null;

/** The shared stylesheet (one CSSStyleSheet for every instance). */
export function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

let printSheet = null;

/**
 * A document-level sheet adopted only while the widget prints: everything on the page except the
 * printing widget and its ancestors is hidden, so the record prints alone.
 */
export function printPageStyles() {
  if (!printSheet) {
    printSheet = new CSSStyleSheet();
    printSheet.replaceSync(/* css */ `@media print {
  body *:not([data-es-printing]):not(:has([data-es-printing])) { display: none !important; }
  html, body, :has([data-es-printing]), [data-es-printing] { margin: 0 !important; padding: 0 !important; max-width: none !important; }
  @page { margin: 12mm; }
}`);
  }
  return printSheet;
}
