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
