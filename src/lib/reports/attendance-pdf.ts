// The daftar hadir as an A4 PDF: the same SheetData the screen shows, for the SPJ file
// and for wet ink when the auditor wants it; the screen's "Cetak (A4)" prints this file
// too. Every row has the same height (tall enough to sign) and the first page reserves
// room for the longest header, so how many rows a page holds depends only on whether the
// sheet has a kop. The column header repeats on every page, and later pages name the
// sheet in a running head. The signatures' block never stands alone on a page: when it
// does not fit under the last row, that row goes over with it. A signature captured at
// the desk is drawn as vector strokes; a box struck through cannot be signed later; an
// empty one keeps the row's number for wet ink. Text never leaves its cell: it wraps,
// shrinks, and at worst is cut with an ellipsis (pdf.ts fit).
import type { jsPDF } from 'jspdf';
import {
  cellText,
  columnKey,
  SHEET_WORDS,
  type SheetColumnKey,
  type SheetData,
  type SheetRow,
} from '#domain/daftar-hadir';
import { decodeSignature, SIGNATURE_BOX } from '#domain/signature';
import { drawSigners, signersHeight } from '#reports/attendance-signers';
import { drawLetterhead, hasLetterhead } from '#reports/letterhead';
import { a4, A4, demoMark, drawLines, fit, font, lineHeight, pdfBytes } from '#reports/pdf';

const PAGE = A4.portrait;
const MARGIN = 15;
/** Below this the page number is printed. */
const BOTTOM = PAGE.height - 20;
/** Enough to sign in (a signature line is ~10 mm high). */
const ROW_HEIGHT = 12;
const HEAD_ROW_HEIGHT = 8;
// The kop's box, on the first page only.
const KOP = { x: MARGIN, y: 10, width: PAGE.width - 2 * MARGIN, height: 30 };
const titleY = (kop: boolean) => (kop ? 48 : 20);
// The first page's header: up to eight lines (kegiatan, angkatan, hari/tanggal, sesi,
// tempat, tahun anggaran, sumber dana), eight rows of text between them: a value wraps to
// a second row while rows are left over.
const HEAD_SIZE = 10.5;
const HEAD_GAP = 1;
const HEAD_ROWS = 8;
const HEAD_HEIGHT = HEAD_ROWS * lineHeight(HEAD_SIZE) + HEAD_ROWS * HEAD_GAP;
// Where the first page's table starts at the latest: below the longest header. It starts
// right under a shorter one, but the page still holds the same number of rows whatever
// the header says (the rest stays blank at the bottom).
const firstTableTop = (kop: boolean) => titleY(kop) + 10 + HEAD_HEIGHT;
// Later pages carry a one-line running head above the table.
const NEXT_TABLE_TOP = 20;
const rowsBelow = (top: number) => Math.floor((BOTTOM - top - HEAD_ROW_HEIGHT) / ROW_HEIGHT);
/** Rows on the first page without a kop, and with one. */
export const FIRST_PAGE_ROWS = rowsBelow(firstTableTop(false));
export const KOP_FIRST_PAGE_ROWS = rowsBelow(firstTableTop(true));
export const ROWS_PER_PAGE = rowsBelow(NEXT_TABLE_TOP);
/** Between the last row and the signatures' block. */
const BLOCK_GAP = 6;

/** Pages for `rows` rows of table, before the signatures' block (which may carry the last
 * row onto one more). */
export function tablePages(rows: number, kop = false): number {
  const first = kop ? KOP_FIRST_PAGE_ROWS : FIRST_PAGE_ROWS;
  return rows <= first ? 1 : 1 + Math.ceil((rows - first) / ROWS_PER_PAGE);
}

/**
 * Rows on each page: as many as fit, then, when the block (`block` mm) does not fit under
 * the last page's rows, that page's last row moves to a new page with the block, so no
 * page holds the block alone (an auditor reads a lone block as signing nothing).
 */
function pageRows(rows: number, kop: boolean, block: number): number[] {
  const pages: number[] = [];
  let left = rows;
  let room = kop ? KOP_FIRST_PAGE_ROWS : FIRST_PAGE_ROWS;
  do {
    const n = Math.min(left, room);
    pages.push(n);
    left -= n;
    room = ROWS_PER_PAGE;
  } while (left > 0);
  const top = (page: number) => (page === 0 ? firstTableTop(kop) : NEXT_TABLE_TOP);
  const last = pages.length - 1;
  const end = top(last) + HEAD_ROW_HEIGHT + pages[last]! * ROW_HEIGHT;
  if (end + BLOCK_GAP + block > BOTTOM && pages[last]! > 0) {
    pages[last]!--;
    pages.push(1);
  }
  return pages;
}

// The columns' widths (180 mm between the margins), by what the sheet lists.
const WIDTHS: Record<string, readonly number[]> = {
  'no,name,nip,position,sign': [10, 52, 36, 47, 35],
  'no,name,nip,position,note,sign': [9, 46, 35, 42, 20, 28],
  'no,name,nip,position,materi,jp,sign': [8, 36, 33, 34, 35, 10, 24],
};
const CENTRED: ReadonlySet<SheetColumnKey> = new Set(['no', 'nip', 'note', 'jp']);
const PAD = 1.5;
const CELL_SIZES = [9, 8, 7] as const;
const INK = 0.35; // mm, a ballpoint's stroke

interface Grid {
  keys: (SheetColumnKey | undefined)[];
  widths: readonly number[];
  xs: number[];
}

function grid(sheet: SheetData): Grid {
  const keys = sheet.columns.map(columnKey);
  const widths = WIDTHS[keys.join(',')] ?? keys.map(() => (PAGE.width - 2 * MARGIN) / keys.length);
  const xs = [MARGIN];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);
  return { keys, widths, xs };
}

function headerRow(doc: jsPDF, sheet: SheetData, g: Grid, top: number): number {
  doc.setLineWidth(0.3);
  sheet.columns.forEach((label, i) => {
    doc.rect(g.xs[i]!, top, g.widths[i]!, HEAD_ROW_HEIGHT);
    const f = fit(doc, label, g.widths[i]! - 2 * PAD, 1, [10, 9, 8], 'bold');
    doc.text(f.lines[0] ?? '', g.xs[i]! + g.widths[i]! / 2, top + HEAD_ROW_HEIGHT / 2, {
      align: 'center',
      baseline: 'middle',
    });
  });
  return top + HEAD_ROW_HEIGHT;
}

/** Text centred vertically in a cell, wrapped to three lines at most. */
function cellLines(doc: jsPDF, g: Grid, text: string, col: number, top: number) {
  const width = g.widths[col]! - 2 * PAD;
  // A NIP split over two lines reads as two numbers: it shrinks instead.
  // Keterangan ("Datang 07.42") reads best on one line: a size smaller before wrapping.
  const key = g.keys[col];
  const one = key === 'note' ? fit(doc, text, width, 1, [9, 8]) : undefined;
  const f =
    key === 'nip'
      ? fit(doc, text, width, 1, [...CELL_SIZES, 6.5])
      : one && one.lines[0] === text
        ? one
        : fit(doc, text, width, 3, CELL_SIZES);
  const step = lineHeight(f.size);
  const first = top + ROW_HEIGHT / 2 - ((f.lines.length - 1) * step) / 2;
  const align = CENTRED.has(g.keys[col]!) ? 'center' : 'left';
  const x = align === 'center' ? g.xs[col]! + g.widths[col]! / 2 : g.xs[col]! + PAD;
  f.lines.forEach((line, i) => doc.text(line, x, first + i * step, { align, baseline: 'middle' }));
}

/** The signature's strokes scaled into a box, keeping its 300×120 proportions. */
function strokes(doc: jsPDF, path: string, x: number, top: number, width: number, height: number) {
  const scale = Math.min((width - 2) / SIGNATURE_BOX.width, (height - 2) / SIGNATURE_BOX.height);
  const left = x + (width - SIGNATURE_BOX.width * scale) / 2;
  const up = top + (height - SIGNATURE_BOX.height * scale) / 2;
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

function signatureCell(doc: jsPDF, r: SheetRow, x: number, width: number, top: number) {
  if (r.struck) {
    // Corner to corner: the box cannot be signed after the fact.
    doc.setLineWidth(0.3);
    doc.line(x + 1, top + ROW_HEIGHT - 1, x + width - 1, top + 1);
  } else if (r.signature) {
    if (!r.signatureLabel) strokes(doc, r.signature, x, top, width, ROW_HEIGHT);
    else {
      // The label says whose signature this is (the day's arrival), not the session's.
      font(doc, 6);
      doc.text(r.signatureLabel, x + PAD, top + 2.5);
      strokes(doc, r.signature, x, top + 2.5, width, ROW_HEIGHT - 2.5);
    }
  } else {
    // The number for wet ink, odd ones left and even ones in the middle as on paper forms,
    // so neighbours' signatures do not run into each other.
    font(doc, 8);
    doc.text(`${r.no}.`, x + (r.no % 2 === 1 ? PAD : width / 2), top + 3.5);
  }
}

function row(doc: jsPDF, g: Grid, r: SheetRow, top: number) {
  doc.setLineWidth(0.3);
  g.keys.forEach((key, i) => {
    doc.rect(g.xs[i]!, top, g.widths[i]!, ROW_HEIGHT);
    if (key === 'sign') signatureCell(doc, r, g.xs[i]!, g.widths[i]!, top);
    else cellLines(doc, g, cellText(r, key), i, top);
  });
}

/** Kop, title and header lines; returns where the table starts. */
function firstPageHead(doc: jsPDF, sheet: SheetData): number {
  const kop = hasLetterhead(sheet.letterhead);
  if (kop) drawLetterhead(doc, sheet.letterhead!, KOP);
  font(doc, 14, 'bold');
  doc.text(sheet.title, PAGE.width / 2, titleY(kop), { align: 'center' });
  let y = titleY(kop) + 10;
  // Every line gets one row; a value that needs two gets the second while rows are left.
  let spare = HEAD_ROWS - sheet.header.length;
  const width = PAGE.width - MARGIN - (MARGIN + 33);
  for (const [label, value] of sheet.header) {
    let f = fit(doc, value, width, spare > 0 ? 2 : 1, [HEAD_SIZE, 9.5]);
    if (f.lines.length > 1) spare--;
    else if (f.size !== HEAD_SIZE) f = fit(doc, value, width, 1, [HEAD_SIZE, 9.5, 8.5, 8]);
    font(doc, HEAD_SIZE);
    doc.text(label, MARGIN, y);
    doc.text(':', MARGIN + 30, y);
    y = drawLines(doc, f, MARGIN + 33, y) + HEAD_GAP;
  }
  return Math.min(y, firstTableTop(kop));
}

function runningHead(doc: jsPDF, sheet: SheetData): void {
  const date = sheet.header.find(([label]) => label === SHEET_WORDS.date)?.[1];
  const text = sheet.runningHead ?? [sheet.title, date].filter(Boolean).join(' · ');
  // A hair narrower than the margins: viewers measure the standard fonts a little
  // differently from jsPDF.
  const width = PAGE.width - 2 * MARGIN - 1;
  drawLines(doc, fit(doc, text, width, 1, [9, 8.5, 8, 7.5, 7]), MARGIN, 13);
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
  const g = grid(sheet);
  const kop = hasLetterhead(sheet.letterhead);
  const pages = pageRows(sheet.rows.length, kop, signersHeight(doc, sheet));
  let next = 0;
  let y = 0;
  pages.forEach((count, page) => {
    if (page > 0) {
      doc.addPage('a4', 'portrait');
      runningHead(doc, sheet);
    }
    y = headerRow(doc, sheet, g, page === 0 ? firstPageHead(doc, sheet) : NEXT_TABLE_TOP);
    for (const r of sheet.rows.slice(next, next + count)) {
      row(doc, g, r, y);
      y += ROW_HEIGHT;
    }
    next += count;
  });
  drawSigners(doc, sheet, y + BLOCK_GAP);
  pageNumbers(doc);
  if (sheet.demo) demoMark(doc);
  return pdfBytes(doc);
}
