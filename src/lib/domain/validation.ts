// Shared vocabulary of the field validators. Validators return typed codes, never prose:
// the same code is shown in Indonesian or English by messages.ts, and the server can
// return it unchanged over the wire.

export type Lang = 'id' | 'en';

/** L = laki-laki (male), P = perempuan (female), as on Indonesian forms. */
export type Gender = 'L' | 'P';

// Every code a validator can return, as a tuple so the wire protocol can build an enum
// from it and tests can check that each one has a message.
export const validationCodes = [
  'required',
  'tooLong',
  'choice',
  'consent',
  'region.outside',
  /** A walk-in gives at least one way to find them again: a NIP or a phone number. */
  'walkin.contact',
  // NIP (PNS)
  'nip.characters',
  'nip.length',
  'nip.birthDate',
  'nip.tmt',
  'nip.tmtBeforeBirth',
  'nip.tmtFuture',
  'nip.gender',
  'nip.sequence',
  'nip.genderMismatch',
  // NI PPPK
  'pppk.characters',
  'pppk.length',
  'pppk.birthDate',
  'pppk.year',
  'pppk.yearBeforeBirth',
  'pppk.yearFuture',
  'pppk.gender',
  'pppk.sequence',
  'pppk.genderMismatch',
  // NIK
  'nik.characters',
  'nik.length',
  'nik.region',
  'nik.birthDate',
  'nik.sequence',
  'nik.genderMismatch',
  // phone / email
  'phone.format',
  'phone.length',
  'phone.notMobile',
  'email.format',
] as const;

export type ValidationCode = (typeof validationCodes)[number];

export type ValidationParams = Record<string, string | number>;

export type Check<T> =
  { ok: true; value: T } | { ok: false; code: ValidationCode; params?: ValidationParams };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });

export const fail = (code: ValidationCode, params?: ValidationParams): Check<never> =>
  params ? { ok: false, code, params } : { ok: false, code };

/** Removes everything that is not a digit: spaces, dots, dashes, slashes... */
export function digitsOnly(input: string): string {
  return input.replace(/\D/g, '');
}

/**
 * True when the input holds only digits and the separators people type between digit
 * groups (whitespace, dots, dashes). A letter O typed for a zero must be reported, not
 * silently dropped, or the length message would point at the wrong problem.
 */
export function onlyDigitsAndSeparators(input: string): boolean {
  return /^[\d\s.-]*$/.test(input);
}

/** A real calendar date (rejects 30 February, month 13, day 0). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * The calendar day "now" for plausibility checks. It is taken at UTC+9 (WIT, Indonesia's
 * easternmost zone) so that early on the 1st of a month no Indonesian user is told their
 * date "is in the future" because UTC still shows the previous day.
 */
export function calendarToday(today: Date = new Date()): CalendarDay {
  const shifted = new Date(today.getTime() + 9 * 60 * 60 * 1000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** Sortable number for comparisons: 2025-06-02 -> 20250602. */
export const dayNumber = (d: CalendarDay): number => d.year * 10000 + d.month * 100 + d.day;

export const pad2 = (n: number): string => String(n).padStart(2, '0');

export const isoDay = (d: CalendarDay): string => `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
