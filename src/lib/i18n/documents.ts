// Messages of a new event's start, and of documents that refuse to be made while nobody
// is named to sign them (added to the catalog by console.ts).
import type { Catalog } from '#domain/messages';

export const documentsMessages = {
  'events.startFrom': { id: 'Mulai dari', en: 'Start from' },
  'events.startEmpty': {
    id: 'Kosong (tidak mengambil apa pun dari kegiatan lain)',
    en: 'Empty (nothing taken from another event)',
  },
  'events.startHelp': {
    id: 'Kegiatan baru tidak membawa pejabat penanda tangan, penandatangan sertifikat, narasumber, panitia, atau NIP dari kegiatan mana pun, termasuk contoh. Menyalin dari kegiatan sebelumnya hanya mengambil pengaturannya: penyelenggara, menit per JP, batas kehadiran, pilihan-pilihan, pola nomor dan tempat sertifikat, pemberitahuan privasi. Memilih di sini mengisi ulang formulir di bawah.',
    en: 'A new event takes no official, certificate signatory, narasumber, panitia or NIP from any event, the demo included. Copying from an earlier event takes its settings only: organiser, minutes per JP, attendance threshold, options, certificate number pattern and place, privacy notice. Choosing here fills the form below again.',
  },
  'events.copySchedule': {
    id: 'Salin juga {batches} angkatan dan {sessions} sesi, digeser ke tanggal mulai yang baru (tanpa nama narasumber)',
    en: 'Also copy its {batches} batches and {sessions} sessions, moved to the new start date (without speakers’ names)',
  },
  'events.copyTooShort': {
    id: 'Jadwal yang disalin berlangsung sampai {day}. Mundurkan tanggal selesai, atau jangan salin angkatan dan sesi.',
    en: 'The copied schedule runs until {day}. Move the end date later, or do not copy the batches and sessions.',
  },
  'events.templateFailed': {
    id: 'Pengaturan kegiatan itu tidak dapat diambil: {reason}',
    en: 'That event’s settings could not be fetched: {reason}',
  },
  'certificates.signatoryRequired': {
    id: 'Sertifikat tidak diterbitkan: penandatangan sertifikat belum diisi. Sertifikat tanpa penandatangan tidak sah.',
    en: 'No certificates were issued: the certificate signatory is not set. A certificate signed by nobody is not valid.',
  },
  'certificates.setSignatory': {
    id: 'Isi penandatangan sertifikat (bagian Kegiatan)',
    en: 'Set the certificate signatory (Event section)',
  },
  'certificates.unissued': {
    id: '{count} peserta memenuhi syarat, belum diterbitkan.',
    en: '{count} participants are eligible, not issued yet.',
  },
  'certificates.pending': {
    id: '{count} peserta di angkatan yang belum selesai belum dinilai; mereka muncul di sini setelah angkatannya selesai.',
    en: '{count} participants of batches not finished yet are not judged; they appear here once their batch is over.',
  },
  'sheet.noOfficial': {
    id: 'Daftar hadir belum dapat dicetak atau diunduh: pejabat penanda tangan (ketua panitia / PPTK) belum diisi. Daftar hadir adalah bukti pertanggungjawaban (SPJ) dan harus ditandatangani.',
    en: 'The attendance list cannot be printed or downloaded: the official who signs it (ketua panitia / PPTK) is not set. It is accounting evidence (SPJ) and must be signed.',
  },
  'sheet.setOfficial': {
    id: 'Isi penanda tangan daftar hadir (bagian Kegiatan)',
    en: 'Set who signs the attendance list (Event section)',
  },
  'dashboard.ofToday': {
    id: 'dari {count} peserta {batches}',
    en: 'of {count} participants of {batches}',
  },
  'dashboard.noBatchToday': {
    id: 'dari {count} terdaftar; tidak ada angkatan yang berlangsung hari ini',
    en: 'of {count} registered; no batch meets today',
  },
  'setup.error.personName': {
    id: "Tulis nama dengan paling sedikit dua huruf; hanya huruf Latin (boleh beraksen), angka, spasi, dan tanda . , ' ’ - ( ) yang dapat dicetak",
    en: "Write the name with two letters at least; only Latin letters (accents allowed), digits, spaces and . , ' ’ - ( ) can be printed",
  },
  'frame.title': {
    id: 'Kop surat dan penandatangan dokumen',
    en: 'Letterhead and document signatories',
  },
  'frame.help': {
    id: 'Dicetak pada daftar hadir, rekap, dan (bila dipilih) sertifikat. Tempat penandatanganan adalah kota kantor, bukan alamat tempat kegiatan.',
    en: 'Printed on the attendance lists, recaps and (when chosen) certificates. The place of signing is the office’s city, not the venue’s address.',
  },
  'frame.line': { id: 'Baris kop {n}', en: 'Letterhead line {n}' },
  'frame.line.example': {
    id: 'PEMERINTAH PROVINSI KALIMANTAN SELATAN',
    en: 'PEMERINTAH PROVINSI KALIMANTAN SELATAN',
  },
  'frame.fundingSource.example': { id: 'DAK Non Fisik', en: 'DAK Non Fisik' },
  'frame.address': {
    id: 'Alamat kantor (jalan, kota, telepon)',
    en: 'Office address (street, city, telephone)',
  },
  'frame.logo.add': {
    id: 'Tambah logo (PNG/JPEG, maks. 64 KB)',
    en: 'Add a logo (PNG/JPEG, at most 64 KB)',
  },
  'frame.logo.alt': { id: 'Logo {n}', en: 'Logo {n}' },
  'frame.logo.remove': { id: 'Hapus logo {n}', en: 'Remove logo {n}' },
  'frame.logo.type': {
    id: 'Logo harus berupa gambar PNG atau JPEG.',
    en: 'A logo must be a PNG or JPEG image.',
  },
  'frame.logo.size': {
    id: 'Logo terlalu besar (maks. 64 KB). Perkecil gambarnya lalu pilih lagi.',
    en: 'The logo is too large (at most 64 KB). Make the image smaller and choose it again.',
  },
  'frame.logo.read': {
    id: 'Berkas logo tidak dapat dibaca. Pilih berkas lain.',
    en: 'The logo file cannot be read. Choose another file.',
  },
  'frame.city': {
    id: 'Kota penandatanganan (mis. Banjarmasin)',
    en: 'City of signing (e.g. Banjarmasin)',
  },
  'frame.fiscalYear': { id: 'Tahun anggaran', en: 'Fiscal year' },
  'frame.fundingSource': {
    id: 'Sumber dana (mis. DAK Non Fisik)',
    en: 'Funding source (e.g. DAK Non Fisik)',
  },
  'frame.approver': {
    id: 'Mengetahui (Kuasa Pengguna Anggaran / PPK)',
    en: 'Acknowledged by (budget authority / PPK)',
  },
  'frame.approver.help': {
    id: 'Penanda tangan kedua daftar hadir, di sebelah kiri. Kosongkan bila daftar hadir cukup ditandatangani ketua panitia / PPTK.',
    en: 'The attendance list’s second signatory, on the left. Leave blank when the committee chair / PPTK alone signs.',
  },
  'frame.jpBasis': {
    id: 'JP yang dicantumkan pada sertifikat',
    en: 'JP stated on the certificate',
  },
  'frame.jpBasis.programme': {
    id: 'JP program (kebiasaan umum: semua yang lulus mengikuti program yang sama)',
    en: 'The programme’s JP (the usual practice: everyone who passed followed the same programme)',
  },
  'frame.jpBasis.earned': {
    id: 'JP yang diikuti masing-masing peserta',
    en: 'The JP each participant attended',
  },
  'frame.certificateLogos': {
    id: 'Cetak logo kop surat pada sertifikat',
    en: 'Print the letterhead’s logos on certificates',
  },
  'frame.backPage': {
    id: 'Halaman belakang: daftar materi dan JP',
    en: 'Back page: the list of materi and JP',
  },
  'frame.serves': { id: 'Bertugas pada', en: 'Serves on' },
  'frame.certificateDate': { id: 'Tanggal sertifikat', en: 'Certificate date' },
  'frame.certificateDate.hint': {
    id: 'Kosongkan untuk memakai hari terakhir angkatan. Nomor sertifikat mengikuti bulan dan tahun tanggal ini.',
    en: 'Leave blank to use the batch’s last day. The certificate number follows this date’s month and year.',
  },
} satisfies Catalog;
