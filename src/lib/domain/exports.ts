// Export tables for the office's accounting (SPJ) and follow-up: one neutral Table of plain
// cells built from the domain data, then written by a format writer. CSV is written here;
// the XLSX writer reads the same Table, so both files carry the same columns and values.
// Headers and words are in Indonesian by default (the office files them) or English.
import { firstCheckins, isRepeat } from '#domain/checkins';
import type { AttendanceStatus, Batch, Participant, Session, VenueCheckIn } from '#domain/model';
import { maskNik } from '#domain/nik';
import { formatNip } from '#domain/nip';
import { formatPhone } from '#domain/phone';
import type { AttendanceMatrix, RegionRecap } from '#domain/recap';
import {
  certificationIntentions,
  employmentStatuses,
  labelOf,
  libraryTypes,
  positions,
  type ReferenceItem,
} from '#domain/reference';
import { findRegion } from '#domain/regions';
import { formatTime, localDay, localTime, zoneAbbreviation } from '#domain/time';
import type { Lang } from '#domain/validation';

export type Cell = string | number | null;
export type ColumnKind = 'text' | 'number' | 'date' | 'datetime';

export interface Column {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Suggested width in characters, for writers that size columns. */
  width?: number;
}

export interface Table {
  /** Sheet or file name, in the chosen language (≤ 31 characters, no `/`: a valid sheet name). */
  name: string;
  columns: Column[];
  /** Plain cells: 'date' cells are `YYYY-MM-DD` days, 'datetime' cells UTC ISO instants,
   * null an empty cell (a walk-in's missing field is null, never "undefined"). */
  rows: Cell[][];
  /** The event's IANA zone. Spreadsheet dates carry no zone, so writers show 'datetime'
   * cells as wall time here; datetime headers name the zone (e.g. "(WITA)"). */
  timezone?: string;
}

// [Indonesian, English]. Kept here rather than in the i18n catalog: the domain layer may not
// import it, and these words are part of the file format that the office's sheets expect.
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
  repeat: ['Ulangan', 'Repeat'], signed: ['Tanda tangan', 'Signed'],
  deviceId: ['Perangkat', 'Device'], device: ['perangkat', 'device'],
  walkins: ['Datang langsung', 'Walk-ins'], arrived: ['Hadir di lokasi', 'Arrived'],
  intentionYa: ['Rencana sertifikasi: Ya', 'Certification plan: yes'],
  intentionRagu: ['Rencana sertifikasi: Belum tahu', 'Certification plan: undecided'],
  intentionTidak: ['Rencana sertifikasi: Tidak', 'Certification plan: no'],
  intentionUnknown: ['Rencana sertifikasi: belum diisi', 'Certification plan: not given'],
  total: ['Jumlah', 'Total'],
  // Values: yes/no, gender, status, source, check-in method, attendance status
  yes: ['Ya', 'Yes'], notYes: ['Tidak', 'No'], L: ['Laki-laki', 'Male'],
  P: ['Perempuan', 'Female'],
  registered: ['Terdaftar', 'Registered'], waitlisted: ['Daftar tunggu', 'Waitlisted'],
  cancelled: ['Batal', 'Cancelled'], self: ['Daftar mandiri', 'Self-registered'],
  walkin: ['Datang langsung', 'Walk-in'], import: ['Impor', 'Imported'],
  qr: ['Pindai QR', 'QR scan'], search: ['Cari nama', 'Name search'],
  hadir: ['Hadir', 'Present'], terlambat: ['Terlambat', 'Late'], izin: ['Izin', 'Excused'],
  sakit: ['Sakit', 'Sick'], tidak_hadir: ['Tidak hadir', 'Absent'],
  // Sheet names
  participantsSheet: ['Peserta', 'Participants'], checkinSheet: ['Log check-in', 'Check-in log'],
  matrixSheet: ['Matriks kehadiran', 'Attendance matrix'],
  recapSheet: ['Rekap kabupaten-kota', 'Recap by regency-city'],
} as const satisfies Record<string, readonly [string, string]>;
type Word = keyof typeof WORDS;

const word = (key: Word, lang: Lang): string => WORDS[key][lang === 'id' ? 0 : 1];
const yesNo = (value: boolean, lang: Lang) => word(value ? 'yes' : 'notYes', lang);
const regionName = (code: string) => findRegion(code)?.name ?? code;
const label = (list: readonly ReferenceItem[], code: string | undefined, lang: Lang) =>
  code ? labelOf(list, code, lang) : null;
const nip = (digits: string | undefined) => (digits ? formatNip(digits) : null);

/** A column with the function that fills its cells: a builder lists its columns once, so a
 * header can never drift away from its values. */
interface Field<T> extends Column {
  cell: (item: T, index: number) => Cell;
}

/** A field maker for one language; a datetime column's header names the zone of its times. */
function fields<T>(lang: Lang, timezone?: string) {
  const zone = timezone ? ` (${zoneAbbreviation(timezone)})` : '';
  return (key: Word, width: number, cell: Field<T>['cell'], kind: ColumnKind = 'text') => {
    const header = word(key, lang) + (kind === 'datetime' ? zone : '');
    return { key, header, kind, width, cell };
  };
}

function table<T>(name: string, items: readonly T[], list: Field<T>[], timezone?: string): Table {
  return {
    name,
    columns: list.map(({ cell: _, ...column }) => column),
    rows: items.map((item, i) => list.map((f) => f.cell(item, i))),
    ...(timezone ? { timezone } : {}),
  };
}

interface Options {
  lang?: Lang;
  /** The event's timezone (not the device's). */
  timezone: string;
}

/** Every registration field, one participant a row, in the order given. The ticket code is
 * left out on purpose: it is the QR secret, and a shared sheet must not let anyone forge a
 * ticket. NIK is masked unless `revealNik` (UU 27/2022: lists mask NIK). */
export function participantsTable(
  participants: readonly Participant[],
  opts: Options & { batches: readonly Pick<Batch, 'id' | 'name'>[]; revealNik?: boolean },
): Table {
  const { lang = 'id', timezone, batches, revealNik = false } = opts;
  const batchName = new Map(batches.map((b) => [b.id, b.name]));
  const f = fields<Participant>(lang, timezone);
  const list = [
    f('no', 5, (_, i) => i + 1, 'number'),
    f('registrationNumber', 14, (p) => p.registrationNumber ?? null),
    f('fullName', 36, (p) => p.fullName),
    f('nip', 24, (p) => nip(p.nip)),
    f('nik', 18, (p) => (p.nik ? (revealNik ? p.nik : maskNik(p.nik)) : null)),
    f('gender', 12, (p) => (p.gender ? word(p.gender, lang) : null)),
    f('employmentStatus', 18, (p) => label(employmentStatuses, p.employmentStatus, lang)),
    f('position', 30, (p) => label(positions, p.position, lang)),
    f('rank', 20, (p) => p.rank || null),
    f('institution', 40, (p) => p.institution),
    f('region', 24, (p) => regionName(p.regionCode)),
    f('libraryType', 30, (p) => label(libraryTypes, p.libraryType, lang)),
    // As people write it (0812-3456-7890): it keeps the leading 0, and a spreadsheet reads
    // neither it nor the spaced NIP as a number that loses digits.
    f('phone', 16, (p) => (p.phone ? formatPhone(p.phone) : null)),
    f('email', 28, (p) => p.email || null),
    f('intention', 14, (p) => label(certificationIntentions, p.certificationIntention, lang)),
    f('batch', 14, (p) => batchName.get(p.batchId) ?? p.batchId),
    f('status', 12, (p) => word(p.status, lang)),
    f('cancelReason', 24, (p) => p.cancelReason || null),
    f('source', 16, (p) => word(p.source, lang)),
    f('needsReview', 10, (p) => yesNo(p.needsReview, lang)),
    f('consentAt', 20, (p) => p.consentAt, 'datetime'),
    f('createdAt', 20, (p) => p.createdAt, 'datetime'),
  ];
  return table(word('participantsSheet', lang), participants, list, timezone);
}

type MatrixParticipant = Pick<
  Participant,
  'id' | 'batchId' | 'status' | 'regionCode' | 'source' | 'certificationIntention' | 'fullName'
> &
  Partial<Pick<Participant, 'nip'>>;
type MatrixSession = Pick<Session, 'id' | 'batchId' | 'jp' | 'start' | 'title'>;

const statusWord = (status: AttendanceStatus | 'unmarked' | null, lang: Lang): string =>
  status === null ? '—' : status === 'unmarked' ? '' : word(status, lang);

/** Participants × sessions from attendanceMatrix: a status word per cell ('' unmarked, '—'
 * for another batch's session, which is not theirs to attend), then the credit. */
export function matrixTable<P extends MatrixParticipant, S extends MatrixSession>(
  matrix: AttendanceMatrix<P, S>,
  { lang = 'id', timezone }: Options,
): Table {
  type Row = AttendanceMatrix<P, S>['rows'][number];
  const f = fields<Row>(lang, timezone);
  const sessions = matrix.sessions.map((s, j): Field<Row> => ({
    key: `session:${s.id}`,
    // The local day and time tell apart sessions of the same title in two batches.
    header: `${s.title} (${localDay(s.start, timezone)} ${formatTime(s.start, timezone, lang)})`,
    kind: 'text',
    width: 14,
    cell: (r) => statusWord(r.cells[j] ?? null, lang),
  }));
  const list = [
    f('no', 5, (_, i) => i + 1, 'number'),
    f('name', 36, (r) => r.participant.fullName),
    f('nip', 24, (r) => nip(r.participant.nip)),
    ...sessions,
    f('jpEarned', 10, (r) => r.credit.jpEarned, 'number'),
    f('jpTotal', 10, (r) => r.credit.jpTotal, 'number'),
    f('percent', 10, (r) => r.credit.percent, 'number'),
    f('eligible', 12, (r) => yesNo(r.credit.eligible, lang)),
  ];
  return table(word('matrixSheet', lang), matrix.rows, list, timezone);
}

/** The desk as people call it ("Meja 1"); a check-in stored before the server kept names,
 * or from a device without one, by the start of its id: short, and still tells desks apart. */
const deviceLabel = (c: Pick<VenueCheckIn, 'deviceId' | 'deviceName'>, lang: Lang) =>
  c.deviceName || `${word('device', lang)} ${c.deviceId.slice(0, 6)}`;

/** Every check-in (repeats included: a scan is a fact) in time order. A repeat is any but
 * the first check-in of that person on that day, the same rule as the desk counters. */
export function checkinLogTable(
  checkins: readonly VenueCheckIn[],
  participants: readonly Pick<Participant, 'id' | 'fullName' | 'nip' | 'source'>[],
  { lang = 'id', timezone }: Options,
): Table {
  const people = new Map(participants.map((p) => [p.id, p]));
  const byDay = new Map<string, VenueCheckIn[]>();
  for (const c of checkins) {
    if (!byDay.has(c.day)) byDay.set(c.day, []);
    byDay.get(c.day)!.push(c);
  }
  const firstByDay = new Map([...byDay].map(([day, list]) => [day, firstCheckins(list)]));
  const sorted = [...checkins].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  // A person may be missing (merged away or purged): the scan stays, with empty cells.
  const who = (c: VenueCheckIn) => people.get(c.participantId);
  const f = fields<VenueCheckIn>(lang, timezone);
  const list = [
    f('time', 20, (c) => c.at, 'datetime'),
    f('day', 12, (c) => c.day, 'date'),
    f('name', 36, (c) => who(c)?.fullName ?? null),
    f('nip', 24, (c) => nip(who(c)?.nip)),
    f('method', 16, (c) => word(c.method, lang)),
    f('repeat', 10, (c) => yesNo(isRepeat(c, firstByDay.get(c.day)!), lang)),
    f('walkin', 10, (c) => (who(c) ? yesNo(who(c)?.source === 'walkin', lang) : null)),
    f('signed', 10, (c) => yesNo(Boolean(c.signature), lang)),
    f('deviceId', 20, (c) => deviceLabel(c, lang)),
  ];
  return table(word('checkinSheet', lang), sorted, list, timezone);
}

/** The recap per kabupaten/kota with its total as the last row. */
export function recapTable(
  recap: { rows: readonly RegionRecap[]; total: RegionRecap },
  { lang = 'id' }: { lang?: Lang } = {},
): Table {
  const f = fields<RegionRecap>(lang);
  const total = word('total', lang);
  // prettier-ignore
  const counts = [
    'registered', 'waitlisted', 'cancelled', 'walkins', 'arrived', 'eligible', 'jpEarned',
  ] as const;
  // prettier-ignore
  const intentions = [
    ['ya', 'intentionYa'], ['ragu', 'intentionRagu'], ['tidak', 'intentionTidak'],
    ['unknown', 'intentionUnknown'],
  ] as const;
  const list = [
    f('region', 26, (r) => (r === recap.total ? total : regionName(r.regionCode))),
    ...counts.map((k) => f(k, 12, (r) => r[k], 'number')),
    ...intentions.map(([code, k]) => f(k, 14, (r) => r.intention[code], 'number')),
  ];
  return table(word('recapSheet', lang), [...recap.rows, recap.total], list);
}

/** Text safe in a file name on any system: no diacritics (é → e), other characters as
 * single dashes, at most 60 characters, lower case unless asked. */
export function fileSlug(text: string, { keepCase = false } = {}): string {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return keepCase ? plain : plain.toLowerCase();
}

export interface CsvOptions {
  separator?: ',' | ';';
  /** A UTF-8 BOM first, so Excel reads names with accents, '•' and '—' as UTF-8. */
  bom?: boolean;
  /** Decimal comma in numbers; defaults to on with ';', the pairing of comma-decimal
   * locales such as id-ID, where Excel splits CSV on ';' and reads "37,5" as a number. */
  decimalComma?: boolean;
}

// Formula injection: a spreadsheet runs a cell starting with = + - @ (or tab/CR before one)
// as a formula, so such text gets a leading apostrophe, which shows it as plain text.
// Numbers are written as numbers, never prefixed. A '+' followed only by digits, spaces or
// dashes (a phone such as +62 812-3456) is left alone: with no letters it can call no function.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_PHONE = /^\+\d[\d -]*$/;
const guard = (s: string) => (FORMULA_START.test(s) && !PLAIN_PHONE.test(s) ? `'${s}` : s);

/** A UTC instant as `YYYY-MM-DD HH:MM:SS` wall time in tz, a form spreadsheets read as a
 * date-time; the column header names the zone. Seconds are the same in every real zone. */
function wallTime(iso: string, tz: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso; // not an instant: keep it rather than fail the export
  return `${localDay(d, tz)} ${localTime(d, tz)}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
}

/** RFC 4180: one header row, then the rows; CRLF after every record; a field with the
 * separator, a quote, CR or LF is quoted, quotes doubled. 'date' cells are written as they
 * are, 'datetime' cells as wall time in the table's timezone (UTC ISO without one). */
export function toCsv(table: Table, opts: CsvOptions = {}): string {
  const { separator = ',', bom = true, decimalComma = separator === ';' } = opts;
  const field = (value: Cell, kind: ColumnKind | undefined): string => {
    if (value === null) return '';
    if (typeof value === 'number')
      return decimalComma ? String(value).replace('.', ',') : String(value);
    return guard(kind === 'datetime' && table.timezone ? wallTime(value, table.timezone) : value);
  };
  const quote = (s: string) =>
    s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  const records = [
    table.columns.map((c) => guard(c.header)),
    ...table.rows.map((row) => row.map((v, i) => field(v, table.columns[i]?.kind))),
  ];
  return (bom ? '\uFEFF' : '') + records.map((r) => r.map(quote).join(separator) + '\r\n').join('');
}
