// Hybrid logical clock: wall time + counter + node id. Stamps are strings that sort
// lexicographically in causal order, so the server and Dexie can compare them as text:
//   2025-06-02T00:00:00.000Z-0000-<nodeId>
// The wall part never goes backwards on a node even when its clock does.

export interface HlcState {
  /** Wall-clock milliseconds of the last stamp issued or received. */
  wall: number;
  /** Counter for stamps within the same millisecond. */
  counter: number;
  node: string;
}

export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;

export function initialHlc(node: string): HlcState {
  return { wall: 0, counter: 0, node };
}

export function formatHlc(h: Hlc): string {
  return `${new Date(h.wall).toISOString()}-${h.counter.toString(16).padStart(4, '0')}-${h.node}`;
}

const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-(.+)$/;

export function parseHlc(stamp: string): Hlc {
  const m = STAMP.exec(stamp);
  const wall = m ? Date.parse(m[1]!) : NaN;
  // The date must be real (no month 13) and canonical, or text order would lie.
  if (!m || Number.isNaN(wall) || new Date(wall).toISOString() !== m[1]) {
    throw new Error(`Invalid HLC stamp: ${stamp}`);
  }
  return { wall, counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** The stamp read, or undefined when it is malformed. */
export function tryParseHlc(stamp: string): Hlc | undefined {
  try {
    return parseHlc(stamp);
  } catch {
    return undefined;
  }
}

export const isHlc = (stamp: string): boolean => tryParseHlc(stamp) !== undefined;

/** Issue a new stamp for a local event. `now` is the corrected wall clock. */
export function tick(state: HlcState, now: number): { state: HlcState; stamp: string } {
  const wall = Math.max(state.wall, now);
  const counter = wall === state.wall ? state.counter + 1 : 0;
  if (counter > MAX_COUNTER) throw new Error('HLC counter overflow');
  const next = { wall, counter, node: state.node };
  return { state: next, stamp: formatHlc(next) };
}

/** Merge a remote stamp so that later local stamps sort after it. */
export function receive(state: HlcState, remote: string, now: number): HlcState {
  const r = parseHlc(remote);
  const wall = Math.max(state.wall, r.wall, now);
  let counter: number;
  if (wall === state.wall && wall === r.wall) counter = Math.max(state.counter, r.counter) + 1;
  else if (wall === state.wall) counter = state.counter + 1;
  else if (wall === r.wall) counter = r.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) throw new Error('HLC counter overflow');
  return { wall, counter, node: state.node };
}

/** Total order on stamps; the node id breaks ties deterministically. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Milliseconds by which a stamp runs ahead of a reference clock (negative when behind). */
export function skewMs(stamp: string, reference: number): number {
  return parseHlc(stamp).wall - reference;
}
