// The check-in desk's search: one field that finds a person by name (titles, case,
// diacritics and Muhammad's spellings ignored), any part of the NIP, the last digits of
// the phone number, the institution or the kabupaten/kota. Entries are prepared once
// per participant so a keystroke costs only prefix comparisons: 10,000 people stay
// within a frame (measured in the bench).
import { findRegion } from '#domain/regions';
import { nameQueryTokens, nameTokens, tokenMatches } from '#domain/search';

export interface DeskPerson {
  id: string;
  fullName: string;
  institution: string;
  regionCode: string;
  nip?: string | undefined;
  phone?: string | undefined;
}

export interface DeskEntry<P extends DeskPerson = DeskPerson> {
  person: P;
  nameKey: string;
  name: string[];
  institution: string[];
  region: string[];
  nip: string;
  phone: string;
}

const words = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);

export function deskEntry<P extends DeskPerson>(person: P): DeskEntry<P> {
  const name = nameTokens(person.fullName);
  return {
    person,
    nameKey: name.join(' '),
    name,
    institution: words(person.institution),
    // "Kota Banjarbaru" → "kota banjarbaru": the kind word matches too, harmlessly.
    region: words(findRegion(person.regionCode)?.name ?? ''),
    nip: (person.nip ?? '').replace(/\D/g, ''),
    phone: (person.phone ?? '').replace(/\D/g, ''),
  };
}

// Where a match counts most: a name beats an institution beats a kabupaten/kota.
const WEIGHT = { name: 10, institution: 4, region: 3 } as const;
const MIN_NIP_DIGITS = 4;
const MIN_PHONE_DIGITS = 3;

function numberScore(entry: DeskEntry, digits: string): number {
  let s = 0;
  if (digits.length >= MIN_NIP_DIGITS && entry.nip.includes(digits)) {
    s = entry.nip.startsWith(digits) ? 95 : 90;
  }
  if (digits.length >= MIN_PHONE_DIGITS && entry.phone.endsWith(digits)) s = Math.max(s, 85);
  return s;
}

function wordScore(entry: DeskEntry, text: string[]): number {
  // Every word typed must be found somewhere; each counts where it fits best.
  let total = 0;
  const prefixOf = (tokens: string[], q: string) => tokens.some((t) => t.startsWith(q));
  for (const q of text) {
    if (entry.name.some((k) => tokenMatches(k, q))) total += WEIGHT.name;
    else if (prefixOf(entry.institution, q)) total += WEIGHT.institution;
    else if (prefixOf(entry.region, q)) total += WEIGHT.region;
    else return 0;
  }
  // The name read from its start ranks first: "siti" finds Siti Aminah above Nur Siti.
  if (entry.name[0] && tokenMatches(entry.name[0], text[0]!)) total += 2;
  return total;
}

/** A number (NIP part, phone ending) and words ("siti 0042") must both match. */
function score(entry: DeskEntry, text: string[], digits: string): number {
  const n = digits ? numberScore(entry, digits) : 0;
  if (digits && n === 0) return 0;
  if (text.length === 0) return n;
  const w = wordScore(entry, text);
  return w === 0 ? 0 : n + w;
}

interface Query {
  text: string[];
  digits: string;
}

/** Prepared once per keystroke, not once per person. */
function parseQuery(query: string): Query {
  const tokens = nameQueryTokens(query);
  return {
    digits: tokens.filter((t) => /^\d+$/.test(t)).join(''),
    text: tokens.filter((t) => !/^\d+$/.test(t)),
  };
}

type Hit<P extends DeskPerson> = { entry: DeskEntry<P>; s: number };

// Keys are already lowercase ASCII-folded: a plain comparison orders them, and is many
// times faster than localeCompare.
const order = <P extends DeskPerson>(a: Hit<P>, b: Hit<P>) =>
  b.s - a.s || (a.entry.nameKey < b.entry.nameKey ? -1 : a.entry.nameKey > b.entry.nameKey ? 1 : 0);

/**
 * Every match (unordered: the next keystroke narrows it) and the best `limit` of them in
 * order. Only those few are kept sorted: a one-letter query matches thousands, and
 * sorting them all would cost more than the frame the desk has.
 */
function rank<P extends DeskPerson>(pool: readonly DeskEntry<P>[], q: Query, limit: number) {
  const matched: DeskEntry<P>[] = [];
  const top: Hit<P>[] = [];
  if (!q.digits && q.text.length === 0) return { matched, top };
  for (const entry of pool) {
    const s = score(entry, q.text, q.digits);
    if (s <= 0) continue;
    matched.push(entry);
    const hit = { entry, s };
    if (top.length === limit && order(hit, top[limit - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && order(hit, top[i - 1]!) < 0) i--;
    top.splice(i, 0, hit);
    if (top.length > limit) top.pop();
  }
  return { matched, top };
}

/**
 * The people matching what was typed, best first (ties by name), at most `limit`.
 * An empty query finds nobody: the desk shows its counters instead.
 */
export function searchDesk<P extends DeskPerson>(
  entries: readonly DeskEntry<P>[],
  query: string,
  limit = 20,
): P[] {
  return rank(entries, parseQuery(query), limit).top.map((h) => h.entry.person);
}

/** Words that only add to the previous ones (the last grown, or new ones after it) can
 * only narrow the matches; numbers cannot (a phone's ending moves). */
function narrows(prev: Query, next: Query): boolean {
  if (prev.digits || next.digits || prev.text.length === 0) return false;
  if (next.text.length < prev.text.length) return false;
  return prev.text.every((t, i) =>
    i < prev.text.length - 1 ? next.text[i] === t : next.text[i]!.startsWith(t),
  );
}

const sameSearchFields = (a: DeskPerson, b: DeskPerson) =>
  a.fullName === b.fullName &&
  a.institution === b.institution &&
  a.regionCode === b.regionCode &&
  a.nip === b.nip &&
  a.phone === b.phone;

/**
 * The desk's search over one event's people. As a name is typed letter by letter, each
 * keystroke searches only the previous keystroke's matches.
 */
export class DeskIndex<P extends DeskPerson> {
  readonly #entries: readonly DeskEntry<P>[];
  #last: { query: Query; matched: DeskEntry<P>[] } | undefined;

  /**
   * `previous`: the index before this change. A pull brings pages of rows and each page
   * rebuilds the index; people whose searchable fields did not change keep their
   * prepared entry, so a page costs lookups, not 10,000 re-normalised names.
   */
  constructor(people: readonly P[], previous?: DeskIndex<P>) {
    const before = previous ? previous.#byId() : undefined;
    this.#entries = people.map((p) => {
      const old = before?.get(p.id);
      return old && sameSearchFields(old.person, p) ? { ...old, person: p } : deskEntry(p);
    });
  }

  #byId(): Map<string, DeskEntry<P>> {
    return new Map(this.#entries.map((e) => [e.person.id, e]));
  }

  get size(): number {
    return this.#entries.length;
  }

  search(query: string, limit = 20): P[] {
    const q = parseQuery(query);
    const pool = this.#last && narrows(this.#last.query, q) ? this.#last.matched : this.#entries;
    const { matched, top } = rank(pool, q, limit);
    this.#last = { query: q, matched };
    return top.map((h) => h.entry.person);
  }
}
