// The daftar hadir's messages, English (keys as in id-sheet.ts).
import type { idSheet } from '#i18n/id-sheet';

export const enSheet: Record<keyof typeof idSheet, string> = {
  'sheet.choose': 'Session or day',
  'sheet.wholeDay': 'Whole day:',
  'sheet.print': 'Print (A4)',
  'sheet.title': 'DAFTAR HADIR PESERTA (attendance list)',
  'sheet.event': 'Kegiatan (event)',
  'sheet.date': 'Hari/tanggal (date)',
  'sheet.session': 'Sesi (session)',
  'sheet.place': 'Tempat (venue)',
  'sheet.signed': 'Signed on the tablet',
};
