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
