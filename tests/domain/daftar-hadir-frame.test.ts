// The daftar hadir's official frame: kop surat, Tahun Anggaran and sumber dana only when
// set, the place of signing (the city, never the venue), the approver, the demo flag, and
// the official's absence. Fixture: daftar-hadir-fixture.ts.
import { describe, expect, it } from 'vitest';
import {
  attendanceSheet,
  cellText,
  columnKey,
  hasOfficial,
  type SheetChoice,
} from '#domain/daftar-hadir';
import type { Event } from '#domain/model';
import { data, event } from '#tests/domain/daftar-hadir-fixture';

const DAY: SheetChoice = { kind: 'participants', day: '2025-06-02' };
const sheetOf = (e: Event, choice: SheetChoice = DAY) =>
  attendanceSheet({ ...data, event: e }, choice);

describe('the official frame', () => {
  it('carries the event’s kop surat when it has one, and none when it is empty', () => {
    const letterhead = {
      lines: ['PEMERINTAH PROVINSI KALIMANTAN SELATAN', 'DINAS PERPUSTAKAAN DAN KEARSIPAN'],
      address: 'Jl. A. Yani Km 6,4 Banjarmasin',
      logos: [],
    };
    expect(sheetOf({ ...event, letterhead }).letterhead).toEqual(letterhead);
    expect(
      sheetOf({ ...event, letterhead: { lines: [], address: ' ', logos: [] } }),
    ).not.toHaveProperty('letterhead');
    expect(sheetOf(event)).not.toHaveProperty('letterhead');
  });

  it('leaves out Tahun Anggaran and sumber dana when the event sets neither', () => {
    const { fiscalYear: _f, ...rest } = event;
    const labels = sheetOf({ ...rest, fundingSource: ' ' }).header.map(([label]) => label);
    expect(labels).toEqual(['Kegiatan', 'Angkatan', 'Hari/tanggal', 'Tempat']);
  });

  it('is signed at the city; without one, a gap to fill in, never the venue', () => {
    expect(sheetOf(event).footer.placeAndDate).toBe('Banjarmasin, 2 Juni 2025');
    const placeAndDate = sheetOf({ ...event, city: '' }).footer.placeAndDate;
    expect(placeAndDate).toBe('…………………, 2 Juni 2025');
    expect(placeAndDate).not.toContain('Gedung');
  });

  it('has no approver block for a blank approver', () => {
    const blank = { ...event, approver: { name: ' ', title: 'Kuasa Pengguna Anggaran', nip: '' } };
    expect(sheetOf(blank)).not.toHaveProperty('approver');
  });

  it('marks a demo event’s sheets', () => {
    expect(sheetOf({ ...event, demo: true }).demo).toBe(true);
    expect(sheetOf(event).demo).toBe(false);
  });

  it('knows when the event names nobody to sign its daftar hadir', () => {
    expect(hasOfficial(event)).toBe(true);
    expect(hasOfficial({})).toBe(false);
    expect(hasOfficial({ official: { name: ' ', title: 'Ketua', nip: '' } })).toBe(false);
  });

  it('leaves the official’s block blank when the event names no official', () => {
    const { official: _, ...rest } = event;
    expect(sheetOf(rest, { kind: 'panitia', day: '2025-06-02' }).footer).toEqual({
      placeAndDate: 'Banjarmasin, 2 Juni 2025',
      title: '',
      name: '',
    });
  });
});

describe('cells', () => {
  it('print what each column holds, a dash for a missing NIP', () => {
    const row = { no: 7, name: 'Moh. Ali', position: 'SDN 1', note: 'Izin', struck: true };
    const sheet = sheetOf(event, { kind: 'participants', sessionId: 'sA2' });
    expect(sheet.columns.map((c) => cellText(row, columnKey(c)))).toEqual([
      '7',
      'Moh. Ali',
      '-',
      'SDN 1',
      'Izin',
      '',
    ]);
    expect(columnKey('Materi')).toBe('materi');
    expect(columnKey('Paraf')).toBeUndefined();
  });
});
