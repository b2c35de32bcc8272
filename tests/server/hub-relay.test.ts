// The office's side of a venue hub's relay, against a hostile or unlucky hub: what a hub
// may say about its devices, streams that go on from earlier numbering, a resent relay
// that must still tell the office's decision, and the hall's order kept across devices.
import { afterEach, describe, expect, it } from 'vitest';
import { getDevice } from '#server/auth';
import { hubSettings } from '#server/hub/replica';
import { lastSeqOf } from '#server/store/streams';
import { blocksOf } from '#server/store/hub';
import { enrolStaff, enrollDevice } from '#tests/support/device';
import { checkin, register } from '#tests/support/drafts';
import { person } from '#tests/support/factories';
import { fixture, FIXTURE_EVENT_ID } from '#tests/support/fixture';
import { errorCode, request } from '#tests/support/http';
import { startHub, type TestHub } from '#tests/support/hub';
import { startTestServer, type TestServer } from '#tests/support/server';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function venue(): Promise<{ office: TestServer; hub: TestHub; token: string }> {
  const office = await startTestServer();
  open.push(office);
  const hub = await startHub(office);
  open.push(hub);
  return { office, hub, token: hubSettings(hub.server.db)!.token };
}

const relayed = (over: Record<string, unknown>) => ({
  id: 'dev-hall-1',
  role: 'staff',
  name: 'Meja aula',
  clientId: 'c-hall-1',
  stream: 's-hall-1',
  tokenHash: 'a'.repeat(64),
  createdAt: new Date().toISOString(),
  expiresAt: null,
  revokedAt: null,
  sessionIds: [],
  startSeq: 0,
  ...over,
});

const relay = (office: TestServer, token: string, body: Record<string, unknown>) =>
  request(office.url, '/api/v1/hub/relay', {
    token,
    body: { devices: [], entries: [], queued: 0, blocksFor: [], ...body },
  });

describe('a hub relaying to the office', () => {
  it('cannot give a hall organiser the office: other events, codes and purges are refused', async () => {
    const { office, hub } = await venue();
    const organiser = await enrollDevice(
      { url: hub.server.url, db: hub.server.db, eventId: FIXTURE_EVENT_ID },
      'organiser',
    );
    await hub.settled();
    const atOffice = getDevice(office.db, organiser.deviceId)!;
    expect(atOffice).toMatchObject({
      role: 'organiser',
      hubId: hubSettings(hub.server.db)!.deviceId,
    });
    for (const [method, path] of [
      ['GET', '/api/v1/admin/events'],
      ['POST', '/api/v1/admin/events/demo-bimtek-2025/open'],
      ['POST', `/api/v1/admin/events/${FIXTURE_EVENT_ID}/purge`],
      ['POST', '/api/v1/admin/devices'],
    ] as const) {
      const reply = await request(office.url, path, {
        method,
        token: organiser.token,
        ...(method === 'POST' ? { body: { role: 'staff' } } : {}),
      });
      expect(errorCode(reply), `${method} ${path}`).toBe('FORBIDDEN');
    }
    // In its own event it works as any organiser's device does.
    const pulled = await request(office.url, '/api/v1/sync/pull', {
      token: organiser.token,
      body: { clientId: organiser.clientId, cursor: null },
    });
    expect(pulled.status).toBe(200);
  });

  it('keeps a relayed token within the office’s own lifetime, and no hub may relay a hub', async () => {
    const { office, token } = await venue();
    const forever = relayed({ expiresAt: '2999-01-01T00:00:00.000Z' });
    expect((await relay(office, token, { devices: [forever] })).status).toBe(200);
    const stored = getDevice(office.db, 'dev-hall-1')!;
    expect(Date.parse(stored.expiresAt!)).toBeLessThan(Date.now() + 181 * 24 * 3600_000);
    const aHub = await relay(office, token, {
      devices: [relayed({ id: 'dev-2', stream: 's-2', role: 'hub' })],
    });
    expect(aHub.status).toBe(400);
  });

  it('takes a stream that started before (a tablet used earlier), and one a re-enrolled desk goes on with', async () => {
    const { office, hub } = await venue();
    const target = { url: hub.server.url, db: hub.server.db, eventId: FIXTURE_EVENT_ID };
    const used = await enrollDevice(target, 'staff', { nextSeq: 41 });
    used.seq = 40;
    await used.send(checkin(fixture.people[0]!.id));
    await hub.settled();
    expect(lastSeqOf(office.db, getDevice(office.db, used.deviceId)!.stream)).toBe(41);
    // The same browser enrols again at the hub: a new device, the same stream.
    const again = await enrollDevice(target, 'staff', { previousToken: used.token });
    again.seq = used.seq;
    await again.send(checkin(fixture.people[1]!.id));
    await hub.settled();
    expect(hub.server.uplink!.status().lastError).toBeNull();
    expect(lastSeqOf(office.db, getDevice(office.db, again.deviceId)!.stream)).toBe(42);
  });

  it('tells a hub that lost the answer what the office decided (a merge), not only “duplicate”', async () => {
    const { office, hub, token } = await venue();
    const phone = await enrollDevice(office, 'participant');
    const online = person();
    await phone.send(register(online));
    const desk = await enrolStaff({
      url: hub.server.url,
      db: hub.server.db,
      eventId: FIXTURE_EVENT_ID,
    });
    await hub.settled(); // the desk's record is upstream
    const [walkIn] = desk.stamp(register(person({ nip: online.nip!, source: 'walkin' })));
    const body = { entries: [{ device: desk.deviceId, mutation: walkIn }] };
    const first = await relay(office, token, body);
    const again = await relay(office, token, body);
    const result = (r: typeof first) =>
      (r.json as { streams: { results: { status: string; canonicalId?: string }[] }[] }).streams[0]!
        .results[0];
    expect(result(first)).toMatchObject({ status: 'merged', canonicalId: online.id });
    expect(result(again)).toMatchObject({ status: 'merged', canonicalId: online.id });
  });

  it('keeps the hall’s order: after a run that stops, the runs behind it wait', async () => {
    const { office, hub, token } = await venue();
    const target = { url: hub.server.url, db: hub.server.db, eventId: FIXTURE_EVENT_ID };
    const [a, b] = [await enrolStaff(target), await enrolStaff(target)];
    await hub.settled();
    const [gap] = a.stamp(checkin(fixture.people[0]!.id));
    const [after] = b.stamp(checkin(fixture.people[1]!.id));
    const reply = await relay(office, token, {
      entries: [
        { device: a.deviceId, mutation: { ...gap!, seq: 5 } }, // seqs 1-4 never came
        { device: b.deviceId, mutation: after },
      ],
    });
    expect(reply.json).toMatchObject({ partial: true });
    expect((reply.json as { streams: unknown[] }).streams).toHaveLength(1);
    expect(lastSeqOf(office.db, getDevice(office.db, b.deviceId)!.stream)).toBe(0);
  });

  it('refuses a device that is another hub’s, and numbers for another event’s batch', async () => {
    const office = await startTestServer();
    open.push(office);
    const [one, two] = [await startHub(office), await startHub(office)];
    open.push(one, two);
    const desk = await enrolStaff({
      url: one.server.url,
      db: one.server.db,
      eventId: FIXTURE_EVENT_ID,
    });
    await one.settled();
    const tokenTwo = hubSettings(two.server.db)!.token;
    const [m] = desk.stamp(checkin(fixture.people[0]!.id));
    const stolen = await relay(office, tokenTwo, {
      entries: [{ device: desk.deviceId, mutation: m }],
    });
    expect(errorCode(stolen)).toBe('FORBIDDEN');
    const posing = await relay(office, tokenTwo, {
      devices: [
        relayed({ id: desk.deviceId, stream: getDevice(office.db, desk.deviceId)!.stream }),
      ],
    });
    expect(errorCode(posing)).toBe('FORBIDDEN');
    // Numbers for its own event's batch, none for a batch that is not its event's.
    const own = fixture.batches[0]!.id;
    const blocks = await relay(office, tokenTwo, { blocksFor: ['demo-bimtek-2025-a1', own] });
    const granted = (blocks.json as { blocks: { batchId: string }[] }).blocks;
    expect(granted.map((g) => g.batchId)).toEqual([own]);
  });

  it('gives an unused block again rather than a new one: a hub gets more numbers only by using them', async () => {
    const { office, hub, token } = await venue();
    const batchId = fixture.batches[0]!.id;
    const hubId = hubSettings(hub.server.db)!.deviceId;
    const granted = async () =>
      (
        (await relay(office, token, { blocksFor: [batchId] })).json as {
          blocks: { first: number; last: number }[];
        }
      ).blocks;
    const [first] = await granted(); // the answer lost: the hub asks again
    expect(await granted()).toEqual([first]);
    expect(blocksOf(office.db, hubId, batchId)).toHaveLength(1);
    // A walk-in numbered from it in the hall, relayed: now the next block is new.
    const desk = await enrolStaff({
      url: hub.server.url,
      db: hub.server.db,
      eventId: FIXTURE_EVENT_ID,
    });
    await desk.send(register(person({ batchId, source: 'walkin' })));
    await hub.settled();
    const [next] = await granted();
    expect(next!.first).toBeGreaterThan(first!.last);
  });
});
