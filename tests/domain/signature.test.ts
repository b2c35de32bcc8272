// Signatures as compact path data: what is drawn comes back, a long one is thinned to
// fit instead of refused, and nothing but M/l path data passes the check-in's schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutationArgs } from '#domain/mutations';
import {
  decodeSignature,
  encodeSignature,
  MAX_SIGNATURE_CHARS,
  SIGNATURE_BOX,
} from '#domain/signature';

const point = fc.record({
  x: fc.integer({ min: 0, max: SIGNATURE_BOX.width }),
  y: fc.integer({ min: 0, max: SIGNATURE_BOX.height }),
});

describe('signature encoding', () => {
  it('round-trips whole-unit strokes (repeated points dropped)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(point, { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 8 }),
        (strokes) => {
          const path = encodeSignature(strokes)!;
          const dedup = strokes.map((s) =>
            s.filter((p, i) => i === 0 || p.x !== s[i - 1]!.x || p.y !== s[i - 1]!.y),
          );
          expect(decodeSignature(path)).toEqual(dedup);
        },
      ),
    );
  });

  it('rounds and clamps to the 300×120 box', () => {
    expect(
      encodeSignature([
        [
          { x: 10.4, y: -5 },
          { x: 400, y: 60.6 },
        ],
      ]),
    ).toBe('M10 0l290 61');
    expect(encodeSignature([])).toBeUndefined();
  });

  it('thins a very long signature until it fits the limit', () => {
    const long = Array.from({ length: 40 }, (_, s) =>
      Array.from({ length: 300 }, (_, i) => ({ x: i, y: (i * 7 + s) % 120 })),
    );
    const path = encodeSignature(long)!;
    expect(path.length).toBeLessThanOrEqual(MAX_SIGNATURE_CHARS);
    const strokes = decodeSignature(path);
    expect(strokes).toHaveLength(40);
    // Each stroke keeps its first and last point.
    expect(strokes[3]![0]).toEqual({ x: 0, y: 3 });
    expect(strokes[3]!.at(-1)).toEqual({ x: 299, y: (299 * 7 + 3) % 120 });
  });

  it('the check-in accepts only M/l path data', () => {
    const args = (signature: string) => ({
      checkinId: 'c1',
      eventId: 'e',
      participantId: 'p',
      day: '2025-06-03',
      at: '2025-06-03T00:00:00.000Z',
      method: 'qr',
      signature,
    });
    const schema = mutationArgs['checkin.record'];
    expect(schema.safeParse(args('M10 20l1 2 -3 4M5 5l0 0')).success).toBe(true);
    for (const bad of ['M0,0L10,10', '"/><script>alert(1)</script>', 'M1 1Z', 'x'.repeat(10)])
      expect(schema.safeParse(args(bad)).success, bad).toBe(false);
    expect(schema.safeParse(args(`M1 1l${'1 1 '.repeat(5_000)}`)).success).toBe(false); // too long
  });
});
