// The check-in desk's search: one field that finds a person by name (titles, case,
// diacritics and Muhammad's spellings ignored), any part of the NIP, the last digits of
// the phone number, the institution or the kabupaten/kota, and by the identifiers of
// desk-ids.ts (the whole phone number as written, the registration number, the check
// code), exact ones first. Entries are prepared once per participant so a keystroke
// costs only prefix comparisons: 10,000 people stay within a frame (measured in the bench).
import { EXACT_SCORE, idKeys, idQuery, idScore } from '#domain/desk-ids';
import type { IdKeys, IdQuery } from '#domain/desk-ids';
import { findRegion } from '#domain/regions';
import { nameQueryTokens, nameTokens, tokenMatches } from '#domain/search';

export interface DeskPerson {
  id: string;
  fullName: string;
  institution: string;
  regionCode: string;
  nip?: string | undefined;
  phone?: string | undefined;
  registrationNumber?: string | undefined;
  ticketCode?: string | undefined;
}

export interface DeskEntry<P extends DeskPerson = DeskPerson> {
  person: P;
  nameKey: string;
  name: string[];
  institution: string[];
  region: string[];
  nip: string;
  phone: string;
  /** Some word of the name, institution or region holds a digit ("SMPN 3" does). */
  digitWord: boolean;
  ids: IdKeys;
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
  const institution = words(person.institution);
  // "Kota Banjarbaru" → "kota banjarbaru": the kind word matches too, harmlessly.
  const region = words(findRegion(person.regionCode)?.name ?? '');
  return {
    person,
    nameKey: name.join(' '),
    name,
    institution,
    region,
    nip: (person.nip ?? '').replace(/\D/g, ''),
    phone: (person.phone ?? '').replace(/\D/g, ''),
    digitWord: [...name, ...institution, ...region].some((w) => /\d/.test(w)),
    ids: idKeys(person),
  };
}

// Where a match counts most: a name beats an institution beats a kabupaten/kota.
const WEIGHT = { name: 10, institution: 4, region: 3 } as const;
const MIN_NIP_DIGITS = 4;
const MIN_PHONE_DIGITS = 3;

function numberScore(entry: DeskEntry, digits: string): number {
  let s = 0;
  if (digits.length >= MIN_NIP_DIGITS && entry.nip.includes(digits)) {
    s = entry.nip === digits ? EXACT_SCORE : entry.nip.startsWith(digits) ? 95 : 90;
  }
  if (digits.length >= MIN_PHONE_DIGITS && entry.phone.endsWith(digits)) s = Math.max(s, 85);
  return s;
}

// Plain loops, no closures: these run for every person at a query's first keystroke, and
// a closure per person per word was garbage the next keystroke paid for.
function nameHas(tokens: readonly string[], q: string): boolean {
  for (let i = 0; i < tokens.length; i++) if (tokenMatches(tokens[i]!, q)) return true;
  return false;
}

function prefixOf(tokens: readonly string[], q: string): boolean {
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.startsWith(q)) return true;
  return false;
}

function wordScore(entry: DeskEntry, text: string[]): number {
  // Every word typed must be found somewhere; each counts where it fits best.
  let total = 0;
  for (const q of text) {
    if (nameHas(entry.name, q)) total += WEIGHT.name;
    else if (prefixOf(entry.institution, q)) total += WEIGHT.institution;
    else if (prefixOf(entry.region, q)) total += WEIGHT.region;
    else return 0;
  }
  // The name read from its start ranks first: "siti" finds Siti Aminah above Nur Siti.
  if (entry.name[0] && tokenMatches(entry.name[0], text[0]!)) total += 2;
  return total;
}

/** A number (NIP part, phone ending) and words ("siti 0042") must both match. */
function partScore(entry: DeskEntry, q: Query): number {
  const n = q.digits ? numberScore(entry, q.digits) : 0;
  if (q.digits && n === 0) return 0;
  if (q.text.length === 0) return n;
  // "ks-a1" (a registration number's start) is a word with a digit: only a person with
  // such a word can match it, which spares most people the word comparisons.
  if (q.digitWord && !entry.digitWord) return 0;
  const w = wordScore(entry, q.text);
  return w === 0 ? 0 : n + w;
}

/** The query read as a whole identifier, or as names and parts of numbers: the better. */
const fullScore = (entry: DeskEntry, q: Query): number =>
  Math.max(idScore(entry.ids, q.ids), partScore(entry, q));

/**
 * The score of a person met in the scan. Without a digit the query can be no phone or
 * registration number, only a check code, and the code's holder is looked up (`rank`'s
 * `extra`): a name typed costs what it cost before identifiers were searched.
 */
const score = (entry: DeskEntry, q: Query): number =>
  q.ids.hasDigit ? fullScore(entry, q) : partScore(entry, q);

interface Query {
  text: string[];
  digits: string;
  /** A word typed holds a digit among letters. */
  digitWord: boolean;
  ids: IdQuery;
}

/** Prepared once per keystroke, not once per person. */
function parseQuery(query: string): Query {
  const tokens = nameQueryTokens(query);
  const text = tokens.filter((t) => !/^\d+$/.test(t));
  return {
    digits: tokens.filter((t) => /^\d+$/.test(t)).join(''),
    text,
    digitWord: text.some((t) => /\d/.test(t)),
    ids: idQuery(query),
  };
}

/** The same search as before (a separator typed: "KS-A1" → "KS-A1-"). */
const sameQuery = (a: Query, b: Query): boolean =>
  a.digits === b.digits &&
  a.ids.compact === b.ids.compact &&
  a.ids.phone === b.ids.phone &&
  a.text.length === b.text.length &&
  a.text.every((t, i) => b.text[i] === t);

type Hit<P extends DeskPerson> = { entry: DeskEntry<P>; s: number };

// Keys are already lowercase ASCII-folded: a plain comparison orders them, and is many
// times faster than localeCompare.
const order = <P extends DeskPerson>(a: Hit<P>, b: Hit<P>) =>
  b.s - a.s || (a.entry.nameKey < b.entry.nameKey ? -1 : a.entry.nameKey > b.entry.nameKey ? 1 : 0);

/** Scores one person; a match joins `matched`, and `top` when among the best `limit`. */
function keep<P extends DeskPerson>(
  entry: DeskEntry<P>,
  s: number,
  limit: number,
  matched: DeskEntry<P>[],
  top: Hit<P>[],
): void {
  if (s <= 0) return;
  matched.push(entry);
  const hit = { entry, s };
  if (top.length === limit && order(hit, top[limit - 1]!) >= 0) return;
  let i = top.length;
  while (i > 0 && order(hit, top[i - 1]!) < 0) i--;
  top.splice(i, 0, hit);
  if (top.length > limit) top.pop();
}

/**
 * Every match (unordered: the next keystroke narrows it) and the best `limit` of them in
 * order. Only those few are kept sorted: a one-letter query matches thousands, and
 * sorting them all would cost more than the frame the desk has. `extra`: the person whose
 * check code the query is, found by a lookup (a narrowed pool may not hold them).
 */
function rank<P extends DeskPerson>(
  pool: readonly DeskEntry<P>[],
  q: Query,
  limit: number,
  extra?: DeskEntry<P>,
) {
  const matched: DeskEntry<P>[] = [];
  const top: Hit<P>[] = [];
  if (!q.digits && q.text.length === 0) return { matched, top };
  if (extra) keep(extra, fullScore(extra, q), limit, matched, top);
  for (const entry of pool) if (entry !== extra) keep(entry, score(entry, q), limit, matched, top);
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
  const q = parseQuery(query);
  const code = q.ids.code;
  const holder = code ? entries.find((e) => e.ids.ticket === code) : undefined;
  return rank(entries, q, limit, holder).top.map((h) => h.entry.person);
}

/** Words that only add to the previous ones (the last grown, or new ones after it) can
 * only narrow the matches; numbers cannot (a phone's ending moves). Nor can the first digit
 * among letters ("ksa" finds nobody, "ksa1" a batch's registration numbers); once the
 * previous keystroke matched registration numbers by their start, the next one narrows. */
function narrows(prev: Query, next: Query): boolean {
  if (sameQuery(prev, next)) return true;
  if (prev.digits || next.digits || prev.text.length === 0) return false;
  const { ids } = next;
  if (ids.hasDigit && !(prev.ids.regPrefix && ids.compact.startsWith(prev.ids.compact)))
    return false;
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
  a.phone === b.phone &&
  a.registrationNumber === b.registrationNumber &&
  a.ticketCode === b.ticketCode;

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
    const narrowed = this.#last !== undefined && narrows(this.#last.query, q);
    const pool = narrowed ? this.#last!.matched : this.#entries;
    // Letters only can still be a whole check code: looked up, not compared person by
    // person (and not lost by narrowing: no previous keystroke matched it).
    const code = q.ids.code;
    const { matched, top } = rank(pool, q, limit, code ? this.#byCode().get(code) : undefined);
    this.#last = { query: q, matched };
    return top.map((h) => h.entry.person);
  }

  #codes: Map<string, DeskEntry<P>> | undefined;

  /** Built on the first search that needs it, not with every pulled page. */
  #byCode(): Map<string, DeskEntry<P>> {
    this.#codes ??= new Map(this.#entries.map((e) => [e.ids.ticket, e]));
    return this.#codes;
  }
}
