// A certificate's back page: the materi (sessions) its JP covers, each with its day and JP,
// and the total, so an assessor can see what the hours were made of. Printed double-sided
// it falls behind its own certificate: one back per front, in the same order.
import type { jsPDF } from 'jspdf';
import { activityTitle, type CertificateData, type Materi } from '#domain/certificate';
import { formatDayShort } from '#domain/time';
import { A4, decimalComma, drawLines, fit, font } from '#reports/pdf';

const PAGE = A4.landscape;
const LEFT = 33.5;
const WIDTH = PAGE.width - 2 * LEFT; // 230 mm, as the front's text
const COLUMNS = [
  { title: 'No', width: 14, align: 'center' },
  { title: 'Materi', width: WIDTH - 14 - 46 - 22, align: 'left' },
  { title: 'Tanggal', width: 46, align: 'center' },
  { title: 'JP', width: 22, align: 'center' },
] as const;
const TABLE_TOP = 58;
const TABLE_BOTTOM = 188;
const MAX_ROW = 9; // mm
const MIN_ROW = 5.5;

/** Rows per page (header and total row included) at the smallest row height. */
const ROOM = Math.floor((TABLE_BOTTOM - TABLE_TOP) / MIN_ROW);

/** JP summed in hundredths, as credit.ts sums them: 0.25s add up exactly. */
const materiTotal = (materi: readonly Materi[]): number =>
  materi.reduce((sum, m) => sum + Math.round(m.jp * 100), 0) / 100;

function row(
  doc: jsPDF,
  cells: readonly string[],
  y: number,
  h: number,
  size: number,
  bold = false,
) {
  let x = LEFT;
  doc.setLineWidth(0.2);
  COLUMNS.forEach((col, i) => {
    doc.rect(x, y, col.width, h);
    const text = fit(
      doc,
      cells[i] ?? '',
      col.width - 3,
      1,
      [size, size - 1, size - 2],
      bold ? 'bold' : 'normal',
    );
    const at = col.align === 'center' ? x + col.width / 2 : x + 1.5;
    // Baseline a little below the middle: the text sits centred in its cell.
    drawLines(doc, text, at, y + h / 2 + text.size * 0.12, col.align, bold ? 'bold' : 'normal');
    x += col.width;
  });
}

/** The back page(s) of one certificate: more sessions than fit move on to another page. */
export function drawBack(doc: jsPDF, c: CertificateData, frame: (doc: jsPDF) => void): void {
  const materi = c.materi ?? [];
  const chunks: Materi[][] = [];
  for (let i = 0; i < materi.length; i += ROOM - 2) chunks.push(materi.slice(i, i + ROOM - 2));
  if (chunks.length === 0) chunks.push([]);
  chunks.forEach((chunk, n) => {
    doc.addPage('a4', 'landscape');
    frame(doc);
    font(doc, 18, 'bold');
    doc.text('DAFTAR MATERI', PAGE.width / 2, 30, { align: 'center' });
    const heading = `${activityTitle(c.eventName)} ${c.batchName}`.trim();
    let y = drawLines(doc, fit(doc, heading, WIDTH, 2, [12, 11, 10]), PAGE.width / 2, 38, 'center');
    const who = `Lampiran sertifikat nomor ${c.number} atas nama ${c.fullName}`;
    y = drawLines(
      doc,
      fit(doc, who, WIDTH, 2, [11, 10, 9], 'italic'),
      PAGE.width / 2,
      y,
      'center',
      'italic',
    );
    const last = n === chunks.length - 1;
    const rows = chunk.length + 1 + (last ? 1 : 0);
    const top = Math.max(TABLE_TOP, y + 2);
    const h = Math.min(MAX_ROW, (TABLE_BOTTOM - top) / rows);
    const size = h >= 8 ? 11 : h >= 6.5 ? 10 : 9;
    row(
      doc,
      COLUMNS.map((col) => col.title),
      top,
      h,
      size,
      true,
    );
    const first = n * (ROOM - 2);
    chunk.forEach((m, i) =>
      row(
        doc,
        [`${first + i + 1}.`, m.title, formatDayShort(m.day, 'id'), decimalComma(m.jp)],
        top + (i + 1) * h,
        h,
        size,
      ),
    );
    if (last) {
      row(
        doc,
        ['', 'Jumlah', '', decimalComma(materiTotal(materi))],
        top + (chunk.length + 1) * h,
        h,
        size,
        true,
      );
    }
  });
}
