// The check-in desk's messages for today's batch, refusals and warnings, Indonesian
// (spread into the catalog in id.ts; the desk is a start-up screen).
export const idDesk = {
  'desk.registeredToday': 'Terdaftar hari ini',
  'desk.others': 'Di luar daftar hari ini',
  'desk.today': 'Hari ini: {batches}',
  'desk.todayMark': '(hari ini)',
  'desk.noBatchToday':
    'Hari ini bukan hari angkatan mana pun: setiap check-in minta konfirmasi. Penghitung hanya menghitung yang terdaftar untuk hari ini.',
  'desk.outsideSchedule':
    'Hari ini di luar jadwal angkatan: penghitung mencakup semua angkatan, tanpa peringatan angkatan.',
  'desk.cancelReason': 'Alasan: {reason}',
  'desk.refusedTitle': 'DITOLAK',
  'desk.refused': '{name}: pendaftaran dibatalkan. Tidak dicatat hadir.',
  'desk.refusedWhat': 'Jangan check-in. Bila pembatalan keliru, arahkan ke panitia.',
  'desk.warnTitle': 'PERIKSA DULU',
  'desk.warnOtherBatch': '{name} terdaftar di {batch} ({dates}), bukan angkatan hari ini.',
  'desk.warnNoBatch':
    '{name} terdaftar di {batch} ({dates}). Hari ini bukan hari angkatan mana pun.',
  'desk.warnWaitlisted': '{name} masih di daftar tunggu: kursinya belum dipastikan panitia.',
  'desk.overrideBatch': 'Tetap check-in (angkatan lain)',
  'desk.overrideWaitlist': 'Tetap check-in (daftar tunggu)',
  'desk.overrideCancel': 'Jangan check-in',
  'desk.confirmedOther': 'HADIR · ANGKATAN LAIN',
  'desk.confirmedOtherBatch': 'Dari {batch} ({dates}), bukan angkatan hari ini.',
  'desk.confirmedWaitlist': 'HADIR · DAFTAR TUNGGU',
  'desk.confirmedWaitlisted': 'Masih di daftar tunggu: laporkan ke panitia.',
  'desk.rowOtherBatch': 'Bukan angkatan hari ini',
  'desk.lastCheckin': 'Check-in terakhir: {name}',
  'desk.serverRefused': 'Check-in ditolak server ({count})',
  'desk.serverRefusedHelp':
    'Belum terhitung hadir. “Coba lagi” mengirim ulang; “Abaikan” bila sudah dicatat dengan cara lain.',
  'desk.unknownPerson': 'Peserta tidak dikenal di perangkat ini',
} as const;
