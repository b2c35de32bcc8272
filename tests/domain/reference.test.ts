import { describe, it, expect } from 'vitest';
import {
  certificationIntentionCodes,
  certificationIntentions,
  employmentStatusCodes,
  employmentStatuses,
  isAsn,
  labelOf,
  libraryTypeCodes,
  libraryTypes,
  positionCodes,
  positions,
  choiceLabel,
  type ReferenceItem,
} from '#domain/reference';

const lists: [string, readonly ReferenceItem[], readonly string[]][] = [
  ['employmentStatuses', employmentStatuses, employmentStatusCodes],
  ['positions', positions, positionCodes],
  ['libraryTypes', libraryTypes, libraryTypeCodes],
  ['certificationIntentions', certificationIntentions, certificationIntentionCodes],
];

describe.each(lists)('%s', (_name, list, codes) => {
  it('lists exactly the exported codes, in order', () => {
    expect(list.map((item) => item.code)).toEqual([...codes]);
  });

  it('has an Indonesian and an English label for every item', () => {
    for (const item of list) {
      expect(item.label.id.trim()).not.toBe('');
      expect(item.label.en.trim()).not.toBe('');
    }
  });
});

describe('employment status', () => {
  it('has PNS, PPPK, PPPK Paruh Waktu and Non-ASN (no honorer)', () => {
    expect(employmentStatusCodes).toEqual(['pns', 'pppk', 'pppk_paruh_waktu', 'non_asn']);
    expect(employmentStatuses.map((s) => s.label.id)).toEqual([
      'PNS',
      'PPPK',
      'PPPK Paruh Waktu',
      'Non-ASN',
    ]);
  });

  it('counts PNS and both kinds of PPPK as ASN', () => {
    expect(isAsn('pns')).toBe(true);
    expect(isAsn('pppk')).toBe(true);
    expect(isAsn('pppk_paruh_waktu')).toBe(true);
    expect(isAsn('non_asn')).toBe(false);
  });
});

describe('positions', () => {
  it('covers every position named in the domain', () => {
    const labels = positions.map((p) => p.label.id);
    for (const name of [
      'Pustakawan Ahli Pertama',
      'Pustakawan Ahli Muda',
      'Pustakawan Ahli Madya',
      'Pustakawan Ahli Utama',
      'Asisten Perpustakaan Terampil',
      'Asisten Perpustakaan Mahir',
      'Asisten Perpustakaan Penyelia',
      'Tenaga Perpustakaan',
      'Pengelola Perpustakaan',
      'Kepala Perpustakaan Sekolah',
    ]) {
      expect(labels).toContain(name);
    }
    expect(labels.some((l) => l.startsWith('Pustakawan Terampil'))).toBe(true);
    expect(labels.some((l) => l.startsWith('Pustakawan Mahir'))).toBe(true);
    expect(labels.some((l) => l.startsWith('Pustakawan Penyelia'))).toBe(true);
    expect(labels.some((l) => l.startsWith('Guru'))).toBe(true);
  });

  it('groups them', () => {
    const groupOf = (code: string) => positions.find((p) => p.code === code)?.group;
    expect(groupOf('pustakawan_ahli_madya')).toBe('ahli');
    expect(groupOf('asisten_perpustakaan_mahir')).toBe('terampil');
    expect(groupOf('pustakawan_penyelia')).toBe('lama');
    expect(groupOf('pengelola_perpustakaan')).toBe('non_jf');
    expect(groupOf('kepala_perpustakaan_sekolah')).toBe('sekolah');
    expect(positions.filter((p) => p.group === 'ahli')).toHaveLength(4);
  });
});

describe('library types', () => {
  it('follow UU 43/2007', () => {
    expect(libraryTypeCodes).toEqual([
      'nasional',
      'umum_provinsi',
      'umum_kabkota',
      'umum_kecamatan',
      'umum_desa',
      'tbm',
      'sekolah',
      'perguruan_tinggi',
      'khusus',
    ]);
  });
});

describe('labelOf', () => {
  it('returns the label in the language asked for', () => {
    expect(labelOf(libraryTypes, 'sekolah', 'id')).toBe('Perpustakaan Sekolah/Madrasah');
    expect(labelOf(libraryTypes, 'sekolah', 'en')).toBe('School library');
    expect(labelOf(certificationIntentions, 'ragu', 'id')).toBe('Belum tahu');
    expect(labelOf(certificationIntentions, 'ragu', 'en')).toBe('Undecided');
    expect(labelOf(positions, 'pustakawan_ahli_pertama', 'id')).toBe('Pustakawan Ahli Pertama');
  });

  it('shows an unknown code as it is rather than nothing', () => {
    expect(labelOf(employmentStatuses, 'honorer', 'id')).toBe('honorer');
  });
});

describe('position labels', () => {
  it('print without the form hint; the form says it in brackets', () => {
    const old = positions.find((p) => p.code === 'pustakawan_penyelia')!;
    expect(labelOf(positions, 'pustakawan_penyelia', 'id')).toBe('Pustakawan Penyelia');
    expect(choiceLabel(old, 'id')).toBe('Pustakawan Penyelia (sebutan lama)');
    expect(choiceLabel(old, 'en')).toBe('Librarian, Supervisor (old title)');
    for (const p of positions) expect(p.label.id).not.toMatch(/sebutan|\(/);
  });
});
