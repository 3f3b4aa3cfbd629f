// Memory is bounded: a module whose heap stops at 48 MB (the test build
// exportscreen-core-smallheap) answers a list too big for it with out_of_memory, keeps the lists
// it had, and goes on screening. The shipped module behaves the same at its 1024 MB maximum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, fixture } from './support.mjs';

const dir = join(root, 'build/wasm/wasm');

test('running out of wasm heap is an out_of_memory error; the session survives unchanged', async () => {
  const { default: create } = await import(join(dir, 'exportscreen-core-smallheap.mjs'));
  const core = await create({
    wasmBinary: readFileSync(join(dir, 'exportscreen-core-smallheap.wasm')),
  });
  const session = new core.Session();
  assert.equal(JSON.parse(session.loadBuiltin()).list.records, 261);

  // A valid CSL CSV of 60,000 records (16 MB): its bytes fit the heap, its index does not.
  const header = fixture('csl-sample.csv').toString('utf8').split('\n')[0];
  const rows = [header];
  for (let i = 0; rows.length <= 60000; i++) {
    rows.push(
      `"id${i}","Entity List (EL) - Bureau of Industry and Security","","Entity","","Company Number ${i} Trading Limited","","Street ${i}, City, CN","85 FR 1, 1/1/20","","","","For all items","","","","","","","","","","Alias ${i} One; Alias ${i} Two","","","","","",""`,
    );
  }
  const reply = JSON.parse(
    session.loadList(new TextEncoder().encode(rows.join('\n') + '\n'), '{}'),
  );
  assert.equal(reply.error?.code, 'out_of_memory');
  assert.ok(core.HEAPU8.length <= 48 * 1024 * 1024, 'the heap never grew past its maximum');

  assert.equal(
    JSON.parse(session.lists()).lists.length,
    1,
    'the built-in list is still the only list',
  );
  const result = JSON.parse(session.screen('{"parties":[{"name":"Huawei Technologies Co Ltd"}]}'));
  assert.equal(result.verdict, 'license_required', 'screening still works after the failure');
  session.delete();
});
