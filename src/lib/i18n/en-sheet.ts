// The daftar hadir page's messages, English (keys as in id-sheet.ts).
import type { idSheet } from '#i18n/id-sheet';

export const enSheet: Record<keyof typeof idSheet, string> = {
  'sheet.choose': 'Session or day',
  'sheet.wholeDay': 'Whole day:',
  'sheet.participants': 'Participants',
  'sheet.narasumber': 'Narasumber (speakers)',
  'sheet.panitia': 'Panitia (committee)',
  'sheet.print': 'Print (A4)',
  'sheet.download': 'Download PDF',
  'sheet.preparing': 'Preparing the PDF…',
  'sheet.downloadFailed': 'The PDF could not be made. Try again.',
  'sheet.signed': 'Signed on the tablet',
  'sheet.struck': 'Struck through: not present, cannot be signed',
  'sheet.logo': 'Office logo',
  'sheet.printing': 'Preparing the printout…',
  'sheet.printFallback':
    'This browser cannot print a PDF directly, so the PDF was downloaded. Open that file and print it from there.',
  'sheet.printFailed': 'The printout could not be prepared. Try again.',
  'sheet.printFrame': 'Attendance list PDF to print',
};
