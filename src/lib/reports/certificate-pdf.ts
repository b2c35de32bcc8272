// Certificates (sertifikat) as A4 landscape PDF pages, one per person, and as a ZIP of one
// file each (for sending to people one by one). What a certificate states comes whole from
// CertificateData (the server numbered it); this only lays it out. The QR opens the
// public verification page, so a printed copy can be checked without calling the office.
import { zipSync } from 'fflate';
import type { jsPDF } from 'jspdf';
import type { CertificateData } from '#domain/certificate';
import { fileSlug } from '#domain/exports';
import { formatNip } from '#domain/nip';
import { qrMatrix } from '#domain/qr';
import { formatDayShort, formatDaySpan } from '#domain/time';
import { stripAcademicTitles } from '#domain/search';
import { a4, A4, decimalComma, drawLines, fit, font, lineHeight, pdfBytes } from '#reports/pdf';

const PAGE = A4.landscape;
const CENTRE = PAGE.width / 2;
const TEXT_WIDTH = 230;
const NBSP = '\u00a0'; // keeps "7,5 JP" on one line
export const QR_CAPTION = 'Pindai untuk memeriksa keaslian';
const QR_SIZE = 30; // mm: reads from a phone at arm's length
const QR_LEFT = 30;
const QR_TOP = 148;

export interface QrSquares {
  /** Modules per side, quiet border included. */
  size: number;
  /** Dark runs in module units: `w` modules wide from (x, y), one module high. */
  squares: { x: number; y: number; w: number }[];
}

/** The QR exactly as the PDF draws it: each row's dark modules merged into runs (fewer
 * rectangles, a smaller file). */
export function qrSquares(text: string): QrSquares {
  const { size, dark } = qrMatrix(text);
  const squares: QrSquares['squares'] = [];
  dark.forEach((row, y) => {
    let start = -1;
    for (let x = 0; x <= row.length; x++) {
      if (row[x] && start < 0) start = x;
      else if (!row[x] && start >= 0) {
        squares.push({ x: start, y, w: x - start });
        start = -1;
      }
    }
  });
  return { size, squares };
}

/** "7,5 JP": the JP a certificate states, with a decimal comma when fractional. */
export const jpText = (jp: number): string => `${decimalComma(jp)}${NBSP}JP`;

/** The sentence saying what was attended. */
export function statement(c: CertificateData): string {
  const dates = formatDaySpan(c.startDate, c.endDate, 'id');
  return (
    `telah mengikuti ${c.eventName} ${c.batchName} yang diselenggarakan oleh ${c.organizer} ` +
    `pada tanggal ${dates} sebanyak ${jpText(c.jp)}`
  );
}

function border(doc: jsPDF): void {
  doc.setLineWidth(1.2);
  doc.rect(10, 10, PAGE.width - 20, PAGE.height - 20);
  doc.setLineWidth(0.3);
  doc.rect(13, 13, PAGE.width - 26, PAGE.height - 26);
}

function qr(doc: jsPDF, url: string): void {
  const { size, squares } = qrSquares(url);
  const m = QR_SIZE / size;
  doc.setFillColor(0, 0, 0);
  // A hair of overlap between rows, so viewers do not show seams between rectangles.
  for (const s of squares) doc.rect(QR_LEFT + s.x * m, QR_TOP + s.y * m, s.w * m, m + 0.02, 'F');
  font(doc, 8, 'italic');
  doc.text(QR_CAPTION, QR_LEFT + QR_SIZE / 2, QR_TOP + QR_SIZE + 4, { align: 'center' });
}

function signatory(doc: jsPDF, c: CertificateData): void {
  const width = 100;
  const centre = PAGE.width - 30 - width / 2;
  const place = [c.place, formatDayShort(c.issuedDate, 'id')].filter(Boolean).join(', ');
  let y = drawLines(doc, fit(doc, place, width, 1, [12, 11]), centre, 140, 'center');
  y = drawLines(
    doc,
    fit(doc, c.signatory?.title ?? '', width, 3, [12, 11, 10]),
    centre,
    y,
    'center',
  );
  y += 20; // room for the signature and stamp
  const name = fit(doc, c.signatory?.name ?? '', width, 1, [12, 11, 10], 'bold');
  drawLines(doc, name, centre, y, 'center', 'bold');
  const w = doc.getTextWidth(name.lines[0] ?? '');
  doc.setLineWidth(0.25);
  if (w > 0) doc.line(centre - w / 2, y + 0.8, centre + w / 2, y + 0.8);
  if (c.signatory?.nip) {
    font(doc, 12);
    doc.text(`NIP. ${formatNip(c.signatory.nip)}`, centre, y + lineHeight(12), {
      align: 'center',
    });
  }
}

function page(doc: jsPDF, c: CertificateData): void {
  border(doc);
  font(doc, 34, 'bold');
  doc.text('SERTIFIKAT', CENTRE, 40, { align: 'center' });
  // The organiser's number pattern may be long: fitted like every other line.
  drawLines(doc, fit(doc, `Nomor: ${c.number}`, TEXT_WIDTH, 1, [12, 11, 10]), CENTRE, 49, 'center');
  font(doc, 14, 'italic');
  doc.text('diberikan kepada', CENTRE, 64, { align: 'center' });
  const name = fit(doc, c.fullName, TEXT_WIDTH, 1, [28, 26, 24, 22, 20, 18], 'bold');
  let y = drawLines(doc, name, CENTRE, 78, 'center', 'bold');
  if (c.nip) {
    font(doc, 12);
    doc.text(`NIP. ${formatNip(c.nip)}`, CENTRE, y, { align: 'center' });
    y += lineHeight(12) + 1;
  }
  y = drawLines(doc, fit(doc, c.institution, TEXT_WIDTH, 2, [13, 12, 11]), CENTRE, y, 'center');
  drawLines(doc, fit(doc, statement(c), TEXT_WIDTH, 4, [13, 12, 11]), CENTRE, y + 5, 'center');
  qr(doc, c.verifyUrl);
  signatory(doc, c);
}

/** One A4 landscape page per certificate, in the order given. */
export function certificatesPdf(list: readonly CertificateData[]): Uint8Array {
  if (list.length === 0) throw new RangeError('No certificates to draw');
  const doc = a4('landscape', list.length === 1 ? `Sertifikat ${list[0]!.number}` : 'Sertifikat');
  list.forEach((c, i) => {
    if (i > 0) doc.addPage('a4', 'landscape');
    page(doc, c);
  });
  return pdfBytes(doc);
}

/** A name safe in any file system: no titles, no diacritics, words joined by dashes. */
const safeName = (fullName: string) =>
  fileSlug(stripAcademicTitles(fullName), { keepCase: true }) || 'peserta';

/**
 * The sequence part of a number ("001" of `001/BIMTEK-LI/DISPERSIP/2026`): its first run of
 * three or more digits, which the pattern's zero-padded {seq} gives; short runs such as a
 * batch code's digit are passed over.
 */
function seqOf(number: string, index: number): string {
  return /(?<!\d)\d{3,}(?!\d)/.exec(number)?.[0] ?? String(index + 1).padStart(3, '0');
}

/** File names like `001-Siti-Aminah.pdf`, made unique when two would clash. */
export function certificateFileNames(list: readonly CertificateData[]): string[] {
  const used = new Set<string>();
  return list.map((c, i) => {
    const base = `${seqOf(c.number, i)}-${safeName(c.fullName)}`;
    let name = `${base}.pdf`;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}.pdf`;
    used.add(name);
    return name;
  });
}

/** A ZIP with one PDF per person. Stored, not deflated: the PDFs are compressed already. */
export function certificatesZip(list: readonly CertificateData[]): Uint8Array {
  const names = certificateFileNames(list);
  const files: Record<string, Uint8Array> = {};
  list.forEach((c, i) => (files[names[i]!] = certificatesPdf([c])));
  return zipSync(files, { level: 0 });
}
