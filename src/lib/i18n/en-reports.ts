// The organiser's reports (exports, certificates) and the public certificate check,
// English (keys as in id-reports.ts).
import type { idReports } from '#i18n/id-reports';

export const enReports: Record<keyof typeof idReports, string> = {
  'organiser.tab.reports': 'Reports',
  'exports.title': 'Spreadsheet exports',
  'exports.help':
    'Made from the data on this device, offline too. Sync first so that other tablets’ data is included.',
  'exports.batch': 'Batch',
  'exports.allBatches': 'All batches',
  'exports.language': 'File language',
  'exports.separator': 'CSV separator',
  'exports.semicolon': 'Semicolon (;) — Indonesian-locale Excel',
  'exports.comma': 'Comma (,)',
  'exports.revealNik': 'Show full NIK',
  'exports.revealNikWarning':
    'A full NIK is personal data (Law 27/2022). Keep this file somewhere safe and do not share it.',
  'exports.kind.participants': 'Participants (every registration field)',
  'exports.kind.matrix': 'Attendance matrix (participants × sessions, JP, percentage)',
  'exports.kind.checkins': 'Check-in log (repeats and walk-ins included)',
  'exports.kind.recap': 'Recap by regency/city',
  'exports.all': 'All reports in one XLSX file',
  'exports.busy': 'Preparing the file…',
  'exports.failed':
    'The file could not be made. If this device has never made an export, connect to the internet once and try again.',
  'certificates.title': 'Certificates',
  'certificates.rule': 'Rule: attendance of at least {threshold}% of the batch’s JP.',
  'certificates.pattern': 'Number pattern: {pattern}.',
  'certificates.noSignatory':
    'The certificate signatory is not set. Fill it in under Event before printing.',
  'certificates.unsent':
    '{count} changes on this device are not sent yet. The server judges from the data it has received: sync first.',
  'certificates.issue': 'Issue / update certificates',
  'certificates.count': '{count} certificates issued.',
  'certificates.revoked': '{count} revoked because they are no longer eligible.',
  'certificates.allPdf': 'Download all (one PDF)',
  'certificates.zip': 'Download ZIP (one PDF per participant)',
  'certificates.publish': 'Publish to participants',
  'certificates.unpublish': 'Withdraw',
  'certificates.publishedAt': 'Published {time}: participants can download theirs on their phones.',
  'certificates.number': 'Number',
  'certificates.name': 'Name',
  'certificates.batch': 'Batch',
  'certificates.download': 'Download',
  'certificates.ineligible': 'Not eligible yet ({count})',
  'certificates.reason': 'Reason',
  'certificates.reason.belowThreshold': 'Attendance below {threshold}%',
  'certificates.reason.noSessions': 'The batch has no sessions with JP yet',
  'certificates.reason.notRegistered': 'Not registered',
};
