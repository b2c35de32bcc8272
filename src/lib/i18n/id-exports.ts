// The exports' and the dashboard print's messages, Indonesian (spread into the console's
// catalog in console.ts). The words inside the files are the files' own (exports-words.ts).
export const idExports = {
  'exportKind.participants': 'Data peserta (semua isian pendaftaran)',
  'exportKind.matrix': 'Matriks kehadiran (peserta × sesi, JP, persentase)',
  'exportKind.checkins': 'Log check-in (termasuk check-in ulang dan datang langsung)',
  'exportKind.recap': 'Rekap per kabupaten/kota (semua kabupaten/kota provinsi, L/P)',
  'exportKind.breakdown': 'Rekap menurut jenis kelamin, status kepegawaian, jabatan dan angkatan',
  'exportKind.certificates': 'Register sertifikat (nomor, JP, kode verifikasi, dicabut)',
  'exports.noCertificateList':
    'Register sertifikat memakai daftar sertifikat terakhir dari server. Perangkat ini belum punya daftarnya: lembar itu hanya memuat keterangan.',
  'exports.csvText':
    'Di CSV, NIK, NIP dan nomor HP ditulis sebagai teks (="…") agar Excel tidak mengubah digitnya.',
  'dashboardPrint.dates': 'Tanggal kegiatan: {dates}',
  'dashboardPrint.figuresFor': 'Keadaan {when}, pukul {time}',
  'dashboardPrint.dayNumber': 'Hari ke-{n}',
  'dashboardPrint.batchDay': '{batch} hari ke-{n}',
  'dashboardPrint.noBatch': 'tidak ada angkatan yang berkegiatan',
} as const;
