// Identifiers in a CSV survive Excel. The file is read back the way Excel (id-ID, the file
// opened by double-click) reads a ';'-separated CSV: a field that looks like a number becomes
// an IEEE double that keeps 15 significant digits (a 16-digit NIK loses its last digit, a
// phone its leading 0); `="…"` is a formula whose value is that text; anything else is text.
// The reader is written here from those rules, apart from toCsv.
import { describe, expect, it } from 'vitest';
import { checkinLogTable, participantsTable, toCsv, type Table } from '#domain/exports';
import type { Participant, VenueCheckIn } from '#domain/model';
import { parseCsv } from '#tests/support/csv';
import { fixture } from '#tests/support/fixture';

const tz = 'Asia/Makassar';
const NIK = '3171234567890123';
const person: Participant = {
  ...fixture.people[0]!,
  nik: NIK,
  registrationNumber: '0042', // digits only: a number to Excel
  phone: '+6281234567890',
};

type ExcelValue = string | number | null | { formula: string };

// id-ID: '.' groups thousands, ',' is the decimal sign.
const NUMERIC = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?:[eE][+-]?\d+)?$/;
const TEXT_FORMULA = /^="((?:[^"]|"")*)"$/;

/** One field as Excel id-ID makes it a cell value. */
function excelValue(field: string): ExcelValue {
  if (field === '') return null;
  const literal = TEXT_FORMULA.exec(field);
  if (literal) return literal[1]!.replace(/""/g, '"');
  if (field.startsWith('=')) return { formula: field }; // would run: never acceptable
  if (NUMERIC.test(field)) {
    const n = Number(field.replace(/\./g, '').replace(',', '.'));
    return Number(n.toPrecision(15)); // Excel keeps 15 significant digits
  }
  return field;
}

const excelRead = (text: string) =>
  parseCsv(text.replace(/^\uFEFF/, ''), ';').map((r) => r.map(excelValue));

const column = (table: Table, key: string) => table.columns.findIndex((c) => c.key === key);

describe('CSV identifiers as Excel reads them', () => {
  const table = participantsTable([person], {
    batches: fixture.batches,
    timezone: tz,
    revealNik: true,
  });
  const [header, row] = excelRead(toCsv(table, { separator: ';' })) as [string[], ExcelValue[]];

  it('keeps the full NIK digit for digit, and the NIP, phone and registration number', () => {
    expect(header[column(table, 'nik')]).toBe('NIK');
    expect(row[column(table, 'nik')]).toBe(NIK);
    expect(row[column(table, 'nip')]).toBe('19870412 201403 1 001');
    expect(row[column(table, 'phone')]).toBe('0812-3456-7890');
    expect(row[column(table, 'registrationNumber')]).toBe('0042');
    // Numbers stay numbers: No is 1.
    expect(row[column(table, 'no')]).toBe(1);
  });

  it('would lose the NIK’s last digit and the phone’s leading 0 written bare', () => {
    // The control: the same cells as plain text columns, which is what the export did before.
    const bare: Table = {
      ...table,
      columns: table.columns.map((c) => ({ ...c, kind: c.kind === 'code' ? 'text' : c.kind })),
      rows: [
        table.rows[0]!.map((v, i) => (table.columns[i]!.key === 'phone' ? '081234567890' : v)),
      ],
    };
    const [, bareRow] = excelRead(toCsv(bare, { separator: ';' })) as [string[], ExcelValue[]];
    const nik = bareRow[column(table, 'nik')];
    expect(nik).toBe(3171234567890120);
    expect(String(nik)).not.toBe(NIK);
    expect(bareRow[column(table, 'phone')]).toBe(81234567890);
    expect(bareRow[column(table, 'registrationNumber')]).toBe(42);
  });

  it('runs no formula other than a text literal', () => {
    const hostile: Participant = {
      ...person,
      fullName: '=HYPERLINK("http://evil.example","x")',
      institution: '@SUM(1)',
      rank: 'a"b',
    };
    const t = participantsTable([hostile], {
      batches: fixture.batches,
      timezone: tz,
      revealNik: true,
    });
    const cells = excelRead(toCsv(t, { separator: ';' })).flat();
    expect(cells.filter((c) => typeof c === 'object' && c !== null)).toEqual([]);
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","x")`);
  });

  it('writes the NIP of the check-in log as text as well', () => {
    const checkin: VenueCheckIn = {
      id: 'c1',
      eventId: person.eventId,
      participantId: person.id,
      day: '2025-06-02',
      at: '2025-06-01T23:10:00.000Z',
      method: 'qr',
      deviceId: 'tab-1',
      deviceName: 'Meja 1',
    };
    const log = checkinLogTable([checkin], [person], { timezone: tz });
    const [, r] = excelRead(toCsv(log, { separator: ';' })) as [string[], ExcelValue[]];
    expect(r[column(log, 'nip')]).toBe('19870412 201403 1 001');
    expect(r[column(log, 'repeat')]).toBe('Tidak');
  });
});
