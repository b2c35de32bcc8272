// Devices, their push streams and enrolment codes, as stored. Tokens and codes arrive here
// already hashed (auth.ts hashes them); nothing here sees a secret.
import type { Role } from '#sync/protocol';
import type { Db } from './database.ts';

/** A device's role: a browser's, or a venue hub's (a server that relays a hall's work). */
export type DeviceRole = Role | 'hub';

export interface Device {
  id: string;
  role: DeviceRole;
  eventId: string;
  name: string;
  /** The id the browser declared at enrolment: its HLC node, and the `clientId` its pushes
   * name. Chosen by the client, so it selects nothing: see `stream`. */
  clientId: string | null;
  /** The key of this device's push sequence, issued by the server with its token. */
  stream: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastSyncAt: string | null;
  unsent: number | null;
  appVersion: string | null;
  /** Enrolled at this venue hub (a device's id), not here: its record was relayed. */
  hubId: string | null;
}

interface RawDevice {
  id: string;
  role: DeviceRole;
  event_id: string;
  name: string;
  client_id: string | null;
  stream: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_sync_at: string | null;
  unsent: number | null;
  app_version: string | null;
  hub_id: string | null;
}

const toDevice = (r: RawDevice): Device => ({
  id: r.id,
  role: r.role,
  eventId: r.event_id,
  name: r.name,
  clientId: r.client_id,
  stream: r.stream ?? r.id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastSyncAt: r.last_sync_at,
  unsent: r.unsent,
  appVersion: r.app_version,
  hubId: r.hub_id,
});

export function getDevice(db: Db, id: string): Device | undefined {
  const r = db.prepare('SELECT * FROM devices WHERE id = ?').get(id) as RawDevice | undefined;
  return r ? toDevice(r) : undefined;
}

export function listDevices(db: Db): Device[] {
  return (db.prepare('SELECT * FROM devices ORDER BY created_at').all() as RawDevice[]).map(
    toDevice,
  );
}

/** The device holding this token (revoked and expired ones included: the caller judges). */
export function deviceByTokenHash(db: Db, tokenHash: string): Device | undefined {
  const r = db.prepare('SELECT * FROM devices WHERE token_hash = ?').get(tokenHash) as
    RawDevice | undefined;
  return r ? toDevice(r) : undefined;
}

/** The stream of the device holding this token, as stored (null for a device enrolled
 * before streams existed). */
export function streamOfTokenHash(db: Db, tokenHash: string): string | undefined {
  const row = db.prepare('SELECT stream FROM devices WHERE token_hash = ?').get(tokenHash) as
    { stream: string | null } | undefined;
  return row?.stream ?? undefined;
}

export function insertDevice(
  db: Db,
  d: Omit<Device, 'createdAt' | 'revokedAt' | 'lastSyncAt' | 'unsent' | 'hubId'> & {
    tokenHash: string;
    createdAt: string;
    /** A device a venue hub enrolled (relayed here): the hub, and its revocation there. */
    hubId?: string;
    revokedAt?: string | null;
  },
): void {
  db.prepare(
    `INSERT INTO devices (id, role, event_id, name, client_id, stream, token_hash, created_at,
       expires_at, app_version, revoked_at, hub_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.id,
    d.role,
    d.eventId,
    d.name,
    d.clientId,
    d.stream,
    d.tokenHash,
    d.createdAt,
    d.expiresAt,
    d.appVersion,
    d.revokedAt ?? null,
    d.hubId ?? null,
  );
}

export function revokeDevice(db: Db, id: string, at: string): boolean {
  return (
    db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
      .changes > 0
  );
}

/** What the organiser's device list shows of a device's last contact. `unsent`: a count,
 * null when the device did not say (a push then clears it), undefined to keep the stored
 * one (a pull that did not say); the app version is kept when not known. */
export function touchDevice(
  db: Db,
  id: string,
  at: string,
  unsent: number | null | undefined,
  appVersion: string | null = null,
): void {
  db.prepare(
    `UPDATE devices SET last_sync_at = ?, unsent = CASE WHEN ? THEN unsent ELSE ? END,
     app_version = coalesce(?, app_version) WHERE id = ?`,
  ).run(at, unsent === undefined ? 1 : 0, unsent ?? null, appVersion, id);
}

/** The participant phones of an event still able to sync. */
export function activeParticipantDeviceIds(db: Db, eventId: string): string[] {
  return (
    db
      .prepare(
        "SELECT id FROM devices WHERE event_id = ? AND role = 'participant' AND revoked_at IS NULL",
      )
      .all(eventId) as { id: string }[]
  ).map((r) => r.id);
}

export interface EnrollCode {
  codeHash: string;
  role: DeviceRole;
  eventId: string;
  name: string;
  expiresAt: string;
  usedAt: string | null;
  sessionIds: string[];
}

export function insertEnrollCode(
  db: Db,
  c: Omit<EnrollCode, 'usedAt'> & { createdAt: string },
): void {
  db.prepare(
    `INSERT INTO enroll_codes (code_hash, role, event_id, name, created_at, expires_at, session_ids)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.codeHash,
    c.role,
    c.eventId,
    c.name,
    c.createdAt,
    c.expiresAt,
    JSON.stringify(c.sessionIds),
  );
}

export function getEnrollCode(db: Db, codeHash: string): EnrollCode | undefined {
  const r = db.prepare('SELECT * FROM enroll_codes WHERE code_hash = ?').get(codeHash) as
    | {
        code_hash: string;
        role: DeviceRole;
        event_id: string;
        name: string;
        expires_at: string;
        used_at: string | null;
        session_ids: string;
      }
    | undefined;
  if (!r) return undefined;
  return {
    codeHash: r.code_hash,
    role: r.role,
    eventId: r.event_id,
    name: r.name,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    sessionIds: JSON.parse(r.session_ids) as string[],
  };
}

export function markEnrollCodeUsed(db: Db, codeHash: string, deviceId: string, at: string): void {
  db.prepare('UPDATE enroll_codes SET used_at = ?, device_id = ? WHERE code_hash = ?').run(
    at,
    deviceId,
    codeHash,
  );
}
