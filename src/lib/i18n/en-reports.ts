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
  'certificates.reason.incomplete':
    'Data incomplete (walk-in): complete it on the Dashboard, then issue again',
  'certificates.thresholdInvalid':
    'No certificates issued: a 0% threshold passes everyone, even people who never attended. Set a threshold above 0%.',
  'certificates.setThreshold': 'Set the attendance threshold (Event section)',
  'certificates.basis.programme':
    'Certificates state the JP of the batch’s programme (not the JP each participant earned).',
  'certificates.basis.earned': 'Certificates state the JP each participant earned.',
  'certificates.dated':
    'Certificates are dated by batch: the batch’s certificate date when set, otherwise its last day.',
  'certificates.noPlace':
    'The signing city is not set: certificates show the date only. Fill in the certificate place or the event’s city.',
  'certificates.setPlace': 'Set the signing place (Event section)',
  'certificates.demo':
    'Demo event: every certificate page is marked CONTOH, and the certificate check says it is not genuine.',
  'verify.title': 'Check a certificate',
  'verify.code': 'Verification code',
  'verify.check': 'Check',
  'verify.checking': 'Checking…',
  'verify.valid': 'GENUINE certificate: recorded on the organiser’s server.',
  'verify.revoked': 'This certificate was REVOKED by the organiser and is not valid.',
  'verify.demo':
    'Sample — not a genuine certificate. It comes from the demo event, whose data is invented.',
  'verify.unknown':
    'Certificate NOT FOUND. This code was never issued: check the code again, or this certificate is not genuine.',
  'verify.offline': 'No connection. Checking needs the internet: try again when connected.',
  'verify.failed': 'The server cannot check right now. Try again in a moment.',
  'verify.number': 'Certificate number',
  'verify.name': 'Name',
  'verify.event': 'Event',
  'verify.organizer': 'Organiser',
  'verify.dates': 'Dates',
  'verify.jp': 'Learning hours',
  'verify.issued': 'Date of issue',
  'verify.signatory': 'Signed by',
  'certificates.downloadFailed':
    'The PDF cannot be made: the code that draws it is not stored on this device yet. Connect to the internet once, then try again.',
  'mine.title': 'My certificate',
  'mine.loading': 'Asking the server…',
  'mine.number': 'Number {number} · {jp} JP',
  'mine.download': 'Download the certificate (PDF)',
  'mine.none': 'No certificate for the registration on this phone yet.',
  'mine.unpublished': 'The organisers have not published the certificates yet. Try again later.',
  'mine.offline': 'No connection to the server. Certificates can only be fetched when connected.',
  'mine.failed':
    'The server refused this request. Open your ticket and try again; if it still fails, contact the organisers.',
  'mine.ticketIntro':
    'Registered on another phone, or your NIP was registered before? Enter the registration number and check code printed on your first ticket.',
  'mine.ticketNumber': 'Registration number (e.g. KS-A1-006)',
  'mine.ticketCode': 'Check code on the ticket (6 letters/digits)',
  'mine.ticketAsk': 'Find the certificate',
  'mine.ticketInvalid':
    'Enter the registration number and the check code (4–12 letters or digits) as on the ticket.',
  'mine.ticketUnknown':
    'No registration has this number and check code. Check your ticket again (the code never uses the letter O or the digit 0).',
  'mine.ticketLimited': 'Too many wrong tries. Try again in 15 minutes.',
  'mine.back': 'Back to the ticket',
  'certificates.outdated':
    '{count} issued certificates no longer match the attendance. Issue them again.',
  'certificates.localOrigin':
    'The certificates’ QR points to a local address that cannot be opened outside this network. Set HADIR_PUBLIC_URL on the server to its public address, then download again.',
};
