// Push streams: the last seq applied on each (exactly once, in order) and the log of every
// mutation settled on them (what it was, how it ended, at which version).
import type { ResultStatus } from '#sync/protocol';
import type { Db } from './database.ts';

/** The last seq applied on a push stream (0 before the first). */
export function lastSeqOf(db: Db, stream: string): number {
  const row = db.prepare('SELECT last_seq FROM streams WHERE id = ?').get(stream) as
    { last_seq: number } | undefined;
  return row?.last_seq ?? 0;
}

export function saveLastSeq(db: Db, stream: string, lastSeq: number): void {
  db.prepare(
    `INSERT INTO streams (id, last_seq) VALUES (?, ?)
     ON CONFLICT (id) DO UPDATE SET last_seq = excluded.last_seq`,
  ).run(stream, lastSeq);
}

export interface SettledMutation {
  stream: string;
  seq: number;
  id: string;
  name: string;
  status: ResultStatus;
  code: string | null;
  canonicalId: string | null;
  v: number;
  at: string;
  deviceId: string;
}

/** A writer for one push batch's mutation log (its statement prepared once). */
export function mutationLog(db: Db): (m: SettledMutation) => void {
  const insert = db.prepare(
    `INSERT INTO mutations (stream, seq, id, name, status, code, canonical_id, v, at, device_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (m) => {
    insert.run(
      m.stream,
      m.seq,
      m.id,
      m.name,
      m.status,
      m.code,
      m.canonicalId,
      m.v,
      m.at,
      m.deviceId,
    );
  };
}

/** How a mutation of a stream was settled here (a hub compares upstream's answer). */
export function settledAs(
  db: Db,
  stream: string,
  seq: number,
): { status: ResultStatus; canonicalId: string | null } | undefined {
  return db
    .prepare(
      'SELECT status, canonical_id AS canonicalId FROM mutations WHERE stream = ? AND seq = ?',
    )
    .get(stream, seq) as { status: ResultStatus; canonicalId: string | null } | undefined;
}
