// The daftar hadir as an A4 PDF: the same SheetData the screen shows, for the SPJ file
// and for wet ink when the auditor wants it. Every row has the same height (tall enough to
// sign), so how many rows a page holds is a constant, and the column header repeats on
// every page. A signature captured at the desk is drawn as vector strokes in its cell;
// otherwise the cell keeps the row's number for wet ink. Text never leaves its cell: it
// wraps, shrinks, and at worst is cut with an ellipsis (pdf.ts fit).
import type { jsPDF } from 'jspdf';
import { SHEET_WORDS, type SheetData, type SheetRow } from '#domain/daftar-hadir';
import { decodeSignature, SIGNATURE_BOX } from '#domain/signature';
import { a4, A4, drawLines, fit, font, lineHeight, pdfBytes } from '#reports/pdf';

const PAGE = A4.portrait;
const MARGIN = 15;
/** Below this the page number is printed. */
const BOTTOM = PAGE.height - 20;
/** Enough to sign in (a signature line is ~10 mm high). */
export const ROW_HEIGHT = 12;
export const HEAD_ROW_HEIGHT = 8;
// The first page's header: four lines at most (kegiatan, hari/tanggal, sesi, tempat),
// each wrapped to two rows at most.
const HEAD_TOP = 30;
const HEAD_SIZE = 10.5;
const HEAD_GAP = 1.5;
// Where the first page's table starts at the latest: below the longest header. It starts
// right under a shorter one, but the page still holds the same number of rows whatever
// the header says (the rest stays blank at the bottom).
const FIRST_TABLE_TOP = HEAD_TOP + 4 * (2 * lineHeight(HEAD_SIZE) + HEAD_GAP);
// Later pages carry a one-line running title above the table.
const NEXT_TABLE_TOP = 20;
export const FIRST_PAGE_ROWS = Math.floor(
  (BOTTOM - FIRST_TABLE_TOP - HEAD_ROW_HEIGHT) / ROW_HEIGHT,
);
export const ROWS_PER_PAGE = Math.floor((BOTTOM - NEXT_TABLE_TOP - HEAD_ROW_HEIGHT) / ROW_HEIGHT);

// No · Nama · NIP · Jabatan/Instansi · Tanda Tangan: 180 mm between the margins.
const WIDTHS = [10, 52, 36, 47, 35] as const;
const PAD = 1.5;
const CELL_SIZES = [9, 8, 7] as const;
const INK = 0.35; // mm, a ballpoint's stroke

/** Pages for `rows` rows of table, before the official's block (which may add one). */
export function tablePages(rows: number): number {
  return rows <= FIRST_PAGE_ROWS ? 1 : 1 + Math.ceil((rows - FIRST_PAGE_ROWS) / ROWS_PER_PAGE);
}

function columnsX(): number[] {
  const xs = [MARGIN];
  for (const w of WIDTHS) xs.push(xs[xs.length - 1]! + w);
  return xs;
}
const X = columnsX();

function headerRow(doc: jsPDF, sheet: SheetData, top: number): number {
  doc.setLineWidth(0.3);
  font(doc, 10, 'bold');
  sheet.columns.forEach((label, i) => {
    doc.rect(X[i]!, top, WIDTHS[i]!, HEAD_ROW_HEIGHT);
    doc.text(label, X[i]! + WIDTHS[i]! / 2, top + HEAD_ROW_HEIGHT / 2, {
      align: 'center',
      baseline: 'middle',
    });
  });
  return top + HEAD_ROW_HEIGHT;
}

/** Text centred vertically in a cell, wrapped to three lines at most. */
function cellText(doc: jsPDF, text: string, col: number, top: number, align: 'left' | 'center') {
  const width = WIDTHS[col]! - 2 * PAD;
  const f = fit(doc, text, width, 3, CELL_SIZES);
  const step = lineHeight(f.size);
  const first = top + ROW_HEIGHT / 2 - ((f.lines.length - 1) * step) / 2;
  const x = align === 'center' ? X[col]! + WIDTHS[col]! / 2 : X[col]! + PAD;
  f.lines.forEach((line, i) => doc.text(line, x, first + i * step, { align, baseline: 'middle' }));
}

/** The signature's strokes scaled into the cell, keeping its 300×120 proportions. */
function signature(doc: jsPDF, path: string, x: number, top: number, width: number) {
  const scale = Math.min(
    (width - 2) / SIGNATURE_BOX.width,
    (ROW_HEIGHT - 2) / SIGNATURE_BOX.height,
  );
  const left = x + (width - SIGNATURE_BOX.width * scale) / 2;
  const up = top + (ROW_HEIGHT - SIGNATURE_BOX.height * scale) / 2;
  doc.setLineWidth(INK);
  doc.setLineCap('round');
  doc.setLineJoin('round');
  for (const stroke of decodeSignature(path)) {
    const [start, ...rest] = stroke;
    if (!start) continue;
    const x0 = left + start.x * scale;
    const y0 = up + start.y * scale;
    // A dot (a tap of the pen) has no length to stroke.
    if (rest.length === 0) doc.circle(x0, y0, INK / 2, 'F');
    else {
      const deltas = rest.map((p, i) => {
        const prev = stroke[i]!;
        return [p.x - prev.x, p.y - prev.y];
      });
      doc.lines(deltas, x0, y0, [scale, scale], 'S', false);
    }
  }
  doc.setLineCap('butt');
  doc.setLineJoin('miter');
}

function row(doc: jsPDF, r: SheetRow, top: number) {
  doc.setLineWidth(0.3);
  for (let i = 0; i < WIDTHS.length; i++) doc.rect(X[i]!, top, WIDTHS[i]!, ROW_HEIGHT);
  cellText(doc, String(r.no), 0, top, 'center');
  cellText(doc, r.name, 1, top, 'left');
  cellText(doc, r.nip ?? '-', 2, top, 'center');
  cellText(doc, r.position, 3, top, 'left');
  if (r.signature) signature(doc, r.signature, X[4]!, top, WIDTHS[4]!);
  else {
    // The number for wet ink, odd ones left and even ones in the middle as on paper forms,
    // so neighbours' signatures do not run into each other.
    font(doc, 8);
    const x = X[4]! + (r.no % 2 === 1 ? PAD : WIDTHS[4]! / 2);
    doc.text(`${r.no}.`, x, top + 3.5);
  }
}

/** Title and header lines; returns where the table starts. */
function firstPageHead(doc: jsPDF, sheet: SheetData): number {
  font(doc, 14, 'bold');
  doc.text(sheet.title, PAGE.width / 2, 20, { align: 'center' });
  let y = HEAD_TOP;
  for (const [label, value] of sheet.header) {
    const f = fit(doc, value, PAGE.width - MARGIN - 50, 2, [HEAD_SIZE, 9.5, 8.5]);
    font(doc, HEAD_SIZE);
    doc.text(label, MARGIN, y);
    doc.text(':', MARGIN + 30, y);
    y = drawLines(doc, f, MARGIN + 33, y) + HEAD_GAP;
  }
  return Math.min(y, FIRST_TABLE_TOP);
}

function runningHead(doc: jsPDF, sheet: SheetData): void {
  const date = sheet.header.find(([label]) => label === SHEET_WORDS.date)?.[1];
  const f = fit(doc, [sheet.title, date].filter(Boolean).join(' · '), 180, 1, [9]);
  drawLines(doc, f, MARGIN, 13);
}

/** The official's block at the right, kept on one page: place and date, title, room to
 * sign, name underlined, NIP. Returns its height when `draw` is false. */
function officialBlock(doc: jsPDF, sheet: SheetData, top: number, draw: boolean): number {
  const width = 80;
  const centre = PAGE.width - MARGIN - width / 2;
  const place = fit(doc, sheet.footer.placeAndDate, width, 2, [11, 10]);
  const title = fit(doc, sheet.footer.title, width, 3, [11, 10, 9]);
  const name = fit(doc, sheet.footer.name, width, 2, [11, 10], 'bold');
  const step = lineHeight(11);
  const height = (place.lines.length + title.lines.length + name.lines.length + 1) * step + 20;
  if (!draw) return height;
  let y = drawLines(doc, place, centre, top + step, 'center');
  y = drawLines(doc, title, centre, y, 'center') + 20;
  const nameTop = y;
  y = drawLines(doc, name, centre, y, 'center', 'bold');
  // Underlined, as an official's name is under a signature.
  doc.setLineWidth(0.25);
  name.lines.forEach((line, i) => {
    const w = doc.getTextWidth(line);
    if (w === 0) return; // no official named: a blank line to fill in by hand
    const base = nameTop + i * lineHeight(name.size) + 0.8;
    doc.line(centre - w / 2, base, centre + w / 2, base);
  });
  if (sheet.footer.nip) {
    font(doc, 11);
    doc.text(`NIP. ${sheet.footer.nip}`, centre, y, { align: 'center' });
  }
  return height;
}

function pageNumbers(doc: jsPDF): void {
  const total = doc.getNumberOfPages();
  for (let n = 1; n <= total; n++) {
    doc.setPage(n);
    font(doc, 9);
    doc.text(`Halaman ${n} dari ${total}`, PAGE.width / 2, PAGE.height - 12, { align: 'center' });
  }
}

/** The sheet as a PDF. Throws a RangeError when it names no official: an unsigned
 * daftar hadir is no evidence for the SPJ (the screen says so and offers no download). */
export function attendancePdf(sheet: SheetData): Uint8Array {
  if (!sheet.footer.name.trim()) throw new RangeError('No official signs this attendance list');
  const doc = a4('portrait', sheet.title);
  let y = headerRow(doc, sheet, firstPageHead(doc, sheet));
  let room = FIRST_PAGE_ROWS;
  for (const r of sheet.rows) {
    if (room === 0) {
      doc.addPage('a4', 'portrait');
      runningHead(doc, sheet);
      y = headerRow(doc, sheet, NEXT_TABLE_TOP);
      room = ROWS_PER_PAGE;
    }
    row(doc, r, y);
    y += ROW_HEIGHT;
    room--;
  }
  const gap = 6;
  if (y + gap + officialBlock(doc, sheet, 0, false) > BOTTOM) {
    doc.addPage('a4', 'portrait');
    runningHead(doc, sheet);
    y = NEXT_TABLE_TOP;
  }
  officialBlock(doc, sheet, y + gap, true);
  pageNumbers(doc);
  return pdfBytes(doc);
}
