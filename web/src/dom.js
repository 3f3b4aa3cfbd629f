// The one way <export-screen> makes DOM: elements with attributes and text children. Text is
// always a text node (never parsed as markup), so list data and user input cannot inject HTML.

/**
 * Creates `tag` with attributes (`null`/`false` values are skipped, `true` sets an empty
 * attribute) and children (nodes, or strings that become text nodes).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/**
 * Text a user typed or a list holds, isolated from the text around it (Unicode bidi isolate):
 * a right-to-left override or an unmatched embedding in a name cannot reorder the UI text next
 * to it. `<bdi>` also takes the text's direction from the text itself.
 */
export function isolated(text) {
  return h('bdi', {}, closeBidi(text));
}

const EMBEDDING = /[\u202A-\u202E\u2066-\u2069\n\r\u2029]/g;

/**
 * `text` with the bidi controls it leaves open closed at its end (PDF for an embedding or
 * override, PDI for an isolate; UAX #9 X6a-X7). A browser builds an element's isolate from the
 * same controls, so an unmatched RLI in a name would take the element's closing PDI and leave an
 * earlier override running over the UI text after the element.
 */
export function closeBidi(text) {
  const s = String(text ?? '');
  const open = [];
  for (const [c] of s.matchAll(EMBEDDING)) {
    if (c >= '\u202A' && c <= '\u202E' && c !== '\u202C') open.push('\u202C');
    else if (c === '\u202C') {
      if (open.at(-1) === '\u202C') open.pop();
    } else if (c >= '\u2066' && c <= '\u2068') open.push('\u2069');
    else if (c === '\u2069') {
      const at = open.lastIndexOf('\u2069');
      if (at >= 0) open.length = at;
    } else open.length = 0; // a paragraph separator ends every embedding and isolate
  }
  return s + open.reverse().join('');
}

/**
 * The same for places that hold plain text only (an <option>, an announcement, an aria-label):
 * FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE around the text (UAX #9, X5c and X6a).
 */
export function isolatedText(text) {
  return `\u2068${closeBidi(text)}\u2069`;
}

/**
 * A text (a core message, an error) that quotes names a user typed or a list holds: each
 * occurrence of one of `names` (those with a character beyond ASCII) becomes a <bdi>, the rest
 * stays text. `attrs` go on the span that holds it all, which is itself isolated by the
 * caller's stylesheet (class "iso").
 */
export function isolatingNames(text, names, attrs = {}) {
  const span = h('span', { ...attrs, class: attrs.class ? `${attrs.class} iso` : 'iso' });
  // Text of ASCII characters alone holds nothing right-to-left and no bidi control: it needs no isolate.
  const wanted = [
    ...new Set(names.filter((n) => typeof n === 'string' && /[^\x00-\x7F]/.test(n))),
  ].sort((a, b) => b.length - a.length);
  let rest = String(text ?? '');
  while (rest) {
    let at = -1;
    let name = '';
    for (const n of wanted) {
      const i = rest.indexOf(n);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        name = n;
      }
    }
    if (at < 0) {
      span.append(rest);
      break;
    }
    if (at > 0) span.append(rest.slice(0, at));
    span.append(isolated(name));
    rest = rest.slice(at + name.length);
  }
  return span;
}

/**
 * Saves `text` as a file named `name` (a download link clicked inside `parent`, the widget's
 * shadow root, so the host page's DOM is left alone).
 * @param {ShadowRoot|Element} parent
 * @param {string} name
 * @param {string} type its media type
 * @param {string} text
 */
export function downloadFile(parent, name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  parent.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
