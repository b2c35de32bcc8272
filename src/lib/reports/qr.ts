// QR codes as a matrix of dark modules (uqr, a small maintained encoder). The screen draws
// it as SVG, the "save as image" button paints it on a canvas; both read this one matrix.
import { encode } from 'uqr';

export interface QrMatrix {
  size: number;
  dark: boolean[][];
}

export function qrMatrix(value: string): QrMatrix {
  const qr = encode(value, { ecc: 'M', border: 2 });
  return { size: qr.size, dark: qr.data };
}
