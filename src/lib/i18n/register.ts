// The registration page's own small catalog: a phone on slow data loads only this, not
// the console's messages. Indonesian first, English beside; every key has both (typed).
import { interpolate, type Catalog } from '#domain/messages';
import type { Lang, ValidationParams } from '#domain/validation';

export const registerMessages = {
  title: { id: 'Pendaftaran peserta', en: 'Participant registration' },
  loading: { id: 'Memuat…', en: 'Loading…' },
  notFound: {
    id: 'Kegiatan tidak ditemukan. Periksa tautan dari panitia.',
    en: 'Event not found. Check the link from the organisers.',
  },
  needsSignal: {
    id: 'Data kegiatan belum tersimpan di HP ini. Sambungkan ke internet sekali; setelah itu halaman ini bisa dipakai tanpa sinyal.',
    en: 'The event is not on this phone yet. Connect to the internet once; after that this page works without signal.',
  },
  closed: {
    id: 'Pendaftaran sudah ditutup oleh panitia.',
    en: 'Registration has been closed by the organisers.',
  },
  dates: { id: 'Tanggal', en: 'Dates' },
  venue: { id: 'Tempat', en: 'Venue' },
  batches: { id: 'Angkatan', en: 'Batches' },
  seatsLeft: { id: '{count} kursi tersisa', en: '{count} seats left' },
  full: {
    id: 'Penuh — pendaftar baru masuk daftar tunggu',
    en: 'Full — new registrations go on the waiting list',
  },
  fullName: { id: 'Nama lengkap dengan gelar', en: 'Full name with academic titles' },
  fullNameHint: {
    id: 'Seperti akan tertulis di sertifikat, mis. Siti Aminah, S.IP.',
    en: 'As it should appear on the certificate, e.g. Siti Aminah, S.IP.',
  },
  employmentStatus: { id: 'Status kepegawaian', en: 'Employment status' },
  nip: { id: 'NIP', en: 'NIP' },
  niPppk: { id: 'NI PPPK', en: 'NI PPPK' },
  nipHint: { id: '18 digit, boleh dengan spasi', en: '18 digits, spaces allowed' },
  nik: { id: 'NIK (16 digit, sesuai KTP)', en: 'NIK (16 digits, as on the ID card)' },
  gender: { id: 'Jenis kelamin', en: 'Gender' },
  genderL: { id: 'Laki-laki', en: 'Male' },
  genderP: { id: 'Perempuan', en: 'Female' },
  position: { id: 'Jabatan', en: 'Position' },
  rank: { id: 'Pangkat/golongan (jika ada)', en: 'Rank/grade (if any)' },
  institution: { id: 'Instansi / unit kerja', en: 'Institution / work unit' },
  regionCode: { id: 'Kabupaten/kota', en: 'Regency/city' },
  libraryType: { id: 'Jenis perpustakaan', en: 'Library type' },
  phone: { id: 'Nomor HP/WhatsApp', en: 'Mobile/WhatsApp number' },
  phoneHint: { id: 'Mis. 0812 3456 7890', en: 'E.g. 0812 3456 7890' },
  email: { id: 'Email (jika ada)', en: 'Email (if any)' },
  batchId: { id: 'Angkatan', en: 'Batch' },
  certificationIntention: {
    id: 'Rencana ikut sertifikasi pustakawan 2026',
    en: 'Plan to take the 2026 librarian certification',
  },
  privacy: { id: 'Pemberitahuan privasi', en: 'Privacy notice' },
  consent: {
    id: 'Saya setuju data pribadi saya diproses sesuai pemberitahuan di atas.',
    en: 'I agree to my personal data being processed as described above.',
  },
  choose: { id: 'Pilih…', en: 'Choose…' },
  submit: { id: 'Daftar', en: 'Register' },
  issues: { id: 'Ada {count} isian yang perlu diperbaiki.', en: '{count} fields need fixing.' },
  ticket: { id: 'Tiket Anda', en: 'Your ticket' },
  pending: {
    id: 'Tersimpan di perangkat — akan dikirim saat ada sinyal',
    en: 'Saved on this phone — will be sent when there is signal',
  },
  sent: { id: 'Terkirim', en: 'Sent' },
  waitlisted: {
    id: 'Kursi penuh (angkatan atau kuota kabupaten/kota): Anda masuk daftar tunggu. Panitia akan menghubungi Anda.',
    en: 'No seats left (in the batch or the regency/city quota): you are on the waiting list. The organisers will contact you.',
  },
  insecure: {
    id: 'Alamat ini memakai HTTP biasa: halaman ini tidak dapat dibuka tanpa internet. Pendaftaran Anda tetap tersimpan di HP.',
    en: 'This address is plain HTTP: this page cannot open without a connection. Your registration is still saved on the phone.',
  },
  ticketNeedsSignal: {
    id: 'Pendaftaran Anda sudah tersimpan di HP ini. Tiket (QR) tampil setelah halaman ini dimuat ulang saat ada sinyal.',
    en: 'Your registration is saved on this phone. The ticket (QR) shows once this page is reloaded with a signal.',
  },
  insecureOpen: { id: 'Buka alamat aman:', en: 'Open the secure address:' },
  insecureSendFirst: {
    id: 'Pendaftaran Anda belum terkirim dari alamat ini. Tunggu sampai terkirim sebelum pindah ke alamat aman.',
    en: 'Your registration has not been sent from this address yet. Wait until it is before moving to the secure address.',
  },
  insecureInstall: {
    id: 'Pasang sertifikat server dulu:',
    en: 'Install the server’s certificate first:',
  },
  insecureNoHttps: {
    id: 'Minta panitia menyalakan HTTPS di server.',
    en: 'Ask the organisers to turn on HTTPS on the server.',
  },
  merged: {
    id: 'NIP/NIK ini sudah terdaftar sebelumnya. Tunjukkan tiket pendaftaran pertama Anda di meja registrasi, atau sebutkan nama Anda kepada panitia.',
    en: 'This NIP/NIK was registered before. Show your first registration ticket at the desk, or give your name to the organisers.',
  },
  refusedClosed: {
    id: 'Pendaftaran ditutup panitia sebelum data Anda terkirim. Hubungi panitia.',
    en: 'Registration closed before your details were sent. Contact the organisers.',
  },
  rejected: {
    id: 'Pendaftaran ditolak server ({code}). Hubungi panitia.',
    en: 'The server refused the registration ({code}). Contact the organisers.',
  },
  rejectedBecause: {
    id: 'Pendaftaran ditolak server: {message}. Hubungi panitia.',
    en: 'The server refused the registration: {message}. Contact the organisers.',
  },
  number: { id: 'Nomor pendaftaran', en: 'Registration number' },
  numberPending: { id: 'menunggu server', en: 'waiting for the server' },
  checkCode: { id: 'Kode cek', en: 'Check code' },
  showAtDesk: {
    id: 'Tunjukkan QR ini di meja registrasi. Tiket ini tetap bisa dibuka tanpa sinyal.',
    en: 'Show this QR at the registration desk. The ticket opens without signal too.',
  },
  saveImage: { id: 'Simpan sebagai gambar', en: 'Save as image' },
  qr: { id: 'QR tiket pendaftaran', en: 'Registration ticket QR' },
  language: { id: 'English', en: 'Bahasa Indonesia' },
  correct: { id: 'Perbaiki data', en: 'Correct my details' },
  saveCorrection: { id: 'Simpan perbaikan', en: 'Save correction' },
  cancel: { id: 'Batal', en: 'Cancel' },
  corrected: {
    id: 'Perbaikan tersimpan di perangkat; terkirim saat ada sinyal.',
    en: 'Correction saved on this phone; sent when there is signal.',
  },
  withdraw: { id: 'Batalkan pendaftaran', en: 'Cancel my registration' },
  withdrawConfirm: {
    id: 'Batalkan pendaftaran Anda di kegiatan ini? Panitia akan melihatnya.',
    en: 'Cancel your registration for this event? The organisers will see it.',
  },
  withdrawn: { id: 'Pendaftaran Anda dibatalkan.', en: 'Your registration is cancelled.' },
  cancelledHelp: {
    id: 'Tiket ini tidak berlaku lagi di meja registrasi. Hubungi panitia bila pembatalan ini keliru.',
    en: 'This ticket is no longer valid at the registration desk. Contact the organisers if the cancellation is a mistake.',
  },
  withdrawReason: { id: 'Dibatalkan sendiri oleh peserta', en: 'Cancelled by the participant' },
  editsClosed: {
    id: 'Perubahan data sudah ditutup panitia. Hubungi panitia bila ada yang salah.',
    en: 'Changes are closed by the organisers. Contact them if something is wrong.',
  },
  certificateLink: { id: 'Sertifikat saya', en: 'My certificate' },
} satisfies Catalog;

export type RegisterKey = keyof typeof registerMessages;

export function registerText(lang: Lang, key: RegisterKey, params?: ValidationParams): string {
  return interpolate(registerMessages[key][lang], params);
}
