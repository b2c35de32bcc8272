// The daftar hadir's messages, Indonesian (spread into the catalog in id.ts).
export const idSheet = {
  'sheet.choose': 'Sesi atau hari',
  'sheet.wholeDay': 'Sehari penuh:',
  'sheet.print': 'Cetak (A4)',
  'sheet.title': 'DAFTAR HADIR PESERTA',
  'sheet.event': 'Kegiatan',
  'sheet.date': 'Hari/tanggal',
  'sheet.session': 'Sesi',
  'sheet.place': 'Tempat',
  'sheet.signed': 'Tanda tangan di tablet',
} as const;
