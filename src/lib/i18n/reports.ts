// The organiser's reports (exports, certificates) and the public certificate check
// (added to the catalog by console.ts).
import type { Catalog } from '#domain/messages';

export const reportsMessages = {
  'organiser.tab.reports': { id: 'Laporan', en: 'Reports' },
  'exports.title': { id: 'Ekspor spreadsheet', en: 'Spreadsheet exports' },
  'exports.help': {
    id: 'Dibuat dari data di perangkat ini, juga tanpa internet. Sinkronkan dulu agar data tablet lain ikut.',
    en: 'Made from the data on this device, offline too. Sync first so that other tablets’ data is included.',
  },
  'exports.batch': { id: 'Angkatan', en: 'Batch' },
  'exports.allBatches': { id: 'Semua angkatan', en: 'All batches' },
  'exports.language': { id: 'Bahasa berkas', en: 'File language' },
  'exports.separator': { id: 'Pemisah CSV', en: 'CSV separator' },
  'exports.semicolon': {
    id: 'Titik koma (;) — Excel berbahasa Indonesia',
    en: 'Semicolon (;) — Indonesian-locale Excel',
  },
  'exports.comma': { id: 'Koma (,)', en: 'Comma (,)' },
  'exports.revealNik': { id: 'Tampilkan NIK lengkap', en: 'Show full NIK' },
  'exports.revealNikWarning': {
    id: 'NIK lengkap adalah data pribadi (UU 27/2022). Simpan berkas ini hanya di tempat yang aman dan jangan dibagikan.',
    en: 'A full NIK is personal data (Law 27/2022). Keep this file somewhere safe and do not share it.',
  },
  'exports.all': { id: 'Semua laporan dalam satu berkas XLSX', en: 'All reports in one XLSX file' },
  'exports.busy': { id: 'Menyiapkan berkas…', en: 'Preparing the file…' },
  'exports.failed': {
    id: 'Berkas tidak dapat dibuat. Jika perangkat belum pernah membuat ekspor, sambungkan ke internet sekali lalu coba lagi.',
    en: 'The file could not be made. If this device has never made an export, connect to the internet once and try again.',
  },
  'certificates.title': { id: 'Sertifikat', en: 'Certificates' },
  'certificates.rule': {
    id: 'Syarat: kehadiran minimal {threshold}% dari JP angkatannya.',
    en: 'Rule: attendance of at least {threshold}% of the batch’s JP.',
  },
  'certificates.pattern': { id: 'Pola nomor: {pattern}.', en: 'Number pattern: {pattern}.' },
  'certificates.noSignatory': {
    id: 'Penandatangan sertifikat belum diisi. Lengkapi di bagian Kegiatan sebelum mencetak.',
    en: 'The certificate signatory is not set. Fill it in under Event before printing.',
  },
  'certificates.unsent': {
    id: 'Ada {count} perubahan di perangkat ini yang belum terkirim. Server menilai dari data yang sudah diterimanya: sinkronkan dulu.',
    en: '{count} changes on this device are not sent yet. The server judges from the data it has received: sync first.',
  },
  'certificates.issue': {
    id: 'Terbitkan / perbarui sertifikat',
    en: 'Issue / update certificates',
  },
  'certificates.count': { id: '{count} sertifikat terbit.', en: '{count} certificates issued.' },
  'certificates.revoked': {
    id: '{count} dicabut karena tidak lagi memenuhi syarat.',
    en: '{count} revoked because they are no longer eligible.',
  },
  'certificates.allPdf': { id: 'Unduh semua (satu PDF)', en: 'Download all (one PDF)' },
  'certificates.zip': {
    id: 'Unduh ZIP (satu PDF per peserta)',
    en: 'Download ZIP (one PDF per participant)',
  },
  'certificates.publish': { id: 'Umumkan ke peserta', en: 'Publish to participants' },
  'certificates.unpublish': { id: 'Tarik kembali', en: 'Withdraw' },
  'certificates.publishedAt': {
    id: 'Diumumkan {time}: peserta dapat mengunduh di ponselnya.',
    en: 'Published {time}: participants can download theirs on their phones.',
  },
  'certificates.number': { id: 'Nomor', en: 'Number' },
  'certificates.name': { id: 'Nama', en: 'Name' },
  'certificates.batch': { id: 'Angkatan', en: 'Batch' },
  'certificates.download': { id: 'Unduh', en: 'Download' },
  'certificates.ineligible': {
    id: 'Belum memenuhi syarat ({count})',
    en: 'Not eligible yet ({count})',
  },
  'certificates.reason': { id: 'Alasan', en: 'Reason' },
  'certificates.reason.belowThreshold': {
    id: 'Kehadiran di bawah {threshold}%',
    en: 'Attendance below {threshold}%',
  },
  'certificates.reason.noSessions': {
    id: 'Angkatannya belum punya sesi ber-JP',
    en: 'The batch has no sessions with JP yet',
  },
  'certificates.reason.notRegistered': { id: 'Tidak terdaftar', en: 'Not registered' },
  'certificates.reason.incomplete': {
    id: 'Data belum lengkap (walk-in): lengkapi datanya di Dasbor, lalu terbitkan ulang',
    en: 'Data incomplete (walk-in): complete it on the Dashboard, then issue again',
  },
  'certificates.thresholdInvalid': {
    id: 'Sertifikat tidak diterbitkan: batas kehadiran 0% berarti semua orang lulus, juga yang tidak pernah hadir. Atur batas lebih dari 0%.',
    en: 'No certificates issued: a 0% threshold passes everyone, even people who never attended. Set a threshold above 0%.',
  },
  'certificates.setThreshold': {
    id: 'Atur batas kehadiran (bagian Kegiatan)',
    en: 'Set the attendance threshold (Event section)',
  },
  'certificates.basis.programme': {
    id: 'Sertifikat mencantumkan JP program angkatannya (bukan JP yang diperoleh tiap peserta).',
    en: 'Certificates state the JP of the batch’s programme (not the JP each participant earned).',
  },
  'certificates.basis.earned': {
    id: 'Sertifikat mencantumkan JP yang diperoleh tiap peserta.',
    en: 'Certificates state the JP each participant earned.',
  },
  'certificates.dated': {
    id: 'Tanggal sertifikat mengikuti angkatannya: tanggal sertifikat angkatan bila diisi, selain itu hari terakhir angkatan.',
    en: 'Certificates are dated by batch: the batch’s certificate date when set, otherwise its last day.',
  },
  'certificates.noPlace': {
    id: 'Kota penandatanganan belum diisi: sertifikat hanya mencantumkan tanggal. Isi tempat sertifikat atau kota kegiatan.',
    en: 'The signing city is not set: certificates show the date only. Fill in the certificate place or the event’s city.',
  },
  'certificates.setPlace': {
    id: 'Isi tempat penandatanganan (bagian Kegiatan)',
    en: 'Set the signing place (Event section)',
  },
  'certificates.demo': {
    id: 'Kegiatan contoh: setiap halaman sertifikat bertanda CONTOH, dan pemeriksaan keaslian menyatakannya bukan sertifikat asli.',
    en: 'Demo event: every certificate page is marked CONTOH, and the certificate check says it is not genuine.',
  },
  'verify.title': { id: 'Periksa keaslian sertifikat', en: 'Check a certificate' },
  'verify.code': { id: 'Kode verifikasi', en: 'Verification code' },
  'verify.check': { id: 'Periksa', en: 'Check' },
  'verify.checking': { id: 'Memeriksa…', en: 'Checking…' },
  'verify.valid': {
    id: 'Sertifikat ASLI: tercatat di server penyelenggara.',
    en: 'GENUINE certificate: recorded on the organiser’s server.',
  },
  'verify.revoked': {
    id: 'Sertifikat ini DICABUT oleh penyelenggara dan tidak berlaku.',
    en: 'This certificate was REVOKED by the organiser and is not valid.',
  },
  'verify.demo': {
    id: 'Contoh — bukan sertifikat asli. Sertifikat ini berasal dari kegiatan contoh dengan data rekaan.',
    en: 'Sample — not a genuine certificate. It comes from the demo event, whose data is invented.',
  },
  'verify.unknown': {
    id: 'Sertifikat TIDAK DITEMUKAN. Kode ini tidak pernah diterbitkan: periksa kembali kodenya, atau sertifikat ini tidak asli.',
    en: 'Certificate NOT FOUND. This code was never issued: check the code again, or this certificate is not genuine.',
  },
  'verify.offline': {
    id: 'Tidak ada koneksi. Pemeriksaan memerlukan internet: coba lagi saat tersambung.',
    en: 'No connection. Checking needs the internet: try again when connected.',
  },
  'verify.failed': {
    id: 'Server tidak dapat memeriksa saat ini. Coba lagi sebentar lagi.',
    en: 'The server cannot check right now. Try again in a moment.',
  },
  'verify.number': { id: 'Nomor sertifikat', en: 'Certificate number' },
  'verify.name': { id: 'Nama', en: 'Name' },
  'verify.event': { id: 'Kegiatan', en: 'Event' },
  'verify.organizer': { id: 'Penyelenggara', en: 'Organiser' },
  'verify.dates': { id: 'Tanggal', en: 'Dates' },
  'verify.jp': { id: 'Jumlah jam pelajaran', en: 'Learning hours' },
  'verify.issued': { id: 'Tanggal terbit', en: 'Date of issue' },
  'verify.signatory': { id: 'Ditandatangani oleh', en: 'Signed by' },
  'certificates.downloadFailed': {
    id: 'PDF tidak dapat dibuat: kode pembuatnya belum tersimpan di perangkat ini. Sambungkan ke internet sekali, lalu coba lagi.',
    en: 'The PDF cannot be made: the code that draws it is not stored on this device yet. Connect to the internet once, then try again.',
  },
  'mine.title': { id: 'Sertifikat saya', en: 'My certificate' },
  'mine.loading': { id: 'Menanyakan ke server…', en: 'Asking the server…' },
  'mine.number': { id: 'Nomor {number} · {jp} JP', en: 'Number {number} · {jp} JP' },
  'mine.download': { id: 'Unduh sertifikat (PDF)', en: 'Download the certificate (PDF)' },
  'mine.none': {
    id: 'Belum ada sertifikat untuk pendaftaran di HP ini.',
    en: 'No certificate for the registration on this phone yet.',
  },
  'mine.unpublished': {
    id: 'Sertifikat belum diumumkan panitia. Coba lagi nanti.',
    en: 'The organisers have not published the certificates yet. Try again later.',
  },
  'mine.offline': {
    id: 'Tidak ada koneksi ke server. Sertifikat hanya dapat diambil saat tersambung.',
    en: 'No connection to the server. Certificates can only be fetched when connected.',
  },
  'mine.failed': {
    id: 'Server menolak permintaan ini. Buka tiket Anda, lalu coba lagi; bila tetap gagal, hubungi panitia.',
    en: 'The server refused this request. Open your ticket and try again; if it still fails, contact the organisers.',
  },
  'mine.ticketIntro': {
    id: 'Pendaftaran Anda ada di HP lain, atau NIP Anda sudah terdaftar sebelumnya? Masukkan nomor pendaftaran dan kode cek yang tertulis di tiket pertama Anda.',
    en: 'Registered on another phone, or your NIP was registered before? Enter the registration number and check code printed on your first ticket.',
  },
  'mine.ticketNumber': {
    id: 'Nomor pendaftaran (mis. KS-A1-006)',
    en: 'Registration number (e.g. KS-A1-006)',
  },
  'mine.ticketCode': {
    id: 'Kode cek di tiket (6 huruf/angka)',
    en: 'Check code on the ticket (6 letters/digits)',
  },
  'mine.ticketAsk': { id: 'Cari sertifikat', en: 'Find the certificate' },
  'mine.ticketInvalid': {
    id: 'Isi nomor pendaftaran dan kode cek (4–12 huruf atau angka) seperti di tiket.',
    en: 'Enter the registration number and the check code (4–12 letters or digits) as on the ticket.',
  },
  'mine.ticketUnknown': {
    id: 'Tidak ada pendaftaran dengan nomor dan kode cek ini. Periksa kembali tiket Anda (huruf O dan angka 0 tidak dipakai di kode cek).',
    en: 'No registration has this number and check code. Check your ticket again (the code never uses the letter O or the digit 0).',
  },
  'mine.ticketLimited': {
    id: 'Terlalu banyak percobaan yang salah. Coba lagi 15 menit lagi.',
    en: 'Too many wrong tries. Try again in 15 minutes.',
  },
  'mine.back': { id: 'Kembali ke tiket', en: 'Back to the ticket' },
  'certificates.outdated': {
    id: '{count} sertifikat yang sudah terbit tidak lagi sesuai dengan data kehadiran. Terbitkan ulang.',
    en: '{count} issued certificates no longer match the attendance. Issue them again.',
  },
  'certificates.localOrigin': {
    id: 'QR sertifikat mengarah ke alamat lokal, yang tidak dapat dibuka dari luar jaringan ini. Atur HADIR_PUBLIC_URL di server ke alamat publiknya, lalu unduh ulang.',
    en: 'The certificates’ QR points to a local address that cannot be opened outside this network. Set HADIR_PUBLIC_URL on the server to its public address, then download again.',
  },
} satisfies Catalog;
