// NIK (Nomor Induk Kependudukan, the national ID on the KTP): 16 digits.
//   digits 1-6   region of first registration: province, kabupaten/kota, kecamatan
//                (any province: participants move, their NIK keeps the old region)
//   digits 7-12  birth date DDMMYY; women have 40 added to the day (01-31 men, 41-71 women)
//   digits 13-16 sequence, 0001 or more
// Participants are adults: a birth date that makes them younger than 17, the age a KTP is
// issued (UU 24/2013, art. 63), is a typo in the NIK.
// NIK is personal data (UU 27/2022): lists show maskNik(), never the full number.
import { isNikRegion } from '#domain/nik-regions';
import {
  ageOn,
  calendarToday,
  dayNumber,
  digitsOnly,
  fail,
  isoDay,
  isRealDate,
  ok,
  onlyDigitsAndSeparators,
  type CalendarDay,
  type Check,
  type Gender,
} from '#domain/validation';

export interface NikOptions {
  /** The gender chosen on the form; when given, the day digits must agree. */
  gender?: Gender;
  /** Injected clock; decides the century of the two-digit birth year and the age. */
  today?: Date;
}

export interface NikParts {
  /** Six-digit region code of first registration, e.g. `637105`. */
  regionCode: string;
  /** YYYY-MM-DD, century resolved so the date is not in the future. */
  birthDate: string;
  gender: Gender;
  sequence: number;
}

const num = (digits: string, from: number, to: number): number => Number(digits.slice(from, to));

/** The age at which a KTP is issued; a participant is at least this old. */
const ADULT_AGE = 17;

/** Male day 01-31, female day 41-71. */
export function nikGender(digits: string): Gender {
  return num(digitsOnly(digits), 6, 8) > 40 ? 'P' : 'L';
}

/**
 * DDMMYY only has two year digits: take the latest century that does not put the birth
 * date after today (a 2001 birth in 2025 is 2001; '98' is 1998). Undefined when the day
 * and month are not a real date in that year (29 February included).
 */
function nikBirthDate(digits: string, today: CalendarDay): CalendarDay | undefined {
  const rawDay = num(digits, 6, 8);
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const month = num(digits, 8, 10);
  const yy = num(digits, 10, 12);
  // Day 32-40 belongs to neither gender; more than 71 is impossible.
  if (rawDay > 31 && rawDay < 41) return undefined;
  let year = 2000 + yy;
  if (dayNumber({ year, month, day }) > dayNumber(today)) year -= 100;
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

/** Validates a NIK; accepts spaces, dots and dashes; returns the 16 digits. */
export function parseNik(input: string, opts: NikOptions = {}): Check<string> {
  const trimmed = input.trim();
  if (trimmed === '') return fail('required');
  if (!onlyDigitsAndSeparators(trimmed)) return fail('nik.characters');
  const digits = digitsOnly(trimmed);
  if (digits.length !== 16) return fail('nik.length', { count: digits.length });

  // Province and kabupaten/kota must have been issued (nik-regions.ts, old codes from
  // before a province split included). Kecamatan digits are not checked: codes are added
  // often and refusing a real person at the desk costs more than accepting a typo.
  if (!isNikRegion(digits.slice(0, 4))) return fail('nik.region');

  const today = calendarToday(opts.today);
  const birth = nikBirthDate(digits, today);
  if (!birth) return fail('nik.birthDate');
  // The century is resolved as "not in the future", so a '12' birth seen in 2026 is 2012:
  // a child, not a 114-year-old. The 17th birthday itself is accepted.
  if (ageOn(birth, today) < ADULT_AGE) return fail('nik.child');
  if (num(digits, 12, 16) < 1) return fail('nik.sequence');
  if (opts.gender && opts.gender !== nikGender(digits)) return fail('nik.genderMismatch');
  return ok(digits);
}

/** Splits a NIK that has already passed parseNik. */
export function nikParts(digits: string, today?: Date): NikParts {
  const d = digitsOnly(digits);
  const birth = nikBirthDate(d, calendarToday(today));
  return {
    regionCode: d.slice(0, 6),
    birthDate: birth ? isoDay(birth) : '',
    gender: nikGender(d),
    sequence: num(d, 12, 16),
  };
}

/** Keeps the first 4 and last 2 digits: `6371••••••••••01`. Length is preserved. */
export function maskNik(digits: string): string {
  const d = digitsOnly(digits);
  if (d.length <= 6) return '•'.repeat(d.length);
  return d.slice(0, 4) + '•'.repeat(d.length - 6) + d.slice(-2);
}
