// A fake camera for Chromium (--use-file-for-fake-video-capture): a YUV4MPEG2 file whose
// frames show one QR code, black on white with a wide quiet zone, as a ticket held up
// to a tablet would. Chromium loops the file for as long as the camera is open.
import { qrMatrix } from '#reports/qr';

export interface Y4mOptions {
  width?: number;
  height?: number;
  frames?: number;
}

/** Y4M bytes (4:2:0, full-range luma) of `frames` identical frames showing `text` as QR. */
export function qrY4m(text: string, { width = 640, height = 480, frames = 3 }: Y4mOptions = {}) {
  const { size, dark } = qrMatrix(text);
  // The code fills about 80% of the short side; the rest is quiet zone.
  const module = Math.floor((Math.min(width, height) * 0.8) / size);
  const left = Math.floor((width - size * module) / 2);
  const top = Math.floor((height - size * module) / 2);

  const luma = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < size * module; y++) {
    const row = dark[Math.floor(y / module)]!;
    for (let x = 0; x < size * module; x++) {
      if (row[Math.floor(x / module)]) luma[(top + y) * width + left + x] = 0;
    }
  }
  // Grey: no colour in either chroma plane (each a quarter of the luma plane).
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);

  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}
