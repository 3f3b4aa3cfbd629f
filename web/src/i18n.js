// Languages of <export-screen>: the locale from the nearest [lang] (English fallback), message
// catalogs with {placeholders} and plural forms, and Intl for numbers, dates and country names.
import en from './i18n/en.js';

// English ships with the widget: it is complete and every catalog's fallback. Another catalog is
// fetched the first time a widget needs it, so an English page does not download it (the
// widget's transfer-size budget, docs/benchmarks.md).
const LOADERS = { zh: () => import('./i18n/zh.js') };
const catalogs = { en };
const pending = new Map();
const unavailable = new Set();

/**
 * Loads the catalog of `locale` once; resolves when `new Translator(locale)` will use it. A catalog
 * that cannot be loaded leaves that locale in English, the fallback; it never rejects.
 */
export function loadCatalog(locale) {
  if (catalogLoaded(locale)) return Promise.resolve();
  if (!pending.has(locale)) {
    pending.set(
      locale,
      LOADERS[locale]().then(
        (m) => {
          catalogs[locale] = m.default;
        },
        () => {
          unavailable.add(locale);
        },
      ),
    );
  }
  return pending.get(locale);
}

/** True when `new Translator(locale)` can be used as it is (the catalog is here, or there is none). */
export function catalogLoaded(locale) {
  return locale in catalogs || unavailable.has(locale) || !(locale in LOADERS);
}

/** BCP 47 tags used for Intl per supported locale. */
const INTL_TAG = { en: 'en-US', zh: 'zh-CN' };

/**
 * The widget's locale: the `lang` of the element or its nearest ancestor (across shadow roots),
 * else the document's; "zh*" selects Simplified Chinese, anything else English.
 * @param {Element} el
 */
export function resolveLocale(el) {
  /** @type {Node|null} */
  let node = el;
  while (node) {
    const element = /** @type {Element} */ (node);
    if (node.nodeType === 1 && element.hasAttribute('lang')) {
      return pick(element.getAttribute('lang'));
    }
    // Out of a shadow root, to its host.
    node = node.parentNode ?? /** @type {ShadowRoot} */ (node).host ?? null;
  }
  return pick(document.documentElement.lang);
}

function pick(tag) {
  return String(tag ?? '')
    .trim()
    .toLowerCase()
    .startsWith('zh')
    ? 'zh'
    : 'en';
}

// Intl formatters by locale and options, made on first use and kept: making one is the costly part
// (the first of a page loads the locale's ICU data, 15-30 ms on a slow machine), and a result
// formats a few numbers per match.
const formatters = new Map();
function formatter(Kind, intl, options) {
  const key = `${Kind.name} ${intl} ${options ? JSON.stringify(options) : ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = Kind === Intl.DisplayNames ? new Kind([intl], options) : new Kind(intl, options);
    formatters.set(key, f);
  }
  return f;
}

// A date in Intl's medium style for each locale ("Dec 5, 2026", "2026年12月5日"; a test in
// tests/js/widget-modules.test.mjs compares every month with Intl.DateTimeFormat), written here
// because the first Intl.DateTimeFormat of a page loads its calendar data: 15-40 ms of the main
// thread when the lists panel first shows a date, which is when the first screening is sent.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MEDIUM_DATE = {
  en: (y, m, d) => `${MONTHS[m]} ${d}, ${y}`,
  zh: (y, m, d) => `${y}年${m + 1}月${d}日`,
};

/** Messages and formats of one locale. */
export class Translator {
  /** @param {'en'|'zh'} locale */
  constructor(locale) {
    this.locale = catalogs[locale] ? locale : 'en';
    this.intl = INTL_TAG[this.locale];
    this.catalog = catalogs[this.locale];
  }

  get plural() {
    return formatter(Intl.PluralRules, this.intl);
  }

  get numbers() {
    return formatter(Intl.NumberFormat, this.intl);
  }

  get regions() {
    return typeof Intl.DisplayNames === 'function'
      ? formatter(Intl.DisplayNames, this.intl, { type: 'region' })
      : null;
  }

  /**
   * The message `key` with {name} placeholders filled; a number param `n` picks `key_one` or
   * `key_other` when the catalog has them. Numbers are formatted for the locale.
   */
  t(key, params = {}) {
    return this.parts(key, params).join('');
  }

  /**
   * Like t(), as a list of strings and nodes: a param that is a DOM node (for example a <bdi>
   * isolating a name a user typed or a list holds) is placed as that node, never as text.
   */
  parts(key, params = {}) {
    let k = key;
    if (typeof params.n === 'number') {
      const form = `${key}_${this.plural.select(params.n)}`;
      if (form in this.catalog || form in en) k = form;
      else if (`${key}_other` in this.catalog || `${key}_other` in en) k = `${key}_other`;
    }
    const text = this.catalog[k] ?? en[k] ?? key;
    return text
      .split(/(\{\w+\})/)
      .filter(Boolean)
      .map((piece) => {
        const v = /^\{\w+\}$/.test(piece) ? params[piece.slice(1, -1)] : undefined;
        if (v === undefined || v === null) return piece;
        if (typeof v === 'number') return this.numbers.format(v);
        return typeof v === 'object' && typeof v.nodeType === 'number' ? v : String(v);
      });
  }

  /**
   * Makes the locale's number, plural and region formatters now (the page's first one loads the
   * locale's ICU data): called once the form is shown, so a first result does not wait for it.
   */
  prime() {
    this.numbers.format(0);
    this.plural.select(1);
    this.country('CN');
  }

  /** True when the catalog has `key`. */
  has(key) {
    return key in this.catalog || key in en;
  }

  /** A number for display. */
  number(n, options) {
    return formatter(Intl.NumberFormat, this.intl, options).format(n);
  }

  /** A YYYY-MM-DD date for display (the date itself, not shifted by time zone). */
  date(iso) {
    if (!iso) return this.t('date.unknown');
    const d = new Date(`${String(iso).slice(0, 10)}T00:00:00Z`);
    if (Number.isNaN(d.getTime())) return String(iso);
    return MEDIUM_DATE[this.locale](d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  }

  /** A timestamp for display, in the user's time zone. */
  dateTime(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime())
      ? String(iso)
      : formatter(Intl.DateTimeFormat, this.intl, {
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(d);
  }

  /** The name of a country code in this locale ("CN" -> "China" / "中国"). */
  country(code) {
    if (!code) return '';
    try {
      return this.regions?.of(code) ?? code;
    } catch {
      return code;
    }
  }
}
