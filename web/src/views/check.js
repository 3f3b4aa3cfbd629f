// The guided check view of <export-screen> (mode="check"): the steps (item, parties,
// destination, end use, red flags, review), each rendered from the form state and the core's
// reference data (chips, questions, roles), the classification preview and step navigation.
import { h, isolated } from '../dom.js';
import { asError } from '../screen-error.js';
import { chipLabel, emptyParty, searchChips } from '../form-state.js';
import { WorkerRequest } from '../worker-protocol.js';
import { countryField, countryList, field, nameValidator } from './fields.js';
import { errorView } from './lists.js';
import { citationView, classificationView } from './result.js';
import { optionsView } from './options.js';
import { typeSelect } from './quick.js';

// Chips listed before a search narrows the catalog.
const CHIPS_LISTED = 12;

/** The guided check: the step navigation and the form of the current step. */
export function checkView(ctx) {
  const t = ctx.t;
  const steps = ctx.form.steps(ctx.session.reference);
  const s = ctx.form.value;
  s.step = Math.min(Math.max(0, s.step | 0), steps.length - 1);
  const current = steps[s.step];
  const nav = h(
    'nav',
    { class: 'steps no-print', part: 'steps', 'aria-label': t.t('steps.label') },
    h(
      'ol',
      {},
      steps.map((name, i) => {
        const b = h(
          'button',
          {
            type: 'button',
            'aria-current': i === s.step ? 'step' : null,
            'data-done': i < s.step ? true : null,
          },
          t.t('steps.n', { n: i + 1, name: t.t(`step.${name}`) }),
        );
        b.addEventListener('click', () => goStep(ctx, i));
        return h('li', {}, b);
      }),
    ),
  );
  const body = stepView(ctx, current);
  const back = h('button', { type: 'button', disabled: s.step === 0 }, t.t('action.back'));
  back.addEventListener('click', () => goStep(ctx, s.step - 1));
  const last = current === 'review';
  const next = h(
    'button',
    { type: 'submit', class: 'primary' },
    last ? t.t('action.check') : t.t('action.next'),
  );
  const form = h(
    'form',
    { part: 'form', novalidate: true, 'aria-labelledby': 'step-heading' },
    body,
    h('div', { class: 'nav' }, back, next),
    countryList(ctx),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!validateStep(ctx, form)) {
      ctx.announce(t.t('form.fix'), true);
      form.querySelector('[aria-invalid="true"]')?.focus();
      return;
    }
    if (last) ctx.screening.run();
    else goStep(ctx, s.step + 1);
  });
  ctx.ui.els.form = form;
  const options =
    current === 'parties' || last ? optionsView(ctx, () => ctx.screening.rescreenShown()) : null;
  return h('div', { class: 'check' }, nav, form, options);
}

function validateStep(ctx, form) {
  let ok = true;
  for (const field of form.querySelectorAll('.field'))
    if (field.validate && !field.validate()) ok = false;
  return ok;
}

/**
 * Moves to step `i`; forward only when the fields on the way are valid, unless `force` (an open
 * question's "answer" button goes straight to its step).
 */
export function goStep(ctx, i, { force = false } = {}) {
  const steps = ctx.form.steps(ctx.session.reference);
  // Moving forward checks the steps in between, so a check never runs on a half-filled form.
  if (!force && i > ctx.form.value.step && !validateStep(ctx, ctx.ui.els.form)) {
    ctx.announce(ctx.t.t('form.fix'), true);
    ctx.ui.els.form.querySelector('[aria-invalid="true"]')?.focus();
    return;
  }
  ctx.form.value.step = Math.min(Math.max(0, i), steps.length - 1);
  ctx.form.save();
  ctx.renderMode();
  ctx.ui.els.mode.querySelector('#step-heading')?.focus();
}

function stepView(ctx, name) {
  const t = ctx.t;
  const heading = h(
    'h2',
    { id: 'step-heading', class: 'step-heading', tabindex: '-1' },
    t.t(`step.${name}`),
  );
  const body = h('div', { class: 'step', part: 'step', 'data-step': name }, heading);
  if (name === 'item') body.append(...itemStep(ctx));
  else if (name === 'parties') body.append(...partiesStep(ctx));
  else if (name === 'destination')
    body.append(
      countryField(
        ctx,
        'destination',
        t.t('field.destination'),
        ctx.form.value.destination,
        (v) => {
          ctx.form.value.destination = v;
        },
      ),
      h('p', { class: 'hint' }, t.t('field.destination.help')),
    );
  else if (name === 'end_use')
    body.append(...questionsStep(ctx, ctx.session.reference.end_uses, ctx.form.value.endUse, 'eu'));
  else if (name === 'red_flags')
    body.append(
      ...questionsStep(ctx, ctx.session.reference.red_flags, ctx.form.value.redFlags, 'rf'),
    );
  else body.append(reviewView(ctx));
  return body;
}

function itemStep(ctx) {
  const t = ctx.t;
  const item = ctx.form.value.item;
  const kind = h(
    'fieldset',
    {},
    h('legend', {}, t.t('item.kind')),
    h(
      'div',
      { class: 'row' },
      ['catalog', 'specs', 'none'].map((k) => {
        const r = h('input', {
          type: 'radio',
          name: 'item-kind',
          value: k,
          checked: item.kind === k,
        });
        r.addEventListener('change', () => {
          item.kind = k;
          ctx.form.save();
          ctx.renderMode();
          ctx.ui.els.mode.querySelector(`input[name="item-kind"][value="${k}"]`)?.focus();
        });
        return h('label', { class: 'choice' }, r, t.t(`item.kind.${k}`));
      }),
    ),
  );
  const parts = [kind];
  if (item.kind === 'catalog') parts.push(...catalogFields(ctx));
  if (item.kind === 'specs') parts.push(...specFields(ctx));
  if (item.kind !== 'none') {
    const preview = h('div', { class: 'classification', 'aria-live': 'polite' });
    parts.push(preview);
    ctx.ui.els.classification = preview;
    classifySoon(ctx, 0);
  }
  return parts;
}

function catalogFields(ctx) {
  const t = ctx.t;
  const item = ctx.form.value.item;
  const chips = ctx.session.reference?.chips ?? [];
  const search = h('input', {
    type: 'search',
    id: 'chip-search',
    autocomplete: 'off',
    'aria-describedby': 'chip-search-hint chip-error',
    'aria-controls': 'chip-choices',
  });
  search.value = item.query ?? '';
  const choices = h('div', { class: 'choices', id: 'chip-choices' });
  const count = h('p', { class: 'hint', id: 'chip-count', 'aria-live': 'polite' });
  const error = h('p', { class: 'field-error', id: 'chip-error' });
  let found = chips;
  const showError = (key) => {
    error.textContent = key ? t.t(key) : '';
    if (key) search.setAttribute('aria-invalid', 'true');
    else search.removeAttribute('aria-invalid');
  };
  const fill = ({ typed = false } = {}) => {
    found = searchChips(chips, search.value);
    // A search that finds one chip takes it, and shows it taken: a chip typed is never dropped.
    if (typed && search.value.trim() && found.length === 1 && item.chip !== found[0].id) {
      item.chip = found[0].id;
      ctx.form.save();
      classifySoon(ctx, 0);
      ctx.announce(t.t('item.taken', { chip: chipLabel(found[0]) }));
    }
    const chosen = chips.find((c) => c.id === item.chip);
    const listed = found.slice(0, CHIPS_LISTED);
    if (chosen && !listed.includes(chosen)) listed.unshift(chosen);
    count.textContent = search.value.trim()
      ? t.t('item.found', { n: found.length, total: chips.length })
      : t.t('item.catalogCount', { n: chips.length, shown: Math.min(chips.length, CHIPS_LISTED) });
    choices.replaceChildren(
      ...(listed.length
        ? listed.map((c) =>
            h(
              'label',
              { class: 'choice' },
              h('input', {
                type: 'radio',
                name: 'chip',
                value: c.id,
                checked: item.chip === c.id,
              }),
              chipLabel(c),
            ),
          )
        : [h('p', { class: 'hint' }, t.t('item.noHit'))]),
    );
    for (const r of choices.querySelectorAll('input')) {
      r.addEventListener('change', () => {
        item.chip = r.value;
        ctx.form.save();
        showError('');
        classifySoon(ctx, 0);
      });
    }
    if (item.chip) showError('');
  };
  search.addEventListener('input', () => {
    item.query = search.value;
    ctx.form.save();
    fill({ typed: true });
  });
  fill();
  const wrap = /** @type {HTMLDivElement & {validate: () => boolean}} */ (
    h(
      'div',
      { class: 'field chip-field' },
      h(
        'div',
        {},
        h('label', { for: 'chip-search' }, t.t('item.search')),
        search,
        h('p', { class: 'hint', id: 'chip-search-hint' }, t.t('item.search.hint')),
        count,
      ),
      h('fieldset', {}, h('legend', {}, t.t('item.choices')), choices),
      error,
    )
  );
  // Leaving the step needs a chip, or "specifications" or "no item" chosen instead.
  wrap.validate = () => {
    const problem = ctx.form.itemProblem(found);
    showError(problem);
    return !problem;
  };
  return [wrap];
}

function specFields(ctx) {
  const t = ctx.t;
  const spec = (ctx.form.value.item.spec ??= {
    label: '',
    precision: 'fp16',
    tops: '',
    sparse: false,
    die: '',
    datacenter: '',
    designer: '',
  });
  const precisions = ctx.session.reference?.precisions?.map((p) => p.id) ?? [
    'fp64',
    'fp32',
    'tf32',
    'fp16',
    'bf16',
    'fp8',
    'fp6',
    'int8',
    'fp4',
    'int4',
  ];
  const number = (id, key, label, hint, { required = false } = {}) =>
    field(ctx, {
      id,
      label,
      hint,
      value: spec[key],
      attrs: { inputmode: 'decimal' },
      onInput: (v) => {
        spec[key] = v.trim();
        classifySoon(ctx);
      },
      validate: (v, touched) => {
        const x = v.trim();
        if (!x) return required && touched ? t.t('field.number.required') : '';
        return Number.isFinite(Number(x)) && Number(x) > 0 ? '' : t.t('field.number.invalid');
      },
    });
  const precision = h(
    'select',
    { id: 'spec-precision' },
    precisions.map((p) => h('option', { value: p }, p.toUpperCase())),
  );
  precision.value = spec.precision;
  precision.addEventListener('change', () => {
    spec.precision = precision.value;
    ctx.form.save();
    classifySoon(ctx);
  });
  const sparse = h('input', { type: 'checkbox', id: 'spec-sparse', checked: spec.sparse });
  sparse.addEventListener('change', () => {
    spec.sparse = sparse.checked;
    ctx.form.save();
    classifySoon(ctx);
  });
  const datacenter = h(
    'fieldset',
    { class: 'question' },
    h('legend', {}, t.t('item.spec.datacenter')),
    h(
      'div',
      { class: 'row' },
      [
        ['yes', 'answer.yes'],
        ['no', 'answer.no'],
        ['', 'answer.unknown'],
      ].map(([v, k]) => {
        const r = h('input', {
          type: 'radio',
          name: 'spec-datacenter',
          value: v,
          checked: spec.datacenter === v,
        });
        r.addEventListener('change', () => {
          spec.datacenter = v;
          ctx.form.save();
          classifySoon(ctx);
        });
        return h('label', { class: 'choice' }, r, t.t(k));
      }),
    ),
  );
  const label = field(ctx, {
    id: 'spec-label',
    label: t.t('item.spec.label'),
    hint: t.t('item.spec.label.hint'),
    value: spec.label,
    onInput: (v) => {
      spec.label = v;
    },
  });
  return [
    h(
      'div',
      { class: 'grid' },
      label,
      h('div', {}, h('label', { for: 'spec-precision' }, t.t('item.spec.precision')), precision),
      number('spec-tops', 'tops', t.t('item.spec.tops'), t.t('item.spec.tops.hint'), {
        required: true,
      }),
      number('spec-die', 'die', t.t('item.spec.die'), t.t('item.spec.die.hint')),
      countryField(ctx, 'spec-designer', t.t('item.spec.designer'), spec.designer, (v) => {
        spec.designer = v;
        classifySoon(ctx);
      }),
    ),
    h('label', { class: 'choice' }, sparse, t.t('item.spec.sparse')),
    datacenter,
  ];
}

function classifySoon(ctx, delay = 300) {
  clearTimeout(ctx.ui.classifyTimer);
  ctx.ui.classifyTimer = setTimeout(() => classifyPreview(ctx), delay);
}

// Shows how the chosen item classifies (ECCN, TPP and why) before the check runs.
async function classifyPreview(ctx) {
  const el = ctx.ui.els.classification;
  if (!el?.isConnected || !ctx.session.engine) return;
  const item = ctx.form.itemRequest(ctx.session.countries);
  if (!item) {
    el.replaceChildren();
    return;
  }
  try {
    const c = await ctx.session.request(WorkerRequest.CLASSIFY, {
      item: { ...item, locale: ctx.t.locale, ...(ctx.host.asOf ? { as_of: ctx.host.asOf } : {}) },
    });
    if (el.isConnected) el.replaceChildren(classificationView(ctx, c));
  } catch (err) {
    if (el.isConnected) el.replaceChildren(errorView(ctx, asError(err)));
  }
}

function partiesStep(ctx) {
  const t = ctx.t;
  const parties = ctx.form.value.parties;
  const out = parties.map((p, i) => {
    const n = i + 1;
    const name = field(ctx, {
      id: `p${i}-name`,
      label: t.t('field.name'),
      hint: t.t('field.name.hint'),
      value: p.name,
      onInput: (v) => {
        p.name = v;
      },
      validate: (v, touched) => nameValidator(ctx, v, touched),
    });
    const role = h(
      'select',
      { id: `p${i}-role` },
      h('option', { value: '' }, t.t('role.unspecified')),
      // The parties of 15 CFR 748.5, as the core names them (its reference data).
      (ctx.session.reference?.roles ?? []).map((r) =>
        h('option', { value: r.id, selected: p.role === r.id }, r.label),
      ),
    );
    role.value = p.role;
    role.addEventListener('change', () => {
      p.role = role.value;
      ctx.form.save();
    });
    const type = typeSelect(ctx, `p${i}-type`, p.type, (v) => {
      p.type = v;
      ctx.form.save();
    });
    const country = countryField(ctx, `p${i}-country`, t.t('field.country'), p.country, (v) => {
      p.country = v;
    });
    const hq = countryField(ctx, `p${i}-hq`, t.t('field.hq'), p.hq, (v) => {
      p.hq = v;
    });
    const fs = h(
      'fieldset',
      { class: 'party' },
      h('legend', {}, t.t('party.n', { n })),
      h(
        'div',
        { class: 'grid' },
        name,
        type,
        h('div', {}, h('label', { for: `p${i}-role` }, t.t('field.role')), role),
        country,
        hq,
      ),
    );
    if (parties.length > 1) {
      const remove = h('button', { type: 'button' }, t.t('party.remove', { n }));
      remove.addEventListener('click', () => {
        parties.splice(i, 1);
        ctx.form.save();
        ctx.renderMode();
        ctx.ui.els.mode.querySelector('#step-heading')?.focus();
        ctx.announce(t.t('party.removed', { n }));
      });
      fs.append(h('div', { class: 'actions' }, remove));
    }
    return fs;
  });
  const add = h('button', { type: 'button' }, t.t('party.add'));
  add.addEventListener('click', () => {
    parties.push(emptyParty());
    ctx.form.save();
    ctx.renderMode();
    ctx.ui.els.mode.querySelector(`#p${parties.length - 1}-name`)?.focus();
  });
  return [...out, h('div', { class: 'actions' }, add)];
}

// Questions in groups that share a source (the red flags of one guidance; the end uses): each
// question Yes / No / Don't know (an answer is cleared by "Don't know": unanswered, never "no"),
// "None of these apply" for a group, and a citation or help text the whole group shares said once.
function questionGroups(questions) {
  const groups = new Map();
  for (const q of questions) {
    const key = q.source ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(q);
  }
  return [...groups.values()];
}

function questionsStep(ctx, questions, answers, prefix) {
  const t = ctx.t;
  const shared = (qs, key) => (qs.every((q) => q[key] && q[key] === qs[0][key]) ? qs[0][key] : '');
  return questionGroups(questions).map((qs, g) => {
    const citation = shared(qs, 'citation');
    const help = qs.length > 1 ? shared(qs, 'help') : '';
    const source = shared(qs, 'source');
    const items = qs.map((q, i) => {
      const name = `${prefix}-${g}-${i}`;
      const answer = q.id in answers ? (answers[q.id] ? 'yes' : 'no') : '';
      const radio = (value, label) => {
        const input = h('input', { type: 'radio', name, value, checked: answer === value });
        input.addEventListener('change', () => {
          if (value) answers[q.id] = value === 'yes';
          else delete answers[q.id];
          ctx.form.save();
        });
        return h('label', { class: 'choice' }, input, label);
      };
      return h(
        'fieldset',
        { class: 'question', 'data-question': q.id },
        h('legend', {}, q.question),
        q.help && !help ? h('p', { class: 'hint' }, q.help) : null,
        h(
          'div',
          { class: 'row' },
          radio('yes', t.t('answer.yes')),
          radio('no', t.t('answer.no')),
          radio('', t.t('answer.unknown')),
        ),
        (q.citation || q.source) && !citation
          ? h('p', { class: 'hint' }, citationView(ctx, q.citation ?? q.source))
          : null,
      );
    });
    const none = h('button', { type: 'button', class: 'none-apply' }, t.t('questions.noneApply'));
    none.addEventListener('click', () => {
      for (const q of qs) answers[q.id] = false;
      ctx.form.save();
      ctx.renderMode();
      ctx.ui.els.mode.querySelectorAll('.none-apply')[g]?.focus();
      ctx.announce(t.t('questions.noneApplied', { n: qs.length }));
    });
    return h(
      'section',
      { class: 'question-group', 'aria-label': source || t.t('questions.group', { n: g + 1 }) },
      source || citation
        ? h(
            'p',
            { class: 'hint group-source' },
            source ? h('span', { lang: 'en' }, source) : null,
            source && citation ? ' · ' : null,
            citation ? citationView(ctx, citation) : null,
          )
        : null,
      help ? h('p', { class: 'hint' }, help) : null,
      h('div', { class: 'actions' }, none),
      ...items,
    );
  });
}

// A role's name in the widget's language, from the core's reference data (the id until it is here).
function roleLabel(ctx, id) {
  return ctx.session.reference?.roles?.find((r) => r.id === id)?.label ?? id;
}

function reviewView(ctx) {
  const t = ctx.t;
  const s = ctx.form.value;
  const dl = h('dl', { class: 'entry' });
  const row = (k, v, empty = 'review.none') =>
    dl.append(h('dt', {}, k), h('dd', {}, v?.length || v instanceof Node ? v : t.t(empty)));
  const chip =
    s.item.kind === 'catalog'
      ? ctx.session.reference?.chips?.find((c) => c.id === s.item.chip)
      : null;
  const spec = s.item.kind === 'specs' ? ctx.form.itemRequest(ctx.session.countries) : null;
  const tops = spec
    ? t.list(Object.entries(spec.tops).map(([k, v]) => `${t.number(v)} ${k.toUpperCase()} TOPS`))
    : '';
  if (ctx.session.reference?.chips)
    row(
      t.t('step.item'),
      s.item.kind === 'none'
        ? t.t('review.noItem')
        : chip
          ? chipLabel(chip)
          : spec
            ? spec.label
              ? [isolated(spec.label), ` ${tops}`]
              : tops
            : '',
      'review.notGiven',
    );
  s.parties.forEach((p, i) =>
    row(
      t.t('party.n', { n: i + 1 }),
      [
        p.name ? isolated(p.name) : '',
        p.type ? t.t(`type.${p.type}`) : '',
        p.role ? roleLabel(ctx, p.role) : '',
        p.country ? t.country(p.country) : '',
        p.hq ? t.t('review.hq', { country: t.country(p.hq) }) : '',
      ]
        .filter(Boolean)
        .flatMap((v, k) => (k ? [' · ', v] : [v])),
    ),
  );
  row(t.t('field.destination'), s.destination ? t.country(s.destination) : '', 'review.notGiven');
  // A group of questions in a few words: the questions answered yes by name, then how many were
  // answered no and how many are not answered (never "none" for questions left open).
  const answered = (qs, answers) => {
    const yes = (qs ?? []).filter((q) => answers[q.id] === true);
    const no = (qs ?? []).filter((q) => answers[q.id] === false).length;
    const open = (qs ?? []).filter((q) => !(q.id in answers)).length;
    const parts = yes.map((q) => `${q.question} ${t.t('answer.yes')}`);
    if (no) parts.push(t.t('review.answeredNo', { n: no }));
    if (open) parts.push(t.t('review.notAnswered', { n: open }));
    return parts.join(t.t('list.semicolon'));
  };
  if (ctx.session.reference?.end_uses?.length)
    row(t.t('step.end_use'), answered(ctx.session.reference.end_uses, s.endUse));
  if (ctx.session.reference?.red_flags?.length && s.item.kind !== 'none')
    row(t.t('step.red_flags'), answered(ctx.session.reference.red_flags, s.redFlags));
  return h('div', {}, h('p', { class: 'hint' }, t.t('review.hint')), dl);
}
