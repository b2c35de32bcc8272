// Events, batches and sessions: read freely, written by the organiser through the outbox.
import { demoBatches, demoEvent, demoParticipants, demoSessions } from '#domain/demo';
import type { Batch, Event, Session } from '#domain/model';
import { db, toParticipantRow } from '#db/database';
import { getMeta } from '#db/meta';
import { commit } from '#db/outbox';

export function listEvents(): Promise<Event[]> {
  return db().events.orderBy('id').toArray();
}

export function getEvent(id: string): Promise<Event | undefined> {
  return db().events.get(id);
}

/** By first day, then code: batches starting together still show A1 before A2. */
export async function batchesOf(eventId: string): Promise<Batch[]> {
  const batches = await db().batches.where('eventId').equals(eventId).toArray();
  return batches.sort(
    (a, b) => a.startDate.localeCompare(b.startDate) || a.code.localeCompare(b.code),
  );
}

export function sessionsOf(eventId: string): Promise<Session[]> {
  return db().sessions.where('eventId').equals(eventId).sortBy('start');
}

export const saveEvent = (event: Event) => commit('event.upsert', { event });
export const saveBatch = (batch: Batch) => commit('batch.upsert', { batch });
export const saveSession = (session: Session) => commit('session.upsert', { session });

/**
 * Put the built-in demo event on a device that has no event yet. It is local reference
 * data, not a change of this device's, so it is written without outbox rows.
 * Returns whether it seeded.
 */
export async function seedDemoIfEmpty(): Promise<boolean> {
  const d = db();
  return d.transaction(
    'rw',
    [d.events, d.batches, d.sessions, d.participants, d.meta],
    async () => {
      if ((await d.events.count()) > 0) return false;
      // An enrolled device mirrors the server's events instead.
      if (await getMeta('enrollment')) return false;
      await d.events.put(demoEvent);
      await d.batches.bulkPut(demoBatches);
      await d.sessions.bulkPut(demoSessions);
      await d.participants.bulkPut(demoParticipants.map(toParticipantRow));
      return true;
    },
  );
}
