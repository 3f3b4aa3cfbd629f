// TypeScript declaration of the WebAssembly core's Emscripten glue (built into
// build/wasm/wasm/exportscreen-core.mjs and shipped next to screener.js): its module factory and
// the Embind surface screener.js uses (docs/api.md, "WebAssembly module"). Every call answers
// JSON text: a result or the error envelope. For the type check only; not shipped.

export interface CoreSession {
  loadBuiltin(): string;
  addLoaded(loader: CoreListLoader): string;
  clearLists(): string;
  lists(): string;
  screen(requestJson: string): string;
  match(queryJson: string): string;
  isDeleted(): boolean;
  delete(): void;
}

export interface CoreListLoader {
  begin(optionsJson: string): string;
  beginFile(name: string): string;
  feed(bytes: Uint8Array): string;
  finish(): string;
  isDeleted(): boolean;
  delete(): void;
}

export interface CoreModule {
  Session: new () => CoreSession;
  ListLoader: new () => CoreListLoader;
  compare(pairJson: string): string;
  version(): string;
  classify(itemJson: string): string;
  reference(optionsJson: string): string;
  parseCsv(bytes: Uint8Array, optionsJson: string): string;
  countries(): string;
  sha256(bytes: Uint8Array): string;
}

export default function createExportScreenCore(config?: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (file: string) => string;
}): Promise<CoreModule>;
