// The world the fuzz runs in: one enrolled device of each kind, a revoked and an expired
// one, a phone's own registration, an alias and a used code; and the state fingerprint
// that says "a refused request changed nothing".
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { createEnrollCode, revokeDevice } from '#server/auth';
import type { Db } from '#server/store/database';
import {
  enrollDevice,
  patch,
  person,
  register,
  upsertSession,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';
import { json, PATHS, send, type Target } from '#tests/server/fuzz/wire';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

export type DeviceKey = 'organiser' | 'staff' | 'trainer' | 'phone' | 'phone2';
export const deviceKeys: DeviceKey[] = ['organiser', 'staff', 'trainer', 'phone', 'phone2'];

export interface World {
  server: TestServer;
  db: Db;
  devices: Record<DeviceKey, TestDevice>;
  revoked: TestDevice;
  expired: TestDevice;
  /** The phone's own registration, and an alias (a staff walk-in merged into fixture p1). */
  own: string;
  alias: string;
  /** A code already redeemed. */
  usedCode: string;
}

/** Enrol the world's devices on a fresh server and give them something to fight over. */
export async function buildWorld(server: TestServer, to: Target): Promise<World> {
  const devices = {} as Record<DeviceKey, TestDevice>;
  devices.organiser = await enrollDevice(server, 'organiser');
  devices.staff = await enrollDevice(server, 'staff');
  devices.trainer = await enrollDevice(server, 'trainer');
  devices.phone = await enrollDevice(server, 'participant');
  devices.phone2 = await enrollDevice(server, 'participant');
  // The trainer marks the first session; the phone registered itself; a walk-in with
  // fixture p1's NIP left an alias behind.
  await devices.organiser.send(
    upsertSession({ ...fixture.sessions[0]!, trainerDeviceIds: [devices.trainer.deviceId] }),
  );
  const own = person({ source: 'self' });
  expect((await devices.phone.send(register(own))).results[0]!.status).toBe('applied');
  const copy = person({ nip: fixture.people[0]!.nip!, source: 'walkin' });
  expect((await devices.staff.send(register(copy))).results[0]!.status).toBe('merged');
  const h = devices.staff.tick();
  await devices.staff.send(
    patch(fixture.people[1]!.id, { phone: { v: '+6281200000001', hlc: h } }, h),
  );
  const revoked = await enrollDevice(server, 'staff');
  revokeDevice(server.db, revoked.deviceId);
  const expired = await enrollDevice(server, 'staff');
  server.db
    .prepare('UPDATE devices SET expires_at = ? WHERE id = ?')
    .run('2000-01-01T00:00:00.000Z', expired.deviceId);
  const usedCode = createEnrollCode(server.db, { role: 'staff', eventId: FIXTURE_EVENT_ID }).code;
  const used = await send(
    {
      method: 'POST',
      path: PATHS.enroll,
      headers: { 'content-type': 'application/json' },
      body: json({ enrollCode: usedCode, deviceInfo: { clientId: 'c-used-code' } }),
    },
    to,
  );
  expect(used.status).toBe(200);
  return {
    server,
    db: server.db,
    devices,
    revoked,
    expired,
    own: own.id,
    alias: copy.id,
    usedCode,
  };
}

/** The server's data version: every write stamps the next one. */
export function currentVersion(db: Db): number {
  return Number(
    (
      db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as
        { value: string } | undefined
    )?.value ?? 0,
  );
}

// ---------------------------------------------------------------------------------------
// State fingerprint: "a refused request changed nothing"

export interface Fingerprint {
  /** SQLite's total_changes() on the server's one connection: every row any statement
   * inserted, updated or deleted since it opened. Unchanged means nothing was written. */
  writes: number;
  version: string | null;
  rows: unknown;
  nationalIds: string;
  audit: unknown;
  mutations: unknown;
  streams: unknown;
  devices: unknown;
  enrollCodes: unknown;
}

export function fingerprinter(db: Db): () => Fingerprint {
  const q = {
    writes: db.prepare('SELECT total_changes() AS n'),
    version: db.prepare("SELECT value FROM meta WHERE key = 'version'"),
    // Every write to `rows` (putRow) stamps the push's new version, above every stored one.
    rows: db.prepare(
      'SELECT count(*) AS n, max(v) AS v, total(length(data)) AS d, total(length(hlcs)) AS h, sum(deleted) AS del FROM rows',
    ),
    nationalIds: db.prepare(
      "SELECT group_concat(event_id || ' ' || kind || ' ' || hmac || ' ' || participant_id, ',') AS g FROM (SELECT * FROM national_ids ORDER BY event_id, kind, hmac)",
    ),
    audit: db.prepare('SELECT count(*) AS n, max(id) AS last FROM participant_audit'),
    mutations: db.prepare('SELECT count(*) AS n, max(rowid) AS last, total(v) AS v FROM mutations'),
    streams: db.prepare('SELECT count(*) AS n, total(last_seq) AS seqs FROM streams'),
    // Not last_sync_at, unsent or app_version: a push and a pull update those.
    devices: db.prepare(
      'SELECT count(*) AS n, max(rowid) AS last, count(revoked_at) AS revoked, total(length(token_hash)) AS t FROM devices',
    ),
    enrollCodes: db.prepare('SELECT count(*) AS n, count(used_at) AS used FROM enroll_codes'),
  };
  let cached: Fingerprint | undefined;
  return () => {
    const writes = (q.writes.get() as { n: number }).n;
    // Nothing written since the last fingerprint: the state is the same.
    if (cached?.writes === writes) return cached;
    const g = (q.nationalIds.get() as { g: string | null }).g ?? '';
    cached = {
      writes,
      version: (q.version.get() as { value: string } | undefined)?.value ?? null,
      rows: q.rows.get(),
      nationalIds: createHash('sha1').update(g).digest('hex'),
      audit: q.audit.get(),
      mutations: q.mutations.get(),
      streams: q.streams.get(),
      devices: q.devices.get(),
      enrollCodes: q.enrollCodes.get(),
    };
    return cached;
  };
}
