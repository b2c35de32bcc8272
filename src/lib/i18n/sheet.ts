// The daftar hadir page's messages (added to the catalog by console.ts). The sheet itself
// (title, header labels, columns) is fixed Indonesian in #domain/daftar-hadir: it is an
// official document whatever language the app shows.
import type { Catalog } from '#domain/messages';

export const sheetMessages = {
  'sheet.choose': { id: 'Sesi atau hari', en: 'Session or day' },
  'sheet.wholeDay': { id: 'Sehari penuh:', en: 'Whole day:' },
  'sheet.participants': { id: 'Peserta', en: 'Participants' },
  'sheet.narasumber': { id: 'Narasumber', en: 'Narasumber (speakers)' },
  'sheet.panitia': { id: 'Panitia', en: 'Panitia (committee)' },
  'sheet.print': { id: 'Cetak (A4)', en: 'Print (A4)' },
  'sheet.download': { id: 'Unduh PDF', en: 'Download PDF' },
  'sheet.preparing': { id: 'Menyiapkan PDF…', en: 'Preparing the PDF…' },
  'sheet.downloadFailed': {
    id: 'PDF gagal dibuat. Coba lagi.',
    en: 'The PDF could not be made. Try again.',
  },
  'sheet.signed': { id: 'Tanda tangan di tablet', en: 'Signed on the tablet' },
  'sheet.struck': {
    id: 'Dicoret: tidak hadir, tidak dapat ditandatangani',
    en: 'Struck through: not present, cannot be signed',
  },
  'sheet.logo': { id: 'Logo instansi', en: 'Office logo' },
  'sheet.printing': { id: 'Menyiapkan cetakan…', en: 'Preparing the printout…' },
  'sheet.printFallback': {
    id: 'Peramban ini tidak dapat mencetak PDF langsung, jadi PDF-nya diunduh. Buka berkas itu, lalu cetak dari sana.',
    en: 'This browser cannot print a PDF directly, so the PDF was downloaded. Open that file and print it from there.',
  },
  'sheet.printFailed': {
    id: 'Cetakan gagal disiapkan. Coba lagi.',
    en: 'The printout could not be prepared. Try again.',
  },
  'sheet.printFrame': { id: 'PDF daftar hadir untuk dicetak', en: 'Attendance list PDF to print' },
} satisfies Catalog;
