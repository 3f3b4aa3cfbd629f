// A strict TypeScript host page (tests/package/types.test.mjs compiles it in a fresh project with
// `tsc --noEmit --strict`, moduleResolution "bundler", against the installed package): every
// function of the JS API, every method and property of a Screener and of <export-screen>, every
// event and every error code, as docs/api.md and README document them.
import {
  classify,
  createScreener,
  reference,
  version,
  ScreenError,
  Screener,
  type Classification,
  type CompareOutput,
  type CountriesOutput,
  type CreateScreenerOptions,
  type CsvOutput,
  type ErrorCode,
  type ListInfo,
  type LoadListOutput,
  type MatchOutput,
  type Reference,
  type ScreenRequest,
  type ScreenResult,
  type Verdict,
  type VersionOutput,
} from 'exportscreen';
import 'exportscreen/define';
import {
  ExportScreenElement,
  type AuditRecord,
  type Mode,
  type ScreenErrorDetail,
  type ScreenListsDetail,
  type ScreenResultDetail,
} from 'exportscreen/element';

// The worker entry exports nothing; its declarations say so.
type WorkerModule = typeof import('exportscreen/worker');
export const workerExports: keyof WorkerModule extends never ? true : false = true;

// Every error code of docs/api.md ("Errors"), each once: a missing or unknown one fails to compile.
const ERROR_CODES: Record<ErrorCode, Verdict | 'retry'> = {
  invalid_json: 'review',
  invalid_request: 'review',
  invalid_country: 'review',
  invalid_date: 'review',
  request_too_large: 'review',
  out_of_memory: 'retry',
  invalid_utf8: 'review',
  invalid_list: 'review',
  truncated_list: 'retry',
  empty_list: 'review',
  list_too_large: 'review',
  unknown_list_format: 'review',
  invalid_csv: 'review',
  not_csv: 'review',
  no_lists: 'review',
  unknown_item: 'review',
  internal_error: 'retry',
  wasm_load_failed: 'retry',
  deleted: 'retry',
  list_hash_mismatch: 'review',
  empty_csv: 'review',
  worker_failed: 'retry',
  list_fetch_failed: 'retry',
};

export function whatNext(err: unknown): Verdict | 'retry' {
  if (err instanceof ScreenError) {
    const code: ErrorCode = err.code;
    const name: 'ScreenError' = err.name;
    console.log(name, err.message);
    return ERROR_CODES[code];
  }
  throw err;
}

// A result's verdict is also `unchanged` in a delta screening (CLI and Python; the contract is one).
export async function api(
  list: Uint8Array,
  sdn: string,
  alt: string,
): Promise<ScreenResult['verdict']> {
  const options: CreateScreenerOptions = {
    wasmUrl: new URL('/assets/exportscreen-core.wasm', location.href),
    builtin: true,
  };
  const screener: Screener = await createScreener(options);
  const fromBytes: Screener = await createScreener({
    wasmBinary: new ArrayBuffer(8),
    builtin: false,
  });
  const request: ScreenRequest = {
    as_of: '2026-11-24',
    parties: [
      {
        name: 'Huawei Technologies Co Ltd',
        type: 'organization',
        role: 'end_user',
        country: 'CN',
        address: 'Shenzhen',
        headquarters_country: 'CN',
      },
    ],
    items: [
      { name: 'H100 SXM5 80GB', quantity: 8 },
      { tops: { int8: 640 }, datacenter: true },
    ],
    destination: 'CN',
    end_use: { ai_model_training: true, red_flags: { kyc_vague_delivery: false } },
    locale: 'zh',
    options: { preset: 'strict', sources: ['EL'], limit: 5 },
  };
  try {
    const result: ScreenResult = screener.screen(request);
    for (const f of result.findings) console.log(f.rule, f.citation, f.severity, f.next_step);
    for (const m of result.party_matches)
      console.log(m.party_name, m.entry.type, m.explanation.pairs);
    for (const q of result.open_questions) console.log(q.field, q.question);
    const matched: MatchOutput = screener.match('HMN Technologies');
    const person: MatchOutput = screener.match({
      name: 'Evgeny Prigozhin',
      type: 'person',
      sources: ['SDN'],
    });
    const compared: CompareOutput = screener.compare('George Bush', 'George Habbash', 'person');
    console.log(
      matched.matches[0]?.score,
      person.query,
      compared.match,
      compared.explanation.name_score,
    );
    const loaded: LoadListOutput = screener.loadList(list, {
      label: 'consolidated.csv',
      as_of: '2026-11-20',
      format: 'csl_csv',
      replace: true,
      chunkSize: 1 << 20,
      sha256: 'a'.repeat(64),
      onProgress: ({ phase, loaded, total }) => console.log(phase, loaded, total),
    });
    const ofac: LoadListOutput = screener.loadList(
      [
        { name: 'sdn.csv', data: sdn },
        { name: 'alt.csv', data: alt },
      ],
      { label: 'OFAC SDN', known_sha256: 'b'.repeat(64) },
    );
    const lists: ListInfo[] = screener.lists();
    console.log(loaded.list.sha256, ofac.lists.length, lists[0]?.as_of ?? 'undated');
    const builtin: LoadListOutput = screener.loadBuiltin();
    const cleared: ListInfo[] = screener.clearLists();
    console.log(builtin.list.builtin, cleared.length);
    const chip: Classification = screener.classify({ name: 'h100 sxm5 80gb' });
    const spec: Classification = screener.classify(
      { tops: { int8: 640 }, datacenter: true },
      { as_of: '2026-01-01', locale: 'zh' },
    );
    console.log(chip.eccn, spec.paragraph, spec.tests.length);
    const ref: Reference = screener.reference('zh', { as_of: '2025-06-01' });
    console.log(
      ref.presets.map((p) => p.min_score),
      ref.roles.map((r) => r.id),
    );
    const csv: CsvOutput = screener.parseCsv('name;country\nACME;DE\n', { separator: ';' });
    const countries: CountriesOutput['countries'] = screener.countries();
    const digest: string = screener.sha256(new Uint8Array([1, 2, 3]));
    const heap: number = screener.heapBytes();
    console.log(csv.rows, countries[0]?.code, digest, heap);
    return result.verdict;
  } catch (err) {
    const next = whatNext(err);
    return next === 'retry' ? 'review' : next;
  } finally {
    screener.delete();
    fromBytes.delete();
  }
}

export async function moduleFunctions(): Promise<string> {
  const item: Classification = await classify(
    { name: 'H20' },
    { as_of: '2026-01-01', locale: 'en' },
  );
  const ref: Reference = await reference('en', { as_of: '2026-01-01' });
  const ver: VersionOutput = await version();
  const elsewhere: VersionOutput = await version({ wasmUrl: '/exportscreen-core.wasm' });
  return `${item.eccn} ${ref.rules_version} ${ver.version} ${ver.presets[0]?.id} ${elsewhere.roles[0]}`;
}

// The element: registration, where its worker comes from, its properties, methods and events.
ExportScreenElement.workerUrl = new URL('/static/screen-worker.js', location.href);
ExportScreenElement.workerUrl = null;
const defined: typeof ExportScreenElement = ExportScreenElement.define('my-screen', customElements);
const workerFactory: () => Worker = defined.createWorker;
console.log(workerFactory);

export async function element(): Promise<void> {
  const widget: ExportScreenElement | null = document.querySelector('export-screen');
  if (!widget) return;
  const created: ExportScreenElement = document.createElement('export-screen');
  console.log(created.isConnected);
  const mode: Mode = widget.mode;
  widget.mode = mode === 'check' ? 'parties' : 'batch';
  widget.minScore = 0.9;
  widget.parties = [
    { name: 'Example Pte Ltd', role: 'purchaser', country: 'SG', headquarters_country: 'SG' },
  ];
  widget.destination = 'SG';
  const asOf: string | undefined = widget.asOf;
  const maxAge: number = widget.maxListAge;
  const shown: ScreenResult | null = widget.result;
  const lists: ListInfo[] = widget.lists;
  const record: AuditRecord | null = widget.auditRecord;
  const batch = widget.batch;
  console.log(
    asOf,
    maxAge,
    shown?.verdict,
    lists.length,
    record?.sha256,
    batch?.rows[0]?.verdict,
    batch?.done,
    batch?.heap_bytes,
  );
  const list: ListInfo = await widget.loadList('name\nACME\n', {
    label: 'mine.csv',
    as_of: '2026-11-20',
    sha256: 'c'.repeat(64),
  });
  const result: ScreenResult | null = await widget.screen();
  console.log(list.records, result?.verdict);
  widget.reset();
  widget.printRecord();

  widget.addEventListener('screen-result', (e) => {
    const detail: ScreenResultDetail = e.detail;
    console.log(detail.mode, detail.request, detail.result, detail.record?.record.engine.version);
  });
  widget.addEventListener('screen-error', (e) => {
    const detail: ScreenErrorDetail = e.detail;
    const code: ErrorCode = detail.error.code;
    console.log(detail.mode, whatNext(new ScreenError(code, detail.error.message)));
  });
  widget.addEventListener('screen-lists', (e) => {
    const detail: ScreenListsDetail = e.detail;
    console.log(detail.lists.length, detail.cached?.sha256, detail.fromCache);
  });
}
