// Reading a daftar hadir PDF back as a viewer lays it out (pdf.js): each page's text items
// with their place in millimetres from the page's top-left corner, and what the page draws
// (paths, images). The attendance tests assert on these, never on our own layout numbers.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

const standardFontDataUrl = `${join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts',
)}/`;
const PT_PER_MM = 72 / 25.4;
const PAGE_HEIGHT = 297;

export interface Item {
  str: string;
  /** Left edge, mm from the left. */
  x: number;
  /** Right edge. */
  right: number;
  /** Baseline, mm from the top. */
  y: number;
}

export interface Page {
  items: Item[];
  /** The page's text, an item a line, spaces made plain. */
  text: string;
  lines: string[];
  /** Paths drawn (table rules, strokes of a signature, a box struck through). */
  paths: number;
  images: number;
}

export async function readPdf(bytes: Uint8Array): Promise<Page[]> {
  const doc = await getDocument({
    data: bytes.slice(), // pdf.js takes the buffer over
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl,
  }).promise;
  const pages: Page[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const items = content.items.flatMap((i) =>
      'str' in i && i.str.trim()
        ? [
            {
              str: i.str.replace(/\s+/g, ' ').trim(),
              x: i.transform[4] / PT_PER_MM,
              right: (i.transform[4] + i.width) / PT_PER_MM,
              y: PAGE_HEIGHT - i.transform[5] / PT_PER_MM,
            },
          ]
        : [],
    );
    const ops = (await page.getOperatorList()).fnArray;
    const lines = items.map((i) => i.str);
    pages.push({
      items,
      lines,
      text: lines.join('\n'),
      paths: ops.filter((f) => f === OPS.constructPath).length,
      images: ops.filter((f) => f === OPS.paintImageXObject || f === OPS.paintInlineImageXObject)
        .length,
    });
  }
  await doc.destroy();
  return pages;
}
