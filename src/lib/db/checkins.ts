// Venue check-ins. A scan is a fact: every one is stored, never refused; the earliest
// per participant and day counts, the rest are repeats (sync-protocol.md).
import { newId } from '#domain/ids';
import { localDay } from '#domain/time';
import { Participant, type CheckinMethod, type VenueCheckIn } from '#domain/model';
import { newTicketCode } from '#domain/ticket';
import type { Walkin } from '#domain/walkin';
import { db, syncedTables } from '#db/database';
import { effectTables } from '#db/mutations';
import { toStorageError } from '#db/errors';
import { commit } from '#db/outbox';

/** How long the desk offers to take a check-in back (it is sent at once all the same). */
export const UNDO_MS = 5_000;

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
  const checkinId = newId();
  const d = db();
  // The row is read back inside the transaction: after it, the read would queue behind
  // every live query the commit wakes (measured: +13 ms p50 at a 10,000-person desk).
  return storing(() =>
    d.transaction('rw', [...effectTables('checkin.record'), d.outbox, d.meta], async () => {
      await commit('checkin.record', {
        checkinId,
        eventId: input.eventId,
        participantId: input.participantId,
        day: localDay(at, input.timezone),
        at,
        method: input.method,
        ...(input.signature ? { signature: input.signature } : {}),
      });
      return (await d.checkins.get(checkinId))!;
    }),
  );
}

/** A failed write as a StorageError the desk can explain (a full disk says so). */
async function storing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    throw toStorageError(e);
  }
}

/**
 * A walk-in: their registration (flagged for the organiser to complete) and their
 * check-in, committed together so neither exists without the other.
 */
export async function checkInWalkin(
  eventId: string,
  walkin: Walkin,
  timezone: string,
  signature?: string,
): Promise<{ participant: Participant; checkin: VenueCheckIn }> {
  const now = new Date().toISOString();
  const participant = Participant.parse({
    ...walkin,
    id: newId(),
    eventId,
    consentAt: null, // given to the desk in person; the organiser completes the record
    source: 'walkin',
    status: 'registered',
    ticketCode: newTicketCode(),
    needsReview: true,
    createdAt: now,
    updatedAt: now,
  });
  const d = db();
  return storing(() =>
    d.transaction('rw', [...Object.values(syncedTables(d)), d.outbox, d.meta], async () => {
      await commit('participant.register', { participant });
      const checkin = await recordCheckin({
        eventId,
        participantId: participant.id,
        method: 'walkin',
        timezone,
        ...(signature ? { signature } : {}),
      });
      return { participant, checkin };
    }),
  );
}

/**
 * Take back a check-in made by mistake: a checkin.void of its own, sent like any change
 * (the check-in may already be on other desks' screens; the void follows it there). False
 * when this device holds no such check-in (already taken back, or pulled away).
 */
export async function undoCheckin(checkinId: string): Promise<boolean> {
  const d = db();
  return storing(() =>
    d.transaction('rw', [...effectTables('checkin.void'), d.outbox, d.meta], async () => {
      const checkin = await d.checkins.get(checkinId);
      if (!checkin) return false;
      const at = new Date().toISOString();
      await commit('checkin.void', { checkinId, eventId: checkin.eventId, at });
      return true;
    }),
  );
}

/** All check-ins of an event on a day, earliest first. */
export function checkinsOn(eventId: string, day: string): Promise<VenueCheckIn[]> {
  return db().checkins.where('[eventId+day]').equals([eventId, day]).sortBy('at');
}
