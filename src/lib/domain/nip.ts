// NIP (Nomor Induk Pegawai, PNS) and NI PPPK: both 18 digits, written in groups like
// `19860926 201505 1 001`.
//   digits 1-8   birth date YYYYMMDD
//   digits 9-14  NIP: TMT CPNS (first appointment) YYYYMM
//                NI PPPK: 9-12 year of appointment, 13-14 the PPPK code 21 (NOT a month)
//   digit 15     gender: 1 male, 2 female
//   digits 16-18 sequence, 001 or more
// Beyond the layout, the dates must fit a working life: at least 18 at appointment (the
// minimum age of a CPNS applicant) and not past 65 (the highest retirement age, BUP, of a
// librarian: Pustakawan Ahli Utama, PP 11/2017 as amended by PP 17/2020).
import type { EmploymentStatus } from '#domain/reference';
import {
  ageOn,
  calendarToday,
  dayNumber,
  digitsOnly,
  fail,
  isRealDate,
  ok,
  onlyDigitsAndSeparators,
  type CalendarDay,
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
  /** Injected clock for "not in the future" and retirement checks. */
  today?: Date;
  /**
   * NI PPPK only: digits 13-14 must be the PPPK code 21 (default true). Numbers of PPPK
   * Paruh Waktu were not confirmed to carry the same code: pass false for them.
   */
  pppkCode?: boolean;
}

type Kind = 'nip' | 'pppk';

interface KindCodes {
  characters: ValidationCode;
  length: ValidationCode;
  birthDate: ValidationCode;
  appointment: ValidationCode;
  beforeBirth: ValidationCode;
  future: ValidationCode;
  tooYoung: ValidationCode;
  retired: ValidationCode;
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
    tooYoung: 'nip.tooYoung',
    retired: 'nip.retired',
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
    tooYoung: 'pppk.tooYoung',
    retired: 'pppk.retired',
    gender: 'pppk.gender',
    sequence: 'pppk.sequence',
    genderMismatch: 'pppk.genderMismatch',
  },
};

// Nobody still in service was born before this; it also catches a shifted digit group.
const MIN_YEAR = 1900;

/** Minimum age of a CPNS applicant (PP 11/2017); PPPK asks 20 (PP 49/2018), 18 is lenient. */
const MIN_APPOINTMENT_AGE = 18;
/** The highest BUP of a librarian (Pustakawan Ahli Utama). */
const RETIREMENT_AGE = 65;
/** Digits 13-14 of an NI PPPK. */
const PPPK_CODE = '21';

/**
 * Past retirement on `today`: a pension starts on the first day of the month after the
 * BUP birthday, so the holder is still in service until the end of the month in which
 * they turn 65 (born 15 June 1961: in service through 30 June 2026, retired from 1 July).
 */
function retired(birth: CalendarDay, today: CalendarDay): boolean {
  const months = (d: CalendarDay) => d.year * 12 + (d.month - 1);
  return months(today) > months(birth) + RETIREMENT_AGE * 12;
}

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
  const birth = { year: birthYear, month: birthMonth, day: birthDay };
  if (
    birthYear < MIN_YEAR ||
    !isRealDate(birthYear, birthMonth, birthDay) ||
    dayNumber(birth) > dayNumber(today)
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
    if (ageOn(birth, { year, month, day: 1 }) < MIN_APPOINTMENT_AGE) return fail(codes.tooYoung);
  } else {
    // Digits 13-14 of an NI PPPK are a code, so only the year can be checked.
    if (year <= birthYear) return fail(codes.beforeBirth);
    if (year > today.year) return fail(codes.future);
    if (opts.pppkCode !== false && digits.slice(12, 14) !== PPPK_CODE) return fail('pppk.code');
    // The appointment day is unknown: the latest it can be (31 December) is the lenient
    // reading, so this asks for 18 by the end of the appointment year.
    const yearEnd = { year, month: 12, day: 31 };
    if (ageOn(birth, yearEnd) < MIN_APPOINTMENT_AGE) return fail(codes.tooYoung);
  }
  if (retired(birth, today)) return fail(codes.retired);

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

/** Validates an NI PPPK (same layout, but digits 13-14 are the PPPK code, not a month). */
export function parseNiPppk(input: string, opts: AsnNumberOptions = {}): Check<string> {
  return parseAsnNumber(input, 'pppk', opts);
}

/**
 * A NIP typed where the form does not ask PNS or PPPK (the walk-in desk, the event's
 * official, signatory and committee): a valid PNS NIP or a valid NI PPPK, as digits.
 * When both fail, the reason is the NI PPPK's if digits 13-14 hold the PPPK code (the
 * number is recognisably one, and "month 21" would mislead), else the PNS NIP's.
 */
export function parseAsnNumberAnyKind(input: string, opts: AsnNumberOptions = {}): Check<string> {
  const pns = parseNip(input, opts);
  if (pns.ok) return pns;
  const pppk = parseNiPppk(input, opts);
  if (pppk.ok) return pppk;
  const digits = digitsOnly(input);
  const looksPppk =
    onlyDigitsAndSeparators(input.trim()) &&
    digits.length === 18 &&
    digits.slice(12, 14) === PPPK_CODE;
  return looksPppk ? pppk : pns;
}

/**
 * The number an employment status asks for: PNS a NIP, PPPK an NI PPPK with code 21, PPPK
 * Paruh Waktu an NI PPPK whose code is not checked; no status (a walk-in) or Non-ASN with
 * a number is taken as either kind. The registration form and the server's check of
 * stored participants both go through here, so the rule lives once.
 */
export function parseAsnNumberFor(
  status: EmploymentStatus | undefined,
  input: string,
  opts: AsnNumberOptions = {},
): Check<string> {
  if (status === 'pns') return parseNip(input, opts);
  if (status === 'pppk') return parseNiPppk(input, opts);
  if (status === 'pppk_paruh_waktu') return parseNiPppk(input, { ...opts, pppkCode: false });
  return parseAsnNumberAnyKind(input, opts);
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
