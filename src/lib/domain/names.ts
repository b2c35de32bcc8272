// The rule for a person's name, as the registration form, the desk's walk-in form, a
// correction and the server check it. A name is printed: on the certificate, the daftar
// hadir and the ticket. The PDFs use the standard Times font (WinAnsi), so a character
// outside it (an emoji, another script) prints as garbage such as "Ø=Þ" and, being
// measured wrong, runs into the next column. Refused when typed, with the character named,
// rather than mangled on paper later.
import { fail, ok, type Check } from '#domain/validation';

/** The schema's limit (Participant.fullName): longer is "too long", never cut. */
export const MAX_NAME = 200;

// Latin letters with the diacritics WinAnsi holds (À–ÿ without × and ÷, and Š Ž Œ Ÿ).
const LETTERS = 'A-Za-zÀ-ÖØ-öø-ÿŠšŽžŒœŸ';
const LETTER = new RegExp(`[${LETTERS}]`, 'gu');
// Digits are printable and harmless beside letters (a test roster's "Peserta 12"); a
// name of digits alone fails the two-letter rule instead.
const ALLOWED = new RegExp(`^[${LETTERS}0-9 .,'’()-]$`, 'u');

/** Spaces tidied and accents composed (é typed as e + ◌́ becomes é, which prints). */
const tidyName = (input: string): string => input.normalize('NFC').trim().replace(/\s+/g, ' ');

/** The character as the message names it: an invisible one by its code point. */
function shown(c: string): string {
  if (/[\p{L}\p{N}\p{P}\p{S}]/u.test(c)) return c;
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A person's full name (with gelar), tidied, or why not: `required`, `tooLong` (over
 * `max` characters), `name.characters` (the first character that cannot be printed, as
 * `{char}`), `name.letters` (fewer than two letters: "a", "12345").
 */
export function parsePersonName(input: string, max = MAX_NAME): Check<string> {
  const name = tidyName(input);
  if (!name) return fail('required');
  if (name.length > max) return fail('tooLong', { max });
  const bad = Array.from(name).find((c) => !ALLOWED.test(c));
  if (bad !== undefined) return fail('name.characters', { char: shown(bad) });
  if ((name.match(LETTER) ?? []).length < 2) return fail('name.letters');
  return ok(name);
}
