// The exports' and the dashboard print's messages, English (keys as in id-exports.ts).
import type { idExports } from '#i18n/id-exports';

export const enExports: Record<keyof typeof idExports, string> = {
  'exportKind.participants': 'Participants (every registration field)',
  'exportKind.matrix': 'Attendance matrix (participants × sessions, JP, percentage)',
  'exportKind.checkins': 'Check-in log (repeat check-ins and walk-ins included)',
  'exportKind.recap': 'Recap by regency/city (every one of the province, by gender)',
  'exportKind.breakdown': 'Recap by gender, employment status, position and batch',
  'exportKind.certificates': 'Certificate register (number, JP, verification code, revoked)',
  'exports.noCertificateList':
    'The certificate register uses the last certificate list from the server. This device has none yet: that sheet only says so.',
  'exports.csvText':
    'In CSV, NIK, NIP and phone numbers are written as text (="…") so that Excel keeps their digits.',
  'dashboardPrint.dates': 'Event dates: {dates}',
  'dashboardPrint.figuresFor': 'Figures as of {when}, {time}',
  'dashboardPrint.dayNumber': 'Day {n}',
  'dashboardPrint.batchDay': '{batch} day {n}',
  'dashboardPrint.noBatch': 'no batch meets',
};
