// NIK (Nomor Induk Kependudukan, the national ID on the KTP): 16 digits.
//   digits 1-6   region of first registration: province, kabupaten/kota, kecamatan
//                (any province: participants move, their NIK keeps the old region)
//   digits 7-12  birth date DDMMYY; women have 40 added to the day (01-31 men, 41-71 women)
//   digits 13-16 sequence, 0001 or more
// NIK is personal data (UU 27/2022): lists show maskNik(), never the full number.
import {
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
  /** Injected clock; decides the century of the two-digit birth year. */
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

  // Province codes run from 11 (Aceh) to the 9x Papua provinces; a kabupaten/kota
  // code is never 00. Kecamatan digits are not checked: codes are added often and
  // refusing a real person at the desk costs more than accepting a typo.
  const province = num(digits, 0, 2);
  const regency = num(digits, 2, 4);
  if (province < 11 || regency < 1) return fail('nik.region');

  if (!nikBirthDate(digits, calendarToday(opts.today))) return fail('nik.birthDate');
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
