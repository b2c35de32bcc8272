// The XLSX as printed paper: title rows merged across the table, the header and the
// sessions' notes wrapped with room for their lines, A4 in the table's orientation fitted
// to the page's width, the header rows repeated on every page (Print_Titles), a running
// head naming the kegiatan and the angkatan, page numbers. Read from the workbook's XML
// (unzipped), which is where a spreadsheet program finds them, and read back as cells.
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { Table } from '#domain/exports';
import type { ReportData } from '#domain/event-data';
import { demoBatches, demoEvent, demoParticipants, demoSessions } from '#domain/demo';
import { exportTables } from '#reports/tables';
import { xlsxOf } from '#reports/xlsx';
import { fixture } from '#tests/support/fixture';

const data: ReportData = {
  event: { ...fixture.event, fiscalYear: 2025, fundingSource: 'DAK Non Fisik' },
  batches: fixture.batches,
  sessions: fixture.sessions,
  participants: fixture.people,
  checkins: [],
  marks: [],
};
// The built-in demo event's sheets, for the sample mark it must print on every page.
const demo: ReportData = {
  event: demoEvent,
  batches: demoBatches,
  sessions: demoSessions,
  participants: demoParticipants,
  checkins: [],
  marks: [],
};

type Attrs = Record<string, string>;
const attrs = (tag: string): Attrs =>
  Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
const tags = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0]);
const inner = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]!);

function unzip(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const text = (path: string) => strFromU8(files[path]!);
  const sheets = tags(text('xl/workbook.xml'), 'sheet').map((t, i) => ({
    name: attrs(t).name!,
    xml: text(`xl/worksheets/sheet${i + 1}.xml`),
  }));
  const styles = text('xl/styles.xml');
  const xfs = [
    ...(/<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(styles)?.[0] ?? '').matchAll(
      /<xf\b[^>]*?(?:\/>|>([\s\S]*?)<\/xf>)/g,
    ),
  ].map((m) => m[1] ?? '');
  const fonts = [
    ...(/<fonts\b[\s\S]*?<\/fonts>/.exec(styles)?.[0] ?? '').matchAll(
      /<font\b[^>]*?(?:\/>|>([\s\S]*?)<\/font>)/g,
    ),
  ].map((m) => m[1] ?? '');
  const fontOf = (s: string | undefined) => {
    const xf = tags(/<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(styles)![0], 'xf')[Number(s ?? 0)];
    return fonts[Number(attrs(xf ?? '').fontId ?? 0)] ?? '';
  };
  /** Whether a cell's style wraps its text, and whether it is italic. */
  const style = (s: string | undefined) => ({
    wrap: /wrapText="(1|true)"/.test(xfs[Number(s ?? 0)] ?? ''),
    italic: /<i\s*\/>/.test(fontOf(s)),
  });
  return { workbook: text('xl/workbook.xml'), sheets, style };
}

const rowOf = (xml: string, r: number) =>
  new RegExp(`<row r="${r}"[^>]*?(?:/>|>[\\s\\S]*?</row>)`).exec(xml)?.[0] ?? '';
const cellsIn = (row: string) => tags(row, 'c').map(attrs);

describe('the XLSX on paper', () => {
  const tables = exportTables(data, { kind: 'all' });
  const at = (name: string) => tables.findIndex((t) => t.name === name);

  it('sets A4, the orientation, the fit to one page wide and narrow margins on every sheet', async () => {
    const { sheets } = unzip(await xlsxOf(tables));
    for (const [i, { name, xml }] of sheets.entries()) {
      // <sheetPr> first in the worksheet, so that fitToWidth is honoured.
      expect(xml, name).toMatch(
        /<worksheet\b[^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr>/,
      );
      const [setup] = tags(xml, 'pageSetup').map(attrs);
      expect(setup, name).toEqual({
        paperSize: '9',
        orientation: tables[i]!.landscape ? 'landscape' : 'portrait',
        fitToWidth: '1',
        fitToHeight: '0',
      });
      expect(tags(xml, 'pageMargins').map(attrs)[0]).toMatchObject({ left: '0.4', right: '0.4' });
      // The order a worksheet demands: margins, setup, header/footer, in that order, last.
      expect(xml.indexOf('<pageMargins')).toBeGreaterThan(xml.indexOf('</sheetData>'));
      expect(xml.indexOf('<headerFooter>')).toBeGreaterThan(xml.indexOf('<pageSetup'));
    }
    expect(tables[at('Matriks kehadiran')]!.landscape).toBe(true);
    expect(tables[at('Rekap rincian')]!.landscape).toBeFalsy();
  });

  it('repeats the header rows on every page, and heads each page with the kegiatan', async () => {
    const { workbook, sheets } = unzip(await xlsxOf(tables));
    const titles = tags(workbook, 'definedName').map((t, i) => ({
      ...attrs(t),
      range: inner(workbook, 'definedName')[i],
    }));
    // Four title lines (heading, kegiatan, angkatan, Tahun Anggaran), an empty row, then the
    // header on row 6; the matrix has its sessions' notes under it on row 7.
    expect(titles).toEqual(
      tables.map((t, i) => ({
        name: '_xlnm.Print_Titles',
        localSheetId: String(i),
        range: t.name === 'Matriks kehadiran' ? `'${t.name}'!$6:$7` : `'${t.name}'!$6:$6`,
      })),
    );
    for (const { name, xml } of sheets) {
      const head = inner(xml, 'oddHeader')[0]!.replace(/&amp;/g, '&');
      expect(head, name).toBe(
        `&L&8 ${fixture.event.name} · Semua angkatan (Angkatan I, Angkatan II) · 2–23 Juni 2025`,
      );
      expect(inner(xml, 'oddFooter')[0]!.replace(/&amp;/g, '&')).toBe('&C&8Halaman &P dari &N');
    }
    // The demo event's: every printed page says it is a sample, at the head's right.
    for (const { name, xml } of unzip(await xlsxOf(exportTables(demo, { kind: 'all' }))).sheets) {
      expect(inner(xml, 'oddHeader')[0]!.replace(/&amp;/g, '&'), name).toBe(
        `&L&8 ${demoEvent.name} · Semua angkatan (Angkatan I, Angkatan II) · 2–23 Juni 2025` +
          '&R&8&BCONTOH (data rekaan)',
      );
    }
  });

  it('merges the title lines across the table and wraps the header and the notes', async () => {
    const { sheets, style } = unzip(await xlsxOf(tables));
    const matrix = tables[at('Matriks kehadiran')]!;
    const { xml } = sheets[at('Matriks kehadiran')]!;
    const last = String.fromCharCode(64 + matrix.columns.length); // 17 columns: Q
    expect(tags(xml, 'mergeCell').map((t) => attrs(t).ref)).toEqual(
      [1, 2, 3, 4].map((r) => `A${r}:${last}${r}`),
    );
    const header = rowOf(xml, 6);
    const notes = rowOf(xml, 7);
    for (const c of cellsIn(header)) expect(style(c.s).wrap, c.r).toBe(true);
    for (const c of cellsIn(notes)) expect(style(c.s), c.r).toEqual({ wrap: true, italic: true });
    // Tall enough for its longest note: "Kebijakan pengembangan koleksi perpustakaan daerah
    // (2 JP)" is six lines in a column 11 characters wide, at 15 points a line.
    expect(attrs(tags(notes, 'row')[0]!)).toMatchObject({ ht: '90', customHeight: '1' });
    // The key to the matrix's symbols sits under it, after an empty row.
    const legendRow = 7 + matrix.rows.length + 2;
    expect(cellsIn(rowOf(xml, legendRow)).map((c) => style(c.s).italic)).toEqual([true]);
  });

  it('reads back: title lines, an empty row, the header, the notes, the people', async () => {
    const [, sheet] = await readXlsxFile(Buffer.from(await xlsxOf(tables)));
    const rows = sheet!.data as unknown[][];
    expect(rows.slice(0, 4).map((r) => r[0])).toEqual([
      'MATRIKS KEHADIRAN PESERTA PER SESI',
      fixture.event.name,
      'Semua angkatan (Angkatan I, Angkatan II) · 2–23 Juni 2025',
      'Tahun Anggaran 2025 · DAK Non Fisik',
    ]);
    expect(rows[4]!.every((c) => c === null)).toBe(true);
    expect(rows[5]!.slice(0, 4)).toEqual(['No', 'Nama', 'NIP/NI PPPK', 'Sen 2/6 07.30']);
    expect(rows[6]![3]).toBe('Pembukaan dan arahan Ketua Panitia Uji (1 JP)');
    expect(rows[7]!.slice(0, 2)).toEqual([1, fixture.people[0]!.fullName]);
    // The demo event's first line says it is a sample.
    const [, demoSheet] = await readXlsxFile(
      Buffer.from(await xlsxOf(exportTables(demo, { kind: 'all' }))),
    );
    expect((demoSheet!.data as unknown[][])[0]![0]).toBe(
      'CONTOH (data rekaan) · MATRIKS KEHADIRAN PESERTA PER SESI',
    );
  });

  it('quotes a sheet name with an apostrophe in its print titles', async () => {
    const table: Table = {
      name: "Rekap Jum'at",
      columns: [{ key: 'a', header: 'A', kind: 'text', width: 10 }],
      rows: [['x']],
    };
    const { workbook, sheets } = unzip(await xlsxOf([table]));
    expect(inner(workbook, 'definedName')).toEqual(["'Rekap Jum''at'!$1:$1"]);
    // Without title lines the pane freezes the header alone; no merge, no running head text.
    expect(tags(sheets[0]!.xml, 'pane').map(attrs)[0]).toMatchObject({ ySplit: '1' });
    expect(tags(sheets[0]!.xml, 'mergeCell')).toEqual([]);
  });
});
