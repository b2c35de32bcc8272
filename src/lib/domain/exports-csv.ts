// CSV for Excel: RFC 4180 with a BOM, ';' and a decimal comma for id-ID, and identifiers
// (NIK, NIP, phone, registration number) written so that Excel keeps them as text.
import { localDay, localTime } from '#domain/time';
import type { Cell, ColumnKind, Table } from '#domain/exports-table';

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

/**
 * An identifier as Excel keeps it: `="3171234567890123"`. Excel reads a bare field that
 * looks like a number as a number: a 16-digit NIK keeps 15 significant digits (the last
 * becomes 0) and a phone loses its leading 0. The other known ways show an artefact in
 * Excel (id-ID, opened by double-click): a leading apostrophe is not an import prefix in
 * CSV and is shown; a leading tab stays in the cell (and breaks lookups). `="…"` is a
 * formula whose value is the text itself: nothing extra is shown. Safe as a formula: the
 * value is one string literal (its quotes doubled), which can call nothing.
 */
const asText = (s: string) => `="${s.replace(/"/g, '""')}"`;

/** A UTC instant as `YYYY-MM-DD HH:MM:SS` wall time in tz, a form spreadsheets read as a
 * date-time; the column header names the zone. Seconds are the same in every real zone. */
function wallTime(iso: string, tz: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso; // not an instant: keep it rather than fail the export
  return `${localDay(d, tz)} ${localTime(d, tz)}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
}

/** RFC 4180: one header row, then the rows; CRLF after every record; a field with the
 * separator, a quote, CR or LF is quoted, quotes doubled. 'date' cells are written as they
 * are, 'datetime' cells as wall time in the table's timezone (UTC ISO without one), 'code'
 * cells as `="…"`. The title and notes are a spreadsheet's: a CSV starts with its header,
 * where a column's note (a session's full title) follows its short header. */
export function toCsv(table: Table, opts: CsvOptions = {}): string {
  const { separator = ',', bom = true, decimalComma = separator === ';' } = opts;
  const field = (value: Cell, kind: ColumnKind | undefined): string => {
    if (value === null) return '';
    if (typeof value === 'number')
      return decimalComma ? String(value).replace('.', ',') : String(value);
    if (kind === 'code' && value !== '') return asText(value);
    return guard(kind === 'datetime' && table.timezone ? wallTime(value, table.timezone) : value);
  };
  const quote = (s: string) =>
    s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  const records = [
    table.columns.map((c) => guard(c.note ? `${c.header} ${c.note}` : c.header)),
    ...table.rows.map((row) => row.map((v, i) => field(v, table.columns[i]?.kind))),
  ];
  return (bom ? '\uFEFF' : '') + records.map((r) => r.map(quote).join(separator) + '\r\n').join('');
}
