// The result view of <export-screen>: the verdict banner, the findings with their citations
// (linked), each party match explained (entry, alias, token alignment, score parts), the license
// exceptions, the classifications, the open questions and the lists a result rests on.
import { closeBidi, h, isolated, isolatingNames } from '../dom.js';
import { citationParts } from '../citations.js';
import { errorView, listNameView } from './lists.js';

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
    el.replaceChildren();
    return;
  }
  const banner = h(
    'div',
    { class: 'verdict', part: 'verdict', 'data-verdict': result.verdict },
    h('strong', {}, t.t('verdict.label', { verdict: t.t(`verdict.${result.verdict}`) })),
    h('p', {}, t.t(`verdict.${result.verdict}.text`)),
    h(
      'p',
      { class: 'hint' },
      t.t('result.summary', {
        n: result.findings.length,
        parties: ctx.ui.request?.parties.length ?? 0,
      }),
    ),
  );
  const matches = new Map(result.party_matches.map((m) => [`${m.party}:${m.id}`, m]));
  let matchIndex = 0;
  const coreLang = result.locale ?? (ctx.ui.request?.locale ? ctx.ui.request.locale : 'en');
  const seenRules = new Set();
  const names = ctx.userTexts();
  const list = h(
    'ol',
    { class: 'findings', part: 'findings' },
    result.findings.map((f) => {
      // Further findings of a rule already shown print as one line each (print stylesheet).
      const repeat = seenRules.has(f.rule);
      seenRules.add(f.rule);
      const li = h('li', {
        'data-severity': f.severity,
        'data-rule': f.rule,
        part: 'finding',
        class: repeat ? 'repeat' : null,
      });
      const m =
        f.evidence && matches.get(`${f.subject?.party ?? f.evidence.party}:${f.evidence.entry_id}`);
      li.append(
        h(
          'p',
          { class: 'message' },
          h(
            'span',
            { class: 'badge', 'data-verdict': f.severity },
            `${t.t(`verdict.${f.severity}`)}: `,
          ),
          isolatingNames(f.message, names, {
            lang: coreLang === 'zh' ? 'zh-CN' : 'en',
            dir: 'ltr',
          }),
        ),
      );
      if (m) {
        li.append(
          h(
            'p',
            { class: 'compact' },
            h(
              'span',
              { class: 'badge', 'data-verdict': f.severity },
              `${t.t(`verdict.${f.severity}`)}: `,
            ),
            t.parts('finding.compact', {
              party: isolated(m.party_name),
              entry: isolated(m.name),
              source: m.source_code || m.source,
              score: t.number(m.score, { maximumFractionDigits: 2, minimumFractionDigits: 2 }),
            }),
          ),
        );
      }
      if (m) {
        // The strongest match is shown open; the others fold away so the verdict stays in view.
        const details = h(
          'details',
          { open: matchIndex++ === 0 },
          h(
            'summary',
            {},
            t.parts('match.details', {
              entry: isolated(m.name),
              score: t.number(m.score, { maximumFractionDigits: 2, minimumFractionDigits: 2 }),
            }),
          ),
          matchView(ctx, m),
        );
        li.append(details);
      }
      li.append(
        h(
          'p',
          { class: 'citation' },
          h('strong', {}, `${t.t('finding.citation')} `),
          citationView(ctx, f.citation),
        ),
      );
      if (f.next_step)
        li.append(
          h(
            'p',
            { class: 'next' },
            h('strong', {}, `${t.t('finding.next')} `),
            isolatingNames(f.next_step, names, {
              lang: coreLang === 'zh' ? 'zh-CN' : 'en',
              dir: 'ltr',
            }),
          ),
        );
      return li;
    }),
  );
  const exportButton = h('button', { type: 'button' }, t.t('action.exportJson'));
  exportButton.addEventListener('click', () => ctx.downloadRecord());
  const printButton = h('button', { type: 'button' }, t.t('action.print'));
  printButton.addEventListener('click', () => ctx.host.printRecord());
  const used = h(
    'p',
    { class: 'hint' },
    t.t('result.lists'),
    ' ',
    result.lists.flatMap((l, k) => [
      k ? '; ' : '',
      listNameView(ctx, l),
      ` (${l.as_of ? t.date(l.as_of) : t.t('date.unknown')}, SHA-256 ${l.sha256.slice(0, 16)}…)`,
    ]),
    ` ${t.t('result.rules', { version: result.rules_version, date: t.date(result.as_of) })}`,
  );
  // The host pins its list file and none of these lists is that file (it was refused, say).
  const pin = ctx.listPin()?.toLowerCase();
  const unpinned =
    pin && !result.lists.some((l) => l.sha256 === pin)
      ? h('p', { class: 'warning' }, t.t('result.notPinned'))
      : null;
  const seal = ctx.ui.record
    ? h('p', { class: 'hint hash' }, t.t('result.record', { sha: ctx.ui.record.sha256 }))
    : null;
  el.replaceChildren(
    ...[
      h('h2', { id: 'result-heading', class: 'no-print' }, t.t('result.heading')),
      banner,
      h('div', { class: 'actions' }, exportButton, printButton),
      // What decided the verdict first; then what it rests on and what is still open.
      list,
      exceptionsView(ctx, result.license_exceptions ?? [], coreLang),
      ...(result.classifications ?? []).map((c) => classificationView(ctx, c)),
      openQuestionsView(ctx, result.open_questions ?? [], coreLang, result.verdict),
      used,
      unpinned,
      seal,
    ].filter(Boolean),
  );
}

// What the rules needed and the form did not say; each answers by going back to its step.
// Folded away when a stop or license finding already decides the deal, open otherwise (then the
// questions are what stands between the user and a verdict).
function openQuestionsView(ctx, questions, coreLang, verdict) {
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
  const decided = verdict === 'stop' || verdict === 'license_required';
  return h(
    'details',
    { class: 'questions', open: !decided },
    h(
      'summary',
      {},
      h('h3', { id: 'questions-heading' }, t.t('questions.heading', { n: questions.length })),
    ),
    h('p', { class: 'hint' }, t.t('questions.help')),
    h(
      'ul',
      {},
      questions.map((q) => {
        const step =
          ctx.host.mode === 'check'
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
          isolatingNames(q.question, ctx.userTexts(), {
            lang: coreLang === 'zh' ? 'zh-CN' : 'en',
            dir: 'ltr',
          }),
          ' ',
          go,
          q.citation ? h('p', { class: 'hint' }, citationView(ctx, q.citation)) : null,
        );
      }),
    ),
  );
}

function exceptionsView(ctx, exceptions, coreLang) {
  if (!exceptions.length) return null;
  const t = ctx.t;
  return h(
    'section',
    { class: 'exceptions', 'aria-labelledby': 'exceptions-heading' },
    h('h3', { id: 'exceptions-heading' }, t.t('exceptions.heading')),
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
            h('strong', {}, `${x.exception}: `),
            isolatingNames(x.message, ctx.userTexts(), {
              lang: coreLang === 'zh' ? 'zh-CN' : 'en',
              dir: 'ltr',
            }),
          ),
          x.conditions?.length
            ? h(
                'ul',
                { lang: coreLang === 'zh' ? 'zh-CN' : 'en' },
                x.conditions.map((c) => h('li', {}, c)),
              )
            : null,
          x.citation
            ? h(
                'p',
                { class: 'citation' },
                h('strong', {}, `${t.t('finding.citation')} `),
                citationView(ctx, x.citation),
              )
            : null,
        ),
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

function matchView(ctx, m) {
  const t = ctx.t;
  const dl = h('dl', { class: 'entry' });
  const row = (k, ...v) => dl.append(h('dt', {}, k), h('dd', {}, ...v));
  row(t.t('match.party'), isolated(m.party_name));
  row(t.t('match.entry'), isolated(m.name));
  row(t.t('match.source'), isolated(m.source), m.source_code ? ` (${m.source_code})` : '');
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
  // The rows the finding's message and citation already print are left out of the printout.
  const screenOnly = () => {
    for (const el of [dl.lastElementChild, dl.lastElementChild.previousElementSibling])
      el.classList.add('no-print');
  };
  if (m.entry?.federal_register_notice) {
    row(t.t('match.fr'), citationView(ctx, m.entry.federal_register_notice));
    screenOnly();
  }
  if (m.entry?.license_requirement) {
    row(t.t('match.licenseRequirement'), h('span', { lang: 'en' }, m.entry.license_requirement));
    screenOnly();
  }
  if (m.entry?.license_policy) {
    row(t.t('match.licensePolicy'), h('span', { lang: 'en' }, m.entry.license_policy));
    screenOnly();
  }
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
    screenOnly();
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
export function classificationView(ctx, c) {
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
  if (c.missing?.length) row(t.t('class.missing'), c.missing.join(', '));
  if (c.gp10_reason)
    row(t.t('class.gp10'), isolatingNames(c.gp10_reason, ctx.userTexts(), { dir: 'ltr' }));
  if (c.definition?.citation)
    row(t.t('finding.citation'), citationView(ctx, c.definition.citation));
  return h('div', { class: 'note' }, h('h3', {}, t.t('class.heading')), dl);
}

// Folds a word for comparison with the core's normalized tokens (lower case, no diacritics).
function fold(s) {
  return String(s).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
