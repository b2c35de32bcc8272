// The XLSX writer against a small hand-made event, read back two ways: with read-excel-file
// (what a spreadsheet shows: text, numbers, dates) and by unzipping the workbook (what only
// the XML tells: the frozen header, column widths, the bold header style, date formats).
// Expected values come from the Tables and from WITA = UTC+8 worked out here, never from the
// writer itself. A sheet reads: its title lines, an empty row, the header, the notes under
// the header (when a column has one), the rows, then an empty row and the notes below.
// The print setup is tested in xlsx-print.test.ts.
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { demoBatches, demoEvent } from '#domain/demo';
import type { Cell, Table } from '#domain/exports';
import {
  Participant,
  type AttendanceMark,
  type AttendanceStatus,
  type VenueCheckIn,
} from '#domain/model';
import type { ReportData } from '#domain/event-data';
import { exportFileName, exportTables } from '#reports/tables';
import { xlsxOf } from '#reports/xlsx';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const [A1, A2] = fixture.batches.map((b) => b.id) as [string, string];
const [d1, d2, d3, d4] = fixture.people as [Participant, Participant, Participant, Participant];
// Three sessions: the first two of batch A1 (2 June) and the first of A2 (23 June).
const sessions = fixture.sessions.filter((s) =>
  [`${A1}-s1`, `${A1}-s2`, `${A2}-s1`].includes(s.id),
);
const INJECTION = '=HYPERLINK("http://evil.example","Perpustakaan")';
const p1: Participant = { ...d1, nik: '6371054107900001', registrationNumber: '0042' }; // A1
const p2: Participant = { ...d2, fullName: "Siti Nur'aini Hélène, S.Pd.", batchId: A1 };
const p3: Participant = { ...d3, institution: INJECTION }; // A1
const p4: Participant = { ...d4, status: 'cancelled', cancelReason: 'Tugas dinas' }; // A2
const walkin = Participant.parse({
  id: 'w1',
  eventId: FIXTURE_EVENT_ID,
  batchId: A2,
  fullName: 'Bambang Walk-in',
  institution: 'SDN 2 Banjarbaru',
  regionCode: '63.72',
  phone: '+6281211112222',
  consentAt: null,
  source: 'walkin',
  status: 'registered',
  ticketCode: 'WALK01',
  needsReview: true,
  createdAt: '2025-06-23T00:05:00.000Z',
  updatedAt: '2025-06-23T00:05:00.000Z',
});

let n = 0;
const mark = (sessionId: string, p: Participant, status: AttendanceStatus): AttendanceMark => ({
  id: `m${++n}`,
  eventId: FIXTURE_EVENT_ID,
  sessionId,
  participantId: p.id,
  status,
  at: '2025-06-02T00:00:00.000Z',
  hlc: `2025-06-02T00:00:00.000Z-${String(n).padStart(4, '0')}-dev`,
  deviceId: 'dev',
});
const checkin = (id: string, p: Participant, day: string, at: string, extra = {}) =>
  ({
    id,
    eventId: FIXTURE_EVENT_ID,
    participantId: p.id,
    day,
    at,
    method: 'qr',
    deviceId: 'tab-1',
    ...extra,
  }) as VenueCheckIn;

const data: ReportData = {
  event: fixture.event, // Asia/Makassar
  batches: fixture.batches,
  sessions,
  participants: [p1, p2, p3, p4, walkin],
  checkins: [
    checkin('c1', p1, '2025-06-02', '2025-06-02T00:30:00.000Z'), // 08:30 WITA
    checkin('c2', p1, '2025-06-02', '2025-06-02T01:15:30.000Z', { method: 'search' }), // repeat
    checkin('c3', p2, '2025-06-02', '2025-06-01T23:55:00.000Z'), // 07:55 WITA, 2 June
    checkin('c4', walkin, '2025-06-23', '2025-06-23T00:05:00.000Z', { method: 'walkin' }),
  ],
  marks: [
    mark(`${A1}-s1`, p1, 'hadir'),
    mark(`${A1}-s2`, p1, 'terlambat'),
    mark(`${A1}-s1`, p2, 'izin'),
    mark(`${A2}-s1`, walkin, 'hadir'),
  ],
};

const HOUR = 3_600_000;
/** What a spreadsheet should show for a Table cell, worked out apart from the writer:
 * WITA is UTC+8 all year; a day is midnight of that day; '' is an empty cell. */
function expectedCell(value: Cell, kind: string): unknown {
  if (value === null || value === '') return null;
  if (kind === 'date') return new Date(`${value}T00:00:00.000Z`);
  if (kind === 'datetime') return new Date(Date.parse(String(value)) + 8 * HOUR);
  return value;
}

/** A read-back cell, dates to the second (a serial day number carries float rounding). */
function normal(value: unknown): unknown {
  return value instanceof Date ? new Date(Math.round(value.getTime() / 1000) * 1000) : value;
}

async function readBack(bytes: Uint8Array) {
  return readXlsxFile(Buffer.from(bytes), { trim: false });
}

/** 0-based: the header's row and the first body row, by the layout above. */
function layoutOf(table: Table) {
  const header = table.title?.length ? table.title.length + 1 : 0;
  const body = header + 1 + (table.columns.some((c) => c.note) ? 1 : 0);
  return { header, body };
}

function expectSameCells(table: Table, rows: unknown[][]) {
  const { header, body } = layoutOf(table);
  (table.title ?? []).forEach((line, i) => expect(rows[i]?.[0], table.name).toBe(line));
  expect(rows[header]).toEqual(table.columns.map((c) => c.header));
  if (body > header + 1) expect(rows[header + 1]).toEqual(table.columns.map((c) => c.note ?? null));
  const notes = table.notes?.length ? table.notes.length + 1 : 0;
  expect(rows.length).toBe(body + table.rows.length + notes);
  (table.notes ?? []).forEach((line, i) =>
    expect(rows[body + table.rows.length + 1 + i]?.[0]).toBe(line),
  );
  table.rows.forEach((row, r) => {
    table.columns.forEach((column, c) => {
      const got = normal(rows[body + r]?.[c] ?? null);
      const where = `${table.name} row ${body + r + 1} "${column.header}"`;
      expect(got, where).toEqual(expectedCell(row[c] ?? null, column.kind));
      if (typeof row[c] === 'number') expect(typeof got, where).toBe('number');
      if (typeof row[c] === 'string' && /text|code/.test(column.kind) && row[c] !== '')
        expect(typeof got, where).toBe('string');
    });
  });
}

// ---- The workbook's XML, unzipped --------------------------------------------------------

type Attrs = Record<string, string>;
const attrs = (tag: string): Attrs =>
  Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
const tags = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0]);
/** The inner XML of each `<name>…</name>` (self-closing ones give ''). */
const elements = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${name}>)`, 'g'))].map(
    (m) => ({ attrs: attrs(m[0]), inner: m[1] ?? '' }),
  );

function workbook(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const text = (path: string) => {
    const file = files[path];
    if (!file) throw new Error(`${path} missing from the workbook`);
    return strFromU8(file);
  };
  const targets = new Map(
    tags(text('xl/_rels/workbook.xml.rels'), 'Relationship').map((t) => {
      const a = attrs(t);
      return [a.Id!, a.Target!.replace(/^\/?(xl\/)?/, 'xl/')];
    }),
  );
  const sheets = tags(text('xl/workbook.xml'), 'sheet').map((t) => {
    const a = attrs(t);
    return { name: a.name!, xml: text(targets.get(a['r:id']!)!) };
  });
  const styles = text('xl/styles.xml');
  const section = (name: string) =>
    new RegExp(`<${name}\\b[\\s\\S]*?</${name}>`).exec(styles)?.[0] ?? '';
  const fonts = elements(section('fonts'), 'font');
  const xfs = elements(section('cellXfs'), 'xf').map((x) => x.attrs);
  const formats = new Map(
    tags(section('numFmts'), 'numFmt').map((t) => [attrs(t).numFmtId!, attrs(t).formatCode!]),
  );
  /** A cell's style: whether its font is bold and its number format code. */
  const style = (s: string | undefined) => {
    const xf = xfs[Number(s ?? 0)] ?? {};
    const font = fonts[Number(xf.fontId ?? 0)]?.inner ?? '';
    return {
      bold: /<b\s*\/>|<b\b[^>]*val="(1|true)"/.test(font),
      format: formats.get(xf.numFmtId ?? ''),
    };
  };
  return { sheets, style };
}

/** The `<c>` elements of a sheet by address, e.g. "B1". */
const cellsOf = (xml: string) => new Map(elements(xml, 'c').map((c) => [c.attrs.r!, c]));
const letters = (i: number): string =>
  (i >= 26 ? letters(Math.floor(i / 26) - 1) : '') + String.fromCharCode(65 + (i % 26));

describe('xlsxOf', () => {
  const tables = exportTables(data, { kind: 'all' });

  it('builds a fixture that exercises every kind of cell', () => {
    const kinds = new Set(tables.flatMap((t) => t.columns.map((c) => c.kind)));
    expect([...kinds].sort()).toEqual(['code', 'date', 'datetime', 'number', 'text']);
    expect(tables.every((t) => t.rows.length > 0)).toBe(true);
    expect(tables[0]!.timezone).toBe('Asia/Makassar');
    expect(tables.every((t) => (t.title?.length ?? 0) >= 3)).toBe(true);
    expect(tables.some((t) => t.columns.some((c) => c.note))).toBe(true);
    expect(tables.some((t) => t.notes?.length)).toBe(true);
  });

  it('reads back every sheet, cell by cell, by name and in order', async () => {
    const sheets = await readBack(await xlsxOf(tables));
    expect(sheets.map((s) => s.sheet)).toEqual(tables.map((t) => t.name));
    expect(sheets.map((s) => s.sheet)).toEqual([
      'Peserta',
      'Matriks kehadiran',
      'Log check-in',
      'Rekap kabupaten-kota',
      'Rekap rincian',
      'Register sertifikat',
    ]);
    for (const table of tables) {
      const sheet = sheets.find((s) => s.sheet === table.name)!;
      expectSameCells(table, sheet.data as unknown[][]);
    }
  });

  it('keeps NIP, NIK, phone, a digit-only code and a leading "=" as text', async () => {
    const [participants] = tables as [Table];
    const sheet = (await readBack(await xlsxOf([participants])))[0]!.data as unknown[][];
    const col = (key: string) => participants.columns.findIndex((c) => c.key === key);
    const { body } = layoutOf(participants);
    const row = (p: Participant) => sheet[body + data.participants.indexOf(p)]!;
    expect(row(p1)[col('nip')]).toBe('19870412 201403 1 001');
    expect(row(p1)[col('registrationNumber')]).toBe('0042');
    expect(row(p1)[col('phone')]).toBe('0813-4990-0101');
    expect(row(p1)[col('nik')]).toBe('6371••••••••••01'); // masked (UU 27/2022)
    expect(row(p2)[col('fullName')]).toBe("Siti Nur'aini Hélène, S.Pd.");
    expect(row(p3)[col('institution')]).toBe(INJECTION);
    // The walk-in's missing fields are empty cells, not "undefined" or "null".
    for (const key of ['nip', 'gender', 'position', 'email', 'consentAt'])
      expect(row(walkin)[col(key)], key).toBeNull();
  });

  it('shows a check-in at its WITA wall time and day', async () => {
    const log = tables[2]!;
    const sheet = (await readBack(await xlsxOf([log])))[0]!.data as unknown[][];
    const at = log.columns.findIndex((c) => c.kind === 'datetime');
    const day = log.columns.findIndex((c) => c.kind === 'date');
    const c1 = sheet.find((r) => normal(r[at])?.valueOf() === Date.UTC(2025, 5, 2, 8, 30))!;
    expect(c1, '2025-06-02T00:30Z shows 02/06/2025 08:30').toBeDefined();
    expect(c1[day]).toEqual(new Date(Date.UTC(2025, 5, 2)));
    // 23:55 UTC on 1 June is already 07:55 on 2 June in Banjarmasin.
    expect(sheet.some((r) => normal(r[at])?.valueOf() === Date.UTC(2025, 5, 2, 7, 55))).toBe(true);
  });

  it('freezes the header rows, sizes columns and styles header, dates and text', async () => {
    const { sheets, style } = workbook(await xlsxOf(tables));
    expect(sheets.map((s) => s.name)).toEqual(tables.map((t) => t.name));
    sheets.forEach(({ xml }, i) => {
      const table = tables[i]!;
      const { header, body } = layoutOf(table);
      const pane = tags(xml, 'pane').map(attrs);
      expect(pane, table.name).toEqual([
        expect.objectContaining({
          ySplit: String(body),
          topLeftCell: `A${body + 1}`,
          state: 'frozen',
        }),
      ]);
      expect(pane[0]!.xSplit ?? '0').toBe('0');
      const widths = tags(xml, 'col').map((t) => [Number(attrs(t).min), Number(attrs(t).width)]);
      expect(widths).toEqual(table.columns.map((c, j) => [j + 1, c.width]));
      // Formulas: none at all, and every text cell a shared string.
      expect(xml).not.toMatch(/<f\b/);
      const cells = cellsOf(xml);
      table.columns.forEach((column, j) => {
        const head = cells.get(`${letters(j)}${header + 1}`);
        expect(head?.attrs.t, column.header).toBe('s');
        expect(style(head?.attrs.s).bold, column.header).toBe(true);
        table.rows.forEach((row, r) => {
          const cell = cells.get(`${letters(j)}${body + r + 1}`);
          const where = `${table.name} ${letters(j)}${body + r + 1}`;
          if (row[j] === null || row[j] === '') return expect(cell?.inner ?? '', where).toBe('');
          expect(style(cell?.attrs.s).bold, where).toBe(false);
          if (column.kind === 'date') expect(style(cell?.attrs.s).format, where).toBe('dd/mm/yyyy');
          if (column.kind === 'datetime')
            expect(style(cell?.attrs.s).format, where).toBe('dd/mm/yyyy hh:mm');
          if (typeof row[j] === 'number') expect(cell?.attrs.t ?? 'n', where).toBe('n');
          if (column.kind === 'text' || column.kind === 'code')
            expect(cell?.attrs.t, where).toBe('s');
        });
      });
    });
  });

  it('writes English headers and sheet names', async () => {
    const english = exportTables(data, { kind: 'all', lang: 'en' });
    const sheets = await readBack(await xlsxOf(english));
    expect(sheets.map((s) => s.sheet)).toEqual([
      'Participants',
      'Attendance matrix',
      'Check-in log',
      'Recap by regency-city',
      'Recap breakdown',
      'Certificate register',
    ]);
    expect(sheets[0]!.data[layoutOf(english[0]!).header]).toContain('Full name');
    expect(sheets[2]!.data[layoutOf(english[2]!).header]).toContain('Time (WITA)');
    english.forEach((table, i) => expectSameCells(table, sheets[i]!.data as unknown[][]));
  });

  it('writes a sheet past the zipper’s worker threshold in Node (the API route’s case)', async () => {
    // 160 000 bytes of sheet XML or more are deflated in a worker (worker_threads in Node).
    const rows = Array.from({ length: 3000 }, (_, i): Cell[] => [
      i + 1,
      `Peserta nomor ${i + 1}`,
      null,
    ]);
    const big: Table = {
      name: 'Besar',
      columns: [
        { key: 'no', header: 'No', kind: 'number', width: 5 },
        { key: 'name', header: 'Nama', kind: 'text', width: 30 },
        { key: 'x', header: 'Kosong', kind: 'text' },
      ],
      rows,
    };
    const bytes = await xlsxOf([big]);
    expect(workbook(bytes).sheets[0]!.xml.length).toBeGreaterThan(160_000);
    const [sheet] = await readBack(bytes);
    expectSameCells(big, sheet!.data as unknown[][]);
  });

  it('refuses an empty workbook', async () => {
    await expect(xlsxOf([])).rejects.toThrow(RangeError);
  });
});

describe('export file names', () => {
  it('name the kind, the event and the batch, and say when the data is the demo’s', () => {
    const real = { event: fixture.event, batches: fixture.batches };
    expect(exportFileName(real, { kind: 'recap' }, 'csv')).toMatch(/^hadir-recap-bimtek-.*\.csv$/);
    expect(exportFileName(real, { kind: 'recap' }, 'csv')).not.toContain('contoh');
    expect(
      exportFileName(
        // The built-in demo event itself: its files say they hold sample data.
        { event: demoEvent, batches: demoBatches },
        {
          kind: 'recap',
          batchId: demoBatches[0]!.id,
        },
        'csv',
      ),
    ).toMatch(/-a1-contoh\.csv$/);
  });
});
