// Certificates (sertifikat) as A4 landscape PDF pages, one per person, and as a ZIP of one
// file each (for sending to people one by one). What a certificate states comes whole from
// CertificateData (the server numbered it); this only lays it out. The QR opens the
// public verification page, so a printed copy can be checked without calling the office.
import { zipSync } from 'fflate';
import type { jsPDF } from 'jspdf';
import {
  activityTitle,
  PLAIN_STYLE,
  verifyCodeOf,
  type CertificateData,
  type CertificateStyle,
} from '#domain/certificate';
import { jpInWords } from '#domain/certificate-terbilang';
import { fileSlug } from '#domain/exports';
import { formatNip } from '#domain/nip';
import { qrMatrix } from '#reports/qr';
import { formatDayShort, formatDaySpan } from '#domain/time';
import { stripAcademicTitles } from '#domain/search';
import { drawBack } from '#reports/certificate-back';
import { drawLogos, prepareLogos, type PreparedLogo } from '#reports/certificate-logos';
import {
  a4,
  A4,
  decimalComma,
  demoMark,
  drawLines,
  fit,
  font,
  lineHeight,
  pdfBytes,
  printable,
  type Fitted,
} from '#reports/pdf';

const PAGE = A4.landscape;
const CENTRE = PAGE.width / 2;
const TEXT_WIDTH = 230;
const NBSP = '\u00a0'; // a space no line breaks at
export const QR_CAPTION = 'Pindai untuk memeriksa keaslian';
const QR_SIZE = 30; // mm: reads from a phone at arm's length
const QR_LEFT = 30;
const QR_TOP = 140;
/** Under the QR, up to the signatory's column. */
const QR_TEXT_WIDTH = 125;
const LOGO_TOP = 18;
/** How far the text moves down when logos head the page. */
const LOGO_ROOM = 7;

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

const unbroken = (text: string) => text.trim().replace(/\s+/g, NBSP);

/** "selama 16 (enam belas) jam pelajaran.": one unbreakable piece, so the hours never
 * split over two lines. */
export const jpClause = (jp: number): string => unbroken(`selama ${jpInWords(jp)}.`);

/** The sentence saying what was attended, in the standard form: "telah mengikuti
 * Bimbingan Teknis … sebagai Peserta yang diselenggarakan oleh … pada tanggal … bertempat
 * di … selama 16 (enam belas) jam pelajaran." The hours are tied to the word before them,
 * so they never start a line alone. */
export function statement(c: CertificateData): string {
  const head = statementHead(c);
  const at = head.lastIndexOf(' ');
  return `${head.slice(0, at)} ${head.slice(at + 1)}${NBSP}${jpClause(c.jp)}`;
}

function statementHead(c: CertificateData): string {
  const dates = unbroken(formatDaySpan(c.startDate, c.endDate, 'id'));
  const activity = [activityTitle(c.eventName), c.batchName.trim()].filter(Boolean).join(' ');
  const venue = c.venue?.trim();
  return (
    `telah mengikuti ${activity} sebagai Peserta yang diselenggarakan oleh ${c.organizer} ` +
    `pada tanggal ${dates}${venue ? ` bertempat di ${venue}` : ''}`
  );
}

const STATEMENT_LINES = 5;
const STATEMENT_SIZES = [13, 12, 11, 10];

/** The statement in its box. Should it not fit whole even at the smallest size, what is
 * cut is the long free text before the hours (a venue, a name), never the hours; the
 * last line still starts with the word before them, so the hours never stand alone. */
function fitStatement(doc: jsPDF, c: CertificateData): Fitted {
  const whole = fit(doc, statement(c), TEXT_WIDTH, STATEMENT_LINES, STATEMENT_SIZES);
  const clause = jpClause(c.jp);
  if (whole.lines.at(-1)?.endsWith(clause)) return whole;
  const size = STATEMENT_SIZES.at(-1)!;
  const full = statementHead(c);
  const at = full.lastIndexOf(' ');
  const last = `${full.slice(at + 1)}${NBSP}${clause}`;
  font(doc, size);
  // A last word too long to share the line (a 60-letter run) leaves the hours a line alone.
  const tied = doc.getTextWidth(printable(last)) <= TEXT_WIDTH;
  const head = fit(doc, tied ? full.slice(0, at) : full, TEXT_WIDTH, STATEMENT_LINES - 1, [size]);
  font(doc, size);
  return { size, lines: [...head.lines, tied ? printable(last) : clause] };
}

function border(doc: jsPDF): void {
  doc.setLineWidth(1.2);
  doc.rect(10, 10, PAGE.width - 20, PAGE.height - 20);
  doc.setLineWidth(0.3);
  doc.rect(13, 13, PAGE.width - 26, PAGE.height - 26);
}

/** The QR, and under it what lets a paper copy be checked without a camera: the caption,
 * the verification code and the address to type it into. */
function qr(doc: jsPDF, url: string): void {
  const { size, squares } = qrSquares(url);
  const m = QR_SIZE / size;
  doc.setFillColor(0, 0, 0);
  // A hair of overlap between rows, so viewers do not show seams between rectangles.
  for (const s of squares) doc.rect(QR_LEFT + s.x * m, QR_TOP + s.y * m, s.w * m, m + 0.02, 'F');
  font(doc, 8, 'italic');
  let y = QR_TOP + QR_SIZE + 4;
  doc.text(QR_CAPTION, QR_LEFT, y);
  const code = verifyCodeOf(url);
  if (code) {
    y += lineHeight(9);
    font(doc, 9, 'bold');
    doc.text(`Kode verifikasi: ${code}`, QR_LEFT, y);
  }
  drawLines(doc, fit(doc, url, QR_TEXT_WIDTH, 2, [8, 7, 6]), QR_LEFT, y + lineHeight(8));
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

function page(doc: jsPDF, c: CertificateData, logos: readonly PreparedLogo[]): void {
  border(doc);
  const dy =
    logos.some((l) => !l.broken) && drawLogos(doc, logos, CENTRE, LOGO_TOP) ? LOGO_ROOM : 0;
  font(doc, 34, 'bold');
  doc.text('SERTIFIKAT', CENTRE, 40 + dy, { align: 'center' });
  // The organiser's number pattern may be long: fitted like every other line.
  const number = fit(doc, `Nomor: ${c.number}`, TEXT_WIDTH, 1, [12, 11, 10]);
  drawLines(doc, number, CENTRE, 49 + dy, 'center');
  font(doc, 14, 'italic');
  doc.text('diberikan kepada', CENTRE, 63 + dy, { align: 'center' });
  const name = fit(doc, c.fullName, TEXT_WIDTH, 1, [28, 26, 24, 22, 20, 18], 'bold');
  let y = drawLines(doc, name, CENTRE, 76 + dy, 'center', 'bold');
  if (c.nip) {
    font(doc, 12);
    // An NI PPPK is not a NIP: labelled as what it is.
    doc.text(`${c.nipLabel ?? 'NIP'}. ${formatNip(c.nip)}`, CENTRE, y, { align: 'center' });
    y += lineHeight(12) + 1;
  }
  y = drawLines(doc, fit(doc, c.institution, TEXT_WIDTH, 2, [13, 12, 11]), CENTRE, y, 'center');
  drawLines(doc, fitStatement(doc, c), CENTRE, y + 4, 'center');
  qr(doc, c.verifyUrl);
  signatory(doc, c);
}

function draw(
  list: readonly CertificateData[],
  style: CertificateStyle,
  logos: readonly PreparedLogo[],
): Uint8Array {
  if (list.length === 0) throw new RangeError('No certificates to draw');
  const doc = a4('landscape', list.length === 1 ? `Sertifikat ${list[0]!.number}` : 'Sertifikat');
  list.forEach((c, i) => {
    if (i > 0) doc.addPage('a4', 'landscape');
    page(doc, c, logos);
    // A certificate issued before materi were recorded has none to list: no empty table.
    if (style.backPage && c.materi?.length) drawBack(doc, c, border);
  });
  // Last, over every page: a printout of the demo can never pass for a real certificate.
  if (style.demo) demoMark(doc);
  return pdfBytes(doc);
}

/** One A4 landscape page per certificate, in the order given (two with a back page). */
export function certificatesPdf(
  list: readonly CertificateData[],
  style: CertificateStyle = PLAIN_STYLE,
): Uint8Array {
  return draw(list, style, prepareLogos(style.logos));
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

/** A ZIP with one PDF per person. Stored, not deflated: the PDFs are compressed already.
 * The logos are decoded once for all of them. */
export function certificatesZip(
  list: readonly CertificateData[],
  style: CertificateStyle = PLAIN_STYLE,
): Uint8Array {
  const names = certificateFileNames(list);
  const logos = prepareLogos(style.logos);
  const files: Record<string, Uint8Array> = {};
  list.forEach((c, i) => (files[names[i]!] = draw([c], style, logos)));
  return zipSync(files, { level: 0 });
}
