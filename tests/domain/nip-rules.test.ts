// The NIP and NI PPPK rules beyond the layout: ages that fit a working life, the PPPK
// code, and the one rule for a number typed where the form does not ask which kind.
import { describe, expect, it } from 'vitest';
import { parseAsnNumberAnyKind, parseAsnNumberFor, parseNip, parseNiPppk } from '#domain/nip';

// The day Angkatan I opened, and a later clock: 2 December 2026.
const today = new Date('2025-06-02T00:00:00Z');
const late2026 = new Date('2026-12-02T00:00:00Z');

describe('parseNip: an age that fits a working life', () => {
  it('refuses the example from the issue and accepts an ordinary NIP', () => {
    expect(parseNip('199013452015001000', { today: late2026 })).toMatchObject({
      code: 'nip.birthDate',
    });
    expect(parseNip('19750612 199903 1 009', { today: late2026 })).toEqual({
      ok: true,
      value: '197506121999031009',
    });
  });

  it('accepts a TMT on the first of the month of the 18th birthday, not a month earlier', () => {
    // Born 1 May 1990: 18 on 1 May 2008.
    expect(parseNip('19900501 200805 1 001', { today: late2026 })).toMatchObject({ ok: true });
    expect(parseNip('19900501 200804 1 001', { today: late2026 })).toEqual({
      ok: false,
      code: 'nip.tooYoung',
    });
  });

  it('compares the whole birth date: born 20 May, the TMT of that May is still too young', () => {
    expect(parseNip('19900520 200805 1 001', { today: late2026 })).toMatchObject({
      code: 'nip.tooYoung',
    });
    expect(parseNip('19900520 200806 1 001', { today: late2026 })).toMatchObject({ ok: true });
  });

  it('reaches a 29 February birthday on 1 March', () => {
    expect(parseNip('19880229 200603 2 001', { today: late2026 })).toMatchObject({ ok: true });
    expect(parseNip('19880229 200602 2 001', { today: late2026 })).toMatchObject({
      code: 'nip.tooYoung',
    });
  });

  it('is in service until the end of the month of the 65th birthday, retired from the 1st after', () => {
    // Born 15 June 1961: 65 on 15 June 2026, pension from 1 July 2026.
    const nip = '19610615 198703 1 002';
    for (const day of ['2026-06-15', '2026-06-16', '2026-06-30']) {
      expect(parseNip(nip, { today: new Date(`${day}T00:00:00Z`) }), day).toMatchObject({
        ok: true,
      });
    }
    expect(parseNip(nip, { today: new Date('2026-07-01T00:00:00Z') })).toEqual({
      ok: false,
      code: 'nip.retired',
    });
  });

  it('judges retirement by the injected clock (a December 1961 birth is still in service)', () => {
    expect(parseNip('19611215 198703 1 001', { today: late2026 })).toMatchObject({ ok: true });
    expect(parseNip('19611130 198703 1 001', { today: late2026 })).toMatchObject({
      code: 'nip.retired',
    });
    expect(parseNip('19611130 198703 1 001', { today })).toMatchObject({ ok: true });
  });

  it('reports the date rules before the gender digit and the sequence', () => {
    expect(parseNip('19900501 200804 3 000', { today: late2026 })).toMatchObject({
      code: 'nip.tooYoung',
    });
    expect(parseNip('19611130 198703 1 001', { today: late2026, gender: 'P' })).toMatchObject({
      code: 'nip.retired',
    });
  });
});

describe('parseNiPppk: the PPPK code and the ages', () => {
  it('accepts an NI PPPK with code 21 and refuses code 22', () => {
    expect(parseNiPppk('199503142023211001', { today: late2026, gender: 'L' })).toEqual({
      ok: true,
      value: '199503142023211001',
    });
    expect(parseNiPppk('199503142023221001', { today: late2026 })).toEqual({
      ok: false,
      code: 'pppk.code',
    });
  });

  it('does not check the code for PPPK Paruh Waktu (pppkCode: false)', () => {
    expect(parseNiPppk('199503142023221001', { today: late2026, pppkCode: false })).toEqual({
      ok: true,
      value: '199503142023221001',
    });
  });

  it('asks for 18 by the end of the appointment year', () => {
    // Born 31 December 2005: 18 on the last day of 2023.
    expect(parseNiPppk('200512312023211001', { today: late2026 })).toMatchObject({ ok: true });
    expect(parseNiPppk('200512312022211001', { today: late2026 })).toEqual({
      ok: false,
      code: 'pppk.tooYoung',
    });
  });

  it('refuses a holder past 65 from the month after the birthday', () => {
    expect(parseNiPppk('196112152022211001', { today: late2026 })).toMatchObject({ ok: true });
    expect(parseNiPppk('196111302022211001', { today: late2026 })).toEqual({
      ok: false,
      code: 'pppk.retired',
    });
  });

  it('checks the code after the year and before the ages, gender and sequence', () => {
    expect(parseNiPppk('199503142027221001', { today: late2026 })).toMatchObject({
      code: 'pppk.yearFuture',
    });
    expect(parseNiPppk('200512312022223000', { today: late2026 })).toMatchObject({
      code: 'pppk.code',
    });
  });
});

describe('parseAsnNumberAnyKind: a NIP where the form does not ask which kind', () => {
  it('accepts a PNS NIP or an NI PPPK and returns the digits', () => {
    expect(parseAsnNumberAnyKind('19750612 199903 1 009', { today: late2026 })).toEqual({
      ok: true,
      value: '197506121999031009',
    });
    expect(parseAsnNumberAnyKind('19950314 202321 1 001', { today: late2026 })).toEqual({
      ok: true,
      value: '199503142023211001',
    });
  });

  it('gives the PNS reason, unless digits 13-14 hold the PPPK code', () => {
    expect(parseAsnNumberAnyKind('199013452015001000', { today: late2026 })).toMatchObject({
      code: 'nip.birthDate',
    });
    expect(parseAsnNumberAnyKind('1975061219990310', { today: late2026 })).toMatchObject({
      code: 'nip.length',
    });
    // Code 22: neither a month nor the PPPK code.
    expect(parseAsnNumberAnyKind('199503142023221001', { today: late2026 })).toMatchObject({
      code: 'nip.tmt',
    });
    expect(parseAsnNumberAnyKind('199503142023211000', { today: late2026 })).toMatchObject({
      code: 'pppk.sequence',
    });
    expect(parseAsnNumberAnyKind('200512312022211001', { today: late2026 })).toMatchObject({
      code: 'pppk.tooYoung',
    });
  });

  it('passes the options on: gender, the clock and the PPPK code', () => {
    expect(
      parseAsnNumberAnyKind('199503142023221001', { today: late2026, pppkCode: false }),
    ).toMatchObject({ ok: true });
    expect(
      parseAsnNumberAnyKind('19750612 199903 1 009', { today: late2026, gender: 'P' }),
    ).toMatchObject({ code: 'nip.genderMismatch' });
    expect(parseAsnNumberAnyKind('19610615 198703 1 002', { today: late2026 })).toMatchObject({
      code: 'nip.retired',
    });
  });
});

describe('parseAsnNumberFor: the number an employment status asks for', () => {
  const opts = { today: late2026 };
  it('PNS a NIP, PPPK an NI PPPK with code 21, PPPK Paruh Waktu any code', () => {
    expect(parseAsnNumberFor('pns', '199503142023211001', opts)).toMatchObject({
      code: 'nip.tmt',
    });
    expect(parseAsnNumberFor('pppk', '199503142023211001', opts)).toMatchObject({ ok: true });
    expect(parseAsnNumberFor('pppk', '199503142023221001', opts)).toMatchObject({
      code: 'pppk.code',
    });
    expect(parseAsnNumberFor('pppk_paruh_waktu', '199503142023221001', opts)).toMatchObject({
      ok: true,
    });
    expect(parseAsnNumberFor('pppk_paruh_waktu', '200512312022221001', opts)).toMatchObject({
      code: 'pppk.tooYoung',
    });
  });

  it('takes either kind without a status (a walk-in) or for Non-ASN', () => {
    for (const status of [undefined, 'non_asn'] as const) {
      expect(parseAsnNumberFor(status, '197506121999031009', opts)).toMatchObject({ ok: true });
      expect(parseAsnNumberFor(status, '199503142023211001', opts)).toMatchObject({ ok: true });
      expect(parseAsnNumberFor(status, '199503142023221001', opts)).toMatchObject({
        code: 'nip.tmt',
      });
    }
  });
});
