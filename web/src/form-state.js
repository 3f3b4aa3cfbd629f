// What the user typed into <export-screen>, and the screening requests made from it: the guided
// check's steps and answers (and the chip search of its item step), the quick screening's name,
// kept in sessionStorage so a reload of the tab loses nothing. No DOM: the views read and write
// it, the element saves it.

/**
 * A party of the guided check as the form holds it (`hq`: headquarters country; `type`:
 * "person", "organization" or "" for not said).
 */
export const emptyParty = () => ({ name: '', type: '', role: '', country: '', hq: '' });

/**
 * The user's matching options, shared by every mode (the same name gets the same verdict in
 * each): a preset or a minimum score (empty: the host's), the source lists to screen against
 * (empty: all) and the countries of the entries (empty: any).
 */
export const emptyOptions = () => ({ preset: '', minScore: '', sources: [], countries: '' });

/** The state of an untouched form. */
export const emptyForm = () => ({
  step: 0,
  parties: [emptyParty()],
  destination: '',
  item: { kind: 'catalog', query: '', chip: '' },
  endUse: {},
  redFlags: {},
  quick: { name: '', country: '', type: '' },
  options: emptyOptions(),
});

/** The party types a request may give (docs/api.md, parties[].type). */
export const PARTY_TYPES = ['person', 'organization'];

/** Bytes of a party name the core accepts (docs/api.md, "Limits"). */
export const MAX_NAME_BYTES = 1024;

/**
 * A chip's label: the vendor before the name, unless the name already starts with the vendor's
 * first word ("Huawei (HiSilicon)" and "Huawei Ascend 910C": no doubled vendor).
 */
export function chipLabel(c) {
  const vendorWord = String(c.vendor ?? '')
    .split(/[\s(]/)[0]
    .toLowerCase();
  if (!vendorWord || String(c.name).toLowerCase().startsWith(vendorWord)) return c.name;
  return `${c.vendor} ${c.name}`;
}

/** The chips a search finds: by id, name, vendor or alias. */
export function searchChips(chips, query) {
  const q = String(query ?? '')
    .trim()
    .toLowerCase();
  if (!q) return chips;
  return chips.filter((c) =>
    [c.id, c.name, c.vendor, chipLabel(c), ...(c.aliases ?? [])].some((v) =>
      String(v ?? '')
        .toLowerCase()
        .includes(q),
    ),
  );
}

/**
 * The form of one widget: its values (`value`), the fields the user has left (`touched`: their
 * errors show), and its copy in a Storage (sessionStorage; nothing leaves the browser).
 */
export class FormState {
  value = emptyForm();
  touched = new Set();
  #storage;
  #key;

  /**
   * @param {{storage?: () => (Storage|null), key: () => string}} options `storage` returns the
   *   Storage to keep the form in, or null not to keep it; `key` names this form in it.
   */
  constructor({ storage = () => null, key }) {
    this.#storage = storage;
    this.#key = key;
  }

  /** Keeps the form (a full or blocked storage only means it is not kept across reloads). */
  save() {
    const storage = this.#storage();
    if (!storage) return;
    try {
      storage.setItem(this.#key(), JSON.stringify(this.value));
    } catch {
      // Storage full or blocked: the form still works, it is only not kept across reloads.
    }
  }

  /** Takes back the kept form, if any; unreadable saved state is ignored, never fatal. */
  restore() {
    const storage = this.#storage();
    if (!storage) return;
    try {
      const saved = JSON.parse(storage.getItem(this.#key()) ?? 'null');
      if (saved && typeof saved === 'object' && Array.isArray(saved.parties)) {
        const v = this.value;
        this.value = {
          ...v,
          ...saved,
          quick: { ...v.quick, ...saved.quick },
          item: { ...v.item, ...saved.item },
          options: { ...v.options, ...saved.options },
        };
        if (!Array.isArray(this.value.options.sources)) this.value.options.sources = [];
        this.value.parties = this.value.parties.map((p) => ({ ...emptyParty(), ...p }));
        if (!this.value.parties.length) this.value.parties = [emptyParty()];
      }
    } catch {
      // Unreadable saved state is ignored, never fatal.
    }
  }

  /** Clears the form (and, with save(), its kept copy). */
  reset() {
    this.value = emptyForm();
    this.touched.clear();
  }

  /** The guided check's parties as the element's `parties` property gives them. */
  get parties() {
    return this.value.parties.map((p) => ({
      name: p.name,
      type: p.type,
      role: p.role,
      country: p.country,
      headquarters_country: p.hq,
    }));
  }

  /**
   * Sets the guided check's parties from `[{name, type?, role?, country?,
   * headquarters_country?}]`. A role is kept only when `isRole(role)` (the core's roles, from its
   * reference data); a type only when it is "person" or "organization".
   * @param {{name?: string, type?: string, role?: string, country?: string,
   *   headquarters_country?: string}[]} list
   * @param {(role: string) => boolean} isRole
   */
  setParties(list, isRole) {
    if (!Array.isArray(list)) {
      throw new TypeError(
        'parties must be an array of {name, role?, country?, headquarters_country?}',
      );
    }
    this.value.parties = list.length
      ? list.map((p) => ({
          name: String(p.name ?? ''),
          type: PARTY_TYPES.includes(/** @type {string} */ (p.type)) ? p.type : '',
          role: typeof p.role === 'string' && isRole(p.role) ? p.role : '',
          country: String(p.country ?? ''),
          hq: String(p.headquarters_country ?? ''),
        }))
      : [emptyParty()];
  }

  /**
   * The guided check's steps: the item step when the core has the chip catalog, the end-use and
   * red-flag steps when it has those questions (red flags only for a deal with items: KYC
   * guidance, AC diversion guidance).
   * @param {object|null} reference the core's reference data, or null until it is here
   */
  steps(reference) {
    const steps = [];
    if (reference?.chips) steps.push('item');
    steps.push('parties', 'destination');
    if (reference?.end_uses?.length) steps.push('end_use');
    if (reference?.red_flags?.length && this.value.item.kind !== 'none') steps.push('red_flags');
    steps.push('review');
    return steps;
  }

  /**
   * Why the item step cannot be left yet, as a message key, or '' when it can: a catalog item
   * needs a chip chosen (a search with one hit takes it), a search that finds none needs another
   * search, a specification or "no item". Never a silently dropped item (issue 13).
   * @param {object[]} hits the chips the search shows
   */
  itemProblem(hits) {
    const item = this.value.item;
    if (item.kind !== 'catalog' || item.chip) return '';
    if (String(item.query ?? '').trim() && !hits.length) return 'item.error.noHit';
    return 'item.error.choose';
  }

  /**
   * The request's item from the form, or null (no item, or a specification not yet complete).
   * @param {Set<string>} countries the country codes the core accepts
   */
  itemRequest(countries) {
    const item = this.value.item;
    if (item.kind === 'catalog' && item.chip) return { name: item.chip };
    if (item.kind !== 'specs' || !item.spec) return null;
    const s = item.spec;
    const tops = Number(s.tops);
    if (!(tops > 0)) return null;
    const out = { tops: { [s.precision]: tops } };
    if (s.label.trim()) out.label = s.label.trim();
    if (s.sparse) out.sparse = true;
    if (Number(s.die) > 0) out.die_area_mm2 = Number(s.die);
    if (s.datacenter) out.datacenter = s.datacenter === 'yes';
    if (s.designer && countries.has(s.designer)) out.designer_hq_country = s.designer;
    return out;
  }

  /**
   * The guided check's screening request (docs/api.md, "Screening request").
   * @param {{reference: object|null, countries: Set<string>, options: object, asOf?: string,
   *   locale: string, roles?: string[]}} context `roles`: the core's, when known (a role it
   *   does not know is left out)
   */
  checkRequest({ reference, countries, options, asOf, locale, roles }) {
    const s = this.value;
    const parties = s.parties
      .filter((p) => p.name.trim())
      .map((p) => {
        const party = { name: p.name.trim() };
        if (PARTY_TYPES.includes(p.type)) party.type = p.type;
        if (p.role && (!roles || roles.includes(p.role))) party.role = p.role;
        if (p.country) party.country = p.country.toUpperCase();
        if (p.hq) party.headquarters_country = p.hq.toUpperCase();
        return party;
      });
    const request = { parties, options };
    if (asOf) request.as_of = asOf;
    if (s.destination) request.destination = s.destination.toUpperCase();
    const item = reference?.chips ? this.itemRequest(countries) : null;
    if (item) request.items = [item];
    if (reference?.end_uses?.length || reference?.red_flags?.length) {
      const endUse = {};
      for (const q of reference.end_uses ?? []) if (q.id in s.endUse) endUse[q.id] = s.endUse[q.id];
      const flags = {};
      if (item) {
        for (const q of reference.red_flags ?? []) {
          if (q.id in s.redFlags) flags[q.id] = s.redFlags[q.id];
        }
      }
      if (Object.keys(flags).length) endUse.red_flags = flags;
      request.end_use = endUse;
    }
    request.locale = locale;
    return request;
  }

  /**
   * The quick screening's request: one party.
   * @param {{options: object, asOf?: string, locale: string}} context
   */
  quickRequest({ options, asOf, locale }) {
    const q = this.value.quick;
    const party = { name: q.name.trim() };
    if (PARTY_TYPES.includes(q.type)) party.type = q.type;
    if (q.country) party.country = q.country.toUpperCase();
    const request = { parties: [party], options };
    if (asOf) request.as_of = asOf;
    request.locale = locale;
    return request;
  }

  /** What the user typed that the core's messages may quote (names, labels). */
  typedTexts() {
    const s = this.value;
    return [
      ...s.parties.map((p) => p.name.trim()),
      s.quick.name.trim(),
      s.item.spec?.label?.trim(),
    ];
  }
}
