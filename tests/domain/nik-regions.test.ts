import { describe, expect, it } from 'vitest';
import { isNikProvince, isNikRegion, nikProvinces } from '#domain/nik-regions';
import { provinces } from '#domain/regions';

describe('the NIK region table', () => {
  it('holds exactly the 38 province codes', () => {
    expect(Object.keys(nikProvinces).sort()).toEqual(
      // prettier-ignore
      ['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34',
       '35', '36', '51', '52', '53', '61', '62', '63', '64', '65', '71', '72', '73', '74',
       '75', '76', '81', '82', '91', '92', '93', '94', '95', '96'],
    );
    expect(isNikProvince('63')).toBe(true);
    for (const code of ['10', '20', '37', '97', '6', '630', 'constructor']) {
      expect(isNikProvince(code), code).toBe(false);
    }
  });

  it('agrees with the kabupaten/kota lists of regions.ts', () => {
    for (const province of provinces) {
      for (const region of province.regions) {
        expect(isNikRegion(region.code.replace('.', '')), region.code).toBe(true);
      }
    }
  });

  it('numbers kabupaten 01..max and kota 71..max (DKI: one kabupaten, five kota)', () => {
    expect(['3101', '3171', '3175'].map(isNikRegion)).toEqual([true, true, true]);
    expect(['3100', '3102', '3170', '3176'].map(isNikRegion)).toEqual([false, false, false, false]);
  });

  it('knows that Sulawesi Barat and three of the new Papua provinces have no kota', () => {
    expect(isNikRegion('7606')).toBe(true);
    for (const code of ['7671', '9371', '9471', '9571'])
      expect(isNikRegion(code), code).toBe(false);
    expect(isNikRegion('9671')).toBe(true);
  });

  it('keeps the codes a split moved away: Kaltim before Kaltara, Papua and Papua Barat before 2022', () => {
    // Bulungan, Nunukan, Malinau, Tana Tidung, Kota Tarakan; Mahakam Ulu is Kaltim's own.
    for (const code of ['6404', '6405', '6406', '6410', '6473', '6411', '6474']) {
      expect(isNikRegion(code), code).toBe(true);
    }
    for (const code of ['6412', '6475']) expect(isNikRegion(code), code).toBe(false);
    // Merauke and Deiyai (now 93 and 94), Kota Jayapura; Sorong and Kota Sorong (now 96).
    for (const code of ['9101', '9128', '9171', '9201', '9212', '9271']) {
      expect(isNikRegion(code), code).toBe(true);
    }
    for (const code of ['9129', '9172', '9213', '9272'])
      expect(isNikRegion(code), code).toBe(false);
  });

  it('refuses anything that is not four digits', () => {
    for (const code of ['637', '63710', '63.7', '', 'abcd']) {
      expect(isNikRegion(code), code).toBe(false);
    }
  });
});
