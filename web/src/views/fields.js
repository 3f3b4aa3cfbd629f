// The form fields of <export-screen> shared by the guided check and the quick screening: a text
// field with label, hint and as-you-type validation, a country field, the country datalist.
import { h } from '../dom.js';
import { MAX_NAME_BYTES } from '../form-state.js';

/**
 * A text input with label, hint and as-you-type error, bound to the state through `onInput`;
 * `validate(value, touched)` returns the message to show, or ''.
 * @param {object} ctx
 * @param {{id: string, label: string, hint?: string, value?: string,
 *   onInput: (value: string) => void, validate?: (value: string, touched: boolean) => string,
 *   attrs?: Record<string, string>}} options
 * @returns {HTMLDivElement & {validate: () => boolean}}
 */
export function field(ctx, { id, label, hint, value, onInput, validate, attrs = {} }) {
  const input = h('input', {
    type: 'text',
    id,
    name: id,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': `${id}-hint ${id}-error`,
    ...attrs,
    value,
  });
  input.value = value ?? '';
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const hintEl = h('p', { class: 'hint', id: `${id}-hint` }, hint ?? '');
  const check = () => {
    const message = validate?.(input.value, ctx.form.touched.has(id)) ?? '';
    error.textContent = message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    return !message;
  };
  input.addEventListener('input', () => {
    onInput(input.value);
    ctx.form.save();
    check();
  });
  input.addEventListener('blur', () => {
    ctx.form.touched.add(id);
    check();
  });
  check();
  const wrap = /** @type {HTMLDivElement & {validate: () => boolean}} */ (
    h('div', { class: 'field' }, h('label', { for: id }, label), input, hintEl, error)
  );
  wrap.validate = () => {
    ctx.form.touched.add(id);
    return check();
  };
  return wrap;
}

/** A country field (ISO 3166-1 alpha-2), checked against the codes the core accepts. */
export function countryField(ctx, id, label, value, onInput, { required = false } = {}) {
  const t = ctx.t;
  const wrap = field(ctx, {
    id,
    label,
    value,
    hint: t.t('field.country.hint'),
    attrs: {
      maxlength: '2',
      autocapitalize: 'characters',
      list: 'country-codes',
      inputmode: 'latin',
    },
    onInput: (v) => {
      onInput(v.trim().toUpperCase());
      wrap.querySelector('.hint').textContent = countryHint(ctx, v);
    },
    validate: (v, touched) => {
      const code = v.trim().toUpperCase();
      if (!code) return required && touched ? t.t('field.country.required') : '';
      if (code.length < 2) return touched ? t.t('field.country.short') : '';
      if (ctx.session.countries.size && !ctx.session.countries.has(code))
        return t.t('field.country.invalid', { code });
      return '';
    },
  });
  wrap.querySelector('.hint').textContent = countryHint(ctx, value);
  wrap.querySelector('input').addEventListener('focus', (e) => nameCountries(ctx, e.target));
  return wrap;
}

function countryHint(ctx, v) {
  const code = String(v ?? '')
    .trim()
    .toUpperCase();
  if (code.length === 2 && ctx.session.countries.has(code))
    return ctx.t.t('text.labelled', { label: code, value: ctx.t.country(code) });
  return ctx.t.t('field.country.hint');
}

/**
 * The datalist of the country codes the core accepts, named in the widget's language. The names
 * are given once they cost nothing (Translator.countryNamesLoaded); until then a country field
 * names them when it gets the focus (nameCountries), before it shows any suggestion: the widget
 * renders this list when its engine answers, and loading the names then held the page's thread
 * just as a first screening was sent or answered.
 */
export function countryList(ctx) {
  const list = h('datalist', { id: 'country-codes' });
  const named = ctx.t.countryNamesLoaded;
  for (const c of ctx.session.engine?.countries ?? [])
    list.append(h('option', { value: c.code }, named ? ctx.t.country(c.code) : ''));
  return list;
}

/** Names the options of the country datalist near `el` that have no name yet. */
function nameCountries(ctx, el) {
  const root = /** @type {Document|ShadowRoot} */ (el.getRootNode());
  for (const option of root.getElementById?.('country-codes')?.querySelectorAll('option') ?? []) {
    if (!option.textContent) option.textContent = ctx.t.country(option.value);
  }
}

/** The message for a party name that is missing or too long, or ''. */
export function nameValidator(ctx, v, touched) {
  if (!v.trim()) return touched ? ctx.t.t('field.name.required') : '';
  if (new TextEncoder().encode(v.trim()).length > MAX_NAME_BYTES) return ctx.t.t('field.name.long');
  return '';
}
