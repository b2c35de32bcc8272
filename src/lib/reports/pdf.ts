// What the PDF reports share: an A4 page in millimetres with the standard Times font
// (WinAnsi covers Indonesian names, which are Latin; no font file to ship or load), text
// fitted into a box, and dates written the Indonesian way. Plain functions of a jsPDF
// document, for the browser and the server alike.
import { jsPDF } from 'jspdf';

export type Orientation = 'portrait' | 'landscape';

export const A4 = {
  portrait: { width: 210, height: 297 },
  landscape: { width: 297, height: 210 },
} as const;

/** Millimetres per typographic point. */
const MM_PER_PT = 25.4 / 72;
const LINE_FACTOR = 1.15;

/** The distance between baselines of text at `size` points, in millimetres. */
export const lineHeight = (size: number): number => size * MM_PER_PT * LINE_FACTOR;

export function a4(orientation: Orientation, title: string): jsPDF {
  const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation, compress: true });
  doc.setProperties({ title, creator: 'Hadir' });
  doc.setLineHeightFactor(LINE_FACTOR);
  doc.setFont('times', 'normal');
  doc.setTextColor(0);
  doc.setDrawColor(0);
  return doc;
}

export const pdfBytes = (doc: jsPDF): Uint8Array => new Uint8Array(doc.output('arraybuffer'));

export type FontStyle = 'normal' | 'bold' | 'italic' | 'bolditalic';

export function font(doc: jsPDF, size: number, style: FontStyle = 'normal'): void {
  doc.setFont('times', style);
  doc.setFontSize(size);
}

// WinAnsi beyond Latin-1: the characters of 0x80–0x9F that jsPDF maps for the standard
// fonts (quotes, dashes, €, Š, Ž, Œ, Ÿ…).
const WIN_ANSI = /[^\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu;

/**
 * Text as the standard fonts print it. One character outside WinAnsi (an emoji, ā, 中)
 * makes jsPDF write the whole string as UTF-16 bytes ("Ø=Þ\0B\0u…") while measuring it as
 * something else, so it spills into the next column. Such a character becomes "?" (a
 * control or odd space a plain space; an invisible format mark nothing). Names are refused
 * these characters when typed (names.ts); this guards rows stored before that rule and
 * free text such as a venue or a session title.
 */
export function printable(text: string): string {
  return text
    .normalize('NFC')
    .replace(WIN_ANSI, (c) =>
      /[\p{Cc}\p{Z}\s]/u.test(c) ? ' ' : /[\p{Cf}\p{M}]/u.test(c) ? '' : '?',
    );
}

/** Cut a line to `width` with an ellipsis (the current font). */
function ellipsize(doc: jsPDF, line: string, width: number): string {
  if (doc.getTextWidth(line) <= width) return line;
  let cut = line;
  while (cut.length > 1 && doc.getTextWidth(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

export interface Fitted {
  size: number;
  lines: string[];
}

/**
 * Text wrapped to `width` in at most `maxLines` lines, at the largest of `sizes` (points,
 * largest first) that holds it all. Layouts have fixed boxes (a row tall enough to sign, a
 * certificate's lines), so text shrinks rather than pushing the page; only text too long
 * even at the smallest size is cut, with an ellipsis. A word longer than the box is broken
 * (splitTextToSize), and unprintable characters are replaced first (printable), so no
 * line is ever wider than `width`. Leaves the font at the chosen size.
 */
export function fit(
  doc: jsPDF,
  raw: string,
  width: number,
  maxLines: number,
  sizes: readonly number[],
  style: FontStyle = 'normal',
): Fitted {
  const text = printable(raw);
  let lines: string[] = [];
  let size = sizes[0] ?? 10;
  for (const s of sizes) {
    size = s;
    font(doc, s, style);
    lines = doc.splitTextToSize(text, width) as string[];
    if (lines.length <= maxLines) return { size, lines };
  }
  const kept = lines.slice(0, maxLines);
  const last = kept.length - 1;
  if (last >= 0)
    kept[last] = ellipsize(doc, `${kept[last]} ${lines.slice(maxLines).join(' ')}`, width);
  return { size, lines: kept };
}

/** Fitted lines drawn from baseline `y`, aligned at `x` (left edge, or centre). Returns the
 * y below the last line. */
export function drawLines(
  doc: jsPDF,
  f: Fitted,
  x: number,
  y: number,
  align: 'left' | 'center' = 'left',
  style: FontStyle = 'normal',
): number {
  font(doc, f.size, style);
  const step = lineHeight(f.size);
  f.lines.forEach((line, i) => doc.text(line, x, y + i * step, { align }));
  return y + f.lines.length * step;
}

/** 7.5 → "7,5"; 8 → "8" (Indonesian decimal comma, at most two decimals). */
export function decimalComma(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** The word across every page of a demo event's document, so a printout of demo data can
 * never pass for a real daftar hadir or certificate. Call after all pages are drawn. */
export const DEMO_MARK = 'CONTOH';

export function demoMark(doc: jsPDF): void {
  const total = doc.getNumberOfPages();
  for (let n = 1; n <= total; n++) {
    doc.setPage(n);
    const { width, height } = doc.internal.pageSize;
    font(doc, 96, 'bold');
    doc.setTextColor(200, 40, 40);
    // Outlined, not filled: what lies under it stays legible.
    doc.text(DEMO_MARK, width / 2, height / 2, {
      align: 'center',
      baseline: 'middle',
      angle: 35,
      renderingMode: 'stroke',
    });
    doc.setTextColor(0);
  }
}
