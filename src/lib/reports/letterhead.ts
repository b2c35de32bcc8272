// The kop surat (letterhead) atop the office's documents: the logo at the left (and the
// second at the right when asked, as a certificate shows both), the lines in capitals
// centred, the last (the office's name) the largest, the address under them, and the
// double rule under it all. Drawn into a box of fixed height, so a layout below it (the
// daftar hadir's rows per page) does not depend on what the kop says.
import type { jsPDF } from 'jspdf';
import type { Letterhead } from '#domain/model';
import { drawLines, fit, lineHeight } from '#reports/pdf';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether a letterhead has anything to draw. */
export const hasLetterhead = (lh: Letterhead | undefined): lh is Letterhead =>
  !!lh && (lh.lines.some((l) => l.trim()) || !!lh.address.trim() || lh.logos.length > 0);

/** Room the double rule takes at the bottom of the box. */
const RULE = 2;

/** A logo (a data: URL) scaled into a square of `size` centred on `cx`, keeping its
 * proportions. A picture jsPDF cannot decode is left out: a broken logo must not stop an
 * attendance list from being printed. Returns whether it was drawn. */
function logo(doc: jsPDF, url: string, cx: number, top: number, size: number): boolean {
  try {
    const { width, height } = doc.getImageProperties(url);
    const scale = Math.min(size / width, size / height);
    const w = width * scale;
    const h = height * scale;
    const format = url.startsWith('data:image/png') ? 'PNG' : 'JPEG';
    doc.addImage(url, format, cx - w / 2, top + (size - h) / 2, w, h);
    return true;
  } catch {
    return false;
  }
}

/**
 * The kop in `box`: up to `logos` logos (1: the first at the left; 2: the second at the
 * right too), the lines and address centred between them, the double rule along the
 * box's bottom edge. Text shrinks to fit (pdf.ts fit); a line never wraps.
 */
export function drawLetterhead(
  doc: jsPDF,
  lh: Letterhead,
  box: Box,
  { logos = 1 }: { logos?: 1 | 2 } = {},
): void {
  const size = box.height - RULE - 3;
  const pictures = lh.logos.slice(0, logos);
  pictures.forEach((url, i) =>
    logo(doc, url, i === 0 ? box.x + size / 2 : box.x + box.width - size / 2, box.y, size),
  );
  // Text keeps clear of a logo on both sides, so it stays centred on the page.
  const inset = pictures.length ? size + 3 : 0;
  const width = box.width - 2 * inset;
  const centre = box.x + box.width / 2;
  const lines = lh.lines.map((l) => l.trim()).filter(Boolean);
  const fitted = lines.map((line, i) =>
    fit(doc, line, width, 1, i === lines.length - 1 ? [15, 14, 13, 12, 11] : [13, 12, 11, 10]),
  );
  const address = lh.address.trim() ? fit(doc, lh.address, width, 2, [9.5, 9, 8.5, 8]) : undefined;
  const heights = [...fitted, ...(address ? [address] : [])].map(
    (f) => f.lines.length * lineHeight(f.size),
  );
  const total = heights.reduce((a, b) => a + b, 0);
  const ruleY = box.y + box.height - RULE;
  // Baselines sit about four fifths down a line's height.
  let y = box.y + Math.max(0, (ruleY - 1 - box.y - total) / 2);
  fitted.forEach((f) => {
    y = drawLines(doc, f, centre, y + lineHeight(f.size) * 0.8, 'center', 'bold');
    y -= lineHeight(f.size) * 0.8;
  });
  if (address) drawLines(doc, address, centre, y + lineHeight(address.size) * 0.8, 'center');
  doc.setLineWidth(0.8);
  doc.line(box.x, ruleY, box.x + box.width, ruleY);
  doc.setLineWidth(0.25);
  doc.line(box.x, ruleY + 1.1, box.x + box.width, ruleY + 1.1);
}
