import { describe, it, expect } from 'vitest';
import { maskNik, nikGender, nikParts, parseNik } from '#domain/nik';

const today = new Date('2025-06-02T00:00:00Z');

describe('parseNik', () => {
  it('accepts a male NIK (day 01-31) and returns the digits', () => {
    expect(parseNik('6371052609860001', { today, gender: 'L' })).toEqual({
      ok: true,
      value: '6371052609860001',
    });
  });

  it('accepts a female NIK (day + 40)', () => {
    expect(parseNik('6371056609860002', { today, gender: 'P' })).toEqual({
      ok: true,
      value: '6371056609860002',
    });
  });

  it('accepts a NIK first registered in another province', () => {
    expect(parseNik('3174014101990003', { today })).toMatchObject({ ok: true });
  });

  it('accepts spaces, dots and dashes', () => {
    expect(parseNik('6371 0526 0986 0001', { today })).toMatchObject({ ok: true });
    expect(parseNik('63.71.05-260986-0001', { today })).toMatchObject({ ok: true });
  });

  it('requires a value and digits only', () => {
    expect(parseNik(' ', { today })).toEqual({ ok: false, code: 'required' });
    expect(parseNik('6371O52609860001', { today })).toEqual({
      ok: false,
      code: 'nik.characters',
    });
  });

  it('reports the wrong length with the digit count', () => {
    expect(parseNik('637105260986001', { today })).toEqual({
      ok: false,
      code: 'nik.length',
      params: { count: 15 },
    });
  });

  it('rejects an implausible region code', () => {
    expect(parseNik('0071052609860001', { today })).toMatchObject({ code: 'nik.region' });
    expect(parseNik('1001052609860001', { today })).toMatchObject({ code: 'nik.region' });
    expect(parseNik('6300052609860001', { today })).toMatchObject({ code: 'nik.region' });
  });

  it('rejects days that belong to neither gender', () => {
    for (const day of ['00', '32', '40', '72', '99']) {
      expect(parseNik(`637105${day}09860001`, { today })).toMatchObject({
        code: 'nik.birthDate',
      });
    }
  });

  it('rejects month 13 and dates that do not exist', () => {
    expect(parseNik('6371052613860001', { today })).toMatchObject({ code: 'nik.birthDate' });
    expect(parseNik('6371053102860001', { today })).toMatchObject({ code: 'nik.birthDate' });
    // 31 + 40: a woman born on 31 February
    expect(parseNik('6371057102860001', { today })).toMatchObject({ code: 'nik.birthDate' });
  });

  it('knows 29 February 2000 existed and 2001 did not', () => {
    expect(parseNik('6371052902000001', { today })).toMatchObject({ ok: true });
    expect(parseNik('6371052902010001', { today })).toMatchObject({ code: 'nik.birthDate' });
  });

  it('rejects sequence 0000', () => {
    expect(parseNik('6371052609860000', { today })).toMatchObject({ code: 'nik.sequence' });
  });

  it('cross-checks the gender chosen on the form', () => {
    expect(parseNik('6371056609860002', { today, gender: 'L' })).toEqual({
      ok: false,
      code: 'nik.genderMismatch',
    });
    expect(parseNik('6371052609860001', { today, gender: 'P' })).toMatchObject({
      code: 'nik.genderMismatch',
    });
  });
});

describe('parseNik: the region of first issue', () => {
  const nik = (region: string) => `${region}052609860001`;

  it('refuses a province or kabupaten/kota code that was never issued', () => {
    expect(parseNik(nik('9999'), { today })).toEqual({ ok: false, code: 'nik.region' });
    expect(parseNik(nik('6345'), { today })).toEqual({ ok: false, code: 'nik.region' });
    expect(parseNik(nik('6312'), { today })).toMatchObject({ code: 'nik.region' });
    expect(parseNik(nik('6373'), { today })).toMatchObject({ code: 'nik.region' });
  });

  it('accepts the kabupaten and kota of Kalimantan Selatan up to the last one', () => {
    for (const region of ['6301', '6311', '6371', '6372']) {
      expect(parseNik(nik(region), { today }), region).toMatchObject({ ok: true });
    }
  });

  it('accepts codes from before a province split (Kaltim before Kaltara, Papua before 2022)', () => {
    for (const region of ['6473', '6404', '6410', '9101', '9128', '9171', '9201', '9271']) {
      expect(parseNik(nik(region), { today }), region).toMatchObject({ ok: true });
    }
  });

  it('accepts the provinces formed in 2022 with their own numbering', () => {
    for (const region of ['9304', '9408', '9508', '9605', '9671']) {
      expect(parseNik(nik(region), { today }), region).toMatchObject({ ok: true });
    }
    for (const region of ['9305', '9471', '9672']) {
      expect(parseNik(nik(region), { today }), region).toMatchObject({ code: 'nik.region' });
    }
  });
});

describe('parseNik: an adult', () => {
  const dec2026 = new Date('2026-12-02T00:00:00Z');

  it('refuses a child born in 2012, read as 2012 and not 1912', () => {
    expect(parseNik('6371051212120001', { today: dec2026 })).toEqual({
      ok: false,
      code: 'nik.child',
    });
  });

  it('accepts the 17th birthday and refuses the day before', () => {
    expect(parseNik('6371050212090001', { today: dec2026, gender: 'L' })).toMatchObject({
      ok: true,
    });
    expect(parseNik('6371050312090001', { today: dec2026 })).toEqual({
      ok: false,
      code: 'nik.child',
    });
  });

  it('reads a woman’s day +40 before judging her age', () => {
    expect(parseNik('6371054212090002', { today: dec2026, gender: 'P' })).toMatchObject({
      ok: true,
    });
    expect(parseNik('6371054312090002', { today: dec2026, gender: 'P' })).toMatchObject({
      code: 'nik.child',
    });
    expect(parseNik('6371056609860002', { today: dec2026, gender: 'P' })).toMatchObject({
      ok: true,
    });
  });

  it('reaches a 29 February birthday on 1 March', () => {
    const nik = '6371052902080001'; // 29 February 2008
    expect(parseNik(nik, { today: new Date('2025-02-28T00:00:00Z') })).toMatchObject({
      code: 'nik.child',
    });
    expect(parseNik(nik, { today: new Date('2025-03-01T00:00:00Z') })).toMatchObject({
      ok: true,
    });
  });

  it('checks the age before the sequence and the form’s gender', () => {
    expect(parseNik('6371051212120000', { today: dec2026, gender: 'P' })).toMatchObject({
      code: 'nik.child',
    });
  });
});

describe('nikGender, nikParts and maskNik', () => {
  it('reads gender from the day digits', () => {
    expect(nikGender('6371052609860001')).toBe('L');
    expect(nikGender('6371056609860002')).toBe('P');
  });

  it('resolves the century so the birth date is not in the future', () => {
    expect(nikParts('6371052609860001', today)).toEqual({
      regionCode: '637105',
      birthDate: '1986-09-26',
      gender: 'L',
      sequence: 1,
    });
    expect(nikParts('3174014101010003', today).birthDate).toBe('2001-01-01');
    // 15-12-25 is still ahead of 2 June 2025, so it must be 1925.
    expect(nikParts('3174011512250003', today).birthDate).toBe('1925-12-15');
  });

  it('keeps the first 4 and last 2 digits and the length', () => {
    const masked = maskNik('6371052609860001');
    expect(masked).toBe('6371••••••••••01');
    expect(masked).toHaveLength(16);
  });

  it('masks short input entirely', () => {
    expect(maskNik('1234')).toBe('••••');
  });
});
