// The server tests' toolbox. The drivers live in tests/support/ (one of each for every
// test): the server (server.ts), devices (device.ts), HTTP (http.ts), mutations
// (drafts.ts) and people (factories.ts); they are exported from here too, for the tests
// that import them from here. What is left here looks at the real database.
import { openDatabase, type Db } from '#server/store/database';
import type { Change } from '#sync/protocol';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';

export {
  ensureBuilt,
  killChildren,
  startChildServer,
  startTestServer,
  tempDataDir,
  type ChildServer,
  type TestServer,
} from '#tests/support/server';
export { errorCode, request, type RawReply, type RequestOptions } from '#tests/support/http';
export {
  checkin,
  closeSession,
  deleteBatch,
  deleteSession,
  hlcAt,
  mark,
  patch,
  register,
  upsert,
  upsertSession,
  voidCheckin,
  type Draft,
} from '#tests/support/drafts';
export { freshNip, person } from '#tests/support/factories';
export {
  deviceFor,
  enrollDevice,
  enrolStaff,
  enrolTrainer,
  registerParticipant,
  TestDevice,
  type EnrollOptions,
  type Identity,
  type Target,
} from '#tests/support/device';

// ---------------------------------------------------------------------------------------
// Looking at the real database

export function countRows(db: Db, tbl: string, eventId = FIXTURE_EVENT_ID): number {
  return (
    db
      .prepare('SELECT count(*) AS n FROM rows WHERE tbl = ? AND event_id = ?')
      .get(tbl, eventId) as { n: number }
  ).n;
}

/** The last seq applied on a device's own stream (the token's device, whatever it declared). */
export function seqOfDevice(db: Db, deviceId: string): number {
  const row = db
    .prepare('SELECT s.last_seq FROM streams s JOIN devices d ON d.stream = s.id WHERE d.id = ?')
    .get(deviceId) as { last_seq: number } | undefined;
  return row?.last_seq ?? 0;
}

/** The push stream of the newest device that declared this client id. */
export function streamOf(db: Db, clientId: string): string | undefined {
  const row = db
    .prepare('SELECT stream FROM devices WHERE client_id = ? ORDER BY created_at DESC, rowid DESC')
    .get(clientId) as { stream: string } | undefined;
  return row?.stream;
}

/** The last seq the server applied for the device that declared this client id. */
export function lastSeq(db: Db, clientId: string): number {
  const row = db
    .prepare('SELECT last_seq FROM streams WHERE id = ?')
    .get(streamOf(db, clientId) ?? '') as { last_seq: number } | undefined;
  return row?.last_seq ?? 0;
}

/** Open the database of a data directory (a child server's), run `fn`, close it. */
export function withDb<T>(dataDir: string, fn: (db: Db) => T): T {
  const db = openDatabase(dataDir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Latest data of every row in a list of changes, keyed `table:id`. */
export function latest(changes: Change[]): Map<string, Change> {
  const map = new Map<string, Change>();
  for (const c of changes) map.set(`${c.table}:${c.id}`, c);
  return map;
}

export function ofTable<T = Record<string, unknown>>(changes: Change[], table: string): T[] {
  return [...latest(changes).values()]
    .filter((c) => c.table === table && c.op === 'put')
    .map((c) => c.data as T);
}
