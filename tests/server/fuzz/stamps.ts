// HLC stamps for fuzzed mutations, kept symbolic until sent (a stamp is relative to the
// moment its request leaves), and the oracle's test of a real stamp.
import * as fc from 'fast-check';
import { isHlc } from '#domain/hlc';
import { hlcAt } from '#tests/server/support';
import { junk } from '#tests/server/fuzz/junk';

/** A well-formed stamp whose date is a real instant (not `2025-13-45T…`). */
export function isRealStamp(stamp: string): boolean {
  if (!isHlc(stamp)) return false;
  const iso = stamp.slice(0, 24);
  const t = Date.parse(iso);
  return !Number.isNaN(t) && new Date(t).toISOString() === iso;
}

export type HlcSpec =
  | { k: 'now'; dms: number; counter: number }
  | { k: 'skew'; dms: number }
  | { k: 'lit'; v: unknown };

/** Strings the envelope takes (1–120 characters) that are no well-formed stamp. */
const wireStamps = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      '9999-99-99T99:99:99.999Z-ffff-zzzz',
      '2025-13-45T00:00:00.000Z-0000-x',
      '2026-02-30T00:00:00.000Z-0000-x',
      '2025-06-02T00:00:00.000Z-000-x',
      '2025-06-02T00:00:00.000Z-0000-',
      '2025-06-02T00:00:00Z-0000-x',
      '2025-06-02 00:00:00.000Z-0000-x',
      '2025-06-02T00:00:00.000Z-ZZZZ-x',
      '+275760-09-13T00:00:00.000Z-0000-x',
      '2025-06-02T00:00:00.000+08:00-0000-x',
    ),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
);
export const badStamps = fc.oneof(
  { weight: 4, arbitrary: wireStamps },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('', 'x'.repeat(121)) },
  { weight: 1, arbitrary: junk },
);

export const MINUTE = 60_000;
export const hlcSpec: fc.Arbitrary<HlcSpec> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc.record({
      k: fc.constant('now' as const),
      dms: fc.integer({ min: -30 * 24 * 60 * MINUTE, max: 4 * MINUTE }),
      counter: fc.integer({ min: 0, max: 0xffff }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('skew' as const),
      dms: fc.integer({ min: 6 * MINUTE, max: 200 * 365 * 24 * 60 * MINUTE }),
    }),
  },
  { weight: 5, arbitrary: wireStamps.map((v) => ({ k: 'lit' as const, v })) },
  { weight: 1, arbitrary: badStamps.map((v) => ({ k: 'lit' as const, v })) },
);

export function stampOf(spec: HlcSpec, node: string): unknown {
  if (spec.k === 'lit') return spec.v;
  const wall = Date.now() + spec.dms;
  return hlcAt(node, wall, spec.k === 'now' ? spec.counter : 0);
}

/** A patch field's stamp relative to its mutation's. */
export class FieldStamp {
  constructor(readonly rel: 'same' | 'older' | 'newer') {}
}

export function resolveStamps(v: unknown, hlc: unknown): unknown {
  if (v instanceof FieldStamp) {
    if (typeof hlc !== 'string' || !isRealStamp(hlc)) return hlc;
    if (v.rel === 'same') return hlc;
    const wall = Date.parse(hlc.slice(0, 24)) + (v.rel === 'older' ? -1000 : 1000);
    return `${new Date(wall).toISOString()}${hlc.slice(24)}`;
  }
  if (Array.isArray(v)) return v.map((x) => resolveStamps(x, hlc));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveStamps(x, hlc)]));
  }
  return v;
}
