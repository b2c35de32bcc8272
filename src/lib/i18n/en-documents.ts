// Messages of a new event's start, and of documents that refuse to be made while nobody
// is named to sign them (English).
import type { idDocuments } from '#i18n/id-documents';

export const enDocuments: Record<keyof typeof idDocuments, string> = {
  'events.startFrom': 'Start from',
  'events.startEmpty': 'Empty (nothing taken from another event)',
  'events.startHelp':
    'A new event takes no official, certificate signatory, narasumber, panitia or NIP from any event, the demo included. Copying from an earlier event takes its settings only: organiser, minutes per JP, attendance threshold, options, certificate number pattern and place, privacy notice. Choosing here fills the form below again.',
  'events.copySchedule':
    'Also copy its {batches} batches and {sessions} sessions, moved to the new start date (without speakers’ names)',
  'events.copyTooShort':
    'The copied schedule runs until {day}. Move the end date later, or do not copy the batches and sessions.',
  'events.templateFailed': 'That event’s settings could not be fetched: {reason}',
  'certificates.signatoryRequired':
    'No certificates were issued: the certificate signatory is not set. A certificate signed by nobody is not valid.',
  'certificates.setSignatory': 'Set the certificate signatory (Event section)',
  'certificates.unissued': '{count} participants are eligible, not issued yet.',
  'certificates.pending':
    '{count} participants of batches not finished yet are not judged; they appear here once their batch is over.',
  'sheet.noOfficial':
    'The attendance list cannot be printed or downloaded: the official who signs it (ketua panitia / PPTK) is not set. It is accounting evidence (SPJ) and must be signed.',
  'sheet.setOfficial': 'Set who signs the attendance list (Event section)',
  'dashboard.ofToday': 'of {count} participants of {batches}',
  'dashboard.noBatchToday': 'of {count} registered; no batch meets today',
  'setup.error.personName':
    "Write the name with two letters at least; only Latin letters (accents allowed), digits, spaces and . , ' ’ - ( ) can be printed",
  'frame.title': 'Letterhead and document signatories',
  'frame.help':
    'Printed on the attendance lists, recaps and (when chosen) certificates. The place of signing is the office’s city, not the venue’s address.',
  'frame.line': 'Letterhead line {n}',
  'frame.line.example': 'PEMERINTAH PROVINSI KALIMANTAN SELATAN',
  'frame.fundingSource.example': 'DAK Non Fisik',
  'frame.address': 'Office address (street, city, telephone)',
  'frame.logo.add': 'Add a logo (PNG/JPEG, at most 64 KB)',
  'frame.logo.alt': 'Logo {n}',
  'frame.logo.remove': 'Remove logo {n}',
  'frame.logo.type': 'A logo must be a PNG or JPEG image.',
  'frame.logo.size':
    'The logo is too large (at most 64 KB). Make the image smaller and choose it again.',
  'frame.logo.read': 'The logo file cannot be read. Choose another file.',
  'frame.city': 'City of signing (e.g. Banjarmasin)',
  'frame.fiscalYear': 'Fiscal year',
  'frame.fundingSource': 'Funding source (e.g. DAK Non Fisik)',
  'frame.approver': 'Acknowledged by (budget authority / PPK)',
  'frame.approver.help':
    'The attendance list’s second signatory, on the left. Leave blank when the committee chair / PPTK alone signs.',
  'frame.jpBasis': 'JP stated on the certificate',
  'frame.jpBasis.programme':
    'The programme’s JP (the usual practice: everyone who passed followed the same programme)',
  'frame.jpBasis.earned': 'The JP each participant attended',
  'frame.certificateLogos': 'Print the letterhead’s logos on certificates',
  'frame.backPage': 'Back page: the list of materi and JP',
  'frame.serves': 'Serves on',
  'frame.certificateDate': 'Certificate date',
  'frame.certificateDate.hint':
    'Leave blank to use the batch’s last day. The certificate number follows this date’s month and year.',
};
