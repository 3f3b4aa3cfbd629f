// Node tests of the CLI's list comparison and delta screening: exportscreen diff, --since on
// screen, match, rows and lists, and the rows command (JSON lines in, JSON lines out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { assertContract, fixtures, runCli, runCliLines } from './support.mjs';

// Every line the CLI writes is checked against the contract (runCli): DiffLine, RowSummary,
// ScreenResult, MatchOutput, ListsOutput, or an error envelope.
const run = runCliLines;
const OLD = join(fixtures, 'csl-sample.csv');
const NEW = join(fixtures, 'diff/csl-new.csv');
// The same two releases with every CSL source (a list lacking one never clears nor says
// unchanged): for the tests of verdicts.
const OLD_ALL = join(fixtures, 'csl-complete.csv');
const NEW_ALL = join(fixtures, 'diff/csl-new-complete.csv');

test('diff OLD NEW: one line per added, changed and removed entry, the counts on stderr', () => {
  const r = run(['diff', OLD, NEW]);
  assert.equal(r.status, 0);
  assert.deepEqual(
    r.lines.map((l) => [l.change, l.entry.name.slice(0, 30), l.fields]),
    [
      ['added', 'Huawei Technologies Co., Ltd.', []],
      ['changed', 'Afghan-German Construction Com', ['federal_register_notice']],
      ['changed', 'Abdul Satar Ghoura', ['addresses']],
      ['changed', 'VTB BANK PUBLIC JOINT STOCK CO', ['alt_names']],
      ['removed', 'Gucheng Xian Fengxin Titanium ', []],
    ],
  );
  const vtb = r.lines[3];
  assert.ok(vtb.entry.alt_names.includes('VTB BANK JSC'));
  assert.ok(vtb.previous.alt_names.includes('JSC VTB BANK'));
  assert.equal(vtb.entry.id, '17013');
  assert.equal(vtb.entry.source_code, 'SSI');
  assert.equal(vtb.list, 'csl-new.csv');
  assert.equal(r.lines[4].list, 'csl-sample.csv'); // a removed entry comes from the old list
  assert.equal(r.lines[0].previous, undefined);
  assert.match(r.stderr, /1 added, 1 removed, 3 changed, 8 unchanged/);
  const summary = assertContract('DiffSummary', JSON.parse(r.stderr.trim().split('\n').at(-1)));
  assert.equal(summary.after.lists[0].source, 'csl-new.csv');
  assert.equal(summary.unchanged, 8);
});

test('diff: a list and itself reordered is no change; --since/--list name the files of sets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-diff-'));
  const [head, ...rows] = readFileSync(OLD, 'utf8').trimEnd().split('\n');
  const reordered = join(dir, 'reordered.csv');
  writeFileSync(reordered, [head, ...rows.reverse()].join('\n') + '\n');
  const r = run(['diff', OLD, reordered]);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /0 added, 0 removed, 0 changed, 12 unchanged/);

  // An OFAC set: an alias renamed in alt.csv is a change of its entity.
  const alt = readFileSync(join(fixtures, 'ofac/alt.csv'), 'latin1');
  const alt2 = join(dir, 'alt.csv');
  writeFileSync(alt2, alt.replace('AERO-CARIBBEAN', 'AEROCARIBE SA'), 'latin1');
  const sdn = join(fixtures, 'ofac/sdn.csv');
  const set = run([
    'diff',
    '--since',
    sdn,
    '--since',
    join(fixtures, 'ofac/alt.csv'),
    '--list',
    sdn,
    '--list',
    alt2,
  ]);
  assert.equal(set.status, 0);
  assert.equal(set.lines.length, 1);
  assert.equal(set.lines[0].change, 'changed');
  assert.equal(set.lines[0].entry.id, '36');
  assert.deepEqual(set.lines[0].fields, ['alt_names']);
});

test('diff: bad usage and a broken list exit 2 before any output', () => {
  assert.equal(run(['diff', OLD]).status, 2);
  assert.equal(run(['diff', OLD, NEW, NEW]).status, 2);
  assert.equal(run(['diff', '--since', OLD]).status, 2);
  assert.equal(run(['compare', '--since', OLD]).status, 2);
  const dir = mkdtempSync(join(tmpdir(), 'es-diff-'));
  const cut = join(dir, 'cut.csv');
  writeFileSync(cut, readFileSync(NEW).subarray(0, 2500));
  const r = run(['diff', OLD, cut]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /truncated_list/);
});

test('match --since: only the added and changed entries are matched', () => {
  const names = [
    'Huawei Technologies Co Ltd', // added
    'VTB Bank JSC', // changed (alias renamed)
    'ADT Analog and Digital Technik', // unchanged: nothing new
    'Gucheng Xian Fengxin Titanium Alloy', // removed: nothing new
  ];
  const input = names.map((name) => JSON.stringify({ name })).join('\n') + '\n';
  const full = run(['match', '--list', NEW, '--limit', '50', '--min-score', '0.5'], input);
  const delta = run(
    ['match', '--list', NEW, '--since', OLD, '--limit', '50', '--min-score', '0.5'],
    input,
  );
  assert.equal(delta.status, 0);
  assert.match(delta.stderr, /the 1 added and 3 changed entries of csl-new.csv since csl-sample/);
  const changedIds = new Set(
    run(['diff', OLD, NEW])
      .lines.filter((l) => l.change !== 'removed')
      .map((l) => l.entry.id),
  );
  // The delta's matches are the full screening's, restricted to the changed entries.
  for (let i = 0; i < names.length; i++) {
    const restricted = full.lines[i].matches.filter((m) => changedIds.has(m.id));
    assert.deepEqual(
      delta.lines[i].matches.map((m) => [m.id, m.score, m.matched_name]),
      restricted.map((m) => [m.id, m.score, m.matched_name]),
      names[i],
    );
  }
  assert.equal(delta.lines[0].matches[0].name, 'Huawei Technologies Co., Ltd.');
  assert.equal(delta.lines[1].matches[0].source_code, 'SSI');
  assert.deepEqual(delta.lines[2].matches, []);
  assert.deepEqual(delta.lines[3].matches, []);
});

test('screen --since: a party with no new match is unchanged, never clear; lists say since what', () => {
  const r = run(
    ['screen', '--list', `${NEW_ALL}@2026-11-20`, '--since', `${OLD_ALL}@2026-11-13`],
    '{"parties":[{"name":"ADT Analog and Digital Technik"}]}\n' +
      '{"parties":[{"name":"Huawei Technologies Co Ltd"}]}\n',
  );
  assert.equal(r.status, 0);
  assert.equal(r.lines[0].verdict, 'unchanged');
  const finding = r.lines[0].findings.find((f) => f.rule === 'party.no_new_match');
  assert.ok(finding);
  assert.match(finding.message, /since csl-complete\.csv of 2026-11-13/);
  assert.ok(!r.lines[0].findings.some((f) => f.rule === 'party.no_match'));
  assert.equal(r.lines[1].verdict, 'license_required');
  const list = r.lines[0].lists[0];
  assert.equal(list.source, 'csl-new-complete.csv');
  assert.equal(list.as_of, '2026-11-20');
  assert.deepEqual(
    [list.delta.added, list.delta.changed, list.delta.removed, list.delta.screened],
    [1, 3, 1, 4],
  );
  assert.equal(list.delta.since[0].source, 'csl-complete.csv');
  assert.equal(list.delta.since[0].as_of, '2026-11-13');
  // Without --since the same party is clear, with no delta anywhere.
  const plain = run(
    ['screen', '--list', NEW_ALL],
    '{"parties":[{"name":"ADT Analog and Digital Technik"}]}\n',
  );
  assert.equal(plain.lines[0].verdict, 'stop');
  assert.equal(plain.lines[0].lists[0].delta, undefined);
  const lists = run(['lists', '--list', NEW_ALL, '--since', OLD_ALL]);
  assert.equal(lists.lines[0].lists[0].delta.screened, 4);
});

test('rows: one summary per row, errors in place with their line, exit 1', () => {
  const r = run(
    ['rows', '--list', OLD_ALL],
    [
      '{"name":"ADT Analog and Digital Technik","country":"DE"}',
      '{"name":"Acme Widgets Ltd"}',
      'not json',
      '',
      '{"name":"","country":"US"}',
      '{"name":"VTB Bank","type":"organization"}',
    ].join('\n') + '\n',
  );
  assert.equal(r.status, 1);
  assert.equal(r.lines.length, 5);
  assert.equal(r.lines[0].verdict, 'stop');
  assert.equal(r.lines[0].best.source_code, 'DPL');
  assert.match(r.lines[0].citation, /^15 CFR 764\.3/);
  assert.equal(r.lines[1].verdict, 'clear');
  assert.equal(r.lines[1].rule, 'party.no_match');
  assert.equal(r.lines[2].error.code, 'invalid_json');
  assert.equal(r.lines[2].line, 3);
  assert.equal(r.lines[3].error.code, 'invalid_request');
  assert.equal(r.lines[3].line, 5);
  assert.equal(r.lines[4].verdict, 'review');
  assert.match(r.stderr, /line 3/);
  // The same rows, delta: nothing of them changed but VTB's alias.
  const d = run(
    ['rows', '--list', NEW_ALL, '--since', OLD_ALL],
    '{"name":"ADT Analog and Digital Technik"}\n{"name":"VTB Bank JSC"}\n',
  );
  assert.equal(d.status, 0);
  assert.equal(d.lines[0].verdict, 'unchanged');
  assert.equal(d.lines[1].verdict, 'review');
  assert.equal(d.lines[1].best.change, 'changed');
});

test('rows: many rows keep their order across batches', () => {
  const input = Array.from({ length: 2500 }, (_, i) =>
    JSON.stringify({ name: i % 500 === 7 ? 'ADT Analog and Digital Technik' : `Person ${i} Q` }),
  ).join('\n');
  const r = run(['rows', '--list', OLD_ALL], input + '\n');
  assert.equal(r.status, 0);
  assert.equal(r.lines.length, 2500);
  r.lines.forEach((l, i) => assert.equal(l.verdict, i % 500 === 7 ? 'stop' : 'clear', `row ${i}`));
});
