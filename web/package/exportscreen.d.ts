// TypeScript declarations of the exportscreen JS API (exportscreen.js); the JSON shapes are
// documented in docs/api.md of the exportscreen repository.

/** Stable error codes (docs/api.md, "Errors"). */
export type ErrorCode =
  | 'invalid_json' | 'invalid_request' | 'invalid_country' | 'invalid_date' | 'request_too_large'
  | 'invalid_utf8' | 'invalid_list' | 'truncated_list' | 'empty_list' | 'unknown_list_format'
  | 'invalid_csv' | 'no_lists' | 'out_of_memory' | 'internal_error' | 'wasm_load_failed' | 'deleted'
  | 'empty_csv' | 'worker_failed' | 'list_fetch_failed' | 'not_supported' | 'list_hash_mismatch'
  | (string & {});

/** An error reported by the core or the widget. */
export class ScreenError extends Error {
  constructor(code: ErrorCode, message: string);
  readonly name: 'ScreenError';
  readonly code: ErrorCode;
}

export type Role = 'purchaser' | 'intermediate_consignee' | 'ultimate_consignee' | 'end_user' | 'freight_forwarder' | 'financier' | 'other';
export type Verdict = 'stop' | 'license_required' | 'review' | 'clear';

export interface Party {
  name: string;
  role?: Role;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  address?: string;
  headquarters_country?: string;
}

export interface MatchOptions {
  min_score?: number;
  limit?: number;
  sources?: string[];
}

export interface ScreenRequest {
  as_of?: string;
  parties: Party[];
  items?: unknown[];
  destination?: string;
  end_use?: Record<string, unknown>;
  options?: MatchOptions;
  [field: string]: unknown;
}

export interface Finding {
  check: string;
  severity: Verdict;
  rule: string;
  citation: string;
  message: string;
  next_step: string;
  evidence: Record<string, unknown>;
}

export interface Explanation {
  pairs: { query: string; list: string; similarity: number }[];
  unmatched_query: string[];
  unmatched_list: string[];
  weak_query: string[];
  weak_list: string[];
  query_coverage: number;
  list_coverage: number;
  number_factor: number;
  legal_form_factor: number;
  strength: MatchStrength;
  reason: PossibleReason | null;
  reason_words: string[];
  name_score: number;
}

/** strong: the entry's name or alias (the list's consequence applies); possible: a lead to review. */
export type MatchStrength = 'strong' | 'possible';
/** Why a match is only possible (docs/api.md, "Strong and possible matches"). */
export type PossibleReason =
  | 'distinctive_word'
  | 'acronym'
  | 'cross_script'
  | 'kind'
  | 'legal_form'
  | 'number'
  | 'country'
  | 'partial_name'
  | 'short_name';

/** Counts of one query's matches, whatever the limit cut. */
export interface MatchCounts {
  total: number;
  strong: number;
  possible: number;
  groups: { words: string; entries: number }[];
}

export interface Match {
  id: string;
  source: string;
  source_code: string;
  list: string;
  name: string;
  matched_name: string;
  alias: boolean;
  score: number;
  strength: MatchStrength;
  reason: PossibleReason | null;
  reason_words: string[];
  /** Why the match is only possible, in one English sentence; null for a strong match. */
  why: string | null;
  /** The shared distinctive word(s) of a distinctive-word lead, and how many entries hold them. */
  group: string | null;
  group_entries: number;
  country_match: boolean;
  explanation: Explanation;
  entry: Record<string, unknown>;
}

export interface PartyMatch extends Match {
  party: number;
  party_name: string;
}

export interface ListInfo {
  source: string;
  format: string;
  records: number;
  names: number;
  as_of: string | null;
  sha256: string;
  bytes: number;
  builtin: boolean;
  sources_used: { source: string; last_updated: string }[];
}

export interface ScreenResult {
  verdict: Verdict;
  findings: Finding[];
  party_matches: PartyMatch[];
  /** One per party: every match counted, and how many party_matches shows. */
  party_match_counts: (MatchCounts & { party: number; shown: number })[];
  lists: ListInfo[];
  rules_version: string;
  as_of: string;
  notice: string;
  [field: string]: unknown;
}

export interface LoadListOptions {
  label?: string;
  as_of?: string;
  format?: string;
  replace?: boolean;
  onProgress?: (progress: { phase: string; loaded?: number; total?: number }) => void;
  chunkSize?: number;
  /** Expected SHA-256 of the one file (64 hex digits); another file is refused with list_hash_mismatch. */
  sha256?: string;
  /** The one file's SHA-256 when the caller already has it (e.g. from WebCrypto): recorded, and checked against the pin, instead of hashing the bytes again. */
  known_sha256?: string;
}

export class Screener {
  private constructor();
  screen(request: ScreenRequest): ScreenResult;
  match(query: string | ({ name: string; country?: string } & MatchOptions)): { query: string; matches: Match[] } & MatchCounts;
  compare(
    a: string,
    b: string,
    type?: 'person' | 'organization',
  ): { score: number; match: boolean; strength: MatchStrength; reason: PossibleReason | null; why: string; explanation: Explanation };
  loadList(data: Uint8Array | ArrayBuffer | string, options?: LoadListOptions): { list: ListInfo; lists: ListInfo[] };
  loadBuiltin(): { list: ListInfo; lists: ListInfo[] };
  clearLists(): ListInfo[];
  lists(): ListInfo[];
  parseCsv(data: Uint8Array | ArrayBuffer | string, options?: { separator?: ',' | ';' | '\t' }): { rows: string[][]; lines: number[] };
  countries(): { code: string; name: string }[];
  sha256(data: Uint8Array | ArrayBuffer | string): string;
  delete(): void;
}

export interface CreateScreenerOptions {
  /** Where exportscreen-core.wasm lives (default: next to exportscreen.js). */
  wasmUrl?: string | URL;
  /** The module's bytes, instead of fetching it. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Load the built-in list (default true). */
  builtin?: boolean;
}

export function createScreener(options?: CreateScreenerOptions): Promise<Screener>;
export function version(options?: CreateScreenerOptions): Promise<{ version: string; rules_version: string }>;
