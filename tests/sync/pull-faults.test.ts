// Fault 21 on the device: a pull in small pages whose connection drops mid-way, while
// another device keeps pushing. The real engine, Dexie and server; only the wire fails.
import { describe, expect, it } from 'vitest';
import { formatHlc } from '#domain/hlc';
import { getCursor } from '#sync/local';
import { syncedTables } from '#db/database';
import { PROTOCOL_VERSION } from '#sync/protocol';
import type { TestDevice } from '#tests/support/device';
import {
  engineFor,
  networkFailure,
  staffDevice,
  Wire,
  REAL_PARTS,
  useTestServer,
} from '#tests/sync/edge';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const server = useTestServer();

/** Every synced row the server holds for the test event, as `table:id`. */
function serverKeys(): string[] {
  const rows = server.db
    .prepare('SELECT tbl, id FROM rows WHERE event_id = ? AND deleted = 0')
    .all(FIXTURE_EVENT_ID) as { tbl: string; id: string }[];
  return rows.map((r) => `${r.tbl}:${r.id}`).sort();
}

/** Every synced row a device holds, as `table:id` (duplicates would show twice). */
function deviceKeys(device: TestDevice): Promise<string[]> {
  return device.act(async () => {
    const keys: string[] = [];
    for (const [name, table] of Object.entries(syncedTables(device.db))) {
      for (const key of await table.toCollection().primaryKeys()) keys.push(`${name}:${key}`);
    }
    return keys.sort();
  });
}

/**
 * Another tablet pushing over raw HTTP while this device pulls (it cannot be a TestDevice:
 * the app's database singleton belongs to the device that is syncing).
 */
async function otherTablet() {
  const clientId = `raw-${crypto.randomUUID()}`;
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { token: string };
  };
  const { token } = await post('/devices/enroll', {
    enrollCode: server.code('staff'),
    deviceInfo: { clientId },
  });
  let seq = 0;
  return async function pushCheckin(): Promise<string> {
    const at = new Date().toISOString();
    const checkinId = crypto.randomUUID();
    seq++;
    await post(
      '/sync/push',
      {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 3,
        clientId,
        mutations: [
          {
            seq,
            id: crypto.randomUUID(),
            name: 'checkin.record',
            args: {
              checkinId,
              eventId: FIXTURE_EVENT_ID,
              participantId: fixture.people[seq % fixture.people.length]!.id,
              day: at.slice(0, 10),
              at,
              method: 'search',
            },
            hlc: formatHlc({ wall: Date.now(), counter: 0, node: clientId }),
            createdAt: at,
          },
        ],
      },
      token,
    );
    return checkinId;
  };
}

describe('fault 21: pull while pushes commit, connection dropped mid-page', REAL_PARTS, () => {
  it('fault 21: a dropped page leaves the cursor at the last stored page; the next run misses nothing', async () => {
    const pushCheckin = await otherTablet();
    let pushing = false;
    const pushedMeanwhile: string[] = [];
    const wire = new Wire(async (req, forward) => {
      if (req.path !== '/sync/pull') return forward();
      if (req.nth === 2) throw networkFailure();
      if (pushing) pushedMeanwhile.push(await pushCheckin()); // commits between pages
      return forward();
    });
    const device = await staffDevice(server, 'f21');
    const engine = engineFor(server, wire, { pullLimit: 3 });

    const run = await device.act(() => engine.once());

    expect(run).toMatchObject({ state: 'offline', retry: true });
    const first = wire.to('/sync/pull')[0]!.json as { cursor: unknown; hasMore: boolean };
    expect(first.hasMore).toBe(true);
    expect(await device.act(getCursor)).toEqual(first.cursor);
    expect(wire.to('/sync/pull')[1]!.body.cursor).toEqual(first.cursor);
    expect(await deviceKeys(device)).toHaveLength(3); // page 1 only, stored with its cursor

    pushing = true;
    expect(await device.act(() => engine.once())).toMatchObject({ state: 'idle' });
    expect(wire.to('/sync/pull').length).toBeGreaterThan(4);
    expect(wire.to('/sync/pull')[2]!.body.cursor).toEqual(first.cursor); // resumed, not restarted
    pushing = false;
    expect(await device.act(() => engine.once())).toMatchObject({ state: 'idle' });

    expect(pushedMeanwhile.length).toBeGreaterThan(3);
    const keys = await deviceKeys(device);
    expect(keys).toEqual(serverKeys());
    for (const id of pushedMeanwhile) expect(keys).toContain(`checkins:${id}`);
  });
});
