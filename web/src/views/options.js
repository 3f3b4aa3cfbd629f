// The matching options of <export-screen>, in the user's hands like OFAC's search (issue 13): a
// preset or a minimum score, the source lists and the countries of the entries. One panel for
// every mode, so the same name gets the same verdict in each; the request's options come from
// screenOptions(). A screening limited to some lists or countries is never a clear (the core's
// lists.filtered rule).
import { h } from '../dom.js';

/**
 * The request options of a screening from the user's options and the host's settings:
 * {min_score, sources?, countries?, max_list_age_days, limit?}.
 * @param {object} ctx the view context
 * @param {{limit?: number}} [extra]
 */
export function screenOptions(ctx, { limit } = {}) {
  const options = { min_score: minScore(ctx) };
  const sources = selectedSources(ctx);
  if (sources) options.sources = sources;
  const countries = entryCountries(ctx);
  if (countries.length) options.countries = countries;
  options.max_list_age_days = ctx.host.maxListAge;
  if (limit) options.limit = limit;
  return options;
}

/**
 * Whether the options in force need the engine's answer: a threshold or filter the user chose
 * (a preset's score, the lists' sources and the countries are the engine's), or the host's preset
 * without min-score. The defaults do not: no min_score is the core's default (balanced).
 */
export function optionsNeedEngine(ctx) {
  const o = ctx.form.value.options;
  const chosen = [o.minScore, o.preset, o.countries].some((v) => String(v ?? '').trim());
  if (chosen || o.sources?.length) return true;
  return ctx.host.minScore === undefined && ctx.host.hasAttribute('preset');
}

/** The minimum score in force: the user's score or preset, else the host's (min-score, preset). */
export function minScore(ctx) {
  const o = ctx.form.value.options;
  const typed = Number.parseFloat(String(o.minScore ?? '').replace(',', '.'));
  if (String(o.minScore ?? '').trim() && Number.isFinite(typed) && typed >= 0 && typed <= 1)
    return typed;
  const preset = ctx.session.engine?.presets?.find((p) => p.id === o.preset);
  return preset ? preset.min_score : ctx.host.minScore;
}

// The source codes the loaded lists hold, in the order of their first list.
function heldSources(ctx) {
  const out = new Map();
  for (const l of ctx.session.lists) {
    for (const c of l.composition ?? []) {
      if (!out.has(c.code)) out.set(c.code, { code: c.code, source: c.source, records: 0 });
      out.get(c.code).records += c.records;
    }
  }
  return [...out.values()];
}

// The sources the user kept, or null for all of them (no filter).
function selectedSources(ctx) {
  const chosen = ctx.form.value.options.sources ?? [];
  if (!chosen.length) return null;
  const held = heldSources(ctx).map((s) => s.code);
  const kept = held.filter((c) => !chosen.includes(c));
  return kept.length === held.length ? null : kept;
}

// The countries of the entries to screen against (ISO codes the core accepts), or [].
function entryCountries(ctx) {
  return String(ctx.form.value.options.countries ?? '')
    .toUpperCase()
    .split(/[\s,;，、]+/)
    .filter((c) => c.length === 2 && (!ctx.session.countries.size || ctx.session.countries.has(c)));
}

/** The one-line summary of the options in force (the panel's summary; the printout). */
export function optionsSummary(ctx) {
  const t = ctx.t;
  const o = ctx.form.value.options;
  const score = minScore(ctx);
  const preset = ctx.session.engine?.presets?.find(
    (p) => p.id === (o.preset || ctx.host.getAttribute('preset') || 'balanced'),
  );
  const threshold =
    preset && !String(o.minScore ?? '').trim() && preset.min_score === score
      ? t.t('options.presetScore', { preset: t.t(`options.preset.${preset.id}`), score })
      : t.t('options.score', { score: score ?? '—' });
  const sources = selectedSources(ctx);
  const countries = entryCountries(ctx);
  return [
    threshold,
    sources ? t.t('options.someLists', { lists: t.list(sources) }) : t.t('options.allLists'),
    countries.length
      ? t.t('options.someCountries', { countries: t.list(countries) })
      : t.t('options.anyCountry'),
  ].join(t.t('list.semicolon'));
}

/**
 * The options panel: a disclosure whose summary says what is in force. `changed()` is called
 * after a change (the element screens again when a result is shown).
 */
export function optionsView(ctx, changed) {
  const t = ctx.t;
  const o = ctx.form.value.options;
  const summaryText = h('span', { class: 'hint' }, optionsSummary(ctx));
  const update = () => {
    ctx.form.save();
    summaryText.textContent = optionsSummary(ctx);
    changed();
  };
  // The presets are the engine's: none until it has answered (refreshOptions adds them).
  const preset = h('select', { id: 'opt-preset' });
  const presetChoices = () => {
    preset.replaceChildren(
      h('option', { value: '' }, t.t('options.preset.host')),
      ...(ctx.session.engine?.presets ?? []).map((p) =>
        h(
          'option',
          { value: p.id },
          t.t('options.presetScore', { preset: t.t(`options.preset.${p.id}`), score: p.min_score }),
        ),
      ),
    );
    preset.value = o.preset ?? '';
  };
  presetChoices();
  preset.addEventListener('change', () => {
    o.preset = preset.value;
    update();
  });
  const scoreError = h('p', { class: 'field-error', id: 'opt-score-error' });
  const score = h('input', {
    type: 'text',
    id: 'opt-score',
    inputmode: 'decimal',
    autocomplete: 'off',
    'aria-describedby': 'opt-score-hint opt-score-error',
  });
  score.value = o.minScore ?? '';
  score.addEventListener('input', () => {
    const v = score.value.trim().replace(',', '.');
    const ok = !v || (Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 1);
    scoreError.textContent = ok ? '' : t.t('options.score.invalid');
    if (ok) score.removeAttribute('aria-invalid');
    else score.setAttribute('aria-invalid', 'true');
    o.minScore = score.value;
    if (ok) update();
  });
  // The source lists the loaded lists hold, offered when there are two or more; drawn again only
  // when they change (a box the user is on keeps the focus).
  const sources = h('div', {});
  let shown = null;
  const sourceChoices = () => {
    const held = heldSources(ctx);
    const key = held.map((s) => s.code).join(' ');
    if (key === shown) return;
    shown = key;
    sources.hidden = held.length < 2;
    sources.replaceChildren(...(sources.hidden ? [] : [sourcesFieldset(ctx, held, update)]));
  };
  sourceChoices();
  const countries = h('input', {
    type: 'text',
    id: 'opt-countries',
    autocomplete: 'off',
    autocapitalize: 'characters',
    'aria-describedby': 'opt-countries-hint',
  });
  countries.value = o.countries ?? '';
  countries.addEventListener('change', () => {
    o.countries = countries.value;
    update();
  });
  const panel = h(
    'details',
    { class: 'options no-print', part: 'options', open: optionsChanged(ctx) },
    h(
      'summary',
      {},
      h('span', { class: 'summary-label' }, t.t('options.heading')),
      ' ',
      summaryText,
    ),
    h(
      'div',
      { class: 'grid' },
      h('div', {}, h('label', { for: 'opt-preset' }, t.t('options.preset')), preset),
      h(
        'div',
        {},
        h('label', { for: 'opt-score' }, t.t('options.score.label')),
        score,
        h('p', { class: 'hint', id: 'opt-score-hint' }, t.t('options.score.hint')),
        scoreError,
      ),
      h(
        'div',
        {},
        h('label', { for: 'opt-countries' }, t.t('options.countries')),
        countries,
        h('p', { class: 'hint', id: 'opt-countries-hint' }, t.t('options.countries.hint')),
      ),
    ),
    sources,
    h('p', { class: 'hint' }, t.t('options.filtersNeverClear')),
  );
  // What depends on the engine's answer and the loaded lists, brought up to date in place (the
  // panel keeps its state and the focus): refreshOptions.
  ctx.ui.options = {
    panel,
    refresh: () => {
      presetChoices();
      sourceChoices();
      summaryText.textContent = optionsSummary(ctx);
    },
  };
  return panel;
}

/**
 * Brings the options panel shown up to date with the engine's presets and the loaded lists'
 * sources: a panel drawn before the engine answered offers no preset and says no score.
 */
export function refreshOptions(ctx) {
  if (ctx.ui.options?.panel.isConnected) ctx.ui.options.refresh();
}

// A checkbox per source list held, ticked unless the user left it out.
function sourcesFieldset(ctx, held, update) {
  const o = ctx.form.value.options;
  return h(
    'fieldset',
    { class: 'sources' },
    h('legend', {}, ctx.t.t('options.lists')),
    h(
      'div',
      { class: 'row' },
      held.map((s) => {
        const box = h('input', {
          type: 'checkbox',
          value: s.code,
          checked: !(o.sources ?? []).includes(s.code),
        });
        box.addEventListener('change', () => {
          const off = new Set(o.sources ?? []);
          if (box.checked) off.delete(s.code);
          else off.add(s.code);
          o.sources = [...off];
          update();
        });
        return h('label', { class: 'choice', title: s.source }, box, s.code);
      }),
    ),
  );
}

// Whether the user changed anything from the host's defaults (the panel then opens).
function optionsChanged(ctx) {
  const o = ctx.form.value.options;
  return !!(o.preset || String(o.minScore ?? '').trim() || o.sources?.length || o.countries);
}
