// Indonesian mobile (HP/WhatsApp) numbers. The form asks for WhatsApp, so only mobile
// numbers are accepted: 08 + [1-35-9] + 7..10 digits, i.e. 10-13 digits in the 08 form.
// 084x is not allocated to mobile operators, and 0xxx numbers other than 08 are
// landlines (0511 Banjarmasin) that cannot receive WhatsApp messages or reminders.
import { digitsOnly, fail, ok, type Check } from '#domain/validation';

const MIN_DIGITS = 10;
const MAX_DIGITS = 13;

/**
 * Turns what people type into the national 08... form, or undefined when it is not an
 * Indonesian number at all. Accepts 08..., 62..., +62..., 0062..., +62 (0)8..., and 8...
 * (people who already see a +62 prefix in front of the field). Also read by the desk's
 * search, so a number is found however it is said.
 */
export function toNational(input: string): string | undefined {
  const international = input.startsWith('+');
  let digits = digitsOnly(input);
  // 00 is the international dialling prefix: 0062 812... is +62 812...
  if (!international && digits.startsWith('0062')) digits = digits.slice(2);
  if (international || digits.startsWith('62')) {
    if (!digits.startsWith('62')) return undefined; // another country
    digits = digits.slice(2);
    // "+62 (0)812..." and "62 0812..." keep the trunk zero by habit.
    if (digits.startsWith('0')) digits = digits.slice(1);
    return `0${digits}`;
  }
  if (digits.startsWith('0')) return digits;
  if (digits.startsWith('8')) return `0${digits}`;
  return undefined;
}

/** Validates a mobile number and returns it in E.164 (`+6281234567890`). */
export function parsePhone(input: string): Check<string> {
  const trimmed = input.trim();
  if (trimmed === '') return fail('required');
  // Digits with the usual separators, and a plus only in front.
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return fail('phone.format');
  const national = toNational(trimmed);
  if (!national || national.length < 3) return fail('phone.format');
  if (!/^08[1-35-9]/.test(national)) return fail('phone.notMobile');
  if (national.length < MIN_DIGITS || national.length > MAX_DIGITS) {
    return fail('phone.length', { count: national.length, min: MIN_DIGITS, max: MAX_DIGITS });
  }
  return ok(`+62${national.slice(1)}`);
}

/**
 * `+6281234567890` -> `0812-3456-7890`. Groups of four after the operator prefix; a
 * 10-digit number reads better as 4-3-3. Anything that is not +62 is returned as is.
 */
export function formatPhone(e164: string): string {
  if (!/^\+62\d+$/.test(e164)) return e164;
  const national = `0${e164.slice(3)}`;
  if (national.length === 10) {
    return `${national.slice(0, 4)}-${national.slice(4, 7)}-${national.slice(7)}`;
  }
  if (national.length <= 8) return national;
  return `${national.slice(0, 4)}-${national.slice(4, 8)}-${national.slice(8)}`;
}
