// Events, batches and sessions: read freely, written by the organiser through the outbox.
import type { Batch, Event, FullParticipant, Session } from '#domain/model';
import { db, toParticipantRow } from '#db/database';
import { getMeta } from '#db/meta';
import { StorageError } from '#db/errors';
import { commit } from '#db/outbox';

export function listEvents(): Promise<Event[]> {
  return db().events.orderBy('id').toArray();
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

/** What deleting a batch would take along, as this device knows it: registrations refuse
 * it; its sessions, and the people marked in them, go with it once confirmed. */
export interface BatchUsage {
  registrations: number;
  sessions: number;
  /** People with any attendance mark in those sessions. */
  marked: number;
}

/** People with a mark in these sessions (each person once, however often remarked). */
async function markedIn(sessionIds: string[]): Promise<number> {
  const marks = await db().marks.where('sessionId').anyOf(sessionIds).toArray();
  return new Set(marks.map((m) => `${m.sessionId} ${m.participantId}`)).size;
}

export async function batchUsage(batchId: string): Promise<BatchUsage> {
  const d = db();
  const sessionIds = await d.sessions.where('batchId').equals(batchId).primaryKeys();
  const registrations = await d.participants.where('batchId').equals(batchId).count();
  return { registrations, sessions: sessionIds.length, marked: await markedIn(sessionIds) };
}

export const sessionUsage = async (sessionId: string) => ({
  marked: await markedIn([sessionId]),
});

/**
 * Delete for every device (the server keeps a tombstone). `force` is the organiser's
 * confirmation that what hangs on it (a batch's sessions and their marks, a session's
 * marks) goes too; without it the server refuses a row still in use (IN_USE).
 */
export async function deleteBatch(batch: Pick<Batch, 'id' | 'eventId'>, force = false) {
  // People are never deleted with their batch: they are moved first.
  if ((await batchUsage(batch.id)).registrations > 0) {
    throw new StorageError('invalid', 'The batch still has registrations');
  }
  const args = { batchId: batch.id, eventId: batch.eventId };
  return commit('batch.delete', force ? { ...args, force } : args);
}

export const deleteSession = (session: Pick<Session, 'id' | 'eventId'>, force = false) =>
  commit('session.delete', {
    sessionId: session.id,
    eventId: session.eventId,
    ...(force ? { force } : {}),
  });

/** One event with everything it holds before anyone uses it. */
export interface EventData {
  event: Event;
  batches: readonly Batch[];
  sessions: readonly Session[];
  participants: readonly FullParticipant[];
}

/**
 * Write an event, its batches, sessions and participants on this device in one
 * transaction. It is local reference data, not a change of this device's, so it is
 * written without outbox rows.
 */
export async function putEventData(data: EventData): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.events, d.batches, d.sessions, d.participants], async () => {
    await d.events.put(data.event);
    await d.batches.bulkPut([...data.batches]);
    await d.sessions.bulkPut([...data.sessions]);
    await d.participants.bulkPut(data.participants.map(toParticipantRow));
  });
}

/**
 * Put the built-in demo event on a device that has no event yet (`putEventData`).
 * Returns whether it seeded.
 */
export async function seedDemoIfEmpty(): Promise<boolean> {
  const d = db();
  if ((await d.events.count()) > 0) return false;
  // Only a new device needs the demo's data: not part of what every start loads.
  const { demoBatches, demoEvent, demoParticipants, demoSessions } = await import('#domain/demo');
  return d.transaction(
    'rw',
    [d.events, d.batches, d.sessions, d.participants, d.meta],
    async () => {
      if ((await d.events.count()) > 0) return false;
      // An enrolled device mirrors the server's events instead.
      if (await getMeta('enrollment')) return false;
      await putEventData({
        event: demoEvent,
        batches: demoBatches,
        sessions: demoSessions,
        participants: demoParticipants,
      });
      return true;
    },
  );
}
