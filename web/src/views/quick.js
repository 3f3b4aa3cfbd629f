// The quick party screening view of <export-screen> (mode="parties"): a name, what the party is
// (person or organisation) and a country, screened when typing pauses or on Enter (the element
// schedules it), with the matching options every mode shares.
import { h } from '../dom.js';
import { PARTY_TYPES } from '../form-state.js';
import { countryField, countryList, field, nameValidator } from './fields.js';
import { optionsView } from './options.js';

/** The quick screening form. */
export function quickView(ctx) {
  const t = ctx.t;
  const q = ctx.form.value.quick;
  const name = field(ctx, {
    id: 'name',
    label: t.t('field.name'),
    hint: t.t('field.name.quickHint'),
    value: q.name,
    onInput: (v) => {
      q.name = v;
      ctx.screening.schedule();
    },
    validate: (v, touched) => nameValidator(ctx, v, touched),
  });
  const country = countryField(ctx, 'country', t.t('field.country'), q.country, (v) => {
    q.country = v;
    ctx.screening.schedule();
  });
  const type = typeSelect(ctx, 'type', q.type, (v) => {
    q.type = v;
    ctx.form.save();
    ctx.screening.schedule();
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, t.t('action.screen'));
  const form = h(
    'form',
    { part: 'form', novalidate: true, 'aria-label': t.t('parties.form') },
    h('div', { class: 'grid' }, name, type, country),
    h('div', { class: 'actions' }, submit),
    countryList(ctx),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!name.validate() || !country.validate()) {
      ctx.announce(t.t('form.fix'), true);
      return;
    }
    ctx.screening.run();
  });
  ctx.ui.els.form = form;
  return h(
    'div',
    { class: 'quick' },
    form,
    optionsView(ctx, () => ctx.screening.rescreenShown()),
  );
}

/** What a party is: not said, a person or an organisation (the request's `type`). */
export function typeSelect(ctx, id, value, onChange) {
  const t = ctx.t;
  const select = h(
    'select',
    { id },
    h('option', { value: '' }, t.t('type.unspecified')),
    PARTY_TYPES.map((k) => h('option', { value: k }, t.t(`type.${k}`))),
  );
  select.value = value ?? '';
  select.addEventListener('change', () => onChange(select.value));
  return h('div', {}, h('label', { for: id }, t.t('field.type')), select);
}
