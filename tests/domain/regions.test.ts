import { describe, it, expect } from 'vitest';
import { findRegion, KALSEL, provinceOf, provinces, regionsOf } from '#domain/regions';

describe('Kalimantan Selatan', () => {
  it('has the 13 kabupaten/kota with their Kemendagri codes and names', () => {
    expect(KALSEL.code).toBe('63');
    expect(KALSEL.name).toBe('Kalimantan Selatan');
    expect(KALSEL.regions.map((r) => `${r.code} ${r.name}`)).toEqual([
      '63.01 Kab. Tanah Laut',
      '63.02 Kab. Kotabaru',
      '63.03 Kab. Banjar',
      '63.04 Kab. Barito Kuala',
      '63.05 Kab. Tapin',
      '63.06 Kab. Hulu Sungai Selatan',
      '63.07 Kab. Hulu Sungai Tengah',
      '63.08 Kab. Hulu Sungai Utara',
      '63.09 Kab. Tabalong',
      '63.10 Kab. Tanah Bumbu',
      '63.11 Kab. Balangan',
      '63.71 Kota Banjarmasin',
      '63.72 Kota Banjarbaru',
    ]);
  });

  it('marks the two cities as kota and the rest as kabupaten', () => {
    const kota = KALSEL.regions.filter((r) => r.kind === 'kota').map((r) => r.code);
    expect(kota).toEqual(['63.71', '63.72']);
    expect(KALSEL.regions.filter((r) => r.kind === 'kabupaten')).toHaveLength(11);
  });

  it('is one of the provinces', () => {
    expect(provinces).toContain(KALSEL);
  });
});

describe('province data', () => {
  it('has unique codes, each inside its province', () => {
    const codes = provinces.flatMap((p) => p.regions.map((r) => r.code));
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of provinces) {
      for (const r of p.regions) expect(r.code).toMatch(new RegExp(`^${p.code}\\.\\d{2}$`));
    }
  });
});

describe('findRegion', () => {
  it('accepts the dotted and the BPS form', () => {
    expect(findRegion('63.71')?.name).toBe('Kota Banjarmasin');
    expect(findRegion('6371')?.name).toBe('Kota Banjarmasin');
    expect(findRegion('6310')?.name).toBe('Kab. Tanah Bumbu');
  });

  it('returns undefined for unknown or malformed codes', () => {
    expect(findRegion('63.99')).toBeUndefined();
    expect(findRegion('11.01')).toBeUndefined();
    expect(findRegion('637')).toBeUndefined();
    expect(findRegion('')).toBeUndefined();
  });
});

describe('regionsOf and provinceOf', () => {
  it('lists the regions of a province', () => {
    expect(regionsOf('63')).toHaveLength(13);
    expect(regionsOf('99')).toEqual([]);
  });

  it('finds the province of a region code', () => {
    expect(provinceOf('6372')?.name).toBe('Kalimantan Selatan');
    expect(provinceOf('12.01')).toBeUndefined();
  });
});
