// RFC 4180 records of a CSV text, for the derivation scripts (scripts/derive-*.mjs) and the
// benchmark workload (bench/workload.mjs) that read
// CSL and eval-dev files: each record as an array of its fields.
export function* records(s) {
  let field = '';
  let row = [];
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      yield row;
      row = [];
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    yield row;
  }
}
