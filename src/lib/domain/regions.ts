// Kabupaten/kota as data, keyed by Kemendagri codes ('63.71'; BPS writes the same digits
// without the dot). Kalimantan Selatan is the first province because the first Bimtek
// is there; another province is added by appending to `provinces`, not by changing logic.

export type RegionKind = 'kabupaten' | 'kota';

export interface Region {
  /** Kemendagri code with a dot: '63.71'. */
  code: string;
  /** As written on forms: 'Kab. Tanah Laut', 'Kota Banjarmasin'. */
  name: string;
  kind: RegionKind;
}

export interface Province {
  /** Two digits: '63'. */
  code: string;
  name: string;
  /** Two letters for registration numbers: 'KS' in `KS-A1-042`. */
  abbr: string;
  regions: readonly Region[];
}

// Within a province, codes 01-69 are kabupaten and 71-99 are kota.
const region = (code: string, name: string): Region => ({
  code,
  name,
  kind: Number(code.slice(3)) >= 71 ? 'kota' : 'kabupaten',
});

export const KALSEL: Province = {
  code: '63',
  name: 'Kalimantan Selatan',
  abbr: 'KS',
  regions: [
    region('63.01', 'Kab. Tanah Laut'),
    region('63.02', 'Kab. Kotabaru'),
    region('63.03', 'Kab. Banjar'),
    region('63.04', 'Kab. Barito Kuala'),
    region('63.05', 'Kab. Tapin'),
    region('63.06', 'Kab. Hulu Sungai Selatan'),
    region('63.07', 'Kab. Hulu Sungai Tengah'),
    region('63.08', 'Kab. Hulu Sungai Utara'),
    region('63.09', 'Kab. Tabalong'),
    region('63.10', 'Kab. Tanah Bumbu'),
    region('63.11', 'Kab. Balangan'),
    region('63.71', 'Kota Banjarmasin'),
    region('63.72', 'Kota Banjarbaru'),
  ],
};

export const provinces: readonly Province[] = [KALSEL];

/** '6371', '63.71' or ' 63 71 ' -> '63.71'; undefined when it is not four digits. */
export function normalizeRegionCode(code: string): string | undefined {
  const digits = code.replace(/\D/g, '');
  return digits.length === 4 ? `${digits.slice(0, 2)}.${digits.slice(2)}` : undefined;
}

/** Looks a kabupaten/kota up in every known province; accepts '63.71' or '6371'. */
export function findRegion(code: string): Region | undefined {
  const normalized = normalizeRegionCode(code);
  if (!normalized) return undefined;
  const province = provinces.find((p) => p.code === normalized.slice(0, 2));
  return province?.regions.find((r) => r.code === normalized);
}

/** The kabupaten/kota of a province ('63'), or an empty list for an unknown province. */
export function regionsOf(provinceCode: string): readonly Region[] {
  const code = provinceCode.replace(/\D/g, '');
  return provinces.find((p) => p.code === code)?.regions ?? [];
}

/** The province a region belongs to. */
export function provinceOf(regionCode: string): Province | undefined {
  const normalized = normalizeRegionCode(regionCode);
  return normalized ? provinces.find((p) => p.code === normalized.slice(0, 2)) : undefined;
}

/** A short human registration number: `KS-A1-042` (province, batch code, the batch's
 * n-th registration). Numbers are never reused, so a paper list stays unambiguous. */
export function registrationNumber(provinceCode: string, batchCode: string, n: number): string {
  const abbr = provinces.find((p) => p.code === provinceCode)?.abbr ?? provinceCode;
  return `${abbr}-${batchCode}-${String(n).padStart(3, '0')}`;
}
