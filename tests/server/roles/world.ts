// The world every table of the role matrix runs in (roles.test.ts): event A (the test event)
// with one device of each role, and event B with its own organiser, batch, session,
// participant, check-in and mark; and what a table cell says of an answer.
import { expect } from 'vitest';
import type { Participant } from '#domain/model';
import { setOrganiserPassword } from '#server/auth';
import type { Db } from '#server/store/database';
import type { Change } from '#sync/protocol';
import {
  checkin,
  enrollDevice,
  errorCode,
  mark,
  person,
  register,
  startTestServer,
  upsert,
  upsertSession,
  type RawReply,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

export const EVENT_A = FIXTURE_EVENT_ID;
export const EVENT_B = 'event-b';
export const PASSWORD = 'rahasia-panitia-2025';

export const eventB = {
  ...fixture.event,
  id: EVENT_B,
  name: 'Bimtek Pengelolaan Arsip',
  demo: false,
};
export const batchB = { ...fixture.batches[0]!, id: `${EVENT_B}-a1`, eventId: EVENT_B };
export const sessionB = {
  ...fixture.sessions[0]!,
  id: `${EVENT_B}-a1-s1`,
  eventId: EVENT_B,
  batchId: batchB.id,
};

/** Assigned to the world's trainer by the organiser. */
export const OWN_SESSION = fixture.sessions[0]!;
/** Same batch, nobody's. */
export const OTHER_SESSION = fixture.sessions[1]!;
/** Another batch, nobody's. */
export const OTHER_BATCH_SESSION = fixture.sessions[7]!;
/** A batch of event A without people or sessions, and a session nobody marked: what the
 * organiser may delete without confirming (batch.delete, session.delete). */
export const SPARE_BATCH = {
  ...fixture.batches[1]!,
  id: `${EVENT_A}-spare`,
  code: 'SP',
  name: 'Cadangan',
};
export const SPARE_SESSION = fixture.sessions[9]!;

export interface World {
  server: TestServer;
  organiser: TestDevice;
  staff: TestDevice;
  trainer: TestDevice;
  participant: TestDevice;
  /** The participant phone's own registration. */
  own: Participant;
  /** Another phone's registration in event A. */
  neighbour: Participant;
  /** The organiser of event B: a device of another event. */
  foreign: TestDevice;
  /** Event B's participant. */
  participantB: Participant;
  /** Check-ins in event A made by the staff desk (one for it to take back, one for the
   * organiser) and by the organiser (not the desk's to take back). */
  deskCheckins: [string, string];
  organiserCheckin: string;
}

export function expectApplied(res: { results: { status: string; code?: string }[] }): void {
  expect(res.results.map((r) => `${r.status}${r.code ? ` ${r.code}` : ''}`)).toEqual(
    res.results.map(() => 'applied'),
  );
}

export async function buildWorld(): Promise<World> {
  const server = await startTestServer();
  setOrganiserPassword(server.db, PASSWORD);
  const organiser = await enrollDevice(server, 'organiser');
  const staff = await enrollDevice(server, 'staff');
  const trainer = await enrollDevice(server, 'trainer');
  const participant = await enrollDevice(server, 'participant');
  expectApplied(
    await organiser.send(
      upsertSession({ ...OWN_SESSION, trainerDeviceIds: [trainer.deviceId] }),
      upsert('batch', SPARE_BATCH),
    ),
  );
  const desk = [checkin(fixture.people[0]!.id), checkin(fixture.people[1]!.id)] as const;
  expectApplied(await staff.send(...desk));
  const byOrganiser = checkin(fixture.people[2]!.id);
  expectApplied(await organiser.send(byOrganiser));
  const idOf = (d: { args: unknown }) => (d.args as { checkinId: string }).checkinId;
  const deskCheckins: [string, string] = [idOf(desk[0]), idOf(desk[1])];
  const organiserCheckin = idOf(byOrganiser);
  const own = person();
  expectApplied(await participant.send(register(own)));
  const neighbour = person({ phone: '+6281299990002', email: 'tetangga@example.org' });
  expectApplied(await (await enrollDevice(server, 'participant')).send(register(neighbour)));

  // Event B exists only through its own organiser's pushes (an enrolment code may name
  // an event before its row exists; event.upsert then creates it).
  const foreign = await enrollDevice(server, 'organiser', { eventId: EVENT_B });
  const participantB = person({ eventId: EVENT_B, batchId: batchB.id, source: 'import' });
  expectApplied(
    await foreign.send(
      upsert('event', eventB),
      upsert('batch', batchB),
      upsert('session', sessionB),
      register(participantB),
      checkin(participantB.id, { eventId: EVENT_B }),
      mark(sessionB.id, participantB.id, 'hadir', { eventId: EVENT_B }),
    ),
  );
  return {
    server,
    organiser,
    staff,
    trainer,
    participant,
    own,
    neighbour,
    foreign,
    participantB,
    deskCheckins,
    organiserCheckin,
  };
}

/** Every synced row, as stored: equal snapshots mean a request changed nothing. */
export function snapshot(db: Db): string {
  return JSON.stringify(
    db.prepare('SELECT tbl, id, event_id, owner, data, deleted FROM rows ORDER BY tbl, id').all(),
  );
}

/** Rows of a table in an event; `withTombstones: false` counts only live rows. */
export const countOf = (db: Db, tbl: string, eventId: string, withTombstones = true): number =>
  (
    db
      .prepare(
        `SELECT count(*) AS n FROM rows WHERE tbl = ? AND event_id = ?${withTombstones ? '' : ' AND deleted = 0'}`,
      )
      .get(tbl, eventId) as { n: number }
  ).n;

export const deviceCount = (db: Db): number =>
  (db.prepare('SELECT count(*) AS n FROM devices').get() as { n: number }).n;

export const isRevoked = (db: Db, deviceId: string): boolean =>
  (
    db.prepare('SELECT revoked_at FROM devices WHERE id = ?').get(deviceId) as {
      revoked_at: string | null;
    }
  ).revoked_at !== null;

/** "200", or "<status> <error code>": what a table cell says. */
export function outcome(reply: RawReply): string {
  return reply.status === 200 ? '200' : `${reply.status} ${errorCode(reply) ?? '?'}`;
}

/** The event a pulled row belongs to. */
export function eventOf(c: Change): unknown {
  return c.table === 'events' ? c.id : c.data?.eventId;
}

/** The test event's participant p1, whom every device of event A knows. */
export const p1 = fixture.people[0]!;

/** A short random tag for names and ids that must be new. */
export const tag = () => crypto.randomUUID().slice(0, 8);
