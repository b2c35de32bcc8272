// The check-in desk's messages for today's batch, refusals and warnings (added to the
// catalog by work.ts, with the desk's screens).
import type { Catalog } from '#domain/messages';

export const deskMessages = {
  'desk.registeredToday': { id: 'Terdaftar hari ini', en: 'Registered today' },
  'desk.others': { id: 'Di luar daftar hari ini', en: 'Not expected today' },
  'desk.today': { id: 'Hari ini: {batches}', en: 'Today: {batches}' },
  'desk.todayMark': { id: '(hari ini)', en: '(today)' },
  'desk.noBatchToday': {
    id: 'Hari ini bukan hari angkatan mana pun: setiap check-in minta konfirmasi. Penghitung hanya menghitung yang terdaftar untuk hari ini.',
    en: 'Today is no batch’s day: every check-in asks for confirmation. The counters count only those registered for today.',
  },
  'desk.outsideSchedule': {
    id: 'Hari ini di luar jadwal angkatan: penghitung mencakup semua angkatan, tanpa peringatan angkatan.',
    en: 'Today is outside the batches’ dates: the counters cover every batch, with no batch warnings.',
  },
  'desk.cancelReason': { id: 'Alasan: {reason}', en: 'Reason: {reason}' },
  'desk.refusedTitle': { id: 'DITOLAK', en: 'REFUSED' },
  'desk.refused': {
    id: '{name}: pendaftaran dibatalkan. Tidak dicatat hadir.',
    en: '{name}: registration cancelled. Not recorded as present.',
  },
  'desk.refusedWhat': {
    id: 'Jangan check-in. Bila pembatalan keliru, arahkan ke panitia.',
    en: 'Do not check in. If the cancellation is a mistake, send them to the organiser.',
  },
  'desk.warnTitle': { id: 'PERIKSA DULU', en: 'CHECK FIRST' },
  'desk.warnOtherBatch': {
    id: '{name} terdaftar di {batch} ({dates}), bukan angkatan hari ini.',
    en: '{name} is registered in {batch} ({dates}), not today’s batch.',
  },
  'desk.warnNoBatch': {
    id: '{name} terdaftar di {batch} ({dates}). Hari ini bukan hari angkatan mana pun.',
    en: '{name} is registered in {batch} ({dates}). Today is no batch’s day.',
  },
  'desk.warnWaitlisted': {
    id: '{name} masih di daftar tunggu: kursinya belum dipastikan panitia.',
    en: '{name} is still on the waiting list: no seat confirmed by the organiser.',
  },
  'desk.overrideBatch': {
    id: 'Tetap check-in (angkatan lain)',
    en: 'Check in anyway (other batch)',
  },
  'desk.overrideWaitlist': {
    id: 'Tetap check-in (daftar tunggu)',
    en: 'Check in anyway (waiting list)',
  },
  'desk.overrideCancel': { id: 'Jangan check-in', en: 'Do not check in' },
  'desk.confirmedOther': { id: 'HADIR · ANGKATAN LAIN', en: 'PRESENT · OTHER BATCH' },
  'desk.confirmedOtherBatch': {
    id: 'Dari {batch} ({dates}), bukan angkatan hari ini.',
    en: 'From {batch} ({dates}), not today’s batch.',
  },
  'desk.confirmedWaitlist': { id: 'HADIR · DAFTAR TUNGGU', en: 'PRESENT · WAITING LIST' },
  'desk.confirmedWaitlisted': {
    id: 'Masih di daftar tunggu: laporkan ke panitia.',
    en: 'Still on the waiting list: tell the organiser.',
  },
  'desk.rowOtherBatch': { id: 'Bukan angkatan hari ini', en: 'Not today’s batch' },
  'desk.lastCheckin': { id: 'Check-in terakhir: {name}', en: 'Last check-in: {name}' },
  'desk.serverRefused': {
    id: 'Check-in ditolak server ({count})',
    en: 'Check-ins refused by the server ({count})',
  },
  'desk.serverRefusedHelp': {
    id: 'Belum terhitung hadir. “Coba lagi” mengirim ulang; “Abaikan” bila sudah dicatat dengan cara lain.',
    en: 'Not counted as present. “Retry” sends again; “Dismiss” if they were recorded another way.',
  },
  'desk.unknownPerson': {
    id: 'Peserta tidak dikenal di perangkat ini',
    en: 'Participant not known on this device',
  },
} satisfies Catalog;
