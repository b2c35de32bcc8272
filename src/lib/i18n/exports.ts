// The exports' and the dashboard print's messages (added to the catalog by console.ts).
// The words inside the files are the files' own (exports-words.ts).
import type { Catalog } from '#domain/messages';

export const exportsMessages = {
  'exportKind.participants': {
    id: 'Data peserta (semua isian pendaftaran)',
    en: 'Participants (every registration field)',
  },
  'exportKind.matrix': {
    id: 'Matriks kehadiran (peserta × sesi, JP, persentase)',
    en: 'Attendance matrix (participants × sessions, JP, percentage)',
  },
  'exportKind.checkins': {
    id: 'Log check-in (termasuk check-in ulang dan datang langsung)',
    en: 'Check-in log (repeat check-ins and walk-ins included)',
  },
  'exportKind.recap': {
    id: 'Rekap per kabupaten/kota (semua kabupaten/kota provinsi, L/P)',
    en: 'Recap by regency/city (every one of the province, by gender)',
  },
  'exportKind.breakdown': {
    id: 'Rekap menurut jenis kelamin, status kepegawaian, jabatan dan angkatan',
    en: 'Recap by gender, employment status, position and batch',
  },
  'exportKind.certificates': {
    id: 'Register sertifikat (nomor, JP, kode verifikasi, dicabut)',
    en: 'Certificate register (number, JP, verification code, revoked)',
  },
  'exports.noCertificateList': {
    id: 'Register sertifikat memakai daftar sertifikat terakhir dari server. Perangkat ini belum punya daftarnya: lembar itu hanya memuat keterangan.',
    en: 'The certificate register uses the last certificate list from the server. This device has none yet: that sheet only says so.',
  },
  'exports.csvText': {
    id: 'Di CSV, NIK, NIP dan nomor HP ditulis sebagai teks (="…") agar Excel tidak mengubah digitnya.',
    en: 'In CSV, NIK, NIP and phone numbers are written as text (="…") so that Excel keeps their digits.',
  },
  'dashboardPrint.dates': { id: 'Tanggal kegiatan: {dates}', en: 'Event dates: {dates}' },
  'dashboardPrint.figuresFor': {
    id: 'Keadaan {when}, pukul {time}',
    en: 'Figures as of {when}, {time}',
  },
  'dashboardPrint.dayNumber': { id: 'Hari ke-{n}', en: 'Day {n}' },
  'dashboardPrint.batchDay': { id: '{batch} hari ke-{n}', en: '{batch} day {n}' },
  'dashboardPrint.noBatch': { id: 'tidak ada angkatan yang berkegiatan', en: 'no batch meets' },
} satisfies Catalog;
