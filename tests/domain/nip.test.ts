import { describe, it, expect } from 'vitest';
import { formatNip, nipParts, parseNip, parseNiPppk } from '#domain/nip';

// A fixed clock: the day Angkatan I opened (2 June 2025, 08.00 WITA).
const today = new Date('2025-06-02T00:00:00Z');

describe('parseNip', () => {
  it('accepts a valid male NIP written in groups and returns the digits', () => {
    expect(parseNip('19860926 201505 1 001', { today })).toEqual({
      ok: true,
      value: '198609262015051001',
    });
  });

  it('accepts a valid female NIP', () => {
    expect(parseNip('198609262015052001', { today, gender: 'P' })).toEqual({
      ok: true,
      value: '198609262015052001',
    });
  });

  it('accepts dots, dashes and surrounding spaces', () => {
    expect(parseNip(' 19860926.201505.1.001 ', { today })).toMatchObject({ ok: true });
    expect(parseNip('19860926-201505-1-001', { today })).toMatchObject({ ok: true });
  });

  it('requires a value', () => {
    expect(parseNip('', { today })).toEqual({ ok: false, code: 'required' });
    expect(parseNip('   ', { today })).toEqual({ ok: false, code: 'required' });
  });

  it('reports letters instead of silently dropping them (O typed for 0)', () => {
    expect(parseNip('19860926 2015O5 1 001', { today })).toEqual({
      ok: false,
      code: 'nip.characters',
    });
  });

  it('reports the wrong length with the digit count', () => {
    expect(parseNip('19860926 201505 1 01', { today })).toEqual({
      ok: false,
      code: 'nip.length',
      params: { count: 17 },
    });
    expect(parseNip('1986092620150510011', { today })).toEqual({
      ok: false,
      code: 'nip.length',
      params: { count: 19 },
    });
  });

  it('rejects a birth date that is not a real date', () => {
    expect(parseNip('19860230 201505 1 001', { today })).toMatchObject({ code: 'nip.birthDate' });
    expect(parseNip('19861301 201505 1 001', { today })).toMatchObject({ code: 'nip.birthDate' });
    expect(parseNip('19860900 201505 1 001', { today })).toMatchObject({ code: 'nip.birthDate' });
  });

  it('rejects implausible birth years (before 1900 or in the future)', () => {
    expect(parseNip('18990926 201505 1 001', { today })).toMatchObject({ code: 'nip.birthDate' });
    expect(parseNip('20250603 202505 1 001', { today })).toMatchObject({ code: 'nip.birthDate' });
  });

  it('accepts a 29 February birth date in a leap year only', () => {
    expect(parseNip('19880229 201505 1 001', { today })).toMatchObject({ ok: true });
    expect(parseNip('19870229 201505 1 001', { today })).toMatchObject({ code: 'nip.birthDate' });
  });

  it('rejects a TMT month outside 01-12', () => {
    expect(parseNip('19860926 201513 1 001', { today })).toMatchObject({ code: 'nip.tmt' });
    expect(parseNip('19860926 201500 1 001', { today })).toMatchObject({ code: 'nip.tmt' });
  });

  it('rejects a TMT year before 1900', () => {
    expect(parseNip('19860926 000105 1 001', { today })).toMatchObject({ code: 'nip.tmt' });
  });

  it('rejects a TMT before (or in the month of) the birth date', () => {
    expect(parseNip('19860926 198508 1 001', { today })).toMatchObject({
      code: 'nip.tmtBeforeBirth',
    });
    expect(parseNip('19860926 198609 1 001', { today })).toMatchObject({
      code: 'nip.tmtBeforeBirth',
    });
  });

  it('rejects a TMT after the current month of the injected clock', () => {
    expect(parseNip('19860926 202507 1 001', { today })).toMatchObject({ code: 'nip.tmtFuture' });
    expect(parseNip('19860926 202506 1 001', { today })).toMatchObject({ ok: true });
  });

  it('treats the month as started once it has started anywhere in Indonesia (WIT)', () => {
    // 16.00 UTC on 30 June is already 1 July 01.00 in Jayapura.
    const lateJune = new Date('2025-06-30T16:00:00Z');
    expect(parseNip('19860926 202507 1 001', { today: lateJune })).toMatchObject({ ok: true });
    const earlierJune = new Date('2025-06-30T14:00:00Z');
    expect(parseNip('19860926 202507 1 001', { today: earlierJune })).toMatchObject({
      code: 'nip.tmtFuture',
    });
  });

  it('rejects a gender digit other than 1 or 2', () => {
    expect(parseNip('19860926 201505 3 001', { today })).toMatchObject({ code: 'nip.gender' });
    expect(parseNip('19860926 201505 0 001', { today })).toMatchObject({ code: 'nip.gender' });
  });

  it('rejects sequence 000', () => {
    expect(parseNip('19860926 201505 1 000', { today })).toMatchObject({ code: 'nip.sequence' });
  });

  it('cross-checks the gender chosen on the form', () => {
    expect(parseNip('19860926 201505 1 001', { today, gender: 'L' })).toMatchObject({ ok: true });
    expect(parseNip('19860926 201505 1 001', { today, gender: 'P' })).toEqual({
      ok: false,
      code: 'nip.genderMismatch',
    });
    expect(parseNip('198609262015052001', { today, gender: 'L' })).toMatchObject({
      code: 'nip.genderMismatch',
    });
  });

  it('rejects an NI PPPK, whose digits 13-14 are not a month', () => {
    expect(parseNip('198503152021212001', { today })).toMatchObject({ code: 'nip.tmt' });
  });

  it('defaults to the real clock when no today is given', () => {
    expect(parseNip('19860926 201505 1 001')).toMatchObject({ ok: true });
  });
});

describe('parseNiPppk', () => {
  it('accepts an NI PPPK with code 21 in digits 13-14', () => {
    expect(parseNiPppk('19850315 202121 2 001', { today, gender: 'P' })).toEqual({
      ok: true,
      value: '198503152021212001',
    });
  });

  it('requires a value and digits only', () => {
    expect(parseNiPppk('', { today })).toEqual({ ok: false, code: 'required' });
    expect(parseNiPppk('19850315 2021a1 2 001', { today })).toMatchObject({
      code: 'pppk.characters',
    });
  });

  it('reports the wrong length with the digit count', () => {
    expect(parseNiPppk('19850315 202121 2 0011', { today })).toEqual({
      ok: false,
      code: 'pppk.length',
      params: { count: 19 },
    });
  });

  it('checks the birth date like a NIP', () => {
    expect(parseNiPppk('19850230 202121 2 001', { today })).toMatchObject({
      code: 'pppk.birthDate',
    });
  });

  it('checks digits 9-12 as a plausible year', () => {
    expect(parseNiPppk('19850315 000021 2 001', { today })).toMatchObject({ code: 'pppk.year' });
    expect(parseNiPppk('19850315 198021 2 001', { today })).toMatchObject({
      code: 'pppk.yearBeforeBirth',
    });
    expect(parseNiPppk('19850315 202621 2 001', { today })).toMatchObject({
      code: 'pppk.yearFuture',
    });
    expect(parseNiPppk('19850315 202521 2 001', { today })).toMatchObject({ ok: true });
  });

  it('checks gender digit, sequence and the form gender', () => {
    expect(parseNiPppk('19850315 202121 3 001', { today })).toMatchObject({
      code: 'pppk.gender',
    });
    expect(parseNiPppk('19850315 202121 2 000', { today })).toMatchObject({
      code: 'pppk.sequence',
    });
    expect(parseNiPppk('19850315 202121 2 001', { today, gender: 'L' })).toMatchObject({
      code: 'pppk.genderMismatch',
    });
  });
});

describe('nipParts and formatNip', () => {
  it('splits a valid NIP', () => {
    expect(nipParts('198609262015051001')).toEqual({
      birthDate: '1986-09-26',
      appointment: '2015-05',
      gender: 'L',
      sequence: 1,
    });
    expect(nipParts('198609262015052123')).toMatchObject({ gender: 'P', sequence: 123 });
  });

  it('formats 18 digits in the usual groups', () => {
    expect(formatNip('198609262015051001')).toBe('19860926 201505 1 001');
    expect(formatNip('1986.0926.2015.05.1.001')).toBe('19860926 201505 1 001');
  });

  it('leaves anything that is not 18 digits as it was', () => {
    expect(formatNip('12345')).toBe('12345');
  });
});
