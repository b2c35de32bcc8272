// The organiser's reports (exports, certificates) and the public certificate check,
// Indonesian (spread into the catalog in id.ts).
export const idReports = {
  'organiser.tab.reports': 'Laporan',
  'exports.title': 'Ekspor spreadsheet',
  'exports.help':
    'Dibuat dari data di perangkat ini, juga tanpa internet. Sinkronkan dulu agar data tablet lain ikut.',
  'exports.batch': 'Angkatan',
  'exports.allBatches': 'Semua angkatan',
  'exports.language': 'Bahasa berkas',
  'exports.separator': 'Pemisah CSV',
  'exports.semicolon': 'Titik koma (;) — Excel berbahasa Indonesia',
  'exports.comma': 'Koma (,)',
  'exports.revealNik': 'Tampilkan NIK lengkap',
  'exports.revealNikWarning':
    'NIK lengkap adalah data pribadi (UU 27/2022). Simpan berkas ini hanya di tempat yang aman dan jangan dibagikan.',
  'exports.all': 'Semua laporan dalam satu berkas XLSX',
  'exports.busy': 'Menyiapkan berkas…',
  'exports.failed':
    'Berkas tidak dapat dibuat. Jika perangkat belum pernah membuat ekspor, sambungkan ke internet sekali lalu coba lagi.',
  'certificates.title': 'Sertifikat',
  'certificates.rule': 'Syarat: kehadiran minimal {threshold}% dari JP angkatannya.',
  'certificates.pattern': 'Pola nomor: {pattern}.',
  'certificates.noSignatory':
    'Penandatangan sertifikat belum diisi. Lengkapi di bagian Kegiatan sebelum mencetak.',
  'certificates.unsent':
    'Ada {count} perubahan di perangkat ini yang belum terkirim. Server menilai dari data yang sudah diterimanya: sinkronkan dulu.',
  'certificates.issue': 'Terbitkan / perbarui sertifikat',
  'certificates.count': '{count} sertifikat terbit.',
  'certificates.revoked': '{count} dicabut karena tidak lagi memenuhi syarat.',
  'certificates.allPdf': 'Unduh semua (satu PDF)',
  'certificates.zip': 'Unduh ZIP (satu PDF per peserta)',
  'certificates.publish': 'Umumkan ke peserta',
  'certificates.unpublish': 'Tarik kembali',
  'certificates.publishedAt': 'Diumumkan {time}: peserta dapat mengunduh di ponselnya.',
  'certificates.number': 'Nomor',
  'certificates.name': 'Nama',
  'certificates.batch': 'Angkatan',
  'certificates.download': 'Unduh',
  'certificates.ineligible': 'Belum memenuhi syarat ({count})',
  'certificates.reason': 'Alasan',
  'certificates.reason.belowThreshold': 'Kehadiran di bawah {threshold}%',
  'certificates.reason.noSessions': 'Angkatannya belum punya sesi ber-JP',
  'certificates.reason.notRegistered': 'Tidak terdaftar',
  'certificates.reason.incomplete':
    'Data belum lengkap (walk-in): lengkapi datanya di Dasbor, lalu terbitkan ulang',
  'certificates.thresholdInvalid':
    'Sertifikat tidak diterbitkan: batas kehadiran 0% berarti semua orang lulus, juga yang tidak pernah hadir. Atur batas lebih dari 0%.',
  'certificates.setThreshold': 'Atur batas kehadiran (bagian Kegiatan)',
  'certificates.basis.programme':
    'Sertifikat mencantumkan JP program angkatannya (bukan JP yang diperoleh tiap peserta).',
  'certificates.basis.earned': 'Sertifikat mencantumkan JP yang diperoleh tiap peserta.',
  'certificates.dated':
    'Tanggal sertifikat mengikuti angkatannya: tanggal sertifikat angkatan bila diisi, selain itu hari terakhir angkatan.',
  'certificates.noPlace':
    'Kota penandatanganan belum diisi: sertifikat hanya mencantumkan tanggal. Isi tempat sertifikat atau kota kegiatan.',
  'certificates.setPlace': 'Isi tempat penandatanganan (bagian Kegiatan)',
  'certificates.demo':
    'Kegiatan contoh: setiap halaman sertifikat bertanda CONTOH, dan pemeriksaan keaslian menyatakannya bukan sertifikat asli.',
  'verify.title': 'Periksa keaslian sertifikat',
  'verify.code': 'Kode verifikasi',
  'verify.check': 'Periksa',
  'verify.checking': 'Memeriksa…',
  'verify.valid': 'Sertifikat ASLI: tercatat di server penyelenggara.',
  'verify.revoked': 'Sertifikat ini DICABUT oleh penyelenggara dan tidak berlaku.',
  'verify.demo':
    'Contoh — bukan sertifikat asli. Sertifikat ini berasal dari kegiatan contoh dengan data rekaan.',
  'verify.unknown':
    'Sertifikat TIDAK DITEMUKAN. Kode ini tidak pernah diterbitkan: periksa kembali kodenya, atau sertifikat ini tidak asli.',
  'verify.offline':
    'Tidak ada koneksi. Pemeriksaan memerlukan internet: coba lagi saat tersambung.',
  'verify.failed': 'Server tidak dapat memeriksa saat ini. Coba lagi sebentar lagi.',
  'verify.number': 'Nomor sertifikat',
  'verify.name': 'Nama',
  'verify.event': 'Kegiatan',
  'verify.organizer': 'Penyelenggara',
  'verify.dates': 'Tanggal',
  'verify.jp': 'Jumlah jam pelajaran',
  'verify.issued': 'Tanggal terbit',
  'verify.signatory': 'Ditandatangani oleh',
  'certificates.downloadFailed':
    'PDF tidak dapat dibuat: kode pembuatnya belum tersimpan di perangkat ini. Sambungkan ke internet sekali, lalu coba lagi.',
  'mine.title': 'Sertifikat saya',
  'mine.loading': 'Menanyakan ke server…',
  'mine.number': 'Nomor {number} · {jp} JP',
  'mine.download': 'Unduh sertifikat (PDF)',
  'mine.none': 'Belum ada sertifikat untuk pendaftaran di HP ini.',
  'mine.unpublished': 'Sertifikat belum diumumkan panitia. Coba lagi nanti.',
  'mine.offline': 'Tidak ada koneksi ke server. Sertifikat hanya dapat diambil saat tersambung.',
  'mine.failed':
    'Server menolak permintaan ini. Buka tiket Anda, lalu coba lagi; bila tetap gagal, hubungi panitia.',
  'mine.ticketIntro':
    'Pendaftaran Anda ada di HP lain, atau NIP Anda sudah terdaftar sebelumnya? Masukkan nomor pendaftaran dan kode cek yang tertulis di tiket pertama Anda.',
  'mine.ticketNumber': 'Nomor pendaftaran (mis. KS-A1-006)',
  'mine.ticketCode': 'Kode cek di tiket (6 huruf/angka)',
  'mine.ticketAsk': 'Cari sertifikat',
  'mine.ticketInvalid':
    'Isi nomor pendaftaran dan kode cek (4–12 huruf atau angka) seperti di tiket.',
  'mine.ticketUnknown':
    'Tidak ada pendaftaran dengan nomor dan kode cek ini. Periksa kembali tiket Anda (huruf O dan angka 0 tidak dipakai di kode cek).',
  'mine.ticketLimited': 'Terlalu banyak percobaan yang salah. Coba lagi 15 menit lagi.',
  'mine.back': 'Kembali ke tiket',
  'certificates.outdated':
    '{count} sertifikat yang sudah terbit tidak lagi sesuai dengan data kehadiran. Terbitkan ulang.',
  'certificates.localOrigin':
    'QR sertifikat mengarah ke alamat lokal, yang tidak dapat dibuka dari luar jaringan ini. Atur HADIR_PUBLIC_URL di server ke alamat publiknya, lalu unduh ulang.',
} as const;
