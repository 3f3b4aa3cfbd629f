// Audit records: one JSON document per result that shows what was screened, against which list
// bytes and rules, when, and what came out, sealed with the SHA-256 of its own text.

/** The format name written into every record; bump the number when fields change meaning. */
export const AUDIT_FORMAT = 'exportscreen-audit-record/1';

/**
 * Builds {record, sha256}. `sha256` is the lower-case hex SHA-256 of the UTF-8 bytes of
 * JSON.stringify(record): to verify, parse the file, re-serialize `record` with JSON.stringify
 * (key order is kept) and hash it.
 * @param {{kind: 'check'|'parties'|'batch', request: object, result: object, lists: object[],
 *   engine: {version: string, rules_version: string}, locale: string, created_at?: string,
 *   list_pin?: string}} input `list_pin`: the SHA-256 the host pinned its list file to (the
 *   widget's `list-sha256`); the record then says whether a list it used has that hash.
 * @param {(text: string) => Promise<string>} sha256 hex SHA-256 of a string's UTF-8 bytes
 */
export async function auditRecord(input, sha256) {
  const record = {
    format: AUDIT_FORMAT,
    created_at: input.created_at ?? new Date().toISOString(),
    kind: input.kind,
    engine: { version: input.engine.version, rules_version: input.engine.rules_version },
    locale: input.locale,
    lists: input.lists.map((l) => ({
      source: l.source,
      format: l.format,
      as_of: l.as_of ?? null,
      // Its age on the date screened as of (a result's lists carry it; a batch's do not).
      ...('age_days' in l ? { age_days: l.age_days } : {}),
      records: l.records,
      bytes: l.bytes,
      sha256: l.sha256,
      builtin: !!l.builtin,
      ...('partial' in l
        ? {
            partial: l.partial,
            missing_sources: l.missing_sources,
            incomplete_sources: l.incomplete_sources ?? [],
          }
        : {}),
    })),
    ...(input.list_pin
      ? {
          list_pin: {
            sha256: input.list_pin.toLowerCase(),
            used: input.lists.some((l) => l.sha256 === input.list_pin.toLowerCase()),
          },
        }
      : {}),
    request: input.request,
    result: input.result,
  };
  return { record, sha256: await sha256(JSON.stringify(record)) };
}
