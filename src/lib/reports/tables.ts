// The exports by name, built from ReportData: the one place that turns a request ("the
// recap of batch 1, in English") into Tables, whatever writes the file. Each sheet is
// titled with what it is, the kegiatan and the angkatan, so a printed page stands alone.
import {
  breakdownTable,
  certificateRegisterTable,
  checkinLogTable,
  fileSlug,
  matrixTable,
  participantsTable,
  recapTable,
  titleLines,
  toCsv,
  type CertificateRegisterSource,
  type Table,
  type Word,
  word,
} from '#domain/exports';
import { attendanceMatrix, recapBreakdown, regionRecap } from '#domain/recap';
import type { Lang } from '#domain/validation';
import { forBatch, type ReportData } from '#domain/event-data';

// prettier-ignore
export const exportKinds = [
  'participants', 'matrix', 'checkins', 'recap', 'breakdown', 'certificates',
] as const;
export type ExportKind = (typeof exportKinds)[number];

export interface ExportRequest {
  kind: ExportKind | 'all';
  batchId?: string;
  lang?: Lang;
  /** The organiser asked for full NIKs (UU 27/2022: masked by default). */
  revealNik?: boolean;
  /** The server's certificate list (CertificateList) for the register; without one the
   * register says in a row that this device has none. */
  certificates?: CertificateRegisterSource;
}

const HEADING: Record<ExportKind, Word> = {
  participants: 'participantsHeading',
  matrix: 'matrixHeading',
  checkins: 'checkinHeading',
  recap: 'recapHeading',
  breakdown: 'breakdownHeading',
  certificates: 'certificatesHeading',
};

export function exportTables(data: ReportData, req: ExportRequest): Table[] {
  const d = forBatch(data, req.batchId);
  const lang = req.lang ?? 'id';
  const timezone = d.event.timezone;
  const provinceCode = d.event.provinceCode;
  const build: Record<ExportKind, () => Table> = {
    participants: () =>
      participantsTable(d.participants, {
        lang,
        timezone,
        provinceCode,
        batches: data.batches,
        revealNik: req.revealNik ?? false,
      }),
    matrix: () => matrixTable(attendanceMatrix(d), { lang, timezone }),
    checkins: () => checkinLogTable(d.checkins, d.participants, { lang, timezone }),
    recap: () => recapTable(regionRecap(d, { provinceCode }), { lang, provinceCode }),
    breakdown: () => breakdownTable(recapBreakdown(d, d.batches), { lang, batches: d.batches }),
    certificates: () =>
      certificateRegisterTable(req.certificates, {
        lang,
        ...(req.batchId ? { batchNames: d.batches.map((b) => b.name) } : {}),
      }),
  };
  const kinds = req.kind === 'all' ? exportKinds : [req.kind];
  return kinds.map((k) => ({
    ...build[k](),
    title: titleLines(HEADING[k], d.event, d.batches, lang, !req.batchId),
    ...(d.event.demo ? { mark: word('demoMark', lang) } : {}),
  }));
}

/** A file name without spaces or slashes: `hadir-<kind>-<event>[-<batch>].<ext>`. */
export function exportFileName(
  data: Pick<ReportData, 'event' | 'batches'>,
  req: { kind: string; batchId?: string },
  ext: 'xlsx' | 'csv' | 'pdf' | 'zip',
): string {
  const batch = req.batchId ? data.batches.find((b) => b.id === req.batchId)?.code : undefined;
  // A demo's file says so in its name too: a CSV carries no title rows to say it.
  const demo = data.event.demo ? 'contoh' : undefined;
  return ['hadir', req.kind, fileSlug(data.event.name), batch && fileSlug(batch), demo]
    .filter(Boolean)
    .join('-')
    .concat(`.${ext}`);
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MIME = 'text/csv; charset=utf-8';

export interface ExportFile {
  bytes: Uint8Array;
  name: string;
  mime: string;
}

/** The export as a file, the same bytes from the console, the API route and the CLI. CSV
 * holds one table: asking for `all` as CSV is a RangeError (callers refuse it first). The
 * XLSX writer loads on first use (in the browser it is its own chunk). */
export async function exportFile(
  data: ReportData,
  req: ExportRequest,
  format: 'xlsx' | 'csv',
  separator: ',' | ';' = ',',
): Promise<ExportFile> {
  const tables = exportTables(data, req);
  if (format === 'csv') {
    if (tables.length !== 1) throw new RangeError('CSV holds one table');
    const bytes = new TextEncoder().encode(toCsv(tables[0]!, { separator }));
    return { bytes, name: exportFileName(data, req, 'csv'), mime: CSV_MIME };
  }
  const { xlsxOf } = await import('#reports/xlsx');
  return { bytes: await xlsxOf(tables), name: exportFileName(data, req, 'xlsx'), mime: XLSX_MIME };
}
