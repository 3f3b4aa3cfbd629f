// TypeScript declarations of the <export-screen> custom element (export-screen.js; the module that
// registers it is export-screen-define.d.ts). README, "Embedding", documents attributes, events
// and theming.
import type { ErrorCode, ListInfo, ScreenRequest, ScreenResult, Verdict } from './screener.js';

export type Mode = 'check' | 'parties' | 'batch';

export interface AuditRecord {
  record: {
    format: 'exportscreen-audit-record/1';
    created_at: string;
    kind: Mode;
    engine: { version: string; rules_version: string };
    locale: 'en' | 'zh';
    lists: (Pick<
      ListInfo,
      'source' | 'format' | 'as_of' | 'records' | 'bytes' | 'sha256' | 'builtin'
    > &
      Partial<Pick<ListInfo, 'age_days' | 'partial' | 'missing_sources' | 'incomplete_sources'>>)[];
    request: unknown;
    result: unknown;
  };
  /** Hex SHA-256 of the UTF-8 bytes of JSON.stringify(record). */
  sha256: string;
}

export interface BatchRow {
  row: number;
  line: number;
  name: string;
  country: string;
  address: string;
  type: string;
  verdict: Verdict | 'error' | 'not_screened';
  best: {
    name: string;
    matched_name: string;
    alias: boolean;
    score: number;
    source: string;
    source_code: string;
    entry_id: string;
  } | null;
  matches: number;
  rules: string[];
  error: { code: string; message: string } | null;
}

export interface ScreenResultDetail {
  mode: Mode;
  request: ScreenRequest | { file: { name: string; size: number; sha256?: string }; rows: number };
  result: ScreenResult | { rows: BatchRow[]; cancelled: boolean; counts: Record<string, number> };
  record?: AuditRecord;
}

export interface ScreenErrorDetail {
  mode: Mode | 'list' | 'engine' | 'reference';
  request: unknown;
  /** `code`: one of docs/api.md, "Errors"; `key`: the widget's message for it, when it says more
   * than the code (e.g. `error.xlsx`). */
  error: { code: ErrorCode; message: string; key?: string };
}

export interface ScreenListsDetail {
  lists: ListInfo[];
  cached: {
    label: string;
    as_of: string | null;
    sha256: string;
    records: number;
    saved_at: string;
  } | null;
  fromCache?: boolean;
}

export class ExportScreenElement extends HTMLElement {
  static define(tag?: string, registry?: CustomElementRegistry): typeof ExportScreenElement;
  /** Where the worker script lives (default: screen-worker.js next to export-screen.js). */
  static workerUrl: string | URL | null;
  /** Creates the worker; override to host it elsewhere. */
  static createWorker(): Worker;
  mode: Mode;
  /** `min-score`, else the `preset`'s score (the core's presets: undefined until the engine is up). */
  minScore: number | undefined;
  readonly asOf: string | undefined;
  readonly maxListAge: number;
  /** `audience`: `public` hides list management and what is said to the page's owner. */
  readonly audience: 'staff' | 'public';
  readonly result: ScreenResult | null;
  readonly batch: {
    file: { name: string; size: number; sha256?: string };
    rows: BatchRow[];
    done: boolean;
    cancelled: boolean;
    /** The worker engine's WebAssembly heap after the batch, in bytes (its peak: it never shrinks). */
    heap_bytes: number;
  } | null;
  readonly lists: ListInfo[];
  parties: {
    name: string;
    type?: 'person' | 'organization' | '';
    role?: string;
    country?: string;
    headquarters_country?: string;
  }[];
  destination: string;
  readonly auditRecord: AuditRecord | null;
  loadList(
    data: Uint8Array | ArrayBuffer | string,
    options?: { label?: string; as_of?: string; sha256?: string },
  ): Promise<ListInfo>;
  screen(): Promise<ScreenResult | null>;
  reset(): void;
  printRecord(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'export-screen': ExportScreenElement;
  }
  interface HTMLElementEventMap {
    'screen-result': CustomEvent<ScreenResultDetail>;
    'screen-error': CustomEvent<ScreenErrorDetail>;
    'screen-lists': CustomEvent<ScreenListsDetail>;
  }
}
