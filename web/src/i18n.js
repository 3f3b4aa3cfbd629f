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

// Intl formatters (plural rules, region names, date and time) by locale and options, made on first
// use and kept: making one is the costly part (the first of a page loads the locale's ICU data,
// 15-40 ms on a slow machine).
const formatters = new Map();
const formatterKey = (Kind, intl, options) =>
  `${Kind.name} ${intl} ${options ? JSON.stringify(options) : ''}`;
const REGION = { type: 'region' };
function formatter(Kind, intl, options) {
  const key = formatterKey(Kind, intl, options);
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

// A number as Intl.NumberFormat writes it in en-US and in zh-CN, which agree (digits grouped by
// thousands with ",", "." before the fraction, "%" after a percentage; tests/js/widget-modules
// .test.mjs compares both with Intl), written here because the first Intl.NumberFormat of a page
// loads the locale's ICU data: 20-40 ms of the main thread, which the widget spent just as its
// worker was starting and the user typing (docs/benchmarks.md, time to first result). Rounded as
// Intl rounds, half away from zero, on the shortest decimal form of the number (1.005 -> 1.01;
// a percentage is scaled in that form too: 0.285 -> 29%). The rare number JavaScript writes with
// an exponent is left to Intl.
/**
 * @param {number} n
 * @param {{style?: 'percent', minimumFractionDigits?: number, maximumFractionDigits?: number}} [options]
 */
function formatNumber(n, { style, minimumFractionDigits, maximumFractionDigits } = {}) {
  const percent = style === 'percent';
  const min = minimumFractionDigits ?? 0;
  const max = maximumFractionDigits ?? Math.max(min, percent ? 0 : 3);
  const unit = percent ? '%' : '';
  if (Number.isNaN(n)) return `NaN${unit}`;
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  if (!Number.isFinite(n)) return `${sign}∞${unit}`;
  const text = String(Math.abs(n));
  if (text.includes('e')) {
    const options = { style, minimumFractionDigits, maximumFractionDigits };
    return formatter(Intl.NumberFormat, 'en-US', options).format(n);
  }
  let [int, frac = ''] = text.split('.');
  if (percent) {
    frac = frac.padEnd(2, '0');
    int = (int + frac.slice(0, 2)).replace(/^0+(?=\d)/, '');
    frac = frac.slice(2);
  }
  if (frac.length > max) {
    let digits = int + frac.slice(0, max);
    if (frac[max] >= '5') {
      // Add one to the last digit, carrying.
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === '9') i -= 1;
      digits =
        i < 0
          ? `1${'0'.repeat(digits.length)}`
          : digits.slice(0, i) + String(Number(digits[i]) + 1) + '0'.repeat(digits.length - i - 1);
    }
    int = digits.slice(0, digits.length - max) || '0';
    frac = digits.slice(digits.length - max);
  }
  frac = frac.replace(/0+$/, '').padEnd(min, '0');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac ? `.${frac}` : ''}${unit}`;
}

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

  get regions() {
    return typeof Intl.DisplayNames === 'function'
      ? formatter(Intl.DisplayNames, this.intl, REGION)
      : null;
  }

  /**
   * Whether country names cost nothing any more: their Intl.DisplayNames is made (the first of a
   * page loads the locale's ICU data, 15-30 ms), or there is none.
   */
  get countryNamesLoaded() {
    return (
      typeof Intl.DisplayNames !== 'function' ||
      formatters.has(formatterKey(Intl.DisplayNames, this.intl, REGION))
    );
  }

  /**
   * The message `key` with {name} placeholders filled; a number param `n` picks `key_one` or
   * `key_other` when the catalog has them. Numbers are formatted for the locale.
   */
  t(key, params = {}) {
    return this.parts(key, params).join('');
  }

  /** Items of a list written one after another, as the locale separates them ("a, b" / "a、b"). */
  list(items) {
    return items.join(this.t('list.separator'));
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
        if (typeof v === 'number') return formatNumber(v);
        return typeof v === 'object' && typeof v.nodeType === 'number' ? v : String(v);
      });
  }

  /** True when the catalog has `key`. */
  has(key) {
    return key in this.catalog || key in en;
  }

  /**
   * A number for display; `options` as Intl.NumberFormat's: style 'percent',
   * minimumFractionDigits, maximumFractionDigits.
   * @param {number} n
   * @param {{style?: 'percent', minimumFractionDigits?: number, maximumFractionDigits?: number}} [options]
   */
  number(n, options) {
    return formatNumber(n, options);
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
