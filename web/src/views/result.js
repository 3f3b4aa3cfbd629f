// The result view of <export-screen>: the verdict banner; per party, its matches as one table
// grouped by consequence (name as listed, list, score, strength, consequence; the license
// requirement, citation and next step said once per group; the details of a row on expanding it;
// "N more"); the other findings, each with its citation; license exceptions, classifications,
// open questions and the lists the result rests on (their dates and ages). For print, a one-page
// summary and then every finding and open question in full (print stylesheet); the audit record
// saved as JSON.
import { closeBidi, downloadFile, h, isolated, isolatingNames } from '../dom.js';
import { citationParts } from '../citations.js';
import { printPageStyles } from '../export-screen-styles.js';
import { errorView, listDated, listsDated } from './lists.js';
import { optionsSummary } from './options.js';

/** Rows of a party's table shown before "N more". */
export const ROWS_SHOWN = 10;

/** The result of the last check or quick screening, or its error, into the result slot. */
export function renderResult(ctx) {
  const el = ctx.ui.els.result;
  if (!el) return;
  const t = ctx.t;
  if (ctx.host.mode === 'batch') {
    el.replaceChildren();
    return;
  }
  if (ctx.ui.error) {
    el.replaceChildren(
      h('h2', { id: 'result-heading' }, t.t('error.heading')),
      errorView(ctx, ctx.ui.error),
    );
    return;
  }
  const result = ctx.ui.result;
  if (!result) {
    el.replaceChildren(
      ...(ctx.ui.pending
        ? [h('p', { class: 'hint pending', id: 'result-heading' }, t.t(ctx.ui.pending))]
        : []),
    );
    return;
  }
  el.replaceChildren(...resultParts(ctx, result, ctx.ui.request, { actions: true }));
}

/** Saves the audit record of the result shown as a JSON file. */
export function downloadRecord(ctx) {
  const record = ctx.ui.record;
  if (!record) return;
  const stamp = record.record.created_at.replace(/[:.]/g, '-');
  downloadFile(
    ctx.root,
    `exportscreen-record-${stamp}.json`,
    'application/json',
    `${JSON.stringify(record, null, 2)}\n`,
  );
}

/** Prints the result as a one-page record (the host page is hidden while printing). */
export function printRecord(ctx) {
  const widget = ctx.host;
  const sheet = printPageStyles();
  const cleanup = () => {
    widget.removeAttribute('data-es-printing');
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    window.removeEventListener('afterprint', cleanup);
  };
  widget.setAttribute('data-es-printing', '');
  if (!document.adoptedStyleSheets.includes(sheet))
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  makePrintDetails(ctx.root);
  const printed = ctx.ui.els.printed;
  if (printed)
    printed.textContent = ctx.t.t('print.printed', {
      when: ctx.t.dateTime(new Date().toISOString()),
    });
  window.addEventListener('afterprint', cleanup);
  window.print();
}

/**
 * "N more": the party's every match, screened again with a limit that holds them all; the focus
 * goes to the first row that was not shown.
 */
/**
 * A label and its value as the locale writes them ("Citation: …", "依据：…"), the label in bold.
 * @param {import('../i18n.js').Translator} t
 * @param {string} label
 * @param {...(Node|string|null)} value
 */
function labelled(t, label, ...value) {
  return t.parts('text.labelled', {
    label: h('strong', {}, label),
    value: h('span', {}, ...value),
  });
}

function showMore(ctx, party, total) {
  ctx.screening.showMore(party, total).then(() => {
    const rows = ctx.root.querySelectorAll(`.party-result[data-party="${party}"] .row-toggle`);
    /** @type {HTMLElement|undefined} */ (rows[ROWS_SHOWN] ?? rows[rows.length - 1])?.focus();
  });
}

/**
 * The parts of a result's view: also used for a batch row's details (without the record
 * actions, the lists and the printout).
 * @param {object} ctx
 * @param {object} result a screening result
 * @param {object} request its request
 * @param {{actions?: boolean, headingLevel?: number}} [options]
 */
export function resultParts(ctx, result, request, { actions = false, headingLevel = 2 } = {}) {
  const t = ctx.t;
  const lang = coreLang(ctx, result, request);
  const names = ctx.userTexts();
  const hx = (n) => `h${Math.min(6, headingLevel + n)}`;
  const byMatch = findingsByMatch(result);
  const matchFindings = new Set([...byMatch.values()].flat());
  const parties = request?.parties ?? [];
  const partyViews = parties.map((p, i) =>
    partyView(ctx, result, request, i, byMatch, { lang, names, hx, actions }),
  );
  const other = result.findings.filter(
    (f) => !matchFindings.has(f) && !(f.rule === 'party.no_match' && partyOf(f) !== undefined),
  );
  const banner = h(
    'div',
    { class: 'verdict', part: 'verdict', 'data-verdict': result.verdict },
    h('strong', {}, t.t('verdict.label', { verdict: t.t(`verdict.${result.verdict}`) })),
    h('p', {}, t.t(`verdict.${result.verdict}.text`)),
    h('p', { class: 'hint' }, summaryLine(ctx, result, request)),
  );
  const parts = [];
  if (actions) {
    parts.push(h(hx(0), { id: 'result-heading', class: 'no-print' }, t.t('result.heading')));
  }
  parts.push(banner);
  if (actions) {
    const exportButton = h('button', { type: 'button' }, t.t('action.exportJson'));
    exportButton.addEventListener('click', () => downloadRecord(ctx));
    const printButton = h('button', { type: 'button' }, t.t('action.print'));
    printButton.addEventListener('click', () => ctx.host.printRecord());
    parts.push(h('div', { class: 'actions' }, exportButton, printButton));
  }
  parts.push(...partyViews);
  if (other.length) {
    parts.push(
      h(
        'section',
        { class: 'other-findings', 'aria-labelledby': 'other-findings-heading' },
        h(hx(1), { id: 'other-findings-heading' }, t.t('result.otherFindings')),
        h(
          'ol',
          { class: 'findings', part: 'findings' },
          other.map((f) => findingView(ctx, f, result.verdict, { lang, names })),
        ),
      ),
    );
  }
  parts.push(
    exceptionsView(ctx, result.license_exceptions ?? [], lang, hx),
    ...(result.classifications ?? []).map((c) => classificationView(ctx, c, hx(1))),
    openQuestionsView(ctx, result.open_questions ?? [], lang, hx, actions),
  );
  if (actions) {
    parts.push(listsUsedView(ctx, result));
    // The host pins its list file and none of these lists is that file (it was refused, say).
    const pin = ctx.listPin()?.toLowerCase();
    if (pin && !result.lists.some((l) => l.sha256 === pin))
      parts.push(
        h(
          'p',
          { class: 'warning' },
          t.t(ctx.host.audience === 'public' ? 'public.notPinned' : 'result.notPinned'),
        ),
      );
    // The seal, shortened on the screen (the printout and the file carry it whole).
    if (ctx.ui.record)
      parts.push(
        h(
          'p',
          { class: 'hint hash seal', title: ctx.ui.record.sha256 },
          t.t('result.record', { sha: `${ctx.ui.record.sha256.slice(0, 16)}…` }),
        ),
      );
    parts.push(deferredPrintDetails(ctx, result, request, { lang, names }));
  }
  return parts.filter(Boolean);
}

// The language of the core's texts in a result.
function coreLang(ctx, result, request) {
  const locale = result.locale ?? request?.locale ?? 'en';
  return locale === 'zh' ? 'zh-CN' : 'en';
}

function partyOf(f) {
  return f.subject?.party ?? f.evidence?.party;
}

// The findings about each match ("party:entry"), in result order.
function findingsByMatch(result) {
  const out = new Map();
  for (const f of result.findings) {
    const p = partyOf(f);
    if (p === undefined || !f.evidence?.entry_id) continue;
    const key = `${p}:${f.evidence.entry_id}`;
    if (!out.has(key)) out.set(key, []);
    out.get(key).push(f);
  }
  return out;
}

function summaryLine(ctx, result, request) {
  const t = ctx.t;
  const matched = new Set(result.party_matches.map((m) => m.party)).size;
  const questions = (result.open_questions ?? []).length;
  const n = result.findings.filter((f) => f.severity !== 'clear').length;
  const parties = request?.parties?.length ?? 0;
  const line =
    parties > 1
      ? t.t('result.summaryLine', { parties, matched, n })
      : t.t('result.summaryFindings', { n });
  return questions ? `${line} ${t.t('result.summaryQuestions', { n: questions })}` : line;
}

const SEVERITY = { clear: 0, review: 1, license_required: 2, stop: 3 };

/**
 * The badge of a finding in a result: its severity, except that a "clear" finding inside a result
 * that is not clear is information (a rule never enforced: "not applied"; a party without a
 * match: "no match"), never a green "Clear" beside a Stop (issue 13).
 */
export function badgeOf(ctx, f, verdict) {
  const t = ctx.t;
  if (f.severity !== 'clear') return { key: f.severity, text: t.t(`verdict.${f.severity}`) };
  // A rule never enforced says "Not applied" in its own message.
  if (f.evidence?.enforced === false) return { key: 'info', text: t.t('finding.information') };
  if (f.rule === 'party.no_match') return { key: 'info', text: t.t('finding.noMatch') };
  if (verdict !== 'clear') return { key: 'info', text: t.t('finding.information') };
  return { key: 'clear', text: t.t('verdict.clear') };
}

function badge(ctx, f, verdict) {
  const b = badgeOf(ctx, f, verdict);
  return h('span', { class: 'badge', 'data-verdict': b.key }, b.text);
}

function findingView(ctx, f, verdict, { lang, names, printed = false }) {
  const t = ctx.t;
  // On a public page, what to do about the lists is the page owner's business, not the visitor's.
  const next =
    ctx.host.audience === 'public' && f.rule.startsWith('lists.')
      ? t.t('public.listNext')
      : f.next_step;
  const nextLang = next === f.next_step ? lang : undefined;
  return h(
    'li',
    // The printout's copy is marked apart, so the finding on the screen is the one [data-rule].
    {
      'data-severity': badgeOf(ctx, f, verdict).key,
      [printed ? 'data-printed-rule' : 'data-rule']: f.rule,
      part: 'finding',
    },
    h(
      'p',
      { class: 'message' },
      badge(ctx, f, verdict),
      ' ',
      isolatingNames(f.message, names, { lang, dir: 'ltr' }),
    ),
    h(
      'p',
      { class: 'citation' },
      ...labelled(t, t.t('finding.citation'), citationView(ctx, f.citation)),
    ),
    next
      ? h(
          'p',
          { class: 'next' },
          ...labelled(
            t,
            t.t('finding.next'),
            isolatingNames(next, names, { lang: nextLang, dir: 'ltr' }),
          ),
        )
      : null,
  );
}

// One party: its matches as a table grouped by consequence, or the line saying it has none.
function partyView(ctx, result, request, p, byMatch, { lang, names, hx, actions }) {
  const t = ctx.t;
  const party = request.parties[p];
  const matches = result.party_matches.filter((m) => m.party === p);
  const counts = result.party_match_counts?.find((c) => c.party === p);
  const id = `party-${p}-heading`;
  const label = [
    isolated(party.name),
    party.country ? t.t('text.parenthesized', { text: party.country }) : '',
    party.type ? ` · ${t.t(`type.${party.type}`)}` : '',
  ];
  const heading = h(
    hx(1),
    { id, class: 'party-heading' },
    request.parties.length > 1
      ? t.t('text.labelled', { label: t.t('party.n', { n: p + 1 }), value: '' })
      : '',
    ...label,
  );
  if (!matches.length) {
    const none = result.findings.find((f) => f.rule === 'party.no_match' && partyOf(f) === p);
    return h(
      'section',
      { class: 'party-result', 'data-party': p, 'aria-labelledby': id },
      heading,
      none
        ? h(
            'p',
            { class: 'no-match', 'data-rule': 'party.no_match' },
            badge(ctx, none, result.verdict),
            ' ',
            isolatingNames(none.message, names, { lang, dir: 'ltr' }),
          )
        : h('p', { class: 'hint' }, t.t('match.noneShown')),
    );
  }
  const total = counts?.total ?? matches.length;
  const strong = matches.filter((m) => m.strength === 'strong').length;
  const countText =
    counts?.strong !== undefined
      ? t.t('match.countsStrength', {
          n: total,
          strong: counts.strong,
          possible: counts.possible,
          score: t.number(request.options?.min_score ?? 0.85),
        })
      : t.t('match.counts', {
          n: total,
          strong,
          score: t.number(request.options?.min_score ?? 0.85),
        });
  // One row per entry, most severe consequence first (then best first), so the entry that sets
  // the verdict is always among the rows shown; what a consequence means (the license requirement
  // and policy, the citation, the next step) is said once per group of rows that share it.
  const severity = (r) => (r.f ? SEVERITY[r.f.severity] : -1);
  const all = matches
    .map((m) => {
      const fs = byMatch.get(`${p}:${m.id}`) ?? [];
      const f = [...fs].sort((a, b) => SEVERITY[b.severity] - SEVERITY[a.severity])[0] ?? null;
      return { m, f, fs };
    })
    .sort((a, b) => severity(b) - severity(a));
  const rows = ctx.ui.expanded?.has(p) ? all : all.slice(0, ROWS_SHOWN);
  const groups = new Map();
  for (const r of rows) {
    // The core's group: distinctive-word leads that share a word are one group ("huawei").
    const key = [
      r.f?.rule ?? '',
      r.m.entry?.license_requirement ?? '',
      r.m.entry?.license_policy ?? '',
      r.m.group ?? '',
    ].join('\u0000');
    if (!groups.has(key)) groups.set(key, { rule: r.f?.rule, rows: [] });
    groups.get(key).rows.push(r);
  }
  const captionId = `party-${p}-matches`;
  const table = h(
    'table',
    { class: 'matches', part: 'table', 'aria-labelledby': `${id} ${captionId}` },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        [
          'match.col.name',
          'match.col.list',
          'match.col.score',
          'match.col.strength',
          'match.col.consequence',
        ].map((k) => h('th', { scope: 'col' }, t.t(k))),
      ),
    ),
    h(
      'tbody',
      {},
      rows.flatMap((r, i) => rowView(ctx, result, p, r, i, { lang, names })),
    ),
  );
  // The next step is said for the most severe consequence; another group's is in its rows'
  // details.
  const meanings = h(
    'dl',
    { class: 'consequences' },
    [...groups.values()].flatMap((g, i) =>
      consequenceView(ctx, result, g, { lang, names, withNext: i === 0 }),
    ),
  );
  const hidden = total - rows.length;
  let more = null;
  if (hidden > 0 && actions) {
    more = h(
      'button',
      { type: 'button', class: 'more no-print', 'data-more': p },
      t.t('match.more', { n: hidden }),
    );
    more.addEventListener('click', () => showMore(ctx, p, total));
  } else if (hidden > 0) {
    more = h('p', { class: 'hint' }, t.t('match.moreElsewhere', { n: hidden }));
  }
  return h(
    'section',
    { class: 'party-result', 'data-party': p, 'aria-labelledby': id },
    heading,
    h('p', { class: 'hint', id: captionId }, countText),
    h('div', { class: 'table-wrap' }, table),
    more,
    meanings,
  );
}

// The common start of citations that differ only by each entry's own notices, cut at a "; ".
function commonCitation(citations) {
  if (citations.length < 2) return citations[0] ?? '';
  let prefix = citations[0];
  for (const c of citations) {
    let i = 0;
    while (i < prefix.length && i < c.length && prefix[i] === c[i]) i++;
    prefix = prefix.slice(0, i);
  }
  if (citations.every((c) => c === prefix)) return prefix;
  const cut = prefix.lastIndexOf(';');
  return cut > 0 ? prefix.slice(0, cut) : prefix;
}

// What one consequence means, said once for the rows that share it: the consequence and list,
// the entries' license requirement and policy, the citation and the next step.
function consequenceView(ctx, result, g, { lang, names, withNext }) {
  const t = ctx.t;
  const first = g.rows[0];
  const f = first.f;
  const citations = g.rows.map((r) => r.f?.citation).filter(Boolean);
  const nextSteps = [...new Set(g.rows.map((r) => r.f?.next_step).filter(Boolean))];
  // Possible matches: a review finding each, or leads listed without one beside a strong match.
  const possible =
    String(g.rule ?? '').startsWith('party.possible_match') || first.m.strength === 'possible';
  // A group of distinctive-word leads says its word and how many entries of the lists hold it.
  const lead = first.m.group
    ? t.t('match.leadGroup', { words: first.m.group, n: first.m.group_entries ?? 0 })
    : '';
  const listLabel = possible
    ? `${t.t('match.possibleGroup')}${lead ? ` · ${lead}` : ''}`
    : shortSource(first.m.source);
  const facts = [];
  const fact = (kind, k, ...v) =>
    facts.push(h('span', { class: `fact fact-${kind}` }, ...labelled(t, k, ...v)));
  // A possible match does not take its list's consequence (it is a lead to review): the entry's
  // license requirement is in its row's details, not said as the group's.
  const requirement = possible ? null : first.m.entry?.license_requirement;
  const policy = possible ? null : first.m.entry?.license_policy;
  if (requirement)
    fact('requirement', t.t('match.licenseRequirement'), h('span', { lang: 'en' }, requirement));
  if (policy) fact('policy', t.t('match.licensePolicy'), h('span', { lang: 'en' }, policy));
  if (citations.length)
    fact('citation', t.t('finding.citation'), citationView(ctx, commonCitation(citations)));
  if (withNext && nextSteps.length === 1)
    fact('next', t.t('finding.next'), isolatingNames(nextSteps[0], names, { lang, dir: 'ltr' }));
  return [
    h(
      'dt',
      {
        'data-rule': g.rule ?? '',
        'data-severity': f ? badgeOf(ctx, f, result.verdict).key : 'info',
      },
      f ? badge(ctx, f, result.verdict) : null,
      ' ',
      isolated(listLabel),
      // A lead group says how many list entries hold its word; its rows are counted above.
      lead ? '' : t.t('text.parenthesized', { text: t.t('match.entries', { n: g.rows.length }) }),
    ),
    h('dd', {}, ...facts.flatMap((x, i) => (i ? [' ', x] : [x]))),
  ];
}

// "Entity List (EL) - Bureau of Industry and Security" -> "Entity List (EL)".
function shortSource(source) {
  return String(source ?? '').replace(/\s+-\s+[^-]*$/, '');
}

function rowView(ctx, result, p, { m, f, fs }, index, { lang, names }) {
  const t = ctx.t;
  const detailsId = `match-${p}-${index}`;
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'row-toggle',
      'aria-expanded': 'false',
      'aria-controls': detailsId,
    },
    isolated(m.name),
  );
  // The details are made when the row is first opened (ten matches' details are most of a
  // result's elements, and a first result waits for every element made).
  const details = h('tr', { class: 'match-details', id: detailsId, hidden: true });
  const detailsCell = () =>
    h(
      'td',
      { colspan: '5' },
      ...fs.flatMap((x) => [
        h(
          'p',
          { class: 'message' },
          badge(ctx, x, result.verdict),
          ' ',
          isolatingNames(x.message, names, { lang, dir: 'ltr' }),
        ),
        x.next_step
          ? h(
              'p',
              { class: 'next' },
              ...labelled(
                ctx.t,
                ctx.t.t('finding.next'),
                isolatingNames(x.next_step, names, { lang, dir: 'ltr' }),
              ),
            )
          : null,
      ]),
      // The core says why a match is only possible in English; findings say it in the locale.
      m.why && ctx.t.locale === 'en' ? h('p', {}, m.why) : null,
      matchView(ctx, m),
    );
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    if (open && !details.firstChild) details.append(detailsCell());
    toggle.setAttribute('aria-expanded', String(open));
    details.hidden = !open;
  });
  const row = h(
    'tr',
    { class: 'match-row', 'data-entry': m.id, 'data-strength': m.strength ?? null },
    h(
      'td',
      {},
      toggle,
      m.alias
        ? h(
            'div',
            { class: 'hint' },
            t.parts('batch.viaAlias', { alias: isolated(m.matched_name) }),
          )
        : null,
    ),
    h('td', {}, m.source_code || isolated(m.source)),
    h('td', {}, t.number(m.score, { maximumFractionDigits: 2, minimumFractionDigits: 2 })),
    h('td', {}, m.strength ? t.t(`match.strength.${m.strength}`) : '—'),
    // A lead listed beside the party's strong match has no finding of its own (the core counts
    // it, party.strong_match_count): it is said to be a lead, not left blank.
    h(
      'td',
      {},
      f ? badge(ctx, f, result.verdict) : m.strength === 'possible' ? t.t('match.leadOnly') : '—',
    ),
  );
  return [row, details];
}

// The lists a result rests on, with their dates and ages.
function listsUsedView(ctx, result) {
  const t = ctx.t;
  return h(
    'p',
    { class: 'hint lists-used' },
    ...t.parts('result.listsUsed', {
      lists: listsDated(ctx, result.lists),
      rules: t.t('result.rules', { version: result.rules_version, date: t.date(result.as_of) }),
    }),
  );
}

// What the rules needed and the form did not say; in the guided check each goes back to its
// step. Open while it stands between the user and a verdict; always printed.
function openQuestionsView(ctx, questions, lang, hx, actions) {
  if (!questions.length) return null;
  const t = ctx.t;
  const stepOf = (field) =>
    field.startsWith('items')
      ? 'item'
      : field.startsWith('parties')
        ? 'parties'
        : field.startsWith('destination')
          ? 'destination'
          : field.startsWith('end_use.red_flags')
            ? 'red_flags'
            : field.startsWith('end_use')
              ? 'end_use'
              : null;
  return h(
    'section',
    { class: 'questions', 'aria-labelledby': 'questions-heading' },
    h(hx(1), { id: 'questions-heading' }, t.t('questions.heading', { n: questions.length })),
    h('p', { class: 'hint' }, t.t('questions.help')),
    // The printout's summary counts them; its details list each in full.
    h('p', { class: 'print-only' }, t.t('questions.inDetails')),
    h(
      'ul',
      {},
      questions.map((q) => {
        const step =
          actions && ctx.host.mode === 'check'
            ? ctx.form.steps(ctx.session.reference).indexOf(stepOf(String(q.field ?? '')))
            : -1;
        const go =
          step >= 0
            ? h('button', { type: 'button', class: 'no-print' }, t.t('questions.answer'))
            : null;
        go?.addEventListener('click', () => ctx.goStep(step, { force: true }));
        return h(
          'li',
          {},
          isolatingNames(q.question, ctx.userTexts(), { lang, dir: 'ltr' }),
          ' ',
          go,
        );
      }),
    ),
  );
}

function exceptionsView(ctx, exceptions, lang, hx) {
  if (!exceptions.length) return null;
  const t = ctx.t;
  return h(
    'section',
    { class: 'exceptions', 'aria-labelledby': 'exceptions-heading' },
    h(hx(1), { id: 'exceptions-heading' }, t.t('exceptions.heading')),
    h(
      'ul',
      {},
      exceptions.map((x) =>
        h(
          'li',
          {},
          h(
            'p',
            {},
            h('strong', {}, t.t('text.labelled', { label: x.exception, value: '' })),
            isolatingNames(x.message, ctx.userTexts(), { lang, dir: 'ltr' }),
          ),
          x.conditions?.length
            ? h(
                'ul',
                { lang },
                x.conditions.map((c) => h('li', {}, c)),
              )
            : null,
          x.citation
            ? h(
                'p',
                { class: 'citation' },
                ...labelled(t, t.t('finding.citation'), citationView(ctx, x.citation)),
              )
            : null,
        ),
      ),
    ),
  );
}

// The printout's details are made in the task after the result is shown, so that a result does
// not wait for what only a printout shows (it doubles the findings and the match details);
// printRecord() makes them at once if that task has not run yet.
const unmadePrintDetails = new WeakMap();
function deferredPrintDetails(ctx, result, request, options) {
  const section = h('section', { class: 'print-details print-only' });
  const make = () => {
    if (!unmadePrintDetails.delete(section) || !section.isConnected) return;
    section.replaceWith(printDetails(ctx, result, request, options));
  };
  unmadePrintDetails.set(section, make);
  setTimeout(make);
  return section;
}

function makePrintDetails(root) {
  for (const section of root.querySelectorAll('section.print-details'))
    unmadePrintDetails.get(section)?.();
}

// Printed after the one-page summary (print stylesheet: a new page): every finding in full with
// its citation and next step, every match's details, every open question with its help and
// citation, the options and the lists with their full SHA-256.
function printDetails(ctx, result, request, { lang, names }) {
  const t = ctx.t;
  const matches = new Map(result.party_matches.map((m) => [`${m.party}:${m.id}`, m]));
  return h(
    'section',
    { class: 'print-details print-only' },
    h('h2', {}, t.t('print.details')),
    h(
      'ol',
      { class: 'findings' },
      result.findings.map((f) => {
        const li = findingView(ctx, f, result.verdict, { lang, names, printed: true });
        const m = f.evidence?.entry_id && matches.get(`${partyOf(f)}:${f.evidence.entry_id}`);
        if (m) li.append(matchView(ctx, m));
        return li;
      }),
    ),
    (result.open_questions ?? []).length
      ? h(
          'div',
          {},
          h('h3', {}, t.t('questions.heading', { n: result.open_questions.length })),
          h(
            'ul',
            {},
            result.open_questions.map((q) =>
              h(
                'li',
                {},
                isolatingNames(q.question, names, { lang, dir: 'ltr' }),
                q.help ? h('p', { class: 'hint', lang }, q.help) : null,
                q.citation ? h('p', { class: 'hint' }, citationView(ctx, q.citation)) : null,
              ),
            ),
          ),
        )
      : null,
    h(
      'p',
      { class: 'hint' },
      t.t('text.labelled', { label: t.t('options.heading'), value: optionsSummary(ctx) }),
    ),
    ctx.ui.record
      ? h('p', { class: 'hash' }, t.t('result.record', { sha: ctx.ui.record.sha256 }))
      : null,
    h(
      'ul',
      { class: 'hash' },
      result.lists.map((l) =>
        h('li', {}, ...t.parts('result.listHashed', { list: listDated(ctx, l), sha: l.sha256 })),
      ),
    ),
  );
}

/** A citation with every CFR and Federal Register reference linked (eCFR, federalregister.gov). */
export function citationView(ctx, text) {
  const span = h('span', { lang: 'en' });
  for (const part of citationParts(String(text ?? ''))) {
    span.append(
      typeof part === 'string'
        ? part
        : h('a', { href: part.href, target: '_blank', rel: 'noopener noreferrer' }, part.text),
    );
  }
  return span;
}

/** A match explained: the entry, the list, the name or alias matched, the words and the score. */
export function matchView(ctx, m) {
  const t = ctx.t;
  const dl = h('dl', { class: 'entry' });
  const row = (k, ...v) => dl.append(h('dt', {}, k), h('dd', {}, ...v));
  row(t.t('match.party'), isolated(m.party_name));
  row(t.t('match.entry'), isolated(m.name));
  row(
    t.t('match.source'),
    isolated(m.source),
    m.source_code ? t.t('text.parenthesized', { text: m.source_code }) : '',
  );
  row(
    m.alias ? t.t('match.alias') : t.t('match.matchedName'),
    highlight(ctx, m.matched_name, m.explanation?.pairs ?? []),
  );
  const e = m.explanation ?? {};
  const pairs = (e.pairs ?? []).flatMap((p, k) => [
    k ? ', ' : '',
    isolated(p.query),
    ' ↔ ',
    isolated(p.list),
    ` ${t.number(p.similarity, { style: 'percent' })}`,
  ]);
  row(t.t('match.tokens'), ...(pairs.length ? pairs : ['—']));
  row(
    t.t('match.score'),
    t.t('match.scoreParts', {
      score: t.number(m.score, { maximumFractionDigits: 2, minimumFractionDigits: 2 }),
      name: t.number(e.name_score ?? m.score, {
        maximumFractionDigits: 2,
        minimumFractionDigits: 2,
      }),
      qc: t.number(e.query_coverage ?? 0, { style: 'percent' }),
      lc: t.number(e.list_coverage ?? 0, { style: 'percent' }),
      nf: t.number(e.number_factor ?? 1, { maximumFractionDigits: 2 }),
      country: m.country_match ? t.t('match.countryYes') : t.t('match.countryNo'),
    }),
  );
  if (e.unmatched_query?.length || e.unmatched_list?.length)
    row(
      t.t('match.unmatched'),
      ...[...(e.unmatched_query ?? []), ...(e.unmatched_list ?? [])].flatMap((w, k) => [
        k ? ', ' : '',
        isolated(w),
      ]),
    );
  if (m.entry?.federal_register_notice)
    row(t.t('match.fr'), citationView(ctx, m.entry.federal_register_notice));
  if (m.entry?.addresses?.length) {
    row(
      t.t('match.address'),
      ...m.entry.addresses
        .slice(0, 3)
        .flatMap((a, k) => [
          k ? ' | ' : '',
          isolated([a.text, a.country].filter(Boolean).join(', ')),
        ]),
    );
  }
  return dl;
}

// Marks the words of the matched name whose folded form is a matched token (explanation.pairs).
function highlight(ctx, name, pairs) {
  const span = h('bdi', {});
  const wanted = new Set(pairs.filter((p) => p.similarity >= 0.5).map((p) => fold(p.list)));
  for (const piece of String(name).split(/([\p{L}\p{N}]+)/u)) {
    if (!piece) continue;
    if (/^[\p{L}\p{N}]+$/u.test(piece) && wanted.has(fold(piece)))
      span.append(h('mark', {}, piece));
    else span.append(piece);
  }
  // The controls the name leaves open are closed inside its isolate (dom.js closeBidi).
  span.append(closeBidi(name).slice(String(name).length));
  return span;
}

/** An item's classification: ECCN paragraph, TPP, performance density and why. */
export function classificationView(ctx, c, heading = 'h3') {
  const t = ctx.t;
  const dl = h('dl', { class: 'entry' });
  const row = (k, ...v) => dl.append(h('dt', {}, k), h('dd', {}, ...v));
  if (c.name) row(t.t('class.item'), isolated(c.name));
  row(
    t.t('class.eccn'),
    c.eccn
      ? `${c.paragraph ?? c.eccn}`
      : c.determinate === false
        ? t.t('class.undecided')
        : t.t('class.none'),
  );
  if (c.tpp !== null && c.tpp !== undefined)
    row(t.t('class.tpp'), t.number(c.tpp, { maximumFractionDigits: 0 }));
  if (c.performance_density !== null && c.performance_density !== undefined)
    row(t.t('class.pd'), t.number(c.performance_density, { maximumFractionDigits: 2 }));
  if (c.reason)
    row(
      t.t('class.reason'),
      isolatingNames(c.reason, ctx.userTexts(), {
        lang: c.locale === 'zh' || ctx.t.locale === 'zh' ? 'zh-CN' : 'en',
        dir: 'ltr',
      }),
    );
  // The inputs a decision needs, named as the form asks them (never a request field name).
  if (c.missing?.length)
    row(
      t.t('class.missing'),
      t.list(c.missing.map((m) => (t.has(`class.input.${m}`) ? t.t(`class.input.${m}`) : m))),
    );
  if (c.gp10_reason)
    row(t.t('class.gp10'), isolatingNames(c.gp10_reason, ctx.userTexts(), { dir: 'ltr' }));
  if (c.definition?.citation)
    row(t.t('finding.citation'), citationView(ctx, c.definition.citation));
  return h(
    'div',
    { class: 'note classification-result' },
    h(heading, {}, t.t('class.heading')),
    dl,
  );
}

// Folds a word for comparison with the core's normalized tokens (lower case, no diacritics).
function fold(s) {
  return String(s).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
