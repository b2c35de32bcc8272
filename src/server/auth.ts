// Devices, tokens and enrolment codes. Tokens and codes are stored only as SHA-256
// hashes; the organiser password as scrypt. Nothing here logs a secret.
import { createHash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import { formatHlc } from '#domain/hlc';
import { getMeta, newStreamId, setMeta, type Db } from '#server/store/database';
import { getRow, nextVersion, putRow } from '#server/store/rows';
import {
  type DeviceRole,
  deviceByTokenHash,
  getDevice,
  getEnrollCode,
  insertDevice as storeDevice,
  insertEnrollCode,
  markEnrollCodeUsed,
  revokeDevice as storeRevoke,
  streamOfTokenHash,
  type Device,
} from '#server/store/devices';
import { saveLastSeq } from '#server/store/streams';

export { getDevice, listDevices } from '#server/store/devices';
export type { Device };

const TOKEN_TTL_DAYS = 180;
/** An organiser's password sign-in lasts a working day; enrolled devices last longer. */
export const SESSION_TTL_HOURS = 12;
const ENROLL_CODE_TTL_MINUTES = 24 * 60;

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Codes people type: no 0/O, 1/I/L. Shown as XXXX-XXXX. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function newCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

const addMinutes = (now: Date, m: number) => new Date(now.getTime() + m * 60_000).toISOString();

export function createEnrollCode(
  db: Db,
  opts: {
    role: Exclude<DeviceRole, 'participant'>;
    eventId: string;
    name?: string;
    /** Trainer devices: the sessions it may mark, assigned when the code is redeemed. */
    sessionIds?: string[];
    now?: Date;
  },
): { code: string; expiresAt: string } {
  const now = opts.now ?? new Date();
  const code = newCode();
  const expiresAt = addMinutes(now, ENROLL_CODE_TTL_MINUTES);
  insertEnrollCode(db, {
    codeHash: sha256(normalizeCode(code)),
    role: opts.role,
    eventId: opts.eventId,
    name: opts.name ?? '',
    createdAt: now.toISOString(),
    expiresAt,
    sessionIds: opts.sessionIds ?? [],
  });
  return { code, expiresAt };
}

/**
 * Where a new device's push sequence comes from: the stream of the device it proves it was
 * (the token it held before: a re-enrolment, a new sign-in, another event), else a new
 * stream that starts just before the first seq the browser says it will send.
 */
export type StreamSource = { continues: string } | { nextSeq: number };

/** The stream of the device whose token this is, revoked or expired included: holding the
 * token proves the browser was that device. */
function streamOfToken(db: Db, token: string | undefined): string | undefined {
  return token ? streamOfTokenHash(db, sha256(token)) : undefined;
}

function insertDevice(
  db: Db,
  d: {
    role: DeviceRole;
    eventId: string;
    name: string;
    clientId: string;
    appVersion?: string;
    source: StreamSource;
  },
  now: Date,
  ttlMinutes = TOKEN_TTL_DAYS * 24 * 60,
): { device: Device; token: string } {
  // Ids are shown and typed (`npm run admin -- revoke <id>`): one starting with '-' would
  // read as an option there, so such a draw (1 in 64) is drawn again.
  let id: string;
  do id = randomBytes(9).toString('base64url');
  while (id.startsWith('-'));
  const token = randomBytes(32).toString('base64url');
  const expiresAt = addMinutes(now, ttlMinutes);
  let stream: string;
  if ('continues' in d.source) stream = d.source.continues;
  else {
    stream = newStreamId();
    saveLastSeq(db, stream, Math.max(0, d.source.nextSeq - 1));
  }
  storeDevice(db, {
    id,
    role: d.role,
    eventId: d.eventId,
    name: d.name,
    clientId: d.clientId,
    stream,
    tokenHash: sha256(token),
    createdAt: now.toISOString(),
    expiresAt,
    appVersion: d.appVersion ?? null,
  });
  return { device: getDevice(db, id)!, token };
}

/** Redeem a one-time code: single use, expiring. Undefined when the code is not valid. A
 * hub's code pairs a venue hub (`hub`), never a browser; a browser's never pairs a hub. */
export function enroll(
  db: Db,
  code: string,
  info: DeviceInfo,
  now = new Date(),
  previousToken?: string,
  hub = false,
): { device: Device; token: string } | undefined {
  return db
    .transaction(() => {
      const row = getEnrollCode(db, sha256(normalizeCode(code)));
      if (!row || row.usedAt || row.expiresAt < now.toISOString()) return undefined;
      if ((row.role === 'hub') !== hub) return undefined;
      const result = insertDevice(
        db,
        {
          role: row.role,
          eventId: row.eventId,
          name: info.name || row.name,
          clientId: info.clientId,
          ...(info.appVersion ? { appVersion: info.appVersion } : {}),
          source: streamSource(db, info, previousToken),
        },
        now,
      );
      markEnrollCodeUsed(db, row.codeHash, result.device.id, now.toISOString());
      assignSessions(db, result.device, row.sessionIds);
      return result;
    })
    .immediate();
}

/** Let a trainer device mark these sessions: the assignment syncs like any session edit. */
export function assignSessions(db: Db, device: Device, sessionIds: string[]): void {
  if (sessionIds.length === 0) return;
  const v = nextVersion(db);
  for (const id of sessionIds) {
    const session = getRow<{ trainerDeviceIds?: string[] }>(db, 'sessions', id);
    if (!session || session.eventId !== device.eventId) continue;
    const trainerDeviceIds = [...(session.data.trainerDeviceIds ?? []), device.id];
    // Stamped now, so an organiser's older copy of the session does not undo it.
    const hlcs = {
      ...session.hlcs,
      trainerDeviceIds: formatHlc({ wall: Date.now(), counter: 0, node: 'server' }),
    };
    putRow(db, { ...session, data: { ...session.data, trainerDeviceIds }, hlcs, v });
  }
}

type DeviceInfo = { clientId: string; name?: string; appVersion?: string; nextSeq?: number };

function streamSource(db: Db, info: DeviceInfo, previousToken?: string): StreamSource {
  const continues = streamOfToken(db, previousToken);
  return continues ? { continues } : { nextSeq: info.nextSeq ?? 1 };
}

/** A device that becomes one without an enrolment code (public link, password). */
function newDevice(
  db: Db,
  role: 'participant' | 'organiser',
  eventId: string,
  info: DeviceInfo,
  now: Date,
  previousToken: string | undefined,
  ttlMinutes?: number,
): { device: Device; token: string } {
  const { clientId, name = role === 'organiser' ? 'Panitia' : '', appVersion } = info;
  return db
    .transaction(() => {
      const source = streamSource(db, info, previousToken);
      const d = { role, eventId, name, clientId, source, ...(appVersion ? { appVersion } : {}) };
      return insertDevice(db, d, now, ttlMinutes);
    })
    .immediate();
}

/** A phone opening the public registration link becomes a participant device. */
export const joinAsParticipant = (
  db: Db,
  eventId: string,
  info: DeviceInfo,
  now = new Date(),
  previousToken?: string,
) => newDevice(db, 'participant', eventId, info, now, previousToken);

/** The organiser signed in with the password: a device session that expires. */
export const signInOrganiser = (
  db: Db,
  eventId: string,
  info: DeviceInfo,
  now = new Date(),
  previousToken?: string,
) => newDevice(db, 'organiser', eventId, info, now, previousToken, SESSION_TTL_HOURS * 60);

/**
 * An organiser moves to another event: a new session for that event on the same browser
 * (the same stream, so its outbox numbering goes on), ending when the old one would have;
 * the old session ends now.
 */
export function switchOrganiser(db: Db, me: Device, eventId: string, now = new Date()) {
  const left = me.expiresAt ? (Date.parse(me.expiresAt) - now.getTime()) / 60_000 : 0;
  const info = {
    clientId: me.clientId ?? me.id,
    name: me.name,
    ...(me.appVersion ? { appVersion: me.appVersion } : {}),
  };
  return db
    .transaction(() => {
      revokeDevice(db, me.id, now);
      return insertDevice(
        db,
        { role: 'organiser', eventId, ...info, source: { continues: me.stream } },
        now,
        Math.max(1, Math.floor(left)),
      );
    })
    .immediate();
}

export type TokenCheck =
  { ok: true; device: Device } | { ok: false; code: 'UNAUTHENTICATED' | 'DEVICE_REVOKED' };

/** The token of an `Authorization: Bearer …` header. */
export const bearerToken = (header: string | undefined): string | undefined =>
  /^Bearer (\S+)$/i.exec(header ?? '')?.[1];

export function authenticate(db: Db, header: string | undefined, now = new Date()): TokenCheck {
  const token = bearerToken(header);
  if (!token) return { ok: false, code: 'UNAUTHENTICATED' };
  return check(deviceByTokenHash(db, sha256(token)), now);
}

/** Whether a device (by id) may still use its token: what a long-lived answer (the live
 * stream) asks again after the token was checked at its start. */
export const stillValid = (db: Db, id: string, now = new Date()): boolean =>
  check(getDevice(db, id), now).ok;

function check(device: Device | undefined, now: Date): TokenCheck {
  if (!device) return { ok: false, code: 'UNAUTHENTICATED' };
  if (device.revokedAt) return { ok: false, code: 'DEVICE_REVOKED' };
  if (device.expiresAt && device.expiresAt < now.toISOString())
    return { ok: false, code: 'UNAUTHENTICATED' };
  return { ok: true, device };
}

export function revokeDevice(db: Db, id: string, now = new Date()): boolean {
  return storeRevoke(db, id, now.toISOString());
}

/** Server secret for HMACs of national ids: generated at first start, never leaves. */
export function serverSecret(db: Db): string {
  let secret = getMeta(db, 'secret');
  if (!secret) {
    secret = randomBytes(32).toString('hex');
    setMeta(db, 'secret', secret);
  }
  return secret;
}

export function setOrganiserPassword(db: Db, password: string): void {
  if (password.length < 8) throw new Error('Password must have at least 8 characters');
  const salt = randomBytes(16).toString('hex');
  const hash = scryptSync(password, salt, 32).toString('hex');
  setMeta(db, 'organiser_password', `${salt}:${hash}`);
}

export function checkOrganiserPassword(db: Db, password: string): boolean {
  const stored = getMeta(db, 'organiser_password');
  if (!stored) return false;
  const [salt, hash] = stored.split(':') as [string, string];
  const candidate = scryptSync(password, salt, 32);
  return timingSafeEqual(candidate, Buffer.from(hash, 'hex'));
}
