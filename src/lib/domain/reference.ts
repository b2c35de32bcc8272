// Reference lists for the registration form. Codes are stable identifiers stored in the
// database and sent over the wire; labels are what people see. The `as const` code
// tuples let schema modules build enums (z.enum(employmentStatusCodes)) without this
// file importing zod.
import type { Message } from '#domain/messages';
import type { Lang } from '#domain/validation';

/** A label in both languages: the shape of every text (#domain/messages). */
export type Label = Message;

export interface ReferenceItem<C extends string = string> {
  readonly code: C;
  /** The name as documents print it. */
  readonly label: Label;
  /** Said beside the label in a form's choices only, never printed ("sebutan lama"). */
  readonly hint?: Label;
}

// Employment status. "Honorer" no longer exists as a status since UU 20/2023 (ASN);
// those people are Non-ASN or, after the 2024-2025 intake, PPPK Paruh Waktu.
export const employmentStatusCodes = ['pns', 'pppk', 'pppk_paruh_waktu', 'non_asn'] as const;
export type EmploymentStatus = (typeof employmentStatusCodes)[number];

export const employmentStatuses: readonly ReferenceItem<EmploymentStatus>[] = [
  { code: 'pns', label: { id: 'PNS', en: 'Civil servant (PNS)' } },
  { code: 'pppk', label: { id: 'PPPK', en: 'Contract civil servant (PPPK)' } },
  {
    code: 'pppk_paruh_waktu',
    label: { id: 'PPPK Paruh Waktu', en: 'Part-time contract civil servant (PPPK Paruh Waktu)' },
  },
  { code: 'non_asn', label: { id: 'Non-ASN', en: 'Non-civil servant (Non-ASN)' } },
];

/** ASN (civil servants of any kind) have a NIP or NI PPPK to ask for. */
export function isAsn(status: EmploymentStatus): boolean {
  return status === 'pns' || status === 'pppk' || status === 'pppk_paruh_waktu';
}

// Positions. PermenPAN-RB 55/2022 (Pustakawan, expert level) and 56/2022 (Asisten
// Perpustakaan, skill level); the old skill-level titles are still on many SKs.
export const positionGroupCodes = ['ahli', 'terampil', 'lama', 'non_jf', 'sekolah'] as const;
export type PositionGroup = (typeof positionGroupCodes)[number];

export const positionCodes = [
  'pustakawan_ahli_pertama',
  'pustakawan_ahli_muda',
  'pustakawan_ahli_madya',
  'pustakawan_ahli_utama',
  'asisten_perpustakaan_terampil',
  'asisten_perpustakaan_mahir',
  'asisten_perpustakaan_penyelia',
  'pustakawan_terampil',
  'pustakawan_mahir',
  'pustakawan_penyelia',
  'tenaga_perpustakaan',
  'pengelola_perpustakaan',
  'guru_perpustakaan_sekolah',
  'kepala_perpustakaan_sekolah',
] as const;
export type PositionCode = (typeof positionCodes)[number];

export interface PositionItem extends ReferenceItem<PositionCode> {
  readonly group: PositionGroup;
}

// Titles from before PermenPANRB 1/2023; people still hold SKs that use them.
const OLD_TITLE: Label = { id: 'sebutan lama', en: 'old title' };

export const positions: readonly PositionItem[] = [
  {
    code: 'pustakawan_ahli_pertama',
    group: 'ahli',
    label: { id: 'Pustakawan Ahli Pertama', en: 'Librarian, First Expert' },
  },
  {
    code: 'pustakawan_ahli_muda',
    group: 'ahli',
    label: { id: 'Pustakawan Ahli Muda', en: 'Librarian, Junior Expert' },
  },
  {
    code: 'pustakawan_ahli_madya',
    group: 'ahli',
    label: { id: 'Pustakawan Ahli Madya', en: 'Librarian, Middle Expert' },
  },
  {
    code: 'pustakawan_ahli_utama',
    group: 'ahli',
    label: { id: 'Pustakawan Ahli Utama', en: 'Librarian, Principal Expert' },
  },
  {
    code: 'asisten_perpustakaan_terampil',
    group: 'terampil',
    label: { id: 'Asisten Perpustakaan Terampil', en: 'Library Assistant, Skilled' },
  },
  {
    code: 'asisten_perpustakaan_mahir',
    group: 'terampil',
    label: { id: 'Asisten Perpustakaan Mahir', en: 'Library Assistant, Proficient' },
  },
  {
    code: 'asisten_perpustakaan_penyelia',
    group: 'terampil',
    label: { id: 'Asisten Perpustakaan Penyelia', en: 'Library Assistant, Supervisor' },
  },
  {
    code: 'pustakawan_terampil',
    group: 'lama',
    label: { id: 'Pustakawan Terampil', en: 'Librarian, Skilled' },
    hint: OLD_TITLE,
  },
  {
    code: 'pustakawan_mahir',
    group: 'lama',
    label: { id: 'Pustakawan Mahir', en: 'Librarian, Proficient' },
    hint: OLD_TITLE,
  },
  {
    code: 'pustakawan_penyelia',
    group: 'lama',
    label: { id: 'Pustakawan Penyelia', en: 'Librarian, Supervisor' },
    hint: OLD_TITLE,
  },
  {
    code: 'tenaga_perpustakaan',
    group: 'non_jf',
    label: { id: 'Tenaga Perpustakaan', en: 'Library staff' },
  },
  {
    code: 'pengelola_perpustakaan',
    group: 'non_jf',
    label: { id: 'Pengelola Perpustakaan', en: 'Library manager' },
  },
  {
    code: 'guru_perpustakaan_sekolah',
    group: 'sekolah',
    label: { id: 'Guru Pengelola Perpustakaan Sekolah', en: 'Teacher managing a school library' },
  },
  {
    code: 'kepala_perpustakaan_sekolah',
    group: 'sekolah',
    label: { id: 'Kepala Perpustakaan Sekolah', en: 'Head of a school library' },
  },
];

// Library types as in UU 43/2007 on libraries.
export const libraryTypeCodes = [
  'nasional',
  'umum_provinsi',
  'umum_kabkota',
  'umum_kecamatan',
  'umum_desa',
  'tbm',
  'sekolah',
  'perguruan_tinggi',
  'khusus',
] as const;
export type LibraryType = (typeof libraryTypeCodes)[number];

export const libraryTypes: readonly ReferenceItem<LibraryType>[] = [
  { code: 'nasional', label: { id: 'Perpustakaan Nasional', en: 'National library' } },
  {
    code: 'umum_provinsi',
    label: { id: 'Perpustakaan Umum Provinsi', en: 'Public library (province)' },
  },
  {
    code: 'umum_kabkota',
    label: { id: 'Perpustakaan Umum Kabupaten/Kota', en: 'Public library (regency/city)' },
  },
  {
    code: 'umum_kecamatan',
    label: { id: 'Perpustakaan Umum Kecamatan', en: 'Public library (district)' },
  },
  {
    code: 'umum_desa',
    label: { id: 'Perpustakaan Desa/Kelurahan', en: 'Public library (village)' },
  },
  {
    code: 'tbm',
    label: { id: 'Taman Bacaan Masyarakat (TBM)', en: 'Community reading centre (TBM)' },
  },
  { code: 'sekolah', label: { id: 'Perpustakaan Sekolah/Madrasah', en: 'School library' } },
  {
    code: 'perguruan_tinggi',
    label: { id: 'Perpustakaan Perguruan Tinggi', en: 'University library' },
  },
  { code: 'khusus', label: { id: 'Perpustakaan Khusus', en: 'Special library' } },
];

// Intention to take the 2026 certification, for the organiser's readiness list.
export const certificationIntentionCodes = ['ya', 'tidak', 'ragu'] as const;
export type CertificationIntention = (typeof certificationIntentionCodes)[number];

export const certificationIntentions: readonly ReferenceItem<CertificationIntention>[] = [
  { code: 'ya', label: { id: 'Ya', en: 'Yes' } },
  { code: 'tidak', label: { id: 'Tidak', en: 'No' } },
  { code: 'ragu', label: { id: 'Belum tahu', en: 'Undecided' } },
];

/** A choice as a form lists it: the label, with its hint in brackets. */
export function choiceLabel(item: ReferenceItem, lang: Lang): string {
  return item.hint ? `${item.label[lang]} (${item.hint[lang]})` : item.label[lang];
}

/**
 * The label of a code in a list. A code the list does not know (data written by a newer
 * app version) is shown as the raw code rather than hidden.
 */
export function labelOf(list: readonly ReferenceItem[], code: string, lang: Lang): string {
  return list.find((item) => item.code === code)?.label[lang] ?? code;
}
