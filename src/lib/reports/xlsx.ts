// The XLSX writer for the export tables: one sheet per Table, the same columns and values as
// the CSV, but typed so that Excel sorts and sums them (numbers, real dates) and so that NIP,
// NIK and phone numbers stay text. The browser page (lazy-loaded) and the server (API route,
// admin CLI) call the same function and get the same bytes.
//
// `write-excel-file/universal` rather than `/browser` or `/node`: it is the one entry that
// runs in both (it returns a Blob, a global in Node 18+ too); `/node` imports node:fs and
// node:stream, which a browser bundle cannot load, and `/browser` only adds a download.
// Its zipper (fflate's async zip) deflates any part of 160 000 bytes or more (a sheet of a
// few hundred participants) in a worker made from a blob: URL: the CSP allows `worker-src
// blob:` for it (server/app.ts); Node uses worker_threads.
import writeXlsxFile, {
  type Cell as XlsxCell,
  type CellObject,
  type Sheet,
} from 'write-excel-file/universal';
import type { Cell, ColumnKind, Table } from '#domain/exports';
import { localDay, localTime } from '#domain/time';

// Day first, as in Indonesia (and as the organiser reads the printed daftar hadir).
const DATE_FORMAT = 'dd/mm/yyyy';
const DATETIME_FORMAT = 'dd/mm/yyyy hh:mm';

const HEADER: CellObject = { fontWeight: 'bold' };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MINUTE_MS = 60_000;

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

function sheetOf(table: Table): Sheet<Blob> {
  // No timezone: the table's instants are shown in UTC, as toCsv does.
  const timezone = table.timezone ?? 'UTC';
  const header: XlsxCell[] = table.columns.map((c) => ({
    ...HEADER,
    value: c.header,
    type: String,
  }));
  const body = table.rows.map((row) =>
    table.columns.map((column, i) => cellOf(row[i] ?? null, column.kind, timezone)),
  );
  return {
    sheet: table.name,
    data: [header, ...body],
    columns: table.columns.map((c) => (c.width ? { width: c.width } : {})),
    // The header stays in view while scrolling through hundreds of participants.
    stickyRowsCount: 1,
  };
}

/** The tables as one .xlsx workbook, a sheet per table in order, named `table.name`. Typed
 * as backed by a plain ArrayBuffer, which a Response body or a Blob part requires. */
export async function xlsxOf(tables: Table[]): Promise<Uint8Array<ArrayBuffer>> {
  if (tables.length === 0) throw new RangeError('An XLSX workbook needs at least one table');
  const blob = await writeXlsxFile(tables.map(sheetOf)).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
