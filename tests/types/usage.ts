// A typed use of the package's declarations (web/package/*.d.ts, as npm ships them): tsc checks
// that they say what a host needs and that the contract types fit together (no test runs this).
import {
  createScreener,
  reference,
  ScreenError,
  type ErrorCode,
  type ScreenRequest,
  type ScreenResult,
} from '../../web/package/screener.js';
import { ExportScreenElement, type ScreenResultDetail } from '../../web/package/export-screen.js';
import { defined } from '../../web/package/export-screen-define.js';

export async function screenOne(name: string): Promise<ScreenResult['verdict']> {
  const screener = await createScreener({ builtin: true });
  const request: ScreenRequest = {
    parties: [{ name, role: 'end_user', country: 'CN' }],
    items: [
      { name: 'H100 SXM5 80GB', quantity: 8 },
      { tops: { int8: 640 }, datacenter: true },
    ],
    destination: 'CN',
    end_use: { ai_model_training: true, red_flags: { kyc_vague_delivery: false } },
    locale: 'zh',
    options: { preset: 'strict', sources: ['EL'] },
  };
  try {
    const result = screener.screen(request);
    for (const f of result.findings) console.log(f.rule, f.citation, f.subject.party);
    for (const m of result.party_matches) console.log(m.explanation.pairs[0]?.how, m.entry.type);
    const best = screener.match({ name, preset: 'broad', limit: 5 }).matches[0];
    console.log(best?.score, screener.compare(name, 'Huawei', 'organization').match);
    const { list } = screener.loadList('...', { label: 'csl.csv', onProgress: (p) => p.loaded });
    console.log(list.sha256, list.as_of ?? 'undated', screener.lists().length);
    console.log(screener.classify({ name: 'H20' }, { locale: 'en' }).paragraph);
    return result.verdict;
  } catch (err) {
    if (err instanceof ScreenError) {
      const code: ErrorCode = err.code;
      if (code === 'list_hash_mismatch' || code === 'invalid_request') return 'review';
    }
    throw err;
  } finally {
    screener.delete();
  }
}

export async function presets(): Promise<number[]> {
  const ref = await reference('en', { as_of: '2026-01-01' });
  return ref.presets.map((p) => p.min_score).concat(ref.roles.length);
}

ExportScreenElement.define('my-screen');
defined.then((element) => element.define('another-screen'));
const widget = document.querySelector('export-screen');
widget?.addEventListener('screen-result', (e) => {
  const detail: ScreenResultDetail = e.detail;
  console.log(detail.mode, widget.lists[0]?.records, widget.minScore);
});
if (widget) widget.parties = [{ name: 'Example Pte Ltd', role: 'purchaser' }];
