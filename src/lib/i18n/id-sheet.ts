// The daftar hadir page's messages, Indonesian (spread into the catalog in id.ts). The
// sheet itself (title, header labels, columns) is fixed Indonesian in #domain/daftar-hadir:
// it is an official document whatever language the app shows.
export const idSheet = {
  'sheet.choose': 'Sesi atau hari',
  'sheet.wholeDay': 'Sehari penuh:',
  'sheet.participants': 'Peserta',
  'sheet.narasumber': 'Narasumber',
  'sheet.panitia': 'Panitia',
  'sheet.print': 'Cetak (A4)',
  'sheet.download': 'Unduh PDF',
  'sheet.preparing': 'Menyiapkan PDF…',
  'sheet.downloadFailed': 'PDF gagal dibuat. Coba lagi.',
  'sheet.signed': 'Tanda tangan di tablet',
} as const;
