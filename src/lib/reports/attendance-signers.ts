// The daftar hadir's closing block: "Jumlah hadir: n orang", then the signatures side by
// side: at the left "Mengetahui," and the approver (KPA / PPK), at the right the place and
// date and the official (PPTK / ketua panitia) who answers for the list. Each: title, room
// to sign, name underlined, NIP. Without an approver the official's block stays at the
// right alone. The place-and-date line never wraps (a city split from its date reads as
// two facts): it shrinks to one line.
import type { jsPDF } from 'jspdf';
import { SHEET_WORDS, type SheetData, type SheetSigner } from '#domain/daftar-hadir';
import { A4, drawLines, fit, font, lineHeight, type Fitted } from '#reports/pdf';

const MARGIN = 15;
const WIDTH = 80;
const RIGHT = A4.portrait.width - MARGIN - WIDTH / 2;
const LEFT = MARGIN + WIDTH / 2;
const STEP = lineHeight(11);
/** Room to sign and stamp. */
const SPACE = 20;

const height = (f: Fitted) => f.lines.length * lineHeight(f.size);

interface Column {
  centre: number;
  first: Fitted;
  title: Fitted;
  name: Fitted;
  nip?: string;
}

function column(doc: jsPDF, centre: number, first: string, s: SheetSigner, once: boolean) {
  return {
    centre,
    // One line whatever it costs: the smallest size still reads at arm's length.
    first: fit(doc, first, WIDTH, 1, once ? [11, 10.5, 10, 9.5, 9, 8.5, 8] : [11, 10, 9]),
    title: fit(doc, s.title, WIDTH, 3, [11, 10, 9]),
    name: fit(doc, s.name, WIDTH, 2, [11, 10], 'bold'),
    ...(s.nip ? { nip: s.nip } : {}),
  } satisfies Column;
}

interface Plan {
  height: number;
  draw: (top: number) => void;
}

function plan(doc: jsPDF, sheet: SheetData): Plan {
  const right = column(doc, RIGHT, sheet.footer.placeAndDate, sheet.footer, true);
  const columns = sheet.approver
    ? [column(doc, LEFT, SHEET_WORDS.approver, sheet.approver, false), right]
    : [right];
  const tally = sheet.tally ? STEP + 5 : 0;
  const titles = Math.max(...columns.map((c) => height(c.title)));
  const names = Math.max(...columns.map((c) => height(c.name)));
  // tally, first line, titles, room to sign, names, NIP (and its descenders).
  const total = tally + 2 * STEP + titles + SPACE + names + 2;
  const draw = (top: number) => {
    if (sheet.tally) {
      font(doc, 11);
      doc.text(sheet.tally, MARGIN, top + STEP);
    }
    const first = top + tally + STEP;
    const nameTop = first + STEP + titles + SPACE;
    for (const c of columns) {
      drawLines(doc, c.first, c.centre, first, 'center');
      drawLines(doc, c.title, c.centre, first + STEP, 'center');
      drawLines(doc, c.name, c.centre, nameTop, 'center', 'bold');
      // Underlined, as an official's name is under a signature.
      doc.setLineWidth(0.25);
      c.name.lines.forEach((line, i) => {
        const w = doc.getTextWidth(line);
        if (w === 0) return; // nobody named: a blank line to fill in by hand
        const base = nameTop + i * lineHeight(c.name.size) + 0.8;
        doc.line(c.centre - w / 2, base, c.centre + w / 2, base);
      });
      if (c.nip) {
        font(doc, 11);
        doc.text(`NIP. ${c.nip}`, c.centre, nameTop + names, { align: 'center' });
      }
    }
  };
  return { height: total, draw };
}

/** The block's height in mm, for the layout to keep it on a page with rows. */
export const signersHeight = (doc: jsPDF, sheet: SheetData): number => plan(doc, sheet).height;

/** The block, its top at `top`. */
export function drawSigners(doc: jsPDF, sheet: SheetData, top: number): void {
  plan(doc, sheet).draw(top);
}
