// A host page's script as a web developer writes it (bundled by tests/package/bundlers.test.mjs
// with Vite and with webpack): the element registered by its package entry, and the JS API on the
// page itself.
import 'exportscreen/define';
import { createScreener, ScreenError } from 'exportscreen';

const out = document.getElementById('api-verdict');
try {
  const screener = await createScreener();
  const request = { parties: [{ name: 'Huawei Technologies Co Ltd', country: 'CN' }] };
  out.textContent = screener.screen(request).verdict;
} catch (err) {
  out.textContent = err instanceof ScreenError ? `${err.code}: ${err.message}` : String(err);
}
