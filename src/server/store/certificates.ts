// Issued certificates, as stored: one per participant per event, numbered in order, with
// the random code behind its QR. What a certificate states is kept as JSON (`data`).
import type { Db } from './database.ts';

export interface CertificateRow {
  eventId: string;
  participantId: string;
  seq: number;
  number: string;
  code: string;
  /** What it states (certificates-judge's Stated), as JSON. */
  data: string;
  revokedAt: string | null;
}

interface Raw {
  event_id: string;
  participant_id: string;
  seq: number;
  number: string;
  code: string;
  data: string;
  revoked_at: string | null;
}

const fromRaw = (r: Raw): CertificateRow => ({
  eventId: r.event_id,
  participantId: r.participant_id,
  seq: r.seq,
  number: r.number,
  code: r.code,
  data: r.data,
  revokedAt: r.revoked_at,
});

/** An event's certificates in numbering order, revoked ones included. */
export function certificatesOfEvent(db: Db, eventId: string): CertificateRow[] {
  return (
    db.prepare('SELECT * FROM certificates WHERE event_id = ? ORDER BY seq').all(eventId) as Raw[]
  ).map(fromRaw);
}

export function certificateByCode(db: Db, code: string): CertificateRow | undefined {
  const r = db.prepare('SELECT * FROM certificates WHERE code = ?').get(code) as Raw | undefined;
  return r ? fromRaw(r) : undefined;
}

/** Writers for one issuing run (statements prepared once). */
export function certificateWriter(db: Db) {
  const insert = db.prepare(
    `INSERT INTO certificates (event_id, participant_id, seq, number, code, data, issued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    'UPDATE certificates SET data = ?, revoked_at = NULL WHERE event_id = ? AND participant_id = ?',
  );
  const revoke = db.prepare(
    'UPDATE certificates SET revoked_at = ? WHERE event_id = ? AND participant_id = ? AND revoked_at IS NULL',
  );
  return {
    insert: (c: Omit<CertificateRow, 'revokedAt'>, issuedAt: string) =>
      insert.run(c.eventId, c.participantId, c.seq, c.number, c.code, c.data, issuedAt),
    /** A re-issue: new statement, no longer revoked, same number and code. */
    restate: (eventId: string, participantId: string, data: string) =>
      update.run(data, eventId, participantId),
    revoke: (eventId: string, participantId: string, at: string) =>
      revoke.run(at, eventId, participantId),
  };
}

/** Certificates name people: deleted with the person, or with the event's data. */
export function deleteCertificates(db: Db, eventId: string, participantId?: string): void {
  if (participantId === undefined) {
    db.prepare('DELETE FROM certificates WHERE event_id = ?').run(eventId);
  } else {
    db.prepare('DELETE FROM certificates WHERE event_id = ? AND participant_id = ?').run(
      eventId,
      participantId,
    );
  }
}
