// The XLSX writer for the export tables: one sheet per Table, the same columns and values as
// the CSV, but typed so that Excel sorts and sums them (numbers, real dates) and so that NIP,
// NIK and phone numbers stay text. Each sheet is made to be printed: its title rows (what it
// is, the kegiatan, the angkatan), the header wrapped, sessions' full titles in a note row,
// A4 fitted to the page's width, the header rows repeated on every page, a running head and
// page numbers. The browser page (lazy-loaded) and the server (API route, admin CLI) call
// the same function and get the same bytes.
//
// `write-excel-file/universal` rather than `/browser` or `/node`: it is the one entry that
// runs in both (it returns a Blob, a global in Node 18+ too); `/node` imports node:fs and
// node:stream, which a browser bundle cannot load, and `/browser` only adds a download.
// Its zipper (fflate's async zip) deflates any part of 160 000 bytes or more (a sheet of a
// few hundred participants) in a worker made from a blob: URL: the CSP allows `worker-src
// blob:` for it (server/app.ts); Node uses worker_threads. It writes no print setup beyond
// an orientation, so a small feature (its plugin interface) adds the rest: see printSetup.
import writeXlsxFile, {
  type Cell as XlsxCell,
  type CellObject,
  type Feature,
  type Sheet,
} from 'write-excel-file/universal';
import type { Cell, ColumnKind, Table } from '#domain/exports';
import { localDay, localTime } from '#domain/time';

// Day first, as in Indonesia (and as the organiser reads the printed daftar hadir).
const DATE_FORMAT = 'dd/mm/yyyy';
const DATETIME_FORMAT = 'dd/mm/yyyy hh:mm';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MINUTE_MS = 60_000;
/** Points per line of 11-point text: rows holding wrapped text get this much per line,
 * since Excel does not grow a row to its wrapped text unless someone edits it. */
const LINE_PT = 15;

/** A `YYYY-MM-DD` day as the Date whose UTC fields are that day at midnight: Excel dates
 * carry no zone, and the library turns a Date into a serial number from its UTC time. */
function dayAsDate(day: string): Date | null {
  if (!DAY.test(day)) return null;
  const date = new Date(`${day}T00:00:00Z`);
  // `new Date` rolls 2025-02-30 over to March; a day that is not real stays text instead.
  return date.toISOString().startsWith(day) ? date : null;
}

/** A UTC instant as the Date whose UTC fields are its wall time in tz (2025-06-02T00:30Z in
 * Asia/Makassar → 08:30 "UTC"), so the cell shows the event's local time, as the CSV does.
 * Minutes come from the zone (Intl); seconds and milliseconds are the same in every zone. */
function wallTimeAsDate(iso: string, tz: string): Date | null {
  const instant = new Date(iso);
  const ms = instant.getTime();
  if (Number.isNaN(ms)) return null;
  const wallMinute = Date.parse(`${localDay(instant, tz)}T${localTime(instant, tz)}:00Z`);
  return new Date(wallMinute + (((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS));
}

/** One body cell. Every value gets an explicit type, so nothing is left to guessing: a text
 * such as "=SUM(A1)" or "19870312 201001 2 005" is written as a shared string (never as a
 * formula or a number), and '@' (Text) keeps Excel from converting it when someone edits it. */
function cellOf(value: Cell, kind: ColumnKind | undefined, timezone: string): XlsxCell {
  if (value === null) return null;
  if (typeof value === 'number') {
    // NaN or Infinity would be written as "NaN" into <v>, which Excel reports as corrupt.
    return Number.isFinite(value) ? { value, type: Number } : null;
  }
  const date =
    kind === 'date'
      ? dayAsDate(value)
      : kind === 'datetime'
        ? wallTimeAsDate(value, timezone)
        : null;
  if (date)
    return { value: date, type: Date, format: kind === 'date' ? DATE_FORMAT : DATETIME_FORMAT };
  // A malformed date stays as the text it was rather than failing the whole export.
  // (An empty string becomes an empty cell: XLSX has no empty text distinct from no value.)
  return { value, type: String, format: '@' };
}

/** Lines a text needs in a column this many characters wide (words are not split). */
function linesOf(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const w of text.split(/\s+/)) {
    if (used > 0 && used + 1 + w.length > width) {
      lines++;
      used = w.length;
    } else used += (used > 0 ? 1 : 0) + w.length;
  }
  return lines;
}

/** A row of wrapped texts, as tall as its tallest cell (at most `max` lines). */
function wrappedRow(texts: (string | undefined)[], widths: number[], style: CellObject, max = 8) {
  const lines = Math.max(1, ...texts.map((t, i) => (t ? linesOf(t, widths[i]! - 1) : 1)));
  const height = Math.min(lines, max) * LINE_PT;
  return texts.map((t): XlsxCell => ({
    ...style,
    value: t ?? '',
    type: String,
    wrap: true,
    alignVertical: 'top',
    height,
  }));
}

/** Where a sheet's parts are, for the print setup. */
interface Layout {
  /** 1-based rows: the column header and the last header row (its note row, if any). */
  headerRow: number;
  lastHeaderRow: number;
}

function sheetOf(table: Table): { sheet: Sheet<Blob>; layout: Layout } {
  // No timezone: the table's instants are shown in UTC, as toCsv does.
  const timezone = table.timezone ?? 'UTC';
  const widths = table.columns.map((c) => c.width ?? 10);
  const span = table.columns.length;
  const total = widths.reduce((a, b) => a + b, 0);
  // Title lines across the whole table (merged), wrapped when longer than it is wide.
  const title = (table.title ?? []).map((line, i): XlsxCell[] => [
    {
      value: line,
      type: String,
      fontWeight: 'bold',
      ...(i === 0 ? { fontSize: 12 } : {}),
      ...(span > 1 ? { columnSpan: span } : {}),
      wrap: true,
      height: Math.min(linesOf(line, total), 4) * (i === 0 ? 17 : LINE_PT),
    },
  ]);
  const top = title.length > 0 ? [...title, []] : [];
  const header = wrappedRow(
    table.columns.map((c) => c.header),
    widths,
    { fontWeight: 'bold', bottomBorderStyle: 'thin' },
  );
  const hasNotes = table.columns.some((c) => c.note);
  const notes = hasNotes
    ? [
        wrappedRow(
          table.columns.map((c) => c.note),
          widths,
          { fontStyle: 'italic' },
        ),
      ]
    : [];
  const body = table.rows.map((row) =>
    table.columns.map((column, i) => cellOf(row[i] ?? null, column.kind, timezone)),
  );
  const below = (table.notes ?? []).map((line): XlsxCell[] => [
    { value: line, type: String, fontStyle: 'italic' },
  ]);
  const headerRow = top.length + 1;
  const lastHeaderRow = headerRow + notes.length;
  return {
    sheet: {
      sheet: table.name,
      data: [...top, header, ...notes, ...body, ...(below.length > 0 ? [[], ...below] : [])],
      columns: table.columns.map((c) => (c.width ? { width: c.width } : {})),
      // The header stays in view while scrolling through hundreds of participants.
      stickyRowsCount: lastHeaderRow,
      // Any value makes the library write <pageMargins> and <pageSetup>; printSetup then
      // sets the real orientation with A4 and the fit.
      orientation: 'landscape',
    },
    layout: { headerRow, lastHeaderRow },
  };
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Header/footer text: '&' starts a code there, so a literal one is doubled. */
const headerText = (s: string) => s.replace(/&/g, '&&');

/**
 * The print setup the library does not write, as a feature of its plugin interface: A4 in
 * the table's orientation, fitted to one page wide (as many pages down as needed), narrow
 * margins, the header rows repeated on every page (the workbook's Print_Titles), and a
 * running head (the kegiatan and the angkatan) with "Halaman n dari m" at the foot.
 */
function printSetup(tables: Table[], layouts: Layout[]): Feature<Blob> {
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transformElementAttributes: (tag, attributes, _index, _options, { sheetIndex }) => {
            const table = tables[sheetIndex]!;
            if (tag === 'pageSetup') {
              const orientation = table.landscape ? 'landscape' : 'portrait';
              return { paperSize: 9, orientation, fitToWidth: 1, fitToHeight: 0 };
            }
            if (tag === 'pageMargins') {
              return { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 };
            }
            return attributes;
          },
          transform: (sheet, _options, { sheetIndex }) => {
            const table = tables[sheetIndex]!;
            // <sheetPr> comes first in a worksheet; fitToPage makes fitToWidth count.
            const open = sheet.indexOf('>', sheet.indexOf('<worksheet')) + 1;
            const head = (table.title ?? []).slice(1, 3).join(' · ').slice(0, 200);
            const running =
              `<headerFooter><oddHeader>${xml(
                `&L&8 ${headerText(head)}${table.mark ? `&R&8&B${headerText(table.mark)}` : ''}`,
              )}</oddHeader>` +
              `<oddFooter>${xml('&C&8Halaman &P dari &N')}</oddFooter></headerFooter>`;
            const withPr =
              sheet.slice(0, open) +
              '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
              sheet.slice(open);
            return withPr.replace(/(<pageSetup\b[^>]*\/>)/, `$1${running}`);
          },
        },
        'xl/workbook.xml': {
          transform: (workbook) => {
            const names = tables
              .map((t, i) => {
                const { headerRow, lastHeaderRow } = layouts[i]!;
                const sheet = `'${t.name.replace(/'/g, "''")}'`;
                const rows = `${sheet}!$${headerRow}:$${lastHeaderRow}`;
                return `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xml(rows)}</definedName>`;
              })
              .join('');
            return workbook.replace(/<definedNames\s*\/>/, `<definedNames>${names}</definedNames>`);
          },
        },
      },
    },
  };
}

/** The tables as one .xlsx workbook, a sheet per table in order, named `table.name`. Typed
 * as backed by a plain ArrayBuffer, which a Response body or a Blob part requires. */
export async function xlsxOf(tables: Table[]): Promise<Uint8Array<ArrayBuffer>> {
  if (tables.length === 0) throw new RangeError('An XLSX workbook needs at least one table');
  const sheets = tables.map(sheetOf);
  const features = [
    printSetup(
      tables,
      sheets.map((s) => s.layout),
    ),
  ];
  const blob = await writeXlsxFile(
    sheets.map((s) => s.sheet),
    { features },
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
