// The organiser's dashboard messages (added to the catalog by console.ts).
import type { Catalog } from '#domain/messages';

export const dashboardMessages = {
  'organiser.tab.dashboard': { id: 'Dasbor', en: 'Dashboard' },
  'dashboard.title': { id: 'Dasbor kegiatan', en: 'Event dashboard' },
  'dashboard.offline': {
    id: 'Dihitung dari data yang sudah tersinkron di perangkat ini; tetap bisa dibuka tanpa sinyal.',
    en: 'Counted from the data synced to this device; works without signal.',
  },
  'dashboard.today': { id: 'Hari ini: {day}', en: 'Today: {day}' },
  'dashboard.print': { id: 'Cetak dasbor', en: 'Print dashboard' },
  'dashboard.registered': { id: 'Terdaftar', en: 'Registered' },
  'dashboard.waitlisted': { id: 'Daftar tunggu', en: 'Waiting list' },
  'dashboard.cancelled': { id: 'Batal', en: 'Cancelled' },
  'dashboard.walkins': { id: 'Datang langsung', en: 'Walk-ins' },
  'dashboard.arrivedToday': { id: 'Hadir di lokasi hari ini', en: 'Arrived today' },
  'dashboard.ofRegistered': { id: 'dari {count} terdaftar', en: 'of {count} registered' },
  'dashboard.valueOf': { id: '{value} dari {of}', en: '{value} of {of}' },
  'dashboard.sessions': { id: 'Kehadiran per sesi', en: 'Attendance per session' },
  'dashboard.sessionsNone': { id: 'Belum ada sesi.', en: 'No sessions yet.' },
  'dashboard.session': { id: 'Sesi', en: 'Session' },
  'dashboard.attended': { id: 'Dihitung hadir', en: 'Counted present' },
  'dashboard.roster': { id: 'Peserta', en: 'Participants' },
  'dashboard.lateCounts': {
    id: 'Dihitung hadir = hadir + terlambat (di kegiatan ini terlambat dihitung hadir).',
    en: 'Counted present = present + late (late counts as present at this event).',
  },
  'dashboard.lateNotCounted': {
    id: 'Dihitung hadir = hadir saja (di kegiatan ini terlambat tidak dihitung hadir).',
    en: 'Counted present = present only (late does not count at this event).',
  },
  'dashboard.sessionsChart': {
    id: 'Per sesi: dihitung hadir dari peserta angkatannya',
    en: 'Per session: counted present of the batch’s participants',
  },
  'dashboard.byRegion': {
    id: 'Per kabupaten/kota: hadir di lokasi dari terdaftar',
    en: 'Per regency/city: arrived of registered',
  },
  'dashboard.byLibraryType': {
    id: 'Per jenis perpustakaan: hadir di lokasi dari terdaftar',
    en: 'Per library type: arrived of registered',
  },
  'dashboard.region': { id: 'Kabupaten/kota', en: 'Regency/city' },
  'dashboard.libraryType': { id: 'Jenis perpustakaan', en: 'Library type' },
  'dashboard.arrivedEver': { id: 'Hadir di lokasi', en: 'Arrived' },
  'dashboard.notGiven': { id: 'Belum diisi', en: 'Not given' },
  'dashboard.none': { id: 'Belum ada peserta terdaftar.', en: 'No registered participants yet.' },
  'dashboard.intention': {
    id: 'Rencana sertifikasi 2026 per kabupaten/kota',
    en: '2026 certification plans per regency/city',
  },
  'dashboard.total': { id: 'Jumlah', en: 'Total' },
  'dashboard.attention': { id: 'Perlu perhatian', en: 'Needs attention' },
  'dashboard.attentionNone': {
    id: 'Tidak ada yang perlu ditindaklanjuti.',
    en: 'Nothing needs attention.',
  },
  'dashboard.walkinsToComplete': {
    id: 'Walk-in yang perlu dilengkapi ({count})',
    en: 'Walk-ins to complete ({count})',
  },
  'dashboard.complete': { id: 'Lengkapi', en: 'Complete' },
  'dashboard.completeName': { id: 'Lengkapi data {name}', en: 'Complete the details of {name}' },
  'dashboard.duplicates': {
    id: 'Kemungkinan data ganda ({count})',
    en: 'Likely duplicates ({count})',
  },
  'dashboard.unsigned': {
    id: 'Check-in tanpa tanda tangan ({count})',
    en: 'Check-ins without a signature ({count})',
  },
  'dashboard.unsignedHelp': {
    id: 'Minta tanda tangan mereka di daftar hadir kertas.',
    en: 'Ask them to sign the paper attendance sheet.',
  },
  'dashboard.invalid': {
    id: 'Data identitas tidak valid ({count})',
    en: 'Identity data that fails the rules ({count})',
  },
  'dashboard.invalidHelp': {
    id: 'Tersimpan sebelum aturan ini berlaku atau dari aplikasi lama. Data tidak dihapus: periksa dan perbaiki bersama pesertanya.',
    en: 'Stored before this rule existed, or by an older app. Nothing is deleted: check and correct it with the participant.',
  },
  'dashboard.eventIssues': {
    id: 'Data kegiatan yang perlu diperbaiki',
    en: 'Event details to correct',
  },
  'dashboard.eventIssuesHelp': {
    id: 'Buka Kegiatan dan perbaiki isian ini; perubahan lain ditolak server sampai diperbaiki.',
    en: 'Open Kegiatan and correct these; the server refuses other edits of the event until then.',
  },
  'dashboard.complete.help': {
    id: 'Isian yang tidak ditanyakan di meja check-in. Setelah disimpan, peserta ini tidak lagi perlu dilengkapi.',
    en: 'What the check-in desk does not ask. Once saved, this participant no longer needs completing.',
  },
  'dashboard.complete.employmentStatus': { id: 'Status kepegawaian', en: 'Employment status' },
  'dashboard.complete.nip': { id: 'NIP', en: 'NIP' },
  'dashboard.complete.niPppk': { id: 'NI PPPK', en: 'NI PPPK' },
  'dashboard.complete.gender': { id: 'Jenis kelamin', en: 'Gender' },
  'dashboard.complete.genderL': { id: 'Laki-laki', en: 'Male' },
  'dashboard.complete.genderP': { id: 'Perempuan', en: 'Female' },
  'dashboard.complete.position': { id: 'Jabatan', en: 'Position' },
  'dashboard.complete.libraryType': { id: 'Jenis perpustakaan', en: 'Library type' },
  'dashboard.complete.phone': { id: 'Nomor HP/WhatsApp', en: 'Mobile/WhatsApp number' },
  'dashboard.complete.certificationIntention': {
    id: 'Rencana ikut sertifikasi pustakawan 2026',
    en: 'Plan to take the 2026 librarian certification',
  },
  'dashboard.complete.choose': { id: 'Pilih…', en: 'Choose…' },
  'dashboard.complete.save': { id: 'Simpan', en: 'Save' },
  'dashboard.complete.cancel': { id: 'Batal', en: 'Cancel' },
  'dashboard.complete.invalid': {
    id: 'Periksa isian yang ditandai merah.',
    en: 'Check the fields marked in red.',
  },
  'dashboard.complete.other': {
    id: 'Data lain peserta ini tidak valid: {message}',
    en: 'Other details of this participant are not valid: {message}',
  },
  'dashboard.complete.saved': {
    id: 'Data {name} sudah lengkap: tersimpan di perangkat ini dan terkirim saat ada sinyal.',
    en: 'The details of {name} are complete: saved on this device, sent when there is signal.',
  },
} satisfies Catalog;
