// An event's reference data written straight into the database (no device, no push): the
// demo event, once, into a new database so `npm start` shows a real screen; tests write
// their own event the same way.
import { demoBatches, demoEvent, demoParticipants, demoSessions } from '#domain/demo';
import type { Batch, Event, FullParticipant, Session } from '#domain/model';
import type { SyncedTable } from '#sync/protocol';
import { serverSecret } from '#server/auth';
import { getMeta, setMeta, type Db } from '#server/store/database';
import { nextVersion, putRow } from '#server/store/rows';
import { claimNationalId } from '#server/store/people';
import { nationalIdHmac } from '#server/apply/participants';

/** One event with everything it holds before anyone uses it. */
export interface EventData {
  event: Event;
  batches: readonly Batch[];
  sessions: readonly Session[];
  participants: readonly FullParticipant[];
}

/** Write an event, its batches, sessions and participants (with their NIP claims) as one
 * new version, in one transaction. */
export function writeEventData(db: Db, data: EventData): void {
  db.transaction(() => {
    const v = nextVersion(db);
    const put = (tbl: SyncedTable, row: { id: string; eventId?: string }) =>
      putRow(db, { tbl, id: row.id, eventId: row.eventId ?? row.id, owner: null, data: row, v });
    put('events', data.event);
    data.batches.forEach((b) => put('batches', b));
    data.sessions.forEach((s) => put('sessions', s));
    const secret = serverSecret(db);
    for (const p of data.participants) {
      put('participants', p);
      if (p.nip) {
        claimNationalId(db, p.eventId, 'nip', nationalIdHmac(secret, 'nip', p.nip), p.id);
      }
    }
  }).immediate();
}

export function seedDemo(db: Db): boolean {
  return db
    .transaction(() => {
      if (getMeta(db, 'demo_seeded')) return false;
      writeEventData(db, {
        event: demoEvent,
        batches: demoBatches,
        sessions: demoSessions,
        participants: demoParticipants,
      });
      setMeta(db, 'demo_seeded', new Date().toISOString());
      return true;
    })
    .immediate();
}
