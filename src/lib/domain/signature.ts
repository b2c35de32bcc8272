// A signature captured on the desk tablet, stored with the check-in for the daftar hadir.
// Compact and safe to draw: SVG path data in a fixed 300×120 box, whole units, each
// stroke an absolute move then relative lines ("M12 40l3 1 4 -2M…"). A typical signature
// is 1–3 KB, far below the check-in's 20,000-character limit.

export const SIGNATURE_BOX = { width: 300, height: 120 } as const;
export const MAX_SIGNATURE_CHARS = 20_000;
/** Only path commands M and l, digits, spaces and minus signs: nothing else can be drawn. */
export const SIGNATURE_PATTERN = /^M[0-9 lM-]*$/;

export interface Point {
  x: number;
  y: number;
}

const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));

function encode(strokes: readonly (readonly Point[])[], step: number): string {
  let out = '';
  for (const stroke of strokes) {
    const points = stroke.filter((_, i) => i % step === 0 || i === stroke.length - 1);
    if (points.length === 0) continue;
    let x = clamp(points[0]!.x, SIGNATURE_BOX.width);
    let y = clamp(points[0]!.y, SIGNATURE_BOX.height);
    out += `M${x} ${y}`;
    const moves: string[] = [];
    for (const p of points.slice(1)) {
      const nx = clamp(p.x, SIGNATURE_BOX.width);
      const ny = clamp(p.y, SIGNATURE_BOX.height);
      if (nx === x && ny === y) continue;
      moves.push(`${nx - x} ${ny - y}`);
      [x, y] = [nx, ny];
    }
    // A dot is a zero-length line, drawn as a round cap.
    out += `l${moves.length ? moves.join(' ') : '0 0'}`;
  }
  return out;
}

/**
 * Strokes in box units to path data. A very long signature is thinned (every second
 * point, then every third…) until it fits, rather than refused at a busy desk.
 */
export function encodeSignature(strokes: readonly (readonly Point[])[]): string | undefined {
  for (let step = 1; step <= 64; step++) {
    const path = encode(strokes, step);
    if (path.length <= MAX_SIGNATURE_CHARS) return path || undefined;
  }
  return undefined;
}

/** The strokes back as absolute points (for tests and for drawing where SVG is not used). */
export function decodeSignature(path: string): Point[][] {
  if (!SIGNATURE_PATTERN.test(path)) return [];
  return path
    .split('M')
    .filter(Boolean)
    .map((part) => {
      const [start, lines = ''] = part.split('l');
      const [x0, y0] = start!.trim().split(' ').map(Number);
      const points = [{ x: x0!, y: y0! }];
      const deltas = lines.trim().split(' ').filter(Boolean).map(Number);
      for (let i = 0; i + 1 < deltas.length; i += 2) {
        const last = points[points.length - 1]!;
        if (deltas[i] !== 0 || deltas[i + 1] !== 0)
          points.push({ x: last.x + deltas[i]!, y: last.y + deltas[i + 1]! });
      }
      return points;
    });
}
