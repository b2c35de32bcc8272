// A venue hub between the hall and the office (venue-hub.md): two real servers on
// 127.0.0.1, each on its own SQLite file, the hub's uplink through a TCP proxy that is cut
// and restored; desks on the wire. Every rule of the design is a test here.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEnrollCode, revokeDevice, serverSecret } from '#server/auth';
import { PROTOCOL_VERSION } from '#sync/protocol';
import { pairHub } from '#server/hub/pair';
import { call } from '#server/hub/pair';
import { applyUpstream, hubSettings, upstreamCursor } from '#server/hub/replica';
import { HubPullResponse } from '#server/hub/wire';
import { openDatabase, type Db } from '#server/store/database';
import { eventIdsHeld, getRow, liveIdsOf } from '#server/store/rows';
import type { Change } from '#sync/protocol';
import { deviceFor, enrolStaff, enrollDevice, type TestDevice } from '#tests/support/device';
import { checkin, patch, register } from '#tests/support/drafts';
import { person } from '#tests/support/factories';
import { fixture, FIXTURE_EVENT_ID } from '#tests/support/fixture';
import { errorCode, request } from '#tests/support/http';
import { startTestServer, tempDataDir, type TestServer } from '#tests/support/server';
import { startHub } from '#tests/support/hub';
import type { TcpProxy } from '#tests/support/tcp-proxy';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

interface Venue {
  office: TestServer;
  proxy: TcpProxy;
  hub: TestServer;
  hubDir: string;
  /** Upstream answered a whole round: everything the hall did is there, and back. */
  settled(): Promise<void>;
}

/** Office, and a hub paired with it through a proxy, its first round done. */
async function venue(): Promise<Venue> {
  const office = await startTestServer();
  open.push(office);
  const hub = await startHub(office);
  open.push(hub);
  return { office, proxy: hub.proxy, hub: hub.server, hubDir: hub.dir, settled: hub.settled };
}

const staffAt = (server: TestServer) =>
  enrolStaff({ url: server.url, db: server.db, eventId: FIXTURE_EVENT_ID });

const live = (db: Db, tbl: 'checkins' | 'participants' | 'aliases') =>
  liveIdsOf(db, FIXTURE_EVENT_ID, tbl).sort();

function applied(changes: Change[], table: string): string[] {
  const state = new Map<string, boolean>();
  for (const c of changes) if (c.table === table) state.set(c.id, c.op === 'put');
  return [...state]
    .filter(([, put]) => put)
    .map(([id]) => id)
    .sort();
}

describe('a venue hub', () => {
  it('pairs with the organiser’s hub code, takes the event whole, and holds nothing else', async () => {
    const { office, hub } = await venue();
    expect(eventIdsHeld(hub.db)).toEqual([FIXTURE_EVENT_ID]);
    expect(live(hub.db, 'participants')).toEqual(live(office.db, 'participants'));
    expect(live(hub.db, 'participants')).toHaveLength(fixture.people.length);
    // The office lists the hub among the event's devices.
    const hubDevice = hubSettings(hub.db)!.deviceId;
    expect(getRow(office.db, 'events', FIXTURE_EVENT_ID)).toBeDefined();
    const desk = await staffAt(hub);
    const pulled = await desk.pullAll();
    expect(applied(pulled.changes, 'participants')).toEqual(live(office.db, 'participants'));
    expect(hubDevice).toBeTruthy();
  });

  it('refuses a hub code from a browser and a desk’s code from a hub', async () => {
    const office = await startTestServer();
    open.push(office);
    const hubCode = createEnrollCode(office.db, { role: 'hub', eventId: FIXTURE_EVENT_ID }).code;
    const asBrowser = await request(office.url, '/api/v1/devices/enroll', {
      body: { enrollCode: hubCode, deviceInfo: { clientId: 'c-browser' } },
    });
    expect(errorCode(asBrowser)).toBe('ENROLL_CODE_INVALID');
    const db = openDatabase(tempDataDir());
    await expect(pairHub(db, office.url, office.code('staff'))).rejects.toMatchObject({
      code: 'ENROLL_CODE_INVALID',
    });
    // The hub code itself was not used up by the browser's try.
    await pairHub(db, office.url, hubCode);
    expect(hubSettings(db)?.eventId).toBe(FIXTURE_EVENT_ID);
    await expect(pairHub(db, office.url, hubCode)).rejects.toMatchObject({
      code: 'ALREADY_PAIRED',
    });
    db.close();
  });

  it('keeps the hall working with the uplink cut; upstream then holds it all exactly once', async () => {
    const v = await venue();
    const [a, b] = [await staffAt(v.hub), await staffAt(v.hub)];
    v.proxy.cut();
    const people = fixture.people.slice(0, 3).map((p) => p.id);
    const sent = await a.send(...people.map((id) => checkin(id)));
    expect(sent.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    // The other desk sees the arrivals from the hub, with no office in reach.
    const seen = await b.pullAll();
    expect(applied(seen.changes, 'checkins')).toHaveLength(3);
    // A walk-in registered in the hall gets a number from the block upstream reserved.
    const walkIn = person({ eventId: FIXTURE_EVENT_ID, source: 'walkin' });
    expect((await b.send(register(walkIn))).results[0]!.status).toBe('applied');
    const numbered = getRow<{ registrationNumber?: string }>(v.hub.db, 'participants', walkIn.id);
    expect(numbered?.data.registrationNumber).toBeTruthy();
    await vi.waitFor(() => expect(v.hub.uplink!.status().queued).toBe(4));
    expect(v.hub.uplink!.status().lastError).toMatch(/NETWORK/);
    expect(live(v.office.db, 'checkins')).toEqual([]);

    v.proxy.restore();
    await v.settled();
    expect(live(v.office.db, 'checkins')).toEqual(live(v.hub.db, 'checkins'));
    expect(live(v.office.db, 'checkins')).toHaveLength(3);
    const upstream = getRow<{ registrationNumber?: string }>(
      v.office.db,
      'participants',
      walkIn.id,
    );
    expect(upstream?.data.registrationNumber).toBe(numbered?.data.registrationNumber);
    expect(v.hub.uplink!.status()).toMatchObject({ queued: 0, lastError: null });
  });

  it('answers a relay sent twice (the answer lost) with the first answer, never a second check-in', async () => {
    const v = await venue();
    const desk = await staffAt(v.hub);
    const [mutation] = desk.stamp(checkin(fixture.people[0]!.id));
    const relay = {
      devices: [],
      entries: [{ device: desk.deviceId, mutation: mutation! }],
      queued: 1,
      blocksFor: [],
    };
    // The desk's record reaches upstream first, as the hub's rounds send it.
    await v.settled();
    const token = hubSettings(v.hub.db)!.token;
    const first = await request(v.office.url, '/api/v1/hub/relay', { token, body: relay });
    expect(first.status, first.text).toBe(200);
    const again = await request(v.office.url, '/api/v1/hub/relay', { token, body: relay });
    const statuses = (r: typeof first) =>
      (r.json as { streams: { results: { status: string }[] }[] }).streams[0]!.results.map(
        (x) => x.status,
      );
    expect(statuses(first)).toEqual(['applied']);
    // The same answer as the first (the hub may never have heard it), not a second check-in.
    expect(statuses(again)).toEqual(['applied']);
    expect(live(v.office.db, 'checkins')).toHaveLength(1);
    // The desk itself now sends it to the hub: the hub applies it, relays it, and upstream
    // knows that mutation already (its id), whichever path it came by.
    expect((await desk.push([mutation!])).results[0]!.status).toBe('applied');
    await v.settled();
    expect(live(v.office.db, 'checkins')).toHaveLength(1);
  });

  it('takes upstream’s answer: a walk-in whose NIP registered online is merged into it', async () => {
    const v = await venue();
    const desk = await staffAt(v.hub);
    v.proxy.cut();
    // Online, from a phone, while the hall is cut off: the hall never sees this one.
    const phone = await enrollDevice(
      { url: v.office.url, db: v.office.db, eventId: FIXTURE_EVENT_ID },
      'participant',
    );
    const online = person({ eventId: FIXTURE_EVENT_ID });
    expect((await phone.send(register(online))).results[0]!.status).toBe('applied');
    const walkIn = person({ eventId: FIXTURE_EVENT_ID, nip: online.nip!, source: 'walkin' });
    expect((await desk.send(register(walkIn))).results[0]!.status).toBe('applied');
    const arrived = checkin(walkIn.id);
    expect((await desk.send(arrived)).results[0]!.status).toBe('applied');
    const before = await desk.pullAll();

    v.proxy.restore();
    await v.settled();
    await v.settled(); // the snapshot upstream's answer asked for
    // Upstream: one person, the walk-in an alias of the online registration, arrived.
    expect(live(v.office.db, 'participants')).toContain(online.id);
    expect(live(v.office.db, 'participants')).not.toContain(walkIn.id);
    expect(live(v.office.db, 'aliases')).toContain(walkIn.id);
    const upstreamCheckin = getRow<{ participantId: string }>(
      v.office.db,
      'checkins',
      String((arrived.args as { checkinId: string }).checkinId),
    );
    expect(upstreamCheckin?.data.participantId).toBe(online.id);
    // The hub took the correction, and the desk pulls it.
    expect(live(v.hub.db, 'participants')).toEqual(live(v.office.db, 'participants'));
    expect(live(v.hub.db, 'aliases')).toEqual(live(v.office.db, 'aliases'));
    expect(live(v.hub.db, 'checkins')).toEqual(live(v.office.db, 'checkins'));
    const after = await desk.pullAll(before.cursor);
    expect(after.changes).toContainEqual(
      expect.objectContaining({ table: 'participants', id: walkIn.id, op: 'del' }),
    );
    expect(applied(after.changes, 'participants')).toContain(online.id);
  });

  it('carries revocations both ways', async () => {
    const v = await venue();
    const [a, b] = [await staffAt(v.hub), await staffAt(v.hub)];
    await v.settled();
    revokeDevice(v.office.db, a.deviceId); // in the office's console
    revokeDevice(v.hub.db, b.deviceId); // in the hall's
    await v.settled();
    const push = await a.pushRaw(a.stamp(checkin(fixture.people[0]!.id)));
    expect(errorCode(push)).toBe('DEVICE_REVOKED');
    const office = await request(v.office.url, '/api/v1/sync/pull', {
      token: b.token,
      body: { clientId: b.clientId, cursor: null },
    });
    expect(errorCode(office)).toBe('DEVICE_REVOKED');
  });

  it('lets a desk move from the hub to the office mid-event, nothing lost or doubled', async () => {
    const v = await venue();
    const desk = await staffAt(v.hub);
    const p = fixture.people.map((x) => x.id);
    await desk.send(checkin(p[0]!), checkin(p[1]!));
    await v.settled();
    v.proxy.cut();
    await desk.send(checkin(p[2]!)); // at the hub, not yet upstream
    // The hub laptop is left behind: the desk talks to the office with the same identity.
    const moved = deviceFor(v.office.url, desk);
    moved.seq = desk.seq;
    const next = moved.stamp(checkin(p[3]!));
    const early = await moved.push(next);
    // Upstream refuses the gap: seq 3 is still on its way through the hub.
    expect(early.lastProcessedSeq).toBe(2);
    expect(early.results).toEqual([]);
    v.proxy.restore();
    await v.settled();
    const retry = await moved.push(next);
    expect(retry.results.map((r) => r.status)).toEqual(['applied']);
    expect(live(v.office.db, 'checkins')).toHaveLength(4);
  });

  it('keeps its queue through a restart and relays it once', async () => {
    const v = await venue();
    const desk = await staffAt(v.hub);
    v.proxy.cut();
    await desk.send(...fixture.people.slice(0, 4).map((x) => checkin(x.id)));
    await v.hub.close();
    const hub = await startTestServer({ dataDir: v.hubDir, seed: 'none', uplinkMs: 50 });
    open.push(hub);
    expect(hub.uplink!.status().queued).toBe(4);
    v.proxy.restore();
    await vi.waitFor(() => expect(hub.uplink!.status().queued).toBe(0), { timeout: 10_000 });
    expect(live(v.office.db, 'checkins')).toEqual(live(hub.db, 'checkins'));
    expect(live(v.office.db, 'checkins')).toHaveLength(4);
  });

  it('tells the hall’s devices whether the office has their work yet', async () => {
    const v = await venue();
    const hubOf = async (server: TestServer, d: TestDevice) =>
      (
        (await deviceFor(server.url, d).pullRaw({ cursor: null, limit: 1 })).json as {
          hub?: { queued: number; lastContact: string | null };
        }
      ).hub;
    const desk = await staffAt(v.hub);
    expect(await hubOf(v.hub, desk)).toEqual({ queued: 0, lastContact: expect.any(String) });
    v.proxy.cut();
    await desk.send(checkin(fixture.people[0]!.id));
    expect((await hubOf(v.hub, desk))?.queued).toBe(1);
    v.proxy.restore();
    await v.settled();
    expect((await hubOf(v.hub, desk))?.queued).toBe(0);
    // The office's own server says nothing of a hub.
    const direct = await staffAt(v.office);
    expect(await hubOf(v.office, direct)).toBeUndefined();
  });

  it('hears the office while the hall has something unsent, keeping the hall’s newer edits', async () => {
    const v = await venue();
    const desk = await staffAt(v.hub);
    const organiser = await enrollDevice(
      { url: v.office.url, db: v.office.db, eventId: FIXTURE_EVENT_ID },
      'organiser',
    );
    const target = fixture.people[0]!.id;
    v.proxy.cut();
    // The office edits one field (and another with a stamp older than the hall's edit
    // of it); the hall, cut off, edits that other field later.
    const early = organiser.tick();
    const hallHlc = desk.tick();
    const officeHlc = organiser.tick();
    await organiser.send(
      patch(
        target,
        {
          phone: { v: '+6281211110000', hlc: officeHlc },
          institution: { v: 'Dinas Perpustakaan Kota', hlc: early },
        },
        officeHlc,
      ),
    );
    const hallEdit = { institution: { v: 'Perpustakaan Umum Tanah Laut', hlc: hallHlc } };
    expect((await desk.send(patch(target, hallEdit, hallHlc))).results[0]!.status).toBe('applied');
    const phone = await enrollDevice(
      { url: v.office.url, db: v.office.db, eventId: FIXTURE_EVENT_ID },
      'participant',
    );
    const online = person({ eventId: FIXTURE_EVENT_ID });
    expect((await phone.send(register(online))).results[0]!.status).toBe('applied');

    // Upstream's pages reach the hub while the hall's edit still waits to go up (a relay
    // that keeps failing, a hall that never pauses): they are taken, not held back.
    const hub = hubSettings(v.hub.db)!;
    for (let cursor = upstreamCursor(v.hub.db), more = true; more;) {
      const page = HubPullResponse.parse(
        await call(
          fetch,
          `${v.office.url}/api/v1/sync/pull`,
          {
            protocolVersion: PROTOCOL_VERSION,
            clientId: hub.clientId,
            cursor,
            limit: 1_000,
          },
          hub.token,
        ),
      );
      expect(applyUpstream(v.hub.db, hub, page, serverSecret(v.hub.db)).applied).toBe(true);
      cursor = page.cursor;
      more = page.hasMore;
    }
    expect(v.hub.uplink!.status().queued).toBe(1);
    expect(getRow(v.hub.db, 'participants', online.id)).toBeDefined();
    expect(getRow(v.hub.db, 'participants', target)?.data).toMatchObject({
      phone: '+6281211110000',
      institution: 'Perpustakaan Umum Tanah Laut',
    });

    v.proxy.restore();
    await v.settled();
    const upstream = getRow(v.office.db, 'participants', target)!;
    expect(upstream.data).toMatchObject({
      phone: '+6281211110000',
      institution: 'Perpustakaan Umum Tanah Laut',
    });
    expect(getRow(v.hub.db, 'participants', target)?.data).toEqual(upstream.data);
    expect(getRow(v.hub.db, 'participants', target)?.hlcs).toEqual(upstream.hlcs);
  });

  it('hears the office’s "pull now": an online registration comes down without waiting for a round', async () => {
    const office = await startTestServer();
    open.push(office);
    // Rounds a minute apart: only upstream's live stream can bring it this soon.
    const hub = await startHub(office, { uplinkMs: 60_000 });
    open.push(hub);
    await hub.settled();
    const phone = await enrollDevice(office, 'participant');
    const online = person();
    expect((await phone.send(register(online))).results[0]!.status).toBe('applied');
    // Well before the next round (a minute away): the stream told the hub.
    await vi.waitFor(() => expect(getRow(hub.server.db, 'participants', online.id)).toBeDefined(), {
      timeout: 10_000,
      interval: 20,
    });
  });
});
