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
  'sheet.struck': 'Dicoret: tidak hadir, tidak dapat ditandatangani',
  'sheet.logo': 'Logo instansi',
  'sheet.printing': 'Menyiapkan cetakan…',
  'sheet.printFallback':
    'Peramban ini tidak dapat mencetak PDF langsung, jadi PDF-nya diunduh. Buka berkas itu, lalu cetak dari sana.',
  'sheet.printFailed': 'Cetakan gagal disiapkan. Coba lagi.',
  'sheet.printFrame': 'PDF daftar hadir untuk dicetak',
} as const;
