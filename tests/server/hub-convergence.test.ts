// Randomised two-tier convergence (venue-hub.md, "A randomised test runs the same over many
// seeds with devices on both tiers"): an office, two hubs, and desks and phones on both
// tiers doing 2,000 seeded operations, with uplink cuts, hub restarts, deliveries sent
// twice, and desks moving from a hub to the office. When every uplink is back and every
// outbox empty, every mutation any device made is settled at the office exactly once, and
// each hub holds what the office holds. HADIR_SEED=<n> replays a run.
import { afterAll, describe, expect, it } from 'vitest';
import { getDevice } from '#server/auth';
import type { Db } from '#server/store/database';
import type { SyncedTable, WireMutation } from '#sync/protocol';
import { deviceFor, enrolStaff, enrollDevice, type TestDevice } from '#tests/support/device';
import { checkin, register, voidCheckin } from '#tests/support/drafts';
import { freshNip, person } from '#tests/support/factories';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';
import { startHub, type TestHub } from '#tests/support/hub';
import { parseSeed, Random } from '#tests/support/random';
import { startTestServer, type TestServer } from '#tests/support/server';

const SEED = parseSeed(process.env.HADIR_SEED) ?? 20261203;
const OPS = 2_000;
/** Phones joining from one address are rate-limited (20 a minute): a few are enough. */
const MAX_PHONES = 15;

interface Actor {
  name: string;
  device: TestDevice;
  /** null: the office; else the hub it talks to. */
  hub: TestHub | null;
  /** Stamped, not yet acknowledged by the server it talks to (its outbox). */
  outbox: WireMutation[];
  /** Its own check-ins (a desk takes back only its own). */
  checkins: string[];
}

const closing: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const c of closing.reverse()) await c.close();
});

/** Where the actor's device talks now: its hub's current server or the office. */
const serverOf = (a: Actor, office: TestServer) => (a.hub ? a.hub.server : office);

async function flush(a: Actor, office: TestServer, rnd: Random): Promise<void> {
  if (a.outbox.length === 0) return;
  const batch = a.outbox.slice(0, rnd.int(1, 40));
  const device = deviceFor(serverOf(a, office).url, a.device);
  let reply;
  try {
    reply = await device.pushRaw(batch);
  } catch {
    return; // the server is down (a hub restarting): the outbox keeps it
  }
  if (reply.status !== 200) return;
  const last = (reply.json as { lastProcessedSeq: number }).lastProcessedSeq;
  a.outbox = a.outbox.filter((m) => m.seq > last);
  // The answer was lost on the way: the device sends the same again.
  if (rnd.chance(0.1)) await device.pushRaw(batch).catch(() => undefined);
}

function rowsOf(db: Db, eventId: string, tbl: SyncedTable): Map<string, string> {
  const rows = db
    .prepare('SELECT id, data FROM rows WHERE event_id = ? AND tbl = ? AND deleted = 0')
    .all(eventId, tbl) as { id: string; data: string }[];
  return new Map(rows.map((r) => [r.id, r.data]));
}

describe('two tiers', () => {
  it(
    `converge: office, 2 hubs, desks and phones on both tiers × ${OPS} operations (seed ${SEED})`,
    { timeout: 240_000 },
    async () => {
      const rnd = new Random(SEED);
      const office = await startTestServer();
      closing.push(office);
      const hubs = [
        await startHub(office, { name: 'Hub A' }),
        await startHub(office, { name: 'Hub B' }),
      ];
      closing.push(...hubs);
      const actors: Actor[] = [];
      const desk = async (name: string, hub: TestHub | null) => {
        const at = hub ? hub.server : office;
        const device = await enrolStaff({ url: at.url, db: at.db, eventId: FIXTURE_EVENT_ID });
        actors.push({ name, device, hub, outbox: [], checkins: [] });
      };
      for (const [i, hub] of hubs.entries()) {
        await desk(`hub${i}-desk1`, hub);
        await desk(`hub${i}-desk2`, hub);
      }
      await desk('office-desk1', null);
      await desk('office-desk2', null);

      const onlineNips: string[] = [];
      const made = new Set<string>();
      const log: string[] = [];
      for (let op = 0; op < OPS; op++) {
        const kind = rnd.weighted({
          checkin: 40,
          void: 6,
          walkIn: 6,
          online: 1,
          flush: 30,
          pull: 6,
          cut: 4,
          restart: 1,
          move: 1,
        });
        log.push(kind);
        // Phones only send their own registration; the desks do the rest.
        const a = rnd.pick(actors.filter((x) => x.device.role === 'staff'));
        const stamp = (...drafts: Parameters<TestDevice['stamp']>) => {
          const ms = a.device.stamp(...drafts);
          ms.forEach((m) => made.add(m.id));
          a.outbox.push(...ms);
        };
        if (kind === 'checkin') {
          // A desk checks in someone it can find: a person its server holds.
          const known = [
            ...rowsOf(serverOf(a, office).db, FIXTURE_EVENT_ID, 'participants').keys(),
          ];
          const draft = checkin(rnd.pick(known));
          a.checkins.push((draft.args as { checkinId: string }).checkinId);
          stamp(draft);
        } else if (kind === 'void' && a.checkins.length > 0) {
          stamp(voidCheckin(rnd.pick(a.checkins)));
        } else if (kind === 'walkIn') {
          // Now and then someone who registered online and walks in again at a hub.
          const nip = onlineNips.length > 0 && rnd.chance(0.3) ? rnd.pick(onlineNips) : freshNip();
          stamp(register(person({ nip, source: 'walkin' })));
        } else if (kind === 'online' && onlineNips.length < MAX_PHONES) {
          const phone = await enrollDevice(office, 'participant');
          const p = person();
          onlineNips.push(p.nip!);
          const [m] = phone.stamp(register(p));
          made.add(m!.id);
          actors.push({ name: `phone${op}`, device: phone, hub: null, outbox: [m!], checkins: [] });
        } else if (kind === 'flush') {
          await flush(a, office, rnd);
          for (const phone of actors.filter((x) => x.device.role === 'participant'))
            await flush(phone, office, rnd);
        } else if (kind === 'pull') {
          await deviceFor(serverOf(a, office).url, a.device)
            .pullRaw({ cursor: null, limit: 200 })
            .catch(() => undefined);
        } else if (kind === 'cut') {
          const hub = rnd.pick(hubs);
          if (rnd.chance(0.5)) hub.proxy.cut();
          else hub.proxy.restore();
        } else if (kind === 'restart') {
          await rnd.pick(hubs).restart();
        } else if (kind === 'move' && a.hub && getDevice(office.db, a.device.deviceId)) {
          // The desk's record reached the office: it goes on there with its identity.
          a.hub = null;
        }
      }

      // Everything back: uplinks, then every outbox until empty, then the hubs settle.
      for (const hub of hubs) hub.proxy.restore();
      for (let round = 0; actors.some((a) => a.outbox.length > 0); round++) {
        if (round > 200) throw new Error(`outboxes never emptied (seed ${SEED})`);
        for (const a of actors) await flush(a, office, rnd);
        for (const hub of hubs) await hub.settled(20_000);
      }
      for (const hub of hubs) await hub.settled(20_000);

      // Nothing lost, nothing doubled: each mutation settled at the office once.
      const settled = office.db
        .prepare('SELECT id, count(*) AS n, min(status) AS status FROM mutations GROUP BY id')
        .all() as { id: string; n: number; status: string }[];
      const byId = new Map(settled.map((s) => [s.id, s]));
      const missing = [...made].filter((id) => !byId.has(id));
      expect(missing, `seed ${SEED}`).toEqual([]);
      expect(
        settled.filter((s) => s.n > 1),
        `seed ${SEED}`,
      ).toEqual([]);
      const refused = office.db
        .prepare(
          "SELECT name, code, count(*) AS n FROM mutations WHERE status = 'rejected' GROUP BY name, code",
        )
        .all();
      expect(refused, `seed ${SEED}: refusals`).toEqual([]);

      // Each hub holds what the office holds.
      for (const tbl of ['participants', 'checkins', 'aliases', 'batches', 'sessions'] as const) {
        const truth = rowsOf(office.db, FIXTURE_EVENT_ID, tbl);
        for (const [i, hub] of hubs.entries()) {
          const held = rowsOf(hub.server.db, FIXTURE_EVENT_ID, tbl);
          expect([...held.keys()].sort(), `hub ${i} ${tbl} (seed ${SEED})`).toEqual(
            [...truth.keys()].sort(),
          );
          for (const [id, data] of truth) {
            expect(JSON.parse(held.get(id)!), `hub ${i} ${tbl} ${id}`).toEqual(JSON.parse(data));
          }
        }
      }
      // It did what it says: both tiers busy, faults included.
      expect(rowsOf(office.db, FIXTURE_EVENT_ID, 'checkins').size).toBeGreaterThan(100);
      expect(log.filter((k) => k === 'restart').length).toBeGreaterThan(0);
      expect(rowsOf(office.db, FIXTURE_EVENT_ID, 'aliases').size).toBeGreaterThan(0);
    },
  );
});
