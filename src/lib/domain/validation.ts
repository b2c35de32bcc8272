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
  /** A name needs two letters at least: "a" or "12345" is nobody's name. */
  'name.letters',
  /** A character the documents cannot print (an emoji, another script): see names.ts. */
  'name.characters',
  // NIP (PNS)
  'nip.characters',
  'nip.length',
  'nip.birthDate',
  'nip.tmt',
  'nip.tmtBeforeBirth',
  'nip.tmtFuture',
  /** Younger than 18 on the first day of the TMT CPNS month. */
  'nip.tooYoung',
  /** Past the highest retirement age (65) by `today`. */
  'nip.retired',
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
  /** Digits 13-14 are not the PPPK code 21 (not checked for PPPK Paruh Waktu). */
  'pppk.code',
  'pppk.tooYoung',
  'pppk.retired',
  'pppk.gender',
  'pppk.sequence',
  'pppk.genderMismatch',
  // NIK
  'nik.characters',
  'nik.length',
  'nik.region',
  'nik.birthDate',
  /** The birth date makes the holder younger than 17 by `today`. */
  'nik.child',
  'nik.sequence',
  'nik.genderMismatch',
  // phone / email
  'phone.format',
  'phone.length',
  'phone.notMobile',
  'email.format',
] as const;

export type ValidationCode = (typeof validationCodes)[number];

/** Whether a code that came over the wire is one of ours (then it has a message). */
export const isValidationCode = (code: string): code is ValidationCode =>
  (validationCodes as readonly string[]).includes(code);

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

/**
 * Completed years from `birth` to `on`: the birthday itself counts, so someone born on
 * 2009-12-02 is 17 on 2026-12-02 and 16 the day before. A 29 February birthday is
 * reached on 1 March in other years.
 */
export function ageOn(birth: CalendarDay, on: CalendarDay): number {
  const beforeBirthday = on.month * 100 + on.day < birth.month * 100 + birth.day;
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export const isoDay = (d: CalendarDay): string => `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first key anywhere in `value` that names an object's prototype: such a
 * key, copied by assignment, would change the copy's prototype instead of adding a field.
 * Iterative: a 1 MB body can nest deeper than the call stack. */
export function prototypeKey(value: unknown): string | undefined {
  interface Step {
    value: unknown;
    key?: string;
    parent?: Step;
  }
  const pathOf = (step: Step | undefined, key: string): string => {
    const keys = [key];
    for (let s = step; s?.key !== undefined; s = s.parent) keys.unshift(s.key);
    return keys.join('.');
  };
  const stack: Step[] = [{ value }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    for (const [key, inner] of Object.entries(next.value)) {
      if (PROTOTYPE_KEYS.has(key)) return pathOf(next, key);
      if (inner !== null && typeof inner === 'object')
        stack.push({ value: inner, key, parent: next });
    }
  }
  return undefined;
}
