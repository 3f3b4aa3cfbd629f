// The quick party screening view of <export-screen> (mode="parties"): a name and a country,
// screened as the user types (the element schedules the screening).
import { h } from '../dom.js';
import { countryField, countryList, field, nameValidator } from './fields.js';

/** The quick screening form. */
export function quickView(ctx) {
  const t = ctx.t;
  const q = ctx.form.value.quick;
  const name = field(ctx, {
    id: 'name',
    label: t.t('field.name'),
    hint: t.t('field.name.hint'),
    value: q.name,
    onInput: (v) => {
      q.name = v;
      ctx.schedule();
    },
    validate: (v, touched) => nameValidator(ctx, v, touched),
  });
  const country = countryField(ctx, 'country', t.t('field.country'), q.country, (v) => {
    q.country = v;
    ctx.schedule();
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, t.t('action.screen'));
  const form = h(
    'form',
    { part: 'form', novalidate: true, 'aria-label': t.t('parties.form') },
    h('div', { class: 'grid' }, name, country),
    h('div', { class: 'actions' }, submit),
    countryList(ctx),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!name.validate() || !country.validate()) {
      ctx.announce(t.t('form.fix'), true);
      return;
    }
    ctx.runScreen();
  });
  ctx.ui.els.form = form;
  return form;
}
