// Venue check-ins. A scan is a fact: every one is stored, never refused; the earliest
// per participant and day counts, the rest are repeats (sync-protocol.md).
import { localDay } from '#domain/time';
import type { CheckinMethod, VenueCheckIn } from '#domain/model';
import { db } from '#db/database';
import { commit } from '#db/outbox';

export interface CheckinInput {
  eventId: string;
  participantId: string;
  method: CheckinMethod;
  /** The event's timezone decides which day a check-in belongs to. */
  timezone: string;
  at?: Date;
  signature?: string;
}

export async function recordCheckin(input: CheckinInput): Promise<VenueCheckIn> {
  const at = (input.at ?? new Date()).toISOString();
  const checkinId = crypto.randomUUID();
  await commit('checkin.record', {
    checkinId,
    eventId: input.eventId,
    participantId: input.participantId,
    day: localDay(at, input.timezone),
    at,
    method: input.method,
    ...(input.signature ? { signature: input.signature } : {}),
  });
  return (await db().checkins.get(checkinId))!;
}

/** All check-ins of an event on a day, earliest first. */
export function checkinsOn(eventId: string, day: string): Promise<VenueCheckIn[]> {
  return db().checkins.where('[eventId+day]').equals([eventId, day]).sortBy('at');
}
