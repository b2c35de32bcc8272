// Numbers in Indonesian words (terbilang), as a certificate repeats its JP: whole numbers
// with their irregular forms (sebelas, seratus, seribu), decimals read digit by digit
// after "koma", and the JP phrase that puts the two together.
import { describe, expect, it } from 'vitest';
import { jpInWords, spelled, terbilang } from '#domain/certificate-terbilang';

describe('terbilang', () => {
  it('writes 0–20 with the teens and the "se-" forms', () => {
    expect([0, 1, 2, 9, 10, 11, 12, 15, 19, 20].map(terbilang)).toEqual([
      'nol',
      'satu',
      'dua',
      'sembilan',
      'sepuluh',
      'sebelas',
      'dua belas',
      'lima belas',
      'sembilan belas',
      'dua puluh',
    ]);
  });

  it('writes tens, hundreds and thousands as official letters do', () => {
    expect(terbilang(16)).toBe('enam belas');
    expect(terbilang(32)).toBe('tiga puluh dua');
    expect(terbilang(100)).toBe('seratus');
    expect(terbilang(111)).toBe('seratus sebelas');
    expect(terbilang(240)).toBe('dua ratus empat puluh');
    expect(terbilang(1000)).toBe('seribu');
    expect(terbilang(1001)).toBe('seribu satu');
    expect(terbilang(2025)).toBe('dua ribu dua puluh lima');
    expect(terbilang(11_000)).toBe('sebelas ribu');
    expect(terbilang(100_000)).toBe('seratus ribu');
    expect(terbilang(1_000_000)).toBe('satu juta');
    expect(terbilang(1_001_000)).toBe('satu juta seribu');
    expect(terbilang(2_500_000_000)).toBe('dua miliar lima ratus juta');
  });

  it('refuses what is not a whole number in range', () => {
    for (const bad of [-1, 1.5, Number.NaN, 1e15])
      expect(() => terbilang(bad), String(bad)).toThrow(RangeError);
  });
});

describe('decimals and JP', () => {
  it('reads the digits after the comma one by one', () => {
    expect(spelled(7.5)).toEqual({ digits: '7,5', words: 'tujuh koma lima' });
    expect(spelled(12.25)).toEqual({ digits: '12,25', words: 'dua belas koma dua lima' });
    expect(spelled(0.5)).toEqual({ digits: '0,5', words: 'nol koma lima' });
    expect(spelled(3.05)).toEqual({ digits: '3,05', words: 'tiga koma nol lima' });
    // Summed JP drift (0.1 + 0.2) is rounded to hundredths, never printed.
    expect(spelled(0.1 + 0.2)).toEqual({ digits: '0,3', words: 'nol koma tiga' });
    expect(spelled(8)).toEqual({ digits: '8', words: 'delapan' });
    expect(() => spelled(-1)).toThrow(RangeError);
  });

  it('says the JP in digits, then in words, then "jam pelajaran"', () => {
    expect(jpInWords(16)).toBe('16 (enam belas) jam pelajaran');
    expect(jpInWords(7.5)).toBe('7,5 (tujuh koma lima) jam pelajaran');
    expect(jpInWords(32)).toBe('32 (tiga puluh dua) jam pelajaran');
  });
});
