// The identifiers people give at the desk besides their name: their whole phone number
// however they write or say it (0813-4800-2148, +62 813 4800 2148, 62813…, +62 (0)813…),
// the registration number on their ticket (KS-A1-006, or A1-006 without the province),
// and the ticket's check code read aloud when the QR will not scan. Keys are prepared once
// per person and the query once per keystroke, so matching a person is equality and
// prefix tests only (no pattern is run per person per keystroke).
import { toNational } from '#domain/phone';

export interface IdKeys {
  /** The phone's national significant number: +6281348002148 → 81348002148. */
  phone: string;
  /** The registration number, letters and digits only: KS-A1-006 → KSA1006. */
  reg: string;
  /** The same without its province prefix (A1006); '' when it has none. */
  regShort: string;
  /** The ticket's check code, upper case. */
  ticket: string;
}

export interface IdQuery {
  /** The national significant number, when the query has a phone number's shape. */
  phone: string;
  /** The query's letters and digits, upper case: ks-a1 006 → KSA1006. */
  compact: string;
  /** The same when long enough to be a whole check code or registration number, else ''. */
  code: string;
  /** The query holds a digit. Only then can a phone or registration number match; a
   * check code of letters only is looked up by the search instead (desk-search.ts). */
  hasDigit: boolean;
  /** Letters and digits both, and long enough: a registration number being typed. */
  regPrefix: boolean;
}

/** An exact identifier ranks above anything found by a part of a name or number. */
export const EXACT_SCORE = 1000;
// A whole number typed so far, below an exact match and a NIP's start, above the end of
// a phone number (85) that the same digits may also match.
const PHONE_PREFIX_SCORE = 88;
const REG_PREFIX_SCORE = 80;
// "0813" alone would match a tenth of the province; five digits after the 0 narrow it.
const MIN_PHONE_PREFIX = 5;
const MIN_REG_PREFIX = 3;
// Check codes are six characters (four at the least, as the schema allows).
const MIN_CODE = 4;

const compactOf = (text: string): string => text.replace(/[^0-9A-Za-z]+/g, '').toUpperCase();

/** Digits, separators and a plus in front only: what a phone number looks like typed. */
const PHONE_SHAPE = /^\+?[\d\s().-]+$/;

/** What a person's identifiers are compared as (once per person). */
export function idKeys(person: {
  phone?: string | undefined;
  registrationNumber?: string | undefined;
  ticketCode?: string | undefined;
}): IdKeys {
  const digits = (person.phone ?? '').replace(/\D/g, '');
  const parts = (person.registrationNumber ?? '').split(/[^0-9A-Za-z]+/).filter(Boolean);
  return {
    phone: digits.startsWith('62') ? digits.slice(2) : '',
    reg: compactOf(parts.join('')),
    // KS-A1-006: the province abbreviation is the part people leave out.
    regShort: parts.length >= 3 ? compactOf(parts.slice(1).join('')) : '',
    ticket: (person.ticketCode ?? '').toUpperCase(),
  };
}

/** What was typed, as identifiers (once per keystroke). */
export function idQuery(query: string): IdQuery {
  const trimmed = query.trim();
  const compact = compactOf(trimmed);
  const hasDigit = /\d/.test(compact);
  // The same reading as the registration form's (+62, 62, 0062, +62 (0), 8…).
  const national = hasDigit && PHONE_SHAPE.test(trimmed) ? toNational(trimmed) : undefined;
  return {
    phone: national?.startsWith('0') ? national.slice(1) : '',
    compact,
    code: compact.length >= MIN_CODE ? compact : '',
    hasDigit,
    regPrefix: hasDigit && /[A-Z]/.test(compact) && compact.length >= MIN_REG_PREFIX,
  };
}

/** How well a person's identifiers match the query; 0 when none does. Equality and
 * prefix tests only: this runs for every person at every keystroke. */
export function idScore(k: IdKeys, q: IdQuery): number {
  const code = q.code;
  if (code && (k.ticket === code || k.reg === code || k.regShort === code)) return EXACT_SCORE;
  if (q.phone) {
    if (k.phone === q.phone) return EXACT_SCORE;
    if (q.phone.length >= MIN_PHONE_PREFIX && k.phone.startsWith(q.phone))
      return PHONE_PREFIX_SCORE;
  }
  if (q.regPrefix && (k.reg.startsWith(q.compact) || k.regShort.startsWith(q.compact)))
    return REG_PREFIX_SCORE;
  return 0;
}
