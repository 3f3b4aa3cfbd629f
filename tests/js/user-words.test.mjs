// Issue 13, item 8: no field name in what the user reads. Every text the rule data gives the user
// (finding messages, next steps, questions, help, labels, review-policy prefixes; en and zh) is
// free of request and result field names such as open_questions, license_exceptions or
// origin_country once its {placeholders} are taken out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const rulesDir = new URL('../../data/rules/', import.meta.url).pathname;

// A localized text: an object with an "en" string (and usually "zh").
const isText = (v) => v && typeof v === 'object' && !Array.isArray(v) && typeof v.en === 'string';

function* texts(node, path) {
  if (isText(node)) {
    for (const [lang, s] of Object.entries(node)) {
      if (typeof s === 'string') yield { path: `${path}.${lang}`, text: s };
    }
    return;
  }
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) yield* texts(v, `${path}[${i}]`);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) yield* texts(v, `${path}.${k}`);
  }
}

// snake_case identifiers and dotted fact names (end_use.x, lists.partial) are field names; an
// e.g./i.e. and a domain (trade.gov) are not.
const FIELD =
  /\b[a-z]+(?:_[a-z0-9]+)+\b|\b(?:end_use|red_flag|item|party|match|lists|deal|options)\.[a-z_]+/;

test('the rule data says nothing to the user in field names', () => {
  const found = [];
  for (const file of readdirSync(rulesDir).filter((f) => f.endsWith('.json'))) {
    const data = JSON.parse(readFileSync(join(rulesDir, file), 'utf8'));
    for (const { path, text } of texts(data, file)) {
      const plain = text.replace(/\{[^}]*\}/g, '');
      const m = plain.match(FIELD);
      if (m) found.push(`${path}: "${m[0]}" in ${JSON.stringify(text.slice(0, 120))}`);
    }
  }
  assert.deepEqual(found, []);
});
