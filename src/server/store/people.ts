// What the server keeps about people beside their rows: claims on national ids (as HMACs,
// never the digits), the audit trail of identity edits, and the counts registration needs.
import type { Db } from './database.ts';

export type NationalIdKind = 'nip' | 'nik';

/** The participant who holds this national id (its HMAC) in the event. */
export function holderOfNationalId(
  db: Db,
  eventId: string,
  kind: NationalIdKind,
  hmac: string,
): string | undefined {
  const row = db
    .prepare('SELECT participant_id FROM national_ids WHERE event_id = ? AND kind = ? AND hmac = ?')
    .get(eventId, kind, hmac) as { participant_id: string } | undefined;
  return row?.participant_id;
}

/** Claim a national id for a participant; the first claim in an event stands. */
export function claimNationalId(
  db: Db,
  eventId: string,
  kind: NationalIdKind,
  hmac: string,
  participantId: string,
): void {
  db.prepare(
    'INSERT OR IGNORE INTO national_ids (event_id, kind, hmac, participant_id) VALUES (?, ?, ?, ?)',
  ).run(eventId, kind, hmac, participantId);
}

/** Drop a participant's claims: one kind (the number was changed), or all (erased). */
export function releaseNationalIds(db: Db, participantId: string, kind?: NationalIdKind): void {
  if (kind) {
    db.prepare('DELETE FROM national_ids WHERE participant_id = ? AND kind = ?').run(
      participantId,
      kind,
    );
  } else {
    db.prepare('DELETE FROM national_ids WHERE participant_id = ?').run(participantId);
  }
}

/** Every claim of an event goes with its participants' data (the retention purge). */
export function releaseEventNationalIds(db: Db, eventId: string): void {
  db.prepare('DELETE FROM national_ids WHERE event_id = ?').run(eventId);
}

export interface IdentityEdit {
  participantId: string;
  field: string;
  oldValue: unknown;
  oldHlc: string | null;
  newValue: unknown;
  newHlc: string;
  clientId: string;
  mutationId: string;
  at: string;
}

export function recordIdentityEdit(db: Db, e: IdentityEdit): void {
  db.prepare(
    `INSERT INTO participant_audit (participant_id, field, old_value, old_hlc, new_value, new_hlc, client_id, mutation_id, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.participantId,
    e.field,
    JSON.stringify(e.oldValue ?? null),
    e.oldHlc,
    JSON.stringify(e.newValue),
    e.newHlc,
    e.clientId,
    e.mutationId,
    e.at,
  );
}

export function deleteIdentityEdits(db: Db, participantId: string): void {
  db.prepare('DELETE FROM participant_audit WHERE participant_id = ?').run(participantId);
}

/** Seats taken in a batch: its registered (not waitlisted or cancelled) participants. */
export function registeredIn(db: Db, batchId: string): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM rows WHERE tbl = 'participants' AND deleted = 0
       AND json_extract(data, '$.batchId') = ? AND json_extract(data, '$.status') = 'registered'`,
    )
    .get(batchId) as { n: number };
  return row.n;
}

/** Registrations a batch ever had, erased ones included (where numbering starts without
 * a counter). */
export function everRegisteredIn(db: Db, batchId: string): number {
  return (
    db
      .prepare(
        "SELECT count(*) AS n FROM rows WHERE tbl = 'participants' AND json_extract(data, '$.batchId') = ?",
      )
      .get(batchId) as { n: number }
  ).n;
}

/** Seats an event's kabupaten/kota has taken (for its quota). */
export function registeredFromRegion(db: Db, eventId: string, regionCode: string): number {
  return (
    db
      .prepare(
        `SELECT count(*) AS taken FROM rows WHERE tbl = 'participants' AND event_id = ? AND deleted = 0
         AND json_extract(data, '$.regionCode') = ? AND json_extract(data, '$.status') = 'registered'`,
      )
      .get(eventId, regionCode) as { taken: number }
  ).taken;
}

/** The live rows recorded about a person: check-ins, marks, and aliases merged into them. */
export function rowsAboutPerson(
  db: Db,
  eventId: string,
  participantId: string,
): { tbl: 'checkins' | 'marks' | 'aliases'; id: string }[] {
  return db
    .prepare(
      `SELECT tbl, id FROM rows WHERE event_id = ? AND deleted = 0 AND (
         (tbl IN ('checkins', 'marks') AND json_extract(data, '$.participantId') = ?) OR
         (tbl = 'aliases' AND json_extract(data, '$.canonicalId') = ?))`,
    )
    .all(eventId, participantId, participantId) as {
    tbl: 'checkins' | 'marks' | 'aliases';
    id: string;
  }[];
}

export interface CheckinVoid {
  checkinId: string;
  eventId: string;
  participantId: string;
  /** The check-in as it stood. */
  data: Record<string, unknown>;
  voidedAt: string;
  deviceId: string;
  mutationId: string;
}

export function recordCheckinVoid(db: Db, v: CheckinVoid): void {
  db.prepare(
    `INSERT OR IGNORE INTO checkin_voids (checkin_id, event_id, participant_id, data, voided_at, device_id, mutation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    v.checkinId,
    v.eventId,
    v.participantId,
    JSON.stringify(v.data),
    v.voidedAt,
    v.deviceId,
    v.mutationId,
  );
}

/** The check-ins of an event taken back, oldest first (the audit). */
export function checkinVoidsOf(db: Db, eventId: string): CheckinVoid[] {
  const rows = db
    .prepare('SELECT * FROM checkin_voids WHERE event_id = ? ORDER BY voided_at')
    .all(eventId) as {
    checkin_id: string;
    event_id: string;
    participant_id: string;
    data: string;
    voided_at: string;
    device_id: string;
    mutation_id: string;
  }[];
  return rows.map((r) => ({
    checkinId: r.checkin_id,
    eventId: r.event_id,
    participantId: r.participant_id,
    data: JSON.parse(r.data) as Record<string, unknown>,
    voidedAt: r.voided_at,
    deviceId: r.device_id,
    mutationId: r.mutation_id,
  }));
}

/** The audit of taken-back check-ins goes with the person, or with the event's data. */
export function deleteCheckinVoids(db: Db, eventId: string, participantId?: string): void {
  if (participantId === undefined) {
    db.prepare('DELETE FROM checkin_voids WHERE event_id = ?').run(eventId);
  } else {
    db.prepare('DELETE FROM checkin_voids WHERE event_id = ? AND participant_id = ?').run(
      eventId,
      participantId,
    );
  }
}
