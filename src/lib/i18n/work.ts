// The desk's and the trainer's messages (check-in, walk-ins, session rosters): needed by a
// desk tablet or a trainer's phone, not by the first screen every device opens. The
// screens that use them import this module, which adds them to the catalog before they
// render (as console.ts does for the organiser's).
import type { Catalog } from '#domain/messages';
import { deskMessages } from '#i18n/desk';
import { addMessages } from '#i18n/translate';

export const workMessages = {
  ...deskMessages,
  // The device page's server choice: a desk or a trainer's phone of a venue hub.
  'device.server': { id: 'Server', en: 'Server' },
  'device.syncingHub': {
    id: 'Menyinkron dengan hub di lokasi ({url})',
    en: 'Syncing with the venue hub ({url})',
  },
  'device.syncingOffice': {
    id: 'Menyinkron langsung dengan server pusat ({url})',
    en: 'Syncing directly with the office server ({url})',
  },
  'device.toOfficeHelp': {
    id: 'Bila laptop hub mati dan perangkat ini bisa mencapai internet, kirim langsung ke server pusat. Yang belum sampai tetap di perangkat ini dan dikirim ulang: tidak ada yang hilang atau tercatat dua kali.',
    en: 'If the hub laptop dies and this device can reach the internet, send to the office server directly. What has not arrived stays on this device and is sent again: nothing is lost or recorded twice.',
  },
  'device.toOffice': {
    id: 'Kirim langsung ke server pusat',
    en: 'Send to the office server directly',
  },
  'device.toOfficeConfirm': {
    id: 'Kirim langsung ke {url}? Aplikasi dimuat ulang.',
    en: 'Send directly to {url}? The app reloads.',
  },
  'device.toHub': { id: 'Kembali ke hub', en: 'Back to the hub' },
  'roster.refused': { id: 'Ditolak server: {status}', en: 'Refused by the server: {status}' },
  'roster.refusedHelp': {
    id: 'Periksa, lalu tekan Coba lagi atau Abaikan.',
    en: 'Check it, then press Retry or Dismiss.',
  },
  'roster.refusedClosedHelp': {
    id: 'Minta panitia membuka kembali sesi atau mengubah kehadiran ini. Setelah sesi dibuka, tekan Coba lagi; atau Abaikan.',
    en: 'Ask the organisers to reopen the session or to change this mark. Once it is reopened, press Retry; or Dismiss.',
  },
  'roster.refusedCount': {
    id: '{count} tanda kehadiran di sesi ini ditolak server.',
    en: '{count} attendance marks in this session were refused by the server.',
  },
  'roster.retryAll': { id: 'Coba lagi semua', en: 'Retry all' },
  'roster.dismissAll': { id: 'Abaikan semua', en: 'Dismiss all' },
  'desk.title': { id: 'Meja check-in', en: 'Check-in desk' },
  'desk.search': {
    id: 'Cari nama, NIP, nomor HP, nomor registrasi, kode tiket, instansi, kab/kota',
    en: 'Search name, NIP, phone number, registration number, ticket code, institution, regency/city',
  },
  'desk.noResults': {
    id: 'Tidak ada yang cocok. Periksa ejaan, atau coba NIP atau nomor HP.',
    en: 'Nobody matches. Check the spelling, or try a NIP or phone number.',
  },
  'desk.checkIn': { id: 'Check-in', en: 'Check in' },
  'desk.arrivedAt': { id: 'Sudah hadir {time}', en: 'Arrived {time}' },
  'desk.here': { id: 'di meja ini', en: 'at this desk' },
  'desk.elsewhere': { id: 'di meja lain', en: 'at another desk' },
  'desk.confirmed': { id: 'HADIR', en: 'PRESENT' },
  'desk.confirmedAt': {
    id: '{name} tercatat hadir pukul {time}.',
    en: '{name} checked in at {time}.',
  },
  'desk.repeat': {
    id: 'Sudah check-in sebelumnya pukul {time}; dicatat sebagai check-in ulang.',
    en: 'Already checked in at {time}; recorded as a repeat.',
  },
  'desk.registered': { id: 'Terdaftar', en: 'Registered' },
  'desk.arrived': { id: 'Hadir hari ini', en: 'Arrived today' },
  'desk.expected': { id: 'Belum datang', en: 'Still expected' },
  'desk.walkins': { id: 'Walk-in', en: 'Walk-ins' },
  'desk.repeats': { id: 'Check-in ulang', en: 'Repeats' },
  'desk.byBatch': { id: 'Per angkatan', en: 'By batch' },
  'desk.byRegion': { id: 'Per kabupaten/kota', en: 'By regency/city' },
  'desk.unknownTicket': {
    id: 'Tiket tidak dikenal di kegiatan ini. Cari dengan nama atau NIP.',
    en: 'Ticket not known for this event. Search by name or NIP.',
  },
  'desk.wrongCode': {
    id: 'Kode cek tiket tidak cocok. Periksa identitas, lalu cari dengan nama.',
    en: 'The ticket’s check code does not match. Check their ID, then search by name.',
  },
  'desk.sound': { id: 'Bunyi dan getar', en: 'Sound and vibration' },
  'desk.cameraOpen': { id: 'Pindai QR dengan kamera', en: 'Scan QR with the camera' },
  'desk.cameraClose': { id: 'Tutup kamera', en: 'Close the camera' },
  'desk.scanStarting': { id: 'Menyalakan kamera…', en: 'Starting the camera…' },
  'desk.scanAim': { id: 'Arahkan QR tiket ke kamera', en: 'Point the ticket QR at the camera' },
  'desk.scanChecking': { id: 'QR terbaca, memeriksa tiket…', en: 'QR read, checking the ticket…' },
  'desk.scanResuming': {
    id: 'Pemindaian lanjut dalam 2 detik',
    en: 'Scanning resumes in 2 seconds',
  },
  'desk.scanPaused': {
    id: 'Kamera dijeda. Tekan “Pindai berikutnya” untuk tiket berikutnya.',
    en: 'Camera paused. Press “Scan next” for the next ticket.',
  },
  'desk.scanNext': { id: 'Pindai berikutnya', en: 'Scan next' },
  'desk.scanRapid': {
    id: 'Pindai cepat (lanjut sendiri 2 detik setelah check-in)',
    en: 'Rapid scanning (resume by itself 2 seconds after a check-in)',
  },
  'desk.scanVideo': {
    id: 'Gambar kamera untuk memindai QR tiket',
    en: 'Camera view for scanning ticket QR codes',
  },
  'desk.scanNoCamera': {
    id: 'Perangkat ini tidak punya kamera yang bisa dipakai. Cari peserta dengan nama atau NIP.',
    en: 'This device has no usable camera. Search for the participant by name or NIP.',
  },
  'desk.scanDenied': {
    id: 'Izin kamera ditolak. Izinkan kamera untuk situs ini di pengaturan browser, lalu buka kamera lagi.',
    en: 'Camera permission was refused. Allow the camera for this site in the browser settings, then open the camera again.',
  },
  'desk.scanFailed': {
    id: 'Kamera tidak bisa dinyalakan; mungkin sedang dipakai aplikasi lain. Tutup aplikasi itu, lalu buka kamera lagi.',
    en: 'The camera could not start; another app may be using it. Close that app, then open the camera again.',
  },
  'desk.scanDecoder': {
    id: 'Pembaca QR gagal dimuat. Muat ulang halaman, atau cari peserta dengan nama atau NIP.',
    en: 'The QR reader failed to load. Reload the page, or search for the participant by name or NIP.',
  },
  'desk.undo': { id: 'Batalkan', en: 'Undo' },
  'desk.undone': { id: 'Check-in {name} dibatalkan.', en: 'Check-in of {name} undone.' },
  'desk.undoTooLate': {
    id: 'Terlambat untuk membatalkan: check-in sudah dicatat. Hubungi panitia bila salah orang.',
    en: 'Too late to undo: the check-in stands. Tell the organiser if it was the wrong person.',
  },
  'desk.signTitle': { id: '{name}: tanda tangan di kotak ini', en: '{name}: sign in this box' },
  'desk.signArea': {
    id: 'Kotak tanda tangan: tulis dengan jari atau stylus',
    en: 'Signature box: write with a finger or a stylus',
  },
  'desk.signSave': { id: 'Simpan tanda tangan', en: 'Save signature' },
  'desk.signClear': { id: 'Ulangi', en: 'Start again' },
  'desk.signSkip': { id: 'Lewati (tanda tangan di kertas)', en: 'Skip (sign on paper)' },
  'desk.signCancel': { id: 'Batal check-in', en: 'Cancel check-in' },
  'desk.unsigned': {
    id: 'Tanpa tanda tangan: minta tanda tangan di daftar hadir kertas.',
    en: 'No signature: ask for one on the paper attendance list.',
  },
  'desk.walkinButton': { id: 'Peserta tidak terdaftar (walk-in)', en: 'Not registered (walk-in)' },
  'desk.walkinDone': {
    id: 'Walk-in dicatat; panitia akan melengkapi datanya.',
    en: 'Walk-in recorded; the organiser will complete their details.',
  },
  'walkin.title': {
    id: 'Walk-in: peserta yang belum mendaftar',
    en: 'Walk-in: a participant who did not register',
  },
  'walkin.help': {
    id: 'Isi yang perlu saja; panitia melengkapi data lainnya nanti.',
    en: 'Only what is needed now; the organiser completes the rest later.',
  },
  'walkin.fullName': { id: 'Nama lengkap (dengan gelar)', en: 'Full name (with titles)' },
  'walkin.nip': { id: 'NIP / NI PPPK', en: 'NIP / NI PPPK' },
  'walkin.phone': { id: 'Nomor HP', en: 'Mobile number' },
  'walkin.institution': { id: 'Instansi / unit kerja', en: 'Institution / work unit' },
  'walkin.region': { id: 'Kabupaten/kota', en: 'Regency/city' },
  'walkin.batch': { id: 'Angkatan', en: 'Batch' },
  'walkin.choose': { id: 'Pilih…', en: 'Choose…' },
  'walkin.maybe': { id: 'Mungkin sudah terdaftar:', en: 'Possibly registered already:' },
  'walkin.reason.nip': { id: 'NIP sama', en: 'same NIP' },
  'walkin.reason.phone': { id: 'nomor HP sama', en: 'same phone number' },
  'walkin.reason.name': { id: 'nama mirip, instansi sama', en: 'similar name, same institution' },
  'walkin.thisOne': { id: 'Orang ini — check-in', en: 'This person — check in' },
  'walkin.notThem': {
    id: 'Sudah saya periksa: ini orang lain',
    en: 'I have checked: this is someone else',
  },
  'walkin.submit': { id: 'Daftarkan & check-in', en: 'Register & check in' },
  'walkin.cancel': { id: 'Batal', en: 'Cancel' },
  'desk.notForRole': {
    id: 'Meja check-in hanya untuk perangkat petugas check-in dan panitia.',
    en: 'The check-in desk is for check-in staff and organiser devices only.',
  },
  'desk.mergedTicket': {
    id: 'Tiket dari pendaftaran ganda (NIP sama). Periksa identitas, lalu tekan Check-in pada nama di bawah.',
    en: 'Ticket from a duplicate registration (same NIP). Check their identity, then press Check-in on the name below.',
  },
  'desk.status.waitlisted': { id: 'Daftar tunggu', en: 'Waiting list' },
  'desk.status.cancelled': { id: 'Pendaftaran dibatalkan', en: 'Registration cancelled' },
  'roster.status.hadir': { id: 'Hadir', en: 'Present' },
  'roster.status.terlambat': { id: 'Terlambat', en: 'Late' },
  'roster.status.izin': { id: 'Izin', en: 'Excused' },
  'roster.status.sakit': { id: 'Sakit', en: 'Sick' },
  'roster.status.tidak_hadir': { id: 'Tidak hadir', en: 'Absent' },
  'roster.status.unmarked': { id: 'Belum ditandai', en: 'Not marked' },
  'roster.markArrived': {
    id: 'Tandai semua yang sudah check-in',
    en: 'Mark everyone who checked in',
  },
  'roster.markedArrived': {
    id: '{count} peserta ditandai dari check-in.',
    en: '{count} participants marked from check-in.',
  },
  'roster.onlyUnmarked': { id: 'Hanya yang belum ditandai', en: 'Only those not marked' },
  'roster.arrived': { id: 'Check-in {time}', en: 'Checked in {time}' },
  'roster.notArrived': { id: 'Belum check-in', en: 'Not checked in' },
  'roster.suggest': { id: 'saran: {status}', en: 'suggested: {status}' },
  'roster.tapHint': {
    id: 'Ketuk status untuk mengganti; tekan lama untuk memilih.',
    en: 'Tap the status to change it; press and hold to choose.',
  },
  'roster.choose': { id: 'Pilih status untuk {name}', en: 'Choose a status for {name}' },
  'roster.note': {
    id: 'Catatan (mis. izin: rapat dinas)',
    en: 'Note (e.g. excused: official meeting)',
  },
  'roster.saveNote': { id: 'Simpan catatan', en: 'Save note' },
  'roster.history': { id: 'Riwayat', en: 'History' },
  'roster.historyItem': { id: '{status} · {time} · {device}', en: '{status} · {time} · {device}' },
  'roster.thisDevice': { id: 'perangkat ini', en: 'this device' },
  'roster.otherDevice': { id: 'perangkat lain', en: 'another device' },
  'roster.empty': {
    id: 'Tidak ada peserta di angkatan ini.',
    en: 'No participants in this batch.',
  },
  'roster.finish': { id: 'Selesaikan sesi', en: 'Finish the session' },
  'roster.finishConfirm': {
    id: 'Selesaikan sesi ini? Setelah itu kehadirannya hanya dapat diubah panitia.',
    en: 'Finish this session? Its attendance can then be changed by the organiser only.',
  },
  'roster.reopen': { id: 'Buka kembali sesi', en: 'Reopen the session' },
  'roster.closed': {
    id: 'Sesi selesai pukul {time}. Kehadiran hanya dapat diubah panitia.',
    en: 'Session finished at {time}. Only the organiser can change its attendance.',
  },
  'roster.closedOrganiser': {
    id: 'Sesi selesai pukul {time}. Sebagai panitia, Anda masih dapat mengubahnya.',
    en: 'Session finished at {time}. As the organiser you can still change it.',
  },
  'desk.people': {
    id: '{count} peserta di perangkat ini',
    en: '{count} participants on this device',
  },
} satisfies Catalog;
export type WorkKey = keyof typeof workMessages;

addMessages(workMessages);
