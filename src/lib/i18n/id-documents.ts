// Messages of a new event's start, and of documents that refuse to be made while nobody
// is named to sign them (Indonesian; spread into the console catalog in console.ts).
export const idDocuments = {
  'events.startFrom': 'Mulai dari',
  'events.startEmpty': 'Kosong (tidak mengambil apa pun dari kegiatan lain)',
  'events.startHelp':
    'Kegiatan baru tidak membawa pejabat penanda tangan, penandatangan sertifikat, narasumber, panitia, atau NIP dari kegiatan mana pun, termasuk contoh. Menyalin dari kegiatan sebelumnya hanya mengambil pengaturannya: penyelenggara, menit per JP, batas kehadiran, pilihan-pilihan, pola nomor dan tempat sertifikat, pemberitahuan privasi. Memilih di sini mengisi ulang formulir di bawah.',
  'events.copySchedule':
    'Salin juga {batches} angkatan dan {sessions} sesi, digeser ke tanggal mulai yang baru (tanpa nama narasumber)',
  'events.copyTooShort':
    'Jadwal yang disalin berlangsung sampai {day}. Mundurkan tanggal selesai, atau jangan salin angkatan dan sesi.',
  'events.templateFailed': 'Pengaturan kegiatan itu tidak dapat diambil: {reason}',
  'certificates.signatoryRequired':
    'Sertifikat tidak diterbitkan: penandatangan sertifikat belum diisi. Sertifikat tanpa penandatangan tidak sah.',
  'certificates.setSignatory': 'Isi penandatangan sertifikat (bagian Kegiatan)',
  'certificates.unissued': '{count} peserta memenuhi syarat, belum diterbitkan.',
  'certificates.pending':
    '{count} peserta di angkatan yang belum selesai belum dinilai; mereka muncul di sini setelah angkatannya selesai.',
  'sheet.noOfficial':
    'Daftar hadir belum dapat dicetak atau diunduh: pejabat penanda tangan (ketua panitia / PPTK) belum diisi. Daftar hadir adalah bukti pertanggungjawaban (SPJ) dan harus ditandatangani.',
  'sheet.setOfficial': 'Isi penanda tangan daftar hadir (bagian Kegiatan)',
  'dashboard.ofToday': 'dari {count} peserta {batches}',
  'dashboard.noBatchToday': 'dari {count} terdaftar; tidak ada angkatan yang berlangsung hari ini',
  'setup.error.personName':
    "Tulis nama dengan paling sedikit dua huruf; hanya huruf Latin (boleh beraksen), angka, spasi, dan tanda . , ' ’ - ( ) yang dapat dicetak",
  'frame.title': 'Kop surat dan penandatangan dokumen',
  'frame.help':
    'Dicetak pada daftar hadir, rekap, dan (bila dipilih) sertifikat. Tempat penandatanganan adalah kota kantor, bukan alamat tempat kegiatan.',
  'frame.line': 'Baris kop {n}',
  'frame.line.example': 'PEMERINTAH PROVINSI KALIMANTAN SELATAN',
  'frame.fundingSource.example': 'DAK Non Fisik',
  'frame.address': 'Alamat kantor (jalan, kota, telepon)',
  'frame.logo.add': 'Tambah logo (PNG/JPEG, maks. 64 KB)',
  'frame.logo.alt': 'Logo {n}',
  'frame.logo.remove': 'Hapus logo {n}',
  'frame.logo.type': 'Logo harus berupa gambar PNG atau JPEG.',
  'frame.logo.size': 'Logo terlalu besar (maks. 64 KB). Perkecil gambarnya lalu pilih lagi.',
  'frame.logo.read': 'Berkas logo tidak dapat dibaca. Pilih berkas lain.',
  'frame.city': 'Kota penandatanganan (mis. Banjarmasin)',
  'frame.fiscalYear': 'Tahun anggaran',
  'frame.fundingSource': 'Sumber dana (mis. DAK Non Fisik)',
  'frame.approver': 'Mengetahui (Kuasa Pengguna Anggaran / PPK)',
  'frame.approver.help':
    'Penanda tangan kedua daftar hadir, di sebelah kiri. Kosongkan bila daftar hadir cukup ditandatangani ketua panitia / PPTK.',
  'frame.jpBasis': 'JP yang dicantumkan pada sertifikat',
  'frame.jpBasis.programme':
    'JP program (kebiasaan umum: semua yang lulus mengikuti program yang sama)',
  'frame.jpBasis.earned': 'JP yang diikuti masing-masing peserta',
  'frame.certificateLogos': 'Cetak logo kop surat pada sertifikat',
  'frame.backPage': 'Halaman belakang: daftar materi dan JP',
  'frame.serves': 'Bertugas pada',
  'frame.certificateDate': 'Tanggal sertifikat',
  'frame.certificateDate.hint':
    'Kosongkan untuk memakai hari terakhir angkatan. Nomor sertifikat mengikuti bulan dan tahun tanggal ini.',
} as const;
