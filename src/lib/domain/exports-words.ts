// The words of the export files, [Indonesian, English]. Kept in the domain rather than in the
// i18n catalog: the domain layer may not import it, and these words are part of the file
// format the office's sheets expect (the same words the dashboard's print uses).
import type { AttendanceStatus } from '#domain/model';
import type { Lang } from '#domain/validation';

// prettier-ignore
const WORDS = {
  // Participant columns
  no: ['No', 'No'], registrationNumber: ['Nomor registrasi', 'Registration number'],
  fullName: ['Nama lengkap', 'Full name'], name: ['Nama', 'Name'], nik: ['NIK', 'NIK'],
  nip: ['NIP/NI PPPK', 'NIP/NI PPPK'], gender: ['Jenis kelamin', 'Gender'],
  employmentStatus: ['Status kepegawaian', 'Employment status'], position: ['Jabatan', 'Position'],
  rank: ['Pangkat/golongan', 'Rank/grade'], institution: ['Instansi/unit kerja', 'Institution'],
  region: ['Kabupaten/kota', 'Regency/city'], libraryType: ['Jenis perpustakaan', 'Library type'],
  phone: ['HP/WhatsApp', 'Mobile/WhatsApp'], email: ['Email', 'Email'],
  intention: ['Rencana sertifikasi 2026', '2026 certification plan'], batch: ['Angkatan', 'Batch'],
  status: ['Status', 'Status'], cancelReason: ['Alasan batal', 'Cancellation reason'],
  source: ['Sumber', 'Source'], needsReview: ['Perlu dilengkapi', 'Needs review'],
  consentAt: ['Persetujuan data', 'Consent given'], createdAt: ['Waktu daftar', 'Registered at'],
  // Credit, check-in log and recap columns
  jpEarned: ['JP diperoleh', 'JP earned'], jpTotal: ['JP total', 'JP total'],
  percent: ['Persentase (%)', 'Percentage (%)'],
  eligible: ['Memenuhi syarat sertifikat', 'Eligible for certificate'],
  time: ['Waktu', 'Time'], day: ['Tanggal', 'Day'], method: ['Cara', 'Method'],
  repeat: ['Check-in ulang', 'Repeat check-in'], signed: ['Tanda tangan', 'Signed'],
  deviceId: ['Perangkat', 'Device'], device: ['perangkat', 'device'],
  walkins: ['Datang langsung', 'Walk-ins'], arrived: ['Hadir di lokasi', 'Arrived'],
  male: ['Laki-laki', 'Male'], female: ['Perempuan', 'Female'],
  intentionYa: ['Rencana sertifikasi: Ya', 'Certification plan: yes'],
  intentionRagu: ['Rencana sertifikasi: Belum tahu', 'Certification plan: undecided'],
  intentionTidak: ['Rencana sertifikasi: Tidak', 'Certification plan: no'],
  intentionUnknown: ['Rencana sertifikasi: belum diisi', 'Certification plan: not given'],
  total: ['Jumlah', 'Total'], group: ['Kelompok', 'Group'], item: ['Uraian', 'Category'],
  allParticipants: ['Seluruh peserta terdaftar', 'All registered participants'],
  notGiven: ['Belum diisi', 'Not given'],
  // Certificate register
  certificateNumber: ['Nomor sertifikat', 'Certificate number'], jp: ['JP', 'JP'],
  verificationCode: ['Kode verifikasi', 'Verification code'], revoked: ['Dicabut', 'Revoked'],
  noCertificateList: [
    'Daftar sertifikat tidak tersedia di perangkat ini: belum pernah diambil dari server (buka Laporan › Sertifikat saat tersambung).',
    'No certificate list on this device: never fetched from the server (open Reports › Certificates while online).',
  ],
  noCertificates: ['Belum ada sertifikat yang diterbitkan.', 'No certificates issued yet.'],
  revokedNotListed: [
    '{count} sertifikat yang dicabut tidak tercantum: daftar dari server hanya memuat sertifikat yang berlaku.',
    '{count} revoked certificates are not listed: the server’s list holds valid certificates only.',
  ],
  // Values: yes/no, gender, status, source, check-in method, attendance status
  yes: ['Ya', 'Yes'], notYes: ['Tidak', 'No'], L: ['Laki-laki', 'Male'],
  P: ['Perempuan', 'Female'],
  registered: ['Terdaftar', 'Registered'], waitlisted: ['Daftar tunggu', 'Waitlisted'],
  cancelled: ['Batal', 'Cancelled'], self: ['Daftar mandiri', 'Self-registered'],
  walkin: ['Datang langsung', 'Walk-in'], import: ['Impor', 'Imported'],
  qr: ['Pindai QR', 'QR scan'], search: ['Cari nama', 'Name search'],
  hadir: ['Hadir', 'Present'], terlambat: ['Terlambat', 'Late'], izin: ['Izin', 'Excused'],
  sakit: ['Sakit', 'Sick'], tidak_hadir: ['Tidak hadir', 'Absent'],
  // Regions outside the event's province, or not in the reference data
  otherRegion: ['Kabupaten/kota lain di {province}', 'Another regency/city in {province}'],
  unknownRegion: ['Kabupaten/kota tidak dikenal', 'Unknown regency/city'],
  // Sheet names (≤ 31 characters, no `/`)
  participantsSheet: ['Peserta', 'Participants'], checkinSheet: ['Log check-in', 'Check-in log'],
  matrixSheet: ['Matriks kehadiran', 'Attendance matrix'],
  recapSheet: ['Rekap kabupaten-kota', 'Recap by regency-city'],
  breakdownSheet: ['Rekap rincian', 'Recap breakdown'],
  certificatesSheet: ['Register sertifikat', 'Certificate register'],
  // Title rows
  participantsHeading: ['DATA PESERTA', 'PARTICIPANTS'],
  matrixHeading: ['MATRIKS KEHADIRAN PESERTA PER SESI', 'ATTENDANCE BY SESSION'],
  checkinHeading: ['LOG CHECK-IN PESERTA', 'CHECK-IN LOG'],
  recapHeading: ['REKAP PESERTA PER KABUPATEN/KOTA', 'PARTICIPANTS BY REGENCY/CITY'],
  breakdownHeading: [
    'REKAP PESERTA MENURUT JENIS KELAMIN, STATUS KEPEGAWAIAN, JABATAN DAN ANGKATAN',
    'PARTICIPANTS BY GENDER, EMPLOYMENT STATUS, POSITION AND BATCH',
  ],
  certificatesHeading: ['REGISTER SERTIFIKAT', 'CERTIFICATE REGISTER'],
  demoMark: ['CONTOH (data rekaan)', 'SAMPLE (invented data)'],
  allBatches: ['Semua angkatan', 'All batches'], fiscalYear: ['Tahun Anggaran', 'Fiscal year'],
  matrixLegend: [
    'Keterangan: kosong = belum dicatat; — = sesi angkatan lain; Batal = pendaftaran dibatalkan. Jam sesi dalam {zone}; judul lengkap dan JP sesi di bawah judul kolomnya.',
    'Key: empty = not marked; — = another batch’s session; Cancelled = registration cancelled. Session times in {zone}; each session’s full title and JP are under its column header.',
  ],
} as const satisfies Record<string, readonly [string, string]>;
export type Word = keyof typeof WORDS;

export function word(key: Word, lang: Lang, params: Record<string, string | number> = {}): string {
  const text: string = WORDS[key][lang === 'id' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export const yesNo = (value: boolean, lang: Lang) => word(value ? 'yes' : 'notYes', lang);

/** A session status as the matrix, the daftar hadir and the dashboard's print word it. */
export const statusWord = (status: AttendanceStatus, lang: Lang): string => word(status, lang);

// Weekdays as the short session headers write them ("Sen 2/6 08.00"), Sunday first.
const WEEKDAYS: Record<Lang, readonly string[]> = {
  id: ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** A `YYYY-MM-DD` day as "Sen 2/6" (id) or "Mon 2/6" (en): day first, as Indonesia writes. */
export function shortDay(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[lang][weekday]} ${d}/${m}`;
}
