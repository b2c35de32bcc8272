// Venue hubs (venue-hub.md), as stored. At a hub: the queue of what the hall did that
// upstream has not acknowledged, and the registration-number blocks it holds. Upstream:
// the devices a hub enrolled, and the blocks it reserved for each hub. On every server:
// whether a mutation (by its id) was settled before, by any path.
import type { WireMutation } from '#sync/protocol';
import type { RelayedDevice } from '#server/hub/wire';
import type { Db } from './database.ts';
import { insertDevice } from './devices.ts';
import { lastSeqOf, saveLastSeq } from './streams.ts';

/** Whether a mutation with this id was settled here before, on any stream. */
export function settledBefore(db: Db, mutationId: string): boolean {
  return db.prepare('SELECT 1 FROM mutations WHERE id = ? LIMIT 1').get(mutationId) !== undefined;
}

export interface Queued {
  stream: string;
  seq: number;
  deviceId: string;
  mutation: WireMutation;
  /** The registration number this hub drew for it from a block, if any. */
  number: number | null;
  at: string;
}

/** A writer for one push batch's queue entries (its statement prepared once). */
export function queueWriter(db: Db): (q: Queued) => void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO relay_queue (stream, seq, device_id, mutation, number, at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return (q) => {
    insert.run(q.stream, q.seq, q.deviceId, JSON.stringify(q.mutation), q.number, q.at);
  };
}

/** The oldest queued mutations, in the order they were applied here (a registration
 * before the check-in another desk made of it, so upstream can apply both). */
export function queued(db: Db, limit: number): Queued[] {
  const rows = db.prepare('SELECT * FROM relay_queue ORDER BY rowid LIMIT ?').all(limit) as {
    stream: string;
    seq: number;
    device_id: string;
    mutation: string;
    number: number | null;
    at: string;
  }[];
  return rows.map((r) => ({
    stream: r.stream,
    seq: r.seq,
    deviceId: r.device_id,
    mutation: JSON.parse(r.mutation) as WireMutation,
    number: r.number,
    at: r.at,
  }));
}

/** Upstream settled a stream up to `lastSeq`: those entries leave the queue. */
export function acknowledge(db: Db, stream: string, lastSeq: number): void {
  db.prepare('DELETE FROM relay_queue WHERE stream = ? AND seq <= ?').run(stream, lastSeq);
}

export function queueSize(db: Db): { count: number; oldest: string | null } {
  const row = db.prepare('SELECT count(*) AS count, min(at) AS oldest FROM relay_queue').get() as {
    count: number;
    oldest: string | null;
  };
  return row;
}

/** A number block: `next` is the first not yet used. */
export interface NumberBlock {
  holder: string;
  batchId: string;
  first: number;
  last: number;
  next: number;
}

export function addBlock(db: Db, b: NumberBlock): void {
  db.prepare(
    `INSERT OR IGNORE INTO number_blocks (holder, batch_id, first, last, next)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(b.holder, b.batchId, b.first, b.last, b.next);
}

export function blocksOf(db: Db, holder: string, batchId?: string): NumberBlock[] {
  const rows = db
    .prepare(
      `SELECT holder, batch_id AS batchId, first, last, next FROM number_blocks
       WHERE holder = ? AND (? IS NULL OR batch_id = ?) ORDER BY batch_id, first`,
    )
    .all(holder, batchId ?? null, batchId ?? null) as NumberBlock[];
  return rows;
}

/** Take the next unused number of the holder's blocks for a batch; undefined when none. */
export function drawNumber(db: Db, holder: string, batchId: string): number | undefined {
  const block = blocksOf(db, holder, batchId).find((b) => b.next <= b.last);
  if (!block) return undefined;
  db.prepare(
    'UPDATE number_blocks SET next = next + 1 WHERE holder = ? AND batch_id = ? AND first = ?',
  ).run(holder, batchId, block.first);
  return block.next;
}

/** Upstream: a hub numbered a registration from its block (the block counts as used). */
export function markNumberUsed(db: Db, holder: string, batchId: string, n: number): void {
  db.prepare(
    `UPDATE number_blocks SET next = max(next, ? + 1)
     WHERE holder = ? AND batch_id = ? AND first <= ? AND last >= ?`,
  ).run(n, holder, batchId, n, n);
}

/** The devices a hub enrolled, as upstream holds them. */
export function devicesOfHub(db: Db, hubId: string): string[] {
  return (db.prepare('SELECT id FROM devices WHERE hub_id = ?').all(hubId) as { id: string }[]).map(
    (r) => r.id,
  );
}

/** The devices enrolled here, with their token hashes: what a hub relays upstream; with
 * `since`, only those enrolled or revoked from then on (the rest upstream has). */
export function localDevicesForRelay(db: Db, eventId: string, since?: string): RelayedDevice[] {
  const rows = db
    .prepare(
      `SELECT id, role, name, client_id AS clientId, coalesce(stream, id) AS stream,
         token_hash AS tokenHash, created_at AS createdAt, expires_at AS expiresAt,
         revoked_at AS revokedAt,
         (SELECT session_ids FROM enroll_codes WHERE device_id = devices.id) AS sessionIds,
         coalesce(
           (SELECT min(seq) - 1 FROM mutations WHERE stream = coalesce(devices.stream, devices.id)),
           (SELECT last_seq FROM streams WHERE id = coalesce(devices.stream, devices.id)),
           0
         ) AS startSeq
       FROM devices WHERE event_id = ? AND hub_id IS NULL AND token_hash IS NOT NULL
         AND role != 'hub'
         AND (? IS NULL OR created_at >= ? OR revoked_at >= ?)
       ORDER BY created_at, rowid`,
    )
    .all(eventId, since ?? null, since ?? null, since ?? null) as (Omit<
    RelayedDevice,
    'sessionIds'
  > & { sessionIds: string | null })[];
  return rows.map((r) => ({ ...r, sessionIds: JSON.parse(r.sessionIds ?? '[]') as string[] }));
}

/** Insert a hub's device upstream, or take its revocation; false when the id belongs to a
 * device that is not this hub's. */
export function upsertHubDevice(
  db: Db,
  hubId: string,
  eventId: string,
  d: RelayedDevice,
): 'inserted' | 'known' | 'foreign' {
  const existing = db.prepare('SELECT hub_id, stream FROM devices WHERE id = ?').get(d.id) as
    { hub_id: string | null; stream: string | null } | undefined;
  if (existing) {
    if (existing.hub_id !== hubId || existing.stream !== d.stream) return 'foreign';
    if (d.revokedAt) {
      db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
        d.revokedAt,
        d.id,
      );
    }
    return 'known';
  }
  // A stream some other device uses is not this one's to take, unless all its holders are
  // this hub's (a desk re-enrolled there, an organiser signed in again: its numbering goes on).
  const holders = db.prepare('SELECT hub_id FROM devices WHERE stream = ?').all(d.stream) as {
    hub_id: string | null;
  }[];
  if (holders.some((h) => h.hub_id !== hubId)) return 'foreign';
  if (holders.length === 0 && lastSeqOf(db, d.stream) === 0) saveLastSeq(db, d.stream, d.startSeq);
  insertDevice(db, { ...d, eventId, appVersion: null, hubId });
  return 'inserted';
}

/** Revoked ids among these devices (what a hub learns of revocations made upstream). */
export function revokedAmong(db: Db, ids: readonly string[]): { id: string; at: string }[] {
  if (ids.length === 0) return [];
  const marks = ids.map(() => '?').join(',');
  return db
    .prepare(
      `SELECT id, revoked_at AS at FROM devices WHERE id IN (${marks}) AND revoked_at IS NOT NULL`,
    )
    .all(...ids) as { id: string; at: string }[];
}

/** Whether the hall did anything upstream has not acknowledged yet. */
export function hasUnacknowledged(db: Db): boolean {
  return db.prepare('SELECT 1 FROM relay_queue LIMIT 1').get() !== undefined;
}
