// The daftar hadir's shape and its fixed Indonesian words (an official document, filed as
// is: see exports.ts for the same choice). Shared by the sheet's builders, the screen and
// the PDF, which look a column's cells up here so they print the same text.
import type { ReportData } from '#domain/event-data';
import type { AttendanceMark, AttendanceStatus, Letterhead } from '#domain/model';

export interface SheetRow {
  no: number;
  name: string;
  /** Formatted (`19860926 201505 1 001`); absent for Non-ASN. */
  nip?: string;
  /** Jabatan/Instansi as printed. */
  position: string;
  /** Keterangan: the session's mark ("Hadir", "Izin"…, "Belum dicatat"), or on a day sheet
   * the arrival ("Datang 07.42"). */
  note?: string;
  /** Materi (narasumber): the titles of the sessions taught that day. */
  materi?: string;
  /** JP (narasumber): those sessions' JP summed, with a decimal comma ("3,5"). */
  jp?: string;
  /** Path data (300×120 box) of the signature given at the desk that day, if any. */
  signature?: string;
  /** Said over the signature when it was not given for this sheet ("TTD datang 07.42"). */
  signatureLabel?: string;
  /** The signature box is struck through: recorded as not there (izin, sakit, tidak
   * hadir), so nobody can sign it later. */
  struck?: boolean;
}

export interface SheetSigner {
  title: string;
  name: string;
  /** Formatted, without the "NIP." prefix. */
  nip?: string;
}

/** The official's block, at the right. */
export interface SheetFooter extends SheetSigner {
  /** e.g. "Banjarmasin, 2 Juni 2025": the city, never the venue's address. */
  placeAndDate: string;
}

export interface SheetData {
  title: string;
  /** [label, value] lines under the title. */
  header: [string, string][];
  /** The column headings, in order (SHEET_WORDS; columnKey tells what each holds). */
  columns: readonly string[];
  rows: SheetRow[];
  footer: SheetFooter;
  /** "Mengetahui," and the approver (KPA/PPK) at the left, when the event names one. */
  approver?: SheetSigner;
  /** "Jumlah hadir: 23 orang", above the signatures. */
  tally?: string;
  /** The kop surat on the first page, when the event has one. */
  letterhead?: Letterhead;
  /** One line atop every later page, so a loose page still says which sheet it is. */
  runningHead?: string;
  /** Built-in demonstration data: every page says CONTOH. */
  demo?: boolean;
  /** A file name without extension, e.g. `daftar-hadir-peserta-2025-06-02-a-sesi-2`. */
  fileName: string;
}

/** The input the sheet reads. Marks make a session sheet evidence; without them every row
 * is "not recorded". */
export type SheetSource = Omit<ReportData, 'marks'> & { marks?: readonly AttendanceMark[] };

// prettier-ignore
export const SHEET_WORDS = {
  participants: 'DAFTAR HADIR PESERTA', narasumber: 'DAFTAR HADIR NARASUMBER',
  panitia: 'DAFTAR HADIR PANITIA', event: 'Kegiatan', batch: 'Angkatan', date: 'Hari/tanggal',
  session: 'Sesi', place: 'Tempat', fiscalYear: 'Tahun Anggaran', funding: 'Sumber dana',
  no: 'No', name: 'Nama', nip: 'NIP', position: 'Jabatan/Instansi', note: 'Keterangan',
  materi: 'Materi', jp: 'JP', sign: 'Tanda Tangan', approver: 'Mengetahui,',
  tally: 'Jumlah hadir', people: 'orang', arrived: 'Datang', signedAt: 'TTD datang',
  unmarked: 'Belum dicatat', demo: 'CONTOH',
} as const;

export const STATUS_WORDS: Record<AttendanceStatus, string> = {
  hadir: 'Hadir',
  terlambat: 'Terlambat',
  izin: 'Izin',
  sakit: 'Sakit',
  tidak_hadir: 'Tidak hadir',
};

export const PARTICIPANT_COLUMNS = [
  SHEET_WORDS.no,
  SHEET_WORDS.name,
  SHEET_WORDS.nip,
  SHEET_WORDS.position,
  SHEET_WORDS.note,
  SHEET_WORDS.sign,
] as const;

/** What a column holds. */
export type SheetColumnKey = 'no' | 'name' | 'nip' | 'position' | 'note' | 'materi' | 'jp' | 'sign';

const KEYS = new Map<string, SheetColumnKey>(
  (['no', 'name', 'nip', 'position', 'note', 'materi', 'jp', 'sign'] as const).map((k) => [
    SHEET_WORDS[k],
    k,
  ]),
);

/** The column a heading names; a heading of no known column holds nothing. */
export const columnKey = (heading: string): SheetColumnKey | undefined => KEYS.get(heading);

/** A cell's text as printed ('' for the signature column, which is drawn). */
export function cellText(row: SheetRow, key: SheetColumnKey | undefined): string {
  switch (key) {
    case 'no':
      return String(row.no);
    case 'name':
      return row.name;
    case 'nip':
      return row.nip ?? '-';
    case 'position':
      return row.position;
    case 'note':
      return row.note ?? '';
    case 'materi':
      return row.materi ?? '';
    case 'jp':
      return row.jp ?? '';
    default:
      return '';
  }
}
