// Node tests of the native command-line tool: JSON lines in, JSON lines out, errors in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { cli, runCli, fixtures, runCliLines } from './support.mjs';

const run = runCliLines;

test('screen: one result per request line, built-in list by default', () => {
  const r = run(
    ['screen'],
    '{"parties":[{"name":"Huawei Technologies Co Ltd"}]}\n{"parties":[{"name":"Acme Widgets"}]}\n',
  );
  assert.equal(r.status, 0);
  assert.equal(r.lines.length, 2);
  assert.equal(r.lines[0].verdict, 'license_required');
  assert.equal(r.lines[1].verdict, 'review'); // the built-in list cannot clear
});

test('screen: a bad line yields an error object in its place, the batch goes on, exit 1', () => {
  const r = run(
    ['screen'],
    '{"parties":[{"name":"Huawei Technologies Co Ltd"}]}\nnot json\n{"parties":[]}\n',
  );
  assert.equal(r.status, 1);
  assert.equal(r.lines.length, 3);
  assert.equal(r.lines[1].error.code, 'invalid_json');
  assert.equal(r.lines[1].line, 2);
  assert.equal(r.lines[2].verdict, 'clear');
  assert.match(r.stderr, /line 2/);
});

test('screen --list uses the file, and names it in the result', () => {
  const r = run(
    ['screen', '--list', join(fixtures, 'csl-sample.csv@2026-11-20')],
    '{"parties":[{"name":"ADT Analog and Digital Technik"}]}\n',
  );
  assert.equal(r.status, 0);
  assert.equal(r.lines[0].verdict, 'stop');
  assert.equal(r.lines[0].lists[0].source, 'csl-sample.csv');
  assert.equal(r.lines[0].lists[0].as_of, '2026-11-20');
});

test('a broken list file stops with exit 2 before reading any line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-cli-'));
  const bad = join(dir, 'cut.csv');
  writeFileSync(bad, readFileSync(join(fixtures, 'csl-sample.csv')).subarray(0, 3000));
  const r = run(['screen', '--list', bad], '{"parties":[{"name":"x"}]}\n');
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /truncated_list/);
  assert.equal(run(['screen', '--list', join(dir, 'missing.csv')]).status, 2);
});

test('match: {query, matches} per line, with --limit and --min-score', () => {
  const r = run(['match', '--limit', '2'], '{"name":"Huawei Technologies"}\n{"name":"zzzz"}\n');
  assert.equal(r.status, 0);
  assert.equal(r.lines[0].query, 'Huawei Technologies');
  assert.equal(r.lines[0].matches.length, 2);
  assert.deepEqual(r.lines[1].matches, []);
  const strict = run(['match', '--min-score', '0.99'], '{"name":"Huawai Technologies"}\n');
  assert.deepEqual(strict.lines[0].matches, []);
});

test('compare: {score, match} per pair', () => {
  const r = run(
    ['compare'],
    '{"a":"JSCARGUMENT","b":"JSC ARGUMENT"}\n{"a":"George Bush","b":"George Habbash"}\n',
  );
  assert.equal(r.lines[0].match, true);
  assert.equal(r.lines[1].match, false);
  assert.equal(typeof r.lines[1].score, 'number');
});

test('--help documents every command; bad usage exits 2', () => {
  const help = spawnSync(cli, ['--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  for (const word of ['screen', 'match', 'compare', '--list', '--min-score', '--limit'])
    assert.ok(help.stdout.includes(word), word);
  assert.equal(spawnSync(cli, ['frobnicate']).status, 2);
  assert.equal(spawnSync(cli, ['match', '--min-score', 'high']).status, 2);
});

test('classify: one classification per item line, errors in place', () => {
  const r = run(
    ['classify', '--as-of', '2026-09-01'],
    '{"name":"h100 sxm5 80gb"}\n{"name":"nope"}\n{"tops":{"fp16":300},"datacenter":true}\n',
  );
  assert.equal(r.status, 1);
  assert.equal(r.lines.length, 3);
  assert.equal(r.lines[0].paragraph, '3A090.a.1');
  assert.equal(r.lines[0].as_of, '2026-09-01');
  assert.equal(r.lines[1].error.code, 'unknown_item');
  assert.equal(r.lines[1].line, 2);
  assert.equal(r.lines[2].tpp, 4800);
  const zh = run(['classify', '--locale', 'zh'], '{"name":"H100"}\n');
  assert.match(zh.lines[0].reason, /。$/);
  assert.equal(run(['classify', '--locale', 'fr']).status, 2);
  assert.equal(run(['classify', '--as-of', '2026-02-30']).status, 2);
});

test('reference: prints the reference, ignoring standard input', () => {
  const r = run(['reference', '--locale', 'zh', '--as-of', '2026-09-01']);
  assert.equal(r.status, 0);
  assert.equal(r.lines.length, 1);
  assert.equal(r.lines[0].locale, 'zh');
  assert.equal(r.lines[0].chips.length, 46);
});

test('screen: items and end use through the CLI', () => {
  const r = run(
    ['screen'],
    JSON.stringify({
      as_of: '2026-09-01',
      parties: [],
      items: [{ name: 'Ascend 910C' }],
      destination: 'MY',
    }) + '\n',
  );
  assert.equal(r.status, 0);
  assert.equal(r.lines[0].verdict, 'stop');
  assert.equal(r.lines[0].findings[0].rule, 'item.gp10.prc_advanced_ic');
});
