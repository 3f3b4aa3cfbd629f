// A strict TypeScript Node program (tests/package/types.test.mjs compiles it in a fresh project
// with `tsc --noEmit --strict`, module "nodenext", @types/node and no DOM library): the JS API's
// declarations need nothing of a browser.
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import {
  classify,
  createScreener,
  reference,
  version,
  ScreenError,
  type ScreenRequest,
  type ScreenResult,
} from 'exportscreen';

export async function main(listFile: string): Promise<number> {
  const screener = await createScreener({ builtin: false });
  screener.loadList(await readFile(listFile), { label: 'consolidated.csv', as_of: '2026-11-20' });
  const request = JSON.parse(await text(process.stdin)) as ScreenRequest;
  try {
    const result: ScreenResult = screener.screen(request);
    for (const f of result.findings) console.log(`${f.severity}: ${f.message} (${f.citation})`);
    const chip = await classify({ name: 'H20' });
    const ref = await reference('zh');
    const { version: release } = await version({
      wasmUrl: new URL('./exportscreen-core.wasm', import.meta.url),
    });
    console.log(chip.eccn, ref.locale, release);
    return result.verdict === 'clear' ? 0 : 1;
  } catch (err) {
    if (err instanceof ScreenError) {
      console.error(err.code, err.message);
      return 2;
    }
    throw err;
  } finally {
    screener.delete();
  }
}
