// NIP (Nomor Induk Pegawai, PNS) and NI PPPK: both 18 digits, written in groups like
// `19860926 201505 1 001`.
//   digits 1-8   birth date YYYYMMDD
//   digits 9-14  NIP: TMT CPNS (first appointment) YYYYMM
//                NI PPPK: 9-12 year of appointment, 13-14 a code that is NOT a month
//   digit 15     gender: 1 male, 2 female
//   digits 16-18 sequence, 001 or more
import {
  calendarToday,
  dayNumber,
  digitsOnly,
  fail,
  isRealDate,
  ok,
  onlyDigitsAndSeparators,
  type Check,
  type Gender,
  type ValidationCode,
} from '#domain/validation';

export interface NipParts {
  /** YYYY-MM-DD */
  birthDate: string;
  /** YYYY-MM for a NIP (TMT CPNS); for an NI PPPK the month part is the PPPK code. */
  appointment: string;
  gender: Gender;
  sequence: number;
}

export interface AsnNumberOptions {
  /** The gender chosen on the form; when given, digit 15 must agree. */
  gender?: Gender;
  /** Injected clock for "not in the future" checks. */
  today?: Date;
}

type Kind = 'nip' | 'pppk';

interface KindCodes {
  characters: ValidationCode;
  length: ValidationCode;
  birthDate: ValidationCode;
  appointment: ValidationCode;
  beforeBirth: ValidationCode;
  future: ValidationCode;
  gender: ValidationCode;
  sequence: ValidationCode;
  genderMismatch: ValidationCode;
}

const CODES: Record<Kind, KindCodes> = {
  nip: {
    characters: 'nip.characters',
    length: 'nip.length',
    birthDate: 'nip.birthDate',
    appointment: 'nip.tmt',
    beforeBirth: 'nip.tmtBeforeBirth',
    future: 'nip.tmtFuture',
    gender: 'nip.gender',
    sequence: 'nip.sequence',
    genderMismatch: 'nip.genderMismatch',
  },
  pppk: {
    characters: 'pppk.characters',
    length: 'pppk.length',
    birthDate: 'pppk.birthDate',
    appointment: 'pppk.year',
    beforeBirth: 'pppk.yearBeforeBirth',
    future: 'pppk.yearFuture',
    gender: 'pppk.gender',
    sequence: 'pppk.sequence',
    genderMismatch: 'pppk.genderMismatch',
  },
};

// Nobody still in service was born before this; it also catches a shifted digit group.
const MIN_YEAR = 1900;

const GENDER_DIGIT: Record<string, Gender> = { '1': 'L', '2': 'P' };

const num = (digits: string, from: number, to: number): number => Number(digits.slice(from, to));

function parseAsnNumber(input: string, kind: Kind, opts: AsnNumberOptions): Check<string> {
  const codes = CODES[kind];
  const trimmed = input.trim();
  if (trimmed === '') return fail('required');
  if (!onlyDigitsAndSeparators(trimmed)) return fail(codes.characters);
  const digits = digitsOnly(trimmed);
  if (digits.length !== 18) return fail(codes.length, { count: digits.length });

  const today = calendarToday(opts.today);
  const birthYear = num(digits, 0, 4);
  const birthMonth = num(digits, 4, 6);
  const birthDay = num(digits, 6, 8);
  const birthKey = dayNumber({ year: birthYear, month: birthMonth, day: birthDay });
  if (
    birthYear < MIN_YEAR ||
    !isRealDate(birthYear, birthMonth, birthDay) ||
    birthKey > dayNumber(today)
  ) {
    return fail(codes.birthDate);
  }

  const year = num(digits, 8, 12);
  if (year < MIN_YEAR) return fail(codes.appointment);
  if (kind === 'nip') {
    const month = num(digits, 12, 14);
    if (month < 1 || month > 12) return fail(codes.appointment);
    // TMT is the first of a month; it must come after the birth month.
    if (year * 100 + month <= birthYear * 100 + birthMonth) return fail(codes.beforeBirth);
    if (year * 100 + month > today.year * 100 + today.month) return fail(codes.future);
  } else {
    // Digits 13-14 of an NI PPPK are a code (e.g. 21), so only the year can be checked.
    if (year <= birthYear) return fail(codes.beforeBirth);
    if (year > today.year) return fail(codes.future);
  }

  const gender = GENDER_DIGIT[digits.charAt(14)];
  if (!gender) return fail(codes.gender);
  if (num(digits, 15, 18) < 1) return fail(codes.sequence);
  // Checked last: the number itself is well formed, only the form disagrees with it.
  if (opts.gender && opts.gender !== gender) return fail(codes.genderMismatch);
  return ok(digits);
}

/** Validates a PNS NIP; accepts spaces, dots and dashes; returns the 18 digits. */
export function parseNip(input: string, opts: AsnNumberOptions = {}): Check<string> {
  return parseAsnNumber(input, 'nip', opts);
}

/** Validates an NI PPPK (same layout, but digits 13-14 are not a month). */
export function parseNiPppk(input: string, opts: AsnNumberOptions = {}): Check<string> {
  return parseAsnNumber(input, 'pppk', opts);
}

/** Splits a NIP or NI PPPK that has already passed parseNip / parseNiPppk. */
export function nipParts(digits: string): NipParts {
  const d = digitsOnly(digits);
  return {
    birthDate: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`,
    appointment: `${d.slice(8, 12)}-${d.slice(12, 14)}`,
    gender: d.charAt(14) === '2' ? 'P' : 'L',
    sequence: num(d, 15, 18),
  };
}

/** `198609262015051001` -> `19860926 201505 1 001`; anything not 18 digits is returned as is. */
export function formatNip(digits: string): string {
  const d = digitsOnly(digits);
  if (d.length !== 18) return digits;
  return `${d.slice(0, 8)} ${d.slice(8, 14)} ${d.slice(14, 15)} ${d.slice(15)}`;
}
