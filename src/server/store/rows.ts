// The synced rows: one table, one version counter. Every write in a push batch takes the
// batch's version, so pull can read "everything after (v, key)" in one index scan.
import type { SyncedTable } from '#sync/protocol';
import { getMeta, setMeta, type Db } from './database.ts';

export interface StoredRow<T = Record<string, unknown>> {
  tbl: SyncedTable;
  id: string;
  eventId: string;
  owner: string | null;
  data: T;
  hlcs: Record<string, string>;
  v: number;
  deleted: boolean;
}

interface RawRow {
  tbl: SyncedTable;
  id: string;
  event_id: string;
  owner: string | null;
  data: string;
  hlcs: string;
  v: number;
  deleted: number;
}

export function fromRaw<T>(r: RawRow): StoredRow<T> {
  return {
    tbl: r.tbl,
    id: r.id,
    eventId: r.event_id,
    owner: r.owner,
    data: JSON.parse(r.data) as T,
    hlcs: JSON.parse(r.hlcs) as Record<string, string>,
    v: r.v,
    deleted: r.deleted === 1,
  };
}

export function currentVersion(db: Db): number {
  return Number(getMeta(db, 'version') ?? '0');
}

/** Allocate the next version; call inside the write transaction that uses it. */
export function nextVersion(db: Db): number {
  const v = currentVersion(db) + 1;
  setMeta(db, 'version', String(v));
  return v;
}

/** A live row (deleted rows are tombstones: found only by the pull scan). */
export function getRow<T = Record<string, unknown>>(
  db: Db,
  tbl: SyncedTable,
  id: string,
): StoredRow<T> | undefined {
  const r = db
    .prepare('SELECT * FROM rows WHERE tbl = ? AND id = ? AND deleted = 0')
    .get(tbl, id) as RawRow | undefined;
  return r ? fromRaw<T>(r) : undefined;
}

/**
 * Delete a row for everyone: it becomes a tombstone at version `v` (pulled as `del`), and
 * its data is erased from the server, not just hidden (personal data, UU 27/2022).
 */
export function deleteRow(db: Db, tbl: SyncedTable, id: string, v: number): void {
  db.prepare(
    "UPDATE rows SET deleted = 1, data = '{}', hlcs = '{}', v = ? WHERE tbl = ? AND id = ?",
  ).run(v, tbl, id);
}

/** Where a row stands, without reading its data: its event, and whether it is a
 * tombstone; undefined when the id was never written. (A push's check-ins and marks ask
 * this of every participant and fact: parsing whole rows was most of their cost.) */
export function rowState(
  db: Db,
  tbl: SyncedTable,
  id: string,
): { eventId: string; deleted: boolean } | undefined {
  const row = db
    .prepare('SELECT event_id, deleted FROM rows WHERE tbl = ? AND id = ?')
    .get(tbl, id) as { event_id: string; deleted: number } | undefined;
  return row && { eventId: row.event_id, deleted: row.deleted === 1 };
}

/** What a mark needs of its session, without reading the whole row: its event, whether
 * it was closed, and whether `deviceId` is one of its trainers. */
export function sessionGate(
  db: Db,
  id: string,
  deviceId: string,
): { eventId: string; closed: boolean; trainer: boolean } | undefined {
  const row = db
    .prepare(
      `SELECT event_id, coalesce(json_extract(data, '$.closedAt'), '') != '' AS closed,
         EXISTS (SELECT 1 FROM json_each(data, '$.trainerDeviceIds') WHERE value = ?) AS trainer
       FROM rows WHERE tbl = 'sessions' AND id = ? AND deleted = 0`,
    )
    .get(deviceId, id) as { event_id: string; closed: number; trainer: number } | undefined;
  return row && { eventId: row.event_id, closed: row.closed === 1, trainer: row.trainer === 1 };
}

/** The registration a merged one's id now names (its alias row), if it was merged. */
export function aliasTarget(db: Db, id: string): string | undefined {
  const alias = db
    .prepare(
      `SELECT json_extract(data, '$.canonicalId') AS c FROM rows
       WHERE tbl = 'aliases' AND id = ? AND deleted = 0`,
    )
    .get(id) as { c: string | null } | undefined;
  return alias?.c ?? undefined;
}

/** Whether the row was deleted for everyone (in `eventId`, when given): its id is not
 * written again (a stale edit from a device that had not pulled the deletion must not
 * bring it back). */
export function isTombstone(db: Db, tbl: SyncedTable, id: string, eventId?: string): boolean {
  const row = db
    .prepare('SELECT event_id FROM rows WHERE tbl = ? AND id = ? AND deleted = 1')
    .get(tbl, id) as { event_id: string } | undefined;
  return row !== undefined && (eventId === undefined || row.event_id === eventId);
}

export function putRow(
  db: Db,
  row: Omit<StoredRow, 'deleted' | 'hlcs'> & { hlcs?: Record<string, string> },
): void {
  db.prepare(
    `INSERT INTO rows (tbl, id, event_id, owner, data, hlcs, v, deleted)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0)
     ON CONFLICT (tbl, id) DO UPDATE SET event_id = excluded.event_id, data = excluded.data,
       hlcs = excluded.hlcs, v = excluded.v, deleted = 0`,
  ).run(
    row.tbl,
    row.id,
    row.eventId,
    row.owner,
    JSON.stringify(row.data),
    row.hlcs ? JSON.stringify(row.hlcs) : '{}',
    row.v,
  );
}

export function rowsOfEvent<T>(db: Db, eventId: string, tbl: SyncedTable): StoredRow<T>[] {
  const raw = db
    .prepare('SELECT * FROM rows WHERE event_id = ? AND tbl = ? AND deleted = 0')
    .all(eventId, tbl) as RawRow[];
  return raw.map((r) => fromRaw<T>(r));
}

/** The live rows of an event's table whose `field` (a top-level data field) is `value`:
 * a batch's sessions and registrations, a session's marks. */
export function rowsWhere<T>(
  db: Db,
  eventId: string,
  tbl: SyncedTable,
  field: 'batchId' | 'sessionId',
  value: string,
): StoredRow<T>[] {
  const raw = db
    .prepare(
      'SELECT * FROM rows WHERE event_id = ? AND tbl = ? AND deleted = 0 AND json_extract(data, ?) = ?',
    )
    .all(eventId, tbl, `$.${field}`, value) as RawRow[];
  return raw.map((r) => fromRaw<T>(r));
}

/** Rows after a cursor in (v, tbl, id) order: the pull scan. */
export function rowsAfter(
  db: Db,
  cursor: { v: number; k?: string } | null,
  limit: number,
): StoredRow[] {
  // A row-value comparison lets SQLite walk the (v, tbl, id) index from the cursor.
  const [tbl = '', id = ''] = splitKey(cursor?.k);
  const raw = db
    .prepare(
      `SELECT * FROM rows WHERE (v, tbl, id) > (@v, @tbl, @id) ORDER BY v, tbl, id LIMIT @limit`,
    )
    .all({ v: cursor?.v ?? 0, tbl, id, limit }) as RawRow[];
  return raw.map((r) => fromRaw(r));
}

export const rowKey = (r: { tbl: string; id: string }): string => `${r.tbl}:${r.id}`;

function splitKey(k: string | undefined): [string, string] | [] {
  if (!k) return [];
  const i = k.indexOf(':');
  return i < 0 ? [k, ''] : [k.slice(0, i), k.slice(i + 1)];
}

/** The ids of rows a device created (its own registration, and the alias one leaves once
 * merged), deleted ones included unless `liveOnly`. */
export function idsOwnedBy(
  db: Db,
  owner: string,
  tbls: readonly SyncedTable[],
  { liveOnly = false } = {},
): string[] {
  const marks = tbls.map(() => '?').join(', ');
  const live = liveOnly ? ' AND deleted = 0' : '';
  return (
    db
      .prepare(`SELECT id FROM rows WHERE owner = ? AND tbl IN (${marks})${live}`)
      .all(owner, ...tbls) as { id: string }[]
  ).map((r) => r.id);
}

/** The ids of an event's live rows of a table. */
export function liveIdsOf(db: Db, eventId: string, tbl: SyncedTable): string[] {
  return (
    db
      .prepare('SELECT id FROM rows WHERE event_id = ? AND tbl = ? AND deleted = 0')
      .all(eventId, tbl) as { id: string }[]
  ).map((r) => r.id);
}

/** Every live row of a table, across events (the events list). */
export function liveRowsOf<T>(db: Db, tbl: SyncedTable): StoredRow<T>[] {
  const raw = db.prepare('SELECT * FROM rows WHERE tbl = ? AND deleted = 0').all(tbl) as RawRow[];
  return raw.map((r) => fromRaw<T>(r));
}

/** Whether a row with this id ever existed in the table (a tombstone counts). */
export function rowExists(db: Db, tbl: SyncedTable, id: string): boolean {
  return db.prepare('SELECT 1 FROM rows WHERE tbl = ? AND id = ?').get(tbl, id) !== undefined;
}

/** How many live rows a table holds (the backup's summary). */
export function countLive(db: Db, tbl: SyncedTable): number {
  return (
    db.prepare('SELECT count(*) AS n FROM rows WHERE tbl = ? AND deleted = 0').get(tbl) as {
      n: number;
    }
  ).n;
}

/** Live registrations whose id is `id` or whose registration number is `number` (a
 * ticket's proof names either). */
export function participantsByNumber<T>(
  db: Db,
  id: string,
  number: string,
  /** Only this event's (a batch code, and so a number, can repeat across events). */
  eventId?: string,
): StoredRow<T>[] {
  const raw = db
    .prepare(
      `SELECT * FROM rows WHERE tbl = 'participants' AND deleted = 0
         AND (id = ? OR json_extract(data, '$.registrationNumber') = ?)
         AND (? IS NULL OR event_id = ?)`,
    )
    .all(id, number, eventId ?? null, eventId ?? null) as RawRow[];
  return raw.map((r) => fromRaw<T>(r));
}

/** An event's live rows last written at or before version `v`. */
export function liveRowsUpTo(db: Db, eventId: string, v: number): StoredRow[] {
  const raw = db
    .prepare('SELECT * FROM rows WHERE event_id = ? AND deleted = 0 AND v <= ?')
    .all(eventId, v) as RawRow[];
  return raw.map((r) => fromRaw(r));
}

/** Every event's rows but one: a hub holds only its event (the demo of a first start goes). */
export function dropRowsNotOf(db: Db, eventId: string): number {
  const changes = db.prepare('DELETE FROM rows WHERE event_id != ?').run(eventId).changes;
  db.prepare('DELETE FROM national_ids WHERE event_id != ?').run(eventId);
  return changes;
}

/** The events whose rows this server holds. */
export function eventIdsHeld(db: Db): string[] {
  return (
    db.prepare("SELECT id FROM rows WHERE tbl = 'events' AND deleted = 0").all() as { id: string }[]
  ).map((r) => r.id);
}
