// The batch's CSV handling in the page: which column holds what (header mapping), and writing
// the results file with spreadsheet formula injection neutralized. Reading the user's file (its
// encoding, separator and rows) is the core's (parseCsv in the worker), never the page's.

/** The fields a batch row can have, and header names that mean them (lower case, any language). */
export const BATCH_FIELDS = Object.freeze({
  name: [
    'name',
    'party',
    'party name',
    'company',
    'company name',
    'entity',
    'entity name',
    'customer',
    'customer name',
    'full name',
    'full_name',
    'organization',
    'organisation',
    'legal name',
    'firma',
    'raison sociale',
    '名称',
    '名字',
    '姓名',
    '公司',
    '公司名称',
    '企业名称',
    '客户',
  ],
  country: [
    'country',
    'country code',
    'country_code',
    'iso',
    'iso2',
    'nation',
    'land',
    'pays',
    '国家',
    '国家代码',
    '国别',
  ],
  address: ['address', 'street', 'addr', 'full address', 'adresse', '地址'],
  type: ['type', 'party type', 'entity type', 'kind', '类型'],
});

const clean = (s) =>
  String(s ?? '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

/**
 * Guesses the column of each field from a header row: {name: i|-1, country, address, type}.
 * @param {string[]} header
 */
export function guessMapping(header) {
  const cells = header.map(clean);
  const mapping = {};
  for (const [field, names] of Object.entries(BATCH_FIELDS)) {
    mapping[field] = cells.findIndex((c) => names.includes(c));
  }
  // Then headers that contain the field's word ("Street address", "Customer Name").
  for (const [field, word] of Object.entries(CONTAINS)) {
    if (mapping[field] >= 0) continue;
    const taken = new Set(Object.values(mapping));
    mapping[field] = cells.findIndex((c, i) => !taken.has(i) && word.test(c));
  }
  return mapping;
}

const CONTAINS = {
  name: /name|名称|姓名/,
  country: /country|国家/,
  address: /address|street|地址/,
  type: /type|类型/,
};

/** True when the row looks like a header (one of its cells names a field). */
export function looksLikeHeader(row) {
  const m = guessMapping(row);
  return m.name >= 0 || m.country >= 0;
}

/**
 * Neutralizes a cell a spreadsheet would run as a formula (OWASP "CSV Injection"): a leading
 * '=', '+', '-', '@', tab or carriage return gets a leading apostrophe, so it shows as text.
 */
export function neutralizeCell(value) {
  const s = String(value ?? '');
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** One RFC 4180 CSV line of `cells`, each neutralized and quoted when needed. */
export function csvLine(cells) {
  return cells
    .map((c) => {
      const s = neutralizeCell(c);
      return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

/** A whole CSV file (CRLF line ends, UTF-8 byte-order mark so spreadsheets read the text as UTF-8). */
export function csvFile(rows) {
  return `\uFEFF${rows.map(csvLine).join('\r\n')}\r\n`;
}
