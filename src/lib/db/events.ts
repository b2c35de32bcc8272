// Events, batches and sessions: read freely, written by the organiser through the outbox.
import { demoBatches, demoEvent, demoParticipants, demoSessions } from '#domain/demo';
import type { Batch, Event, Session } from '#domain/model';
import { db, toParticipantRow } from '#db/database';
import { commit } from '#db/outbox';

export function listEvents(): Promise<Event[]> {
  return db().events.orderBy('id').toArray();
}

export function getEvent(id: string): Promise<Event | undefined> {
  return db().events.get(id);
}

export function batchesOf(eventId: string): Promise<Batch[]> {
  return db().batches.where('eventId').equals(eventId).sortBy('startDate');
}

export function sessionsOf(eventId: string): Promise<Session[]> {
  return db().sessions.where('eventId').equals(eventId).sortBy('start');
}

export function saveEvent(event: Event) {
  return commit([db().events], 'event.upsert', { event }, () => db().events.put(event));
}

export function saveBatch(batch: Batch) {
  return commit([db().batches], 'batch.upsert', { batch }, () => db().batches.put(batch));
}

export function saveSession(session: Session) {
  return commit([db().sessions], 'session.upsert', { session }, () => db().sessions.put(session));
}

/**
 * Put the built-in demo event on a device that has no event yet. It is local reference
 * data, not a change of this device's, so it is written without outbox rows.
 * Returns whether it seeded.
 */
export async function seedDemoIfEmpty(): Promise<boolean> {
  const d = db();
  return d.transaction('rw', [d.events, d.batches, d.sessions, d.participants], async () => {
    if ((await d.events.count()) > 0) return false;
    await d.events.put(demoEvent);
    await d.batches.bulkPut(demoBatches);
    await d.sessions.bulkPut(demoSessions);
    await d.participants.bulkPut(demoParticipants.map(toParticipantRow));
    return true;
  });
}
