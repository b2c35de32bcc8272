// The letterhead's logos at the top of a certificate. A logo arrives as a data: URL; it is
// decoded and measured once per document (not per page), and jsPDF embeds it once under an
// alias that every later page reuses, so 1,000 pages carry one copy of each image.
import type { jsPDF } from 'jspdf';

export interface PreparedLogo {
  bytes: Uint8Array;
  format: 'PNG' | 'JPEG';
  /** Pixels, from the file's header. */
  width: number;
  height: number;
  alias: string;
  /** Set when jsPDF could not read the image: it is left out from then on. */
  broken?: boolean;
}

const be16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const be32 = (b: Uint8Array, at: number) => be16(b, at) * 65_536 + be16(b, at + 2);

/** Width and height in pixels from a PNG's IHDR or a JPEG's frame header; undefined when
 * the bytes are neither. */
export function imageSize(
  bytes: Uint8Array,
): { format: 'PNG' | 'JPEG'; width: number; height: number } | undefined {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((v, i) => bytes[i] === v)) {
    const width = be32(bytes, 16);
    const height = be32(bytes, 20);
    return width > 0 && height > 0 ? { format: 'PNG', width, height } : undefined;
  }
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  // JPEG: walk the segments to a start-of-frame (SOF0–SOF15 except DHT, JPG and DAC).
  for (let at = 2; at + 9 < bytes.length;) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      const height = be16(bytes, at + 5);
      const width = be16(bytes, at + 7);
      return width > 0 && height > 0 ? { format: 'JPEG', width, height } : undefined;
    }
    at += 2 + be16(bytes, at + 2);
  }
  return undefined;
}

function base64Bytes(dataUrl: string): Uint8Array | undefined {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:image/') || comma < 0) return undefined;
  try {
    const binary = atob(dataUrl.slice(comma + 1));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** The logos that can be drawn, decoded once; an unreadable one is left out rather than
 * keeping every certificate from being printed. */
export function prepareLogos(urls: readonly string[]): PreparedLogo[] {
  const out: PreparedLogo[] = [];
  urls.forEach((url, i) => {
    const bytes = base64Bytes(url);
    const size = bytes && imageSize(bytes);
    if (bytes && size) out.push({ bytes, ...size, alias: `hadir-logo-${i}` });
  });
  return out;
}

const LOGO_HEIGHT = 18; // mm: as a kop surat prints them
const LOGO_MAX_WIDTH = 40;
const LOGO_GAP = 10;

/** The logos side by side, centred on `centre`, from `top` (mm). Returns whether any was
 * drawn, so the page can make room for them. */
export function drawLogos(
  doc: jsPDF,
  logos: readonly PreparedLogo[],
  centre: number,
  top: number,
): boolean {
  const usable = logos.filter((l) => !l.broken);
  const boxes = usable.map((l) => {
    // Keep the aspect ratio inside LOGO_MAX_WIDTH × LOGO_HEIGHT.
    const scale = Math.min(LOGO_HEIGHT / l.height, LOGO_MAX_WIDTH / l.width);
    return { logo: l, w: l.width * scale, h: l.height * scale };
  });
  const total = boxes.reduce((sum, b) => sum + b.w, 0) + LOGO_GAP * (boxes.length - 1);
  let x = centre - total / 2;
  let drawn = false;
  for (const { logo, w, h } of boxes) {
    try {
      const y = top + (LOGO_HEIGHT - h) / 2;
      doc.addImage(logo.bytes, logo.format, x, y, w, h, logo.alias, 'FAST');
      drawn = true;
    } catch {
      logo.broken = true;
    }
    x += w + LOGO_GAP;
  }
  return drawn;
}
