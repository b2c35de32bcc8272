// Rules for venue check-ins: every scan is kept; the earliest per participant and day
// counts and later ones are repeats (sync-protocol.md, "A scan is a fact").
import type { VenueCheckIn } from '#domain/model';

/** The first check-in per participant among check-ins of one day: the one that counts. */
export function firstCheckins(checkins: readonly VenueCheckIn[]): Map<string, VenueCheckIn> {
  const first = new Map<string, VenueCheckIn>();
  for (const c of checkins) {
    const seen = first.get(c.participantId);
    if (!seen || c.at < seen.at || (c.at === seen.at && c.id < seen.id)) {
      first.set(c.participantId, c);
    }
  }
  return first;
}

/** Whether a check-in is a repeat of an earlier one that day. */
export function isRepeat(c: VenueCheckIn, first: Map<string, VenueCheckIn>): boolean {
  return first.get(c.participantId)?.id !== c.id;
}

export interface Tally {
  registered: number;
  arrived: number;
  expected: number;
}

export interface DeskCounters extends Tally {
  walkins: number;
  repeats: number;
  byBatch: Record<string, Tally>;
  byRegion: Record<string, Tally>;
}

/**
 * The desk's counters for one day: who is registered (cancelled and waitlisted people are
 * not expected), who arrived (first check-in each, walk-ins included), who is still
 * expected, and how many scans were repeats.
 */
export function deskCounters(
  people: readonly {
    id: string;
    batchId: string;
    regionCode: string;
    status: string;
    source: string;
  }[],
  checkinsToday: readonly VenueCheckIn[],
): DeskCounters {
  const first = firstCheckins(checkinsToday);
  const tally = (): Tally => ({ registered: 0, arrived: 0, expected: 0 });
  const c: DeskCounters = {
    ...tally(),
    walkins: 0,
    repeats: checkinsToday.length - first.size,
    byBatch: {},
    byRegion: {},
  };
  for (const p of people) {
    if (p.status !== 'registered') continue;
    const came = first.has(p.id) ? 1 : 0;
    for (const t of [
      c,
      (c.byBatch[p.batchId] ??= tally()),
      (c.byRegion[p.regionCode] ??= tally()),
    ]) {
      t.registered++;
      t.arrived += came;
      t.expected += 1 - came;
    }
    if (p.source === 'walkin') c.walkins++;
  }
  return c;
}
