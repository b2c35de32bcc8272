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
  /** Arrived today without being expected today: another batch's people, the waitlisted. */
  others: number;
  /** Walk-ins who arrived today. */
  walkins: number;
  repeats: number;
  /** Every batch: registered, and arrived today. */
  byBatch: Record<string, Tally>;
  /** The people expected today, by kabupaten/kota. */
  byRegion: Record<string, Tally>;
}

/**
 * The desk's counters for one day. `expectedBatches`: whose registered people are
 * expected today (today's batch at a two-batch event); undefined for the whole event.
 * Cancelled and waitlisted people are never expected. Registered = arrived + expected,
 * overall and per kabupaten/kota; a check-in of someone not expected counts as `others`.
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
  expectedBatches?: ReadonlySet<string>,
): DeskCounters {
  const first = firstCheckins(checkinsToday);
  const tally = (): Tally => ({ registered: 0, arrived: 0, expected: 0 });
  const c: DeskCounters = {
    ...tally(),
    others: 0,
    walkins: 0,
    repeats: checkinsToday.length - first.size,
    byBatch: {},
    byRegion: {},
  };
  const add = (t: Tally, came: number) => {
    t.registered++;
    t.arrived += came;
    t.expected += 1 - came;
  };
  for (const p of people) {
    const came = first.has(p.id) ? 1 : 0;
    if (came && p.source === 'walkin') c.walkins++;
    const registered = p.status === 'registered';
    if (registered) add((c.byBatch[p.batchId] ??= tally()), came);
    if (registered && (!expectedBatches || expectedBatches.has(p.batchId))) {
      add(c, came);
      add((c.byRegion[p.regionCode] ??= tally()), came);
    } else c.others += came;
  }
  return c;
}
