// Generates what is written from the JSON contract (contract/exportscreen.schema.json): the
// contract types of the shipped TypeScript declarations (web/package/screener.d.ts, between its
// contract-types markers) and the tables of docs/api.md (between its contract:NAME markers).
// Both are checked in; tests/js/contract.test.mjs fails when they are not what this makes.
//   node scripts/gen-contract.mjs            write them
//   node scripts/gen-contract.mjs --check    exit 1 (naming the file) when one is not current
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'prettier';

const root = resolve(new URL('..', import.meta.url).pathname);
const schema = JSON.parse(readFileSync(join(root, 'contract/exportscreen.schema.json'), 'utf8'));
const defs = schema.$defs;

const refName = (s) => s.$ref?.replace('#/$defs/', '');
const resolveRef = (s) => (s.$ref ? defs[refName(s)] : s);
const constantsOf = (s) => {
  const r = resolveRef(s);
  if (r.enum) return r.enum;
  if (r.oneOf?.every((a) => 'const' in a)) return r.oneOf.map((a) => a.const);
  if ('const' in r) return [r.const];
  return null;
};

// ---- TypeScript --------------------------------------------------------------------------------

const literal = (v) => (typeof v === 'string' ? `'${v.replace(/'/g, "\\'")}'` : JSON.stringify(v));

function tsType(s) {
  if (s.$ref) return refName(s);
  if (s.anyOf) return s.anyOf.map(tsType).join(' | ');
  if (s.oneOf) return s.oneOf.map((a) => ('const' in a ? literal(a.const) : tsType(a))).join(' | ');
  if (s.enum) return s.enum.map(literal).join(' | ');
  if ('const' in s) return literal(s.const);
  if (s.allOf) return s.allOf.map(tsType).join(' & ');
  if (Array.isArray(s.type)) return s.type.map((t) => tsType({ ...s, type: t })).join(' | ');
  switch (s.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const item = tsType(s.items ?? {});
      return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case 'object':
      return objectType(s);
    default:
      return 'unknown';
  }
}

// A description as a JSDoc comment (markdown links kept as their text).
function doc(text, indent = '') {
  if (!text) return '';
  const plain = text.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/\*\//g, '*\\/');
  return `${indent}/** ${plain} */\n`;
}

function objectType(s, indent = '') {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const lines = Object.entries(props).map(
    ([k, v]) =>
      `${doc(v.description, `${indent}  `)}${indent}  ${k}${required.has(k) ? '' : '?'}: ${tsType(v)};`,
  );
  const extra = s.additionalProperties;
  if (s.propertyNames && extra && typeof extra === 'object') {
    return `Partial<Record<${tsType(s.propertyNames)}, ${tsType(extra)}>>`;
  }
  if (extra && typeof extra === 'object') {
    const values = [tsType(extra), ...Object.values(props).map(tsType)];
    if (!lines.length) return `Record<string, ${tsType(extra)}>`;
    lines.push(`${indent}  [key: string]: ${[...new Set(values)].join(' | ')} | undefined;`);
  } else if (extra !== false) {
    if (!lines.length) return 'Record<string, unknown>';
    lines.push(`${indent}  [key: string]: unknown;`);
  }
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function declarations() {
  const out = [];
  for (const [name, s] of Object.entries(defs)) {
    const text = doc(s.description);
    if (s.type === 'object' && s.properties && s.additionalProperties === false) {
      out.push(`${text}export interface ${name} ${objectType(s)}`);
    } else {
      out.push(`${text}export type ${name} = ${tsType(s)};`);
    }
  }
  return out.join('\n\n');
}

// ---- docs/api.md tables -------------------------------------------------------------------------

const cell = (text) =>
  String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
const orList = (items) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items.join('');

function typeText(s) {
  const name = refName(s);
  if (name === 'Date') return '`"YYYY-MM-DD"`';
  if (name === 'CountryCode') return 'ISO 3166-1 alpha-2';
  const constants = constantsOf(s);
  if (constants) return orList(constants.map((c) => `\`${JSON.stringify(c)}\``));
  const r = resolveRef(s);
  const range = (lo, hi) =>
    lo !== undefined && hi !== undefined ? ` ${lo}–${hi.toLocaleString('en-US')}` : '';
  if (r.type === 'number' || r.type === 'integer') {
    const kind = r.type;
    if (r.exclusiveMinimum === 0) return `${kind} > 0`;
    if (r.minimum !== undefined && r.maximum === undefined) return `${kind} ≥ ${r.minimum}`;
    return `${kind}${range(r.minimum, r.maximum)}`;
  }
  if (r.type === 'array') {
    const item = r.items ? typeText(r.items) : '';
    return item === 'string'
      ? 'array of strings'
      : item === 'ISO 3166-1 alpha-2'
        ? 'array of ISO codes'
        : 'array';
  }
  return r.type ?? 'object';
}

// Rows of a field table: `prefix` names nested fields (`parties[].`, `options.`).
function fieldRows(s, { prefix = '', expand = {} } = {}) {
  const rows = [];
  const required = new Set(s.required ?? []);
  for (const [key, value] of Object.entries(s.properties ?? {})) {
    const how = expand[key];
    const target = resolveRef(value.type === 'array' ? value.items : value);
    if (how !== 'only') {
      const type = `${typeText(value)}, ${required.has(key) ? 'required' : 'optional'}`;
      rows.push(
        `| \`${prefix}${key}\` | ${cell(type)} | ${cell(value.description ?? target.description)} |`,
      );
    }
    if (how) {
      const nested = value.type === 'array' ? `${prefix}${key}[].` : `${prefix}${key}.`;
      rows.push(...fieldRows(target, { prefix: nested }));
    }
  }
  return rows;
}

const ORIGIN = { core: '', js_api: '(JS API and widget) ', widget: '(widget only) ' };

const TABLES = {
  ScreenRequest: () => [
    '| field | type | meaning |',
    '|---|---|---|',
    ...fieldRows(defs.ScreenRequest, { expand: { parties: true, options: 'only' } }),
  ],
  Item: () => ['| field | type | meaning |', '|---|---|---|', ...fieldRows(defs.Item)],
  ErrorCode: () => [
    '| code | meaning |',
    '|---|---|',
    ...defs.ErrorCode.oneOf.map(
      (c) => `| \`${c.const}\` | ${cell(ORIGIN[c['x-origin']] + c.description)} |`,
    ),
  ],
  Preset: () => [
    '| preset | minimum score | |',
    '|---|---|---|',
    ...defs.Preset.oneOf.map(
      (p) => `| \`${p.const}\` | ${p['x-min-score']} | ${cell(p.description)} |`,
    ),
  ],
  Role: () => ['| role |', '|---|', ...defs.Role.oneOf.map((r) => `| \`${r.const}\` |`)],
};

function replaceBetween(text, start, end, body, file) {
  const a = text.indexOf(start);
  const b = text.indexOf(end, a);
  if (a < 0 || b < 0) throw new Error(`gen-contract: ${file} has no ${start} ... ${end}`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

async function outputs() {
  const dtsPath = join(root, 'web/package/screener.d.ts');
  let dts = readFileSync(dtsPath, 'utf8');
  dts = replaceBetween(
    dts,
    '// <contract-types> generated by scripts/gen-contract.mjs from contract/exportscreen.schema.json; do not edit',
    '// </contract-types>',
    declarations(),
    dtsPath,
  );
  dts = await format(dts, {
    ...JSON.parse(readFileSync(join(root, '.prettierrc.json'), 'utf8')),
    parser: 'typescript',
  });
  const apiPath = join(root, 'docs/api.md');
  let api = readFileSync(apiPath, 'utf8');
  for (const [name, rows] of Object.entries(TABLES)) {
    api = replaceBetween(
      api,
      `<!-- contract:${name} generated by scripts/gen-contract.mjs; do not edit -->`,
      `<!-- /contract:${name} -->`,
      rows().join('\n'),
      apiPath,
    );
  }
  return [
    [dtsPath, dts],
    [apiPath, api],
  ];
}

const check = process.argv.includes('--check');
let stale = 0;
for (const [path, text] of await outputs()) {
  if (readFileSync(path, 'utf8') === text) continue;
  if (check) {
    console.error(
      `gen-contract: ${path} is not what contract/exportscreen.schema.json makes (run node scripts/gen-contract.mjs)`,
    );
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`gen-contract: wrote ${path}`);
  }
}
process.exit(stale ? 1 : 0);
