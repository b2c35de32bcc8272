// The device's half of the protocol over its own storage: enrolment, the pull cursor,
// settling pushed mutations (acknowledge, refuse and undo, replay after a server restore,
// re-stamp after clock skew). Pulled pages are written by pull-apply.ts; db/ keeps only
// storage primitives (sync-protocol.md, "Client").
import { initialHlc, receive, tick } from '#domain/hlc';
import { db, syncedTables, type OutboxRow } from '#db/database';
import { setClockOffset, correctedNow } from '#db/clock';
import { clientId, deleteMeta, getMeta, setMeta, type Enrollment } from '#db/meta';
import { enqueue } from '#db/outbox';
import { restampEffect, undoEffect } from '#db/mutations';
import type { MutationResult } from '#sync/protocol';

export type { Enrollment };

export const getEnrollment = () => getMeta('enrollment');
export const saveEnrollment = (e: Enrollment) => setMeta('enrollment', e);
export const getCursor = () => getMeta('cursor');
export const setLastSyncAt = (at: string) => setMeta('lastSyncAt', at);

/**
 * The server has applied less than we think (restored from a backup): send again what
 * it lost, from the acknowledged rows this device still keeps.
 */
export async function replayAfter(lastProcessedSeq: number): Promise<number> {
  // Every settled seq goes again, refused ones too, or the restored server would stop at
  // the gap they leave. A row a person already dismissed stays dismissed when refused again.
  return db()
    .outbox.where('seq')
    .above(lastProcessedSeq)
    .filter((r) => r.status !== 'pending')
    .modify((r) => {
      if (r.status === 'dismissed') r.keepDismissed = true;
      r.status = 'pending';
    });
}

/** The highest seq the server has settled for this device, as far as the device knows. */
export async function highestSettledSeq(): Promise<number> {
  const last = await db()
    .outbox.orderBy('seq')
    .reverse()
    .filter((r) => r.status !== 'pending')
    .first();
  return last?.seq ?? 0;
}

/**
 * Record the server's answers. Everything at or below lastProcessedSeq is settled: acked,
 * or rejected/conflict to be shown to a person. CLOCK_SKEW is not settled (re-stamped).
 */
export async function settle(results: MutationResult[], lastProcessedSeq: number): Promise<void> {
  const d = db();
  const now = new Date().toISOString();
  const bySeq = new Map(results.map((r) => [r.seq, r]));
  const first = Math.min(...results.map((r) => r.seq), lastProcessedSeq);
  const refused: OutboxRow[] = [];
  await d.transaction('rw', [...Object.values(syncedTables(d)), d.outbox, d.meta], async () => {
    // Only the rows this answer covers: a long queue is not re-read for every batch.
    const rows = await d.outbox
      .where('seq')
      .between(first, lastProcessedSeq, true, true)
      .filter((row) => row.status === 'pending')
      .toArray();
    for (const row of rows) {
      const r = bySeq.get(row.seq);
      if (r?.status === 'rejected' || r?.status === 'conflict') {
        refused.push(row);
        row.status = row.keepDismissed ? 'dismissed' : r.status;
        if (r.status === 'rejected') {
          const { field, reason, params } = r;
          row.error = {
            code: r.code ?? 'REJECTED',
            message: r.message ?? '',
            ...(field ? { field } : {}),
            ...(reason ? { reason } : {}),
            ...(params ? { params } : {}),
          };
        } else {
          row.result = { status: r.status, serverState: r.serverState };
        }
      } else {
        row.status = 'acked';
        if (r && r.status !== 'applied' && r.status !== 'duplicate') {
          row.result = {
            status: r.status,
            ...(r.canonicalId ? { canonicalId: r.canonicalId } : {}),
          };
        }
      }
      row.ackedAt = now;
      delete row.keepDismissed;
    }
    await d.outbox.bulkPut(rows);
    if (refused.length > 0) await undoRefused(refused);
  });
}

/**
 * Nothing queued can ever be sent: the event refused this phone (registration closed, or
 * the event is gone) before it had a token. Each row says why, for the person to see.
 */
export async function refuseAllPending(code: string, message: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [...Object.values(syncedTables(d)), d.outbox, d.meta], async () => {
    const rows = await d.outbox.where('status').equals('pending').toArray();
    const now = new Date().toISOString();
    for (const row of rows) {
      row.status = 'rejected';
      row.error = { code, message };
      row.ackedAt = now;
    }
    await d.outbox.bulkPut(rows);
    await undoRefused(rows);
    await deleteMeta('pendingJoin');
  });
}

/**
 * The server refused these, so what they did locally is not true. A refused check-in,
 * mark or registration is removed from the local tables (the outbox row keeps it for a
 * person to see and retry); any other refusal makes the next pull a full snapshot, which
 * rewrites local rows from the server and re-applies what is still pending.
 */
async function undoRefused(rows: OutboxRow[]): Promise<void> {
  let resync = false;
  for (const row of rows) if ((await undoEffect(row)) === 'resync') resync = true;
  if (resync) await setMeta('cursor', null);
}

/**
 * The server said our clock runs ahead: learn the offset and give every pending
 * mutation a fresh stamp from the corrected clock (their marks take the new stamp too).
 */
export async function restampPending(serverTime: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.outbox, d.meta, d.marks], async () => {
    await setClockOffset(Date.parse(serverTime) - Date.now());
    // Start the clock over from the corrected time: the old state ran in the future.
    let state = initialHlc(await clientId());
    const seen = await getMeta('hlcSeen');
    if (seen) state = receive(state, seen, await correctedNow());
    const pending = await d.outbox.where('status').equals('pending').sortBy('seq');
    for (const row of pending) {
      const next = tick(state, await correctedNow());
      state = next.state;
      await restampEffect(row, next.stamp);
      await d.outbox.put(row);
    }
    await setMeta('hlc', state);
  });
}

/** Needs a person: rejected or conflicting mutations, oldest first. */
export function needsAttention(): Promise<OutboxRow[]> {
  return db().outbox.where('status').anyOf('rejected', 'conflict').sortBy('seq');
}

export async function dismiss(seq: number): Promise<void> {
  await db().outbox.update(seq, { status: 'dismissed' });
}

/** Retry a refused change: the server has settled its seq, so it goes again as a new one. */
export async function retry(seq: number): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.outbox, d.meta], async () => {
    const row = await d.outbox.get(seq);
    if (!row) return;
    await d.outbox.update(seq, { status: 'dismissed' });
    await enqueue(row.name, row.args);
  });
}

/**
 * Drop settled rows older than `days` (kept a while so a restored server can be replayed).
 * Runs at most once an hour; only settled rows have `ackedAt`, so the index walk is short.
 */
export async function pruneAcked(days = 7, now = Date.now()): Promise<number> {
  const last = (await getMeta('prunedAt')) ?? 0;
  if (now - last < 3_600_000) return 0;
  await setMeta('prunedAt', now);
  const before = new Date(now - days * 86_400_000).toISOString();
  // A row with a result (a merged registration) is kept: the ticket says so from it.
  return db()
    .outbox.where('ackedAt')
    .below(before)
    .filter((r) => (r.status === 'acked' && !r.result) || r.status === 'dismissed')
    .delete();
}

/** Everything in the outbox, for "save to file" on a revoked or broken device. */
export async function exportOutbox(): Promise<string> {
  const rows = await db().outbox.orderBy('seq').toArray();
  const enrollment = await getEnrollment();
  return JSON.stringify(
    {
      exportedAt: new Date().toISOString(),
      clientId: await getMeta('clientId'),
      deviceId: enrollment?.deviceId,
      eventId: enrollment?.eventId,
      mutations: rows,
    },
    null,
    2,
  );
}

/** Drop the mirrored rows of the event being left (the outbox is empty by then): the next
 * pull brings the new event, and nothing of the old one can be edited meanwhile. */
export async function forgetMirror(): Promise<void> {
  const d = db();
  const tables = Object.values(syncedTables(d));
  await d.transaction('rw', tables, () => Promise.all(tables.map((t) => t.clear())));
}

/** Sign-out with wipe: delete every local table, the outbox included (after export). */
export async function wipeDevice(): Promise<void> {
  await db().delete();
}
