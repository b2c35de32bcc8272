// The organiser's device list at a real event, on the real server over real HTTP: a
// participant phone is named by the registration it made; "unsent" is what the device
// held once its push settled, not what that push was delivering; and each check-in
// carries the name of the desk that recorded it, for the check-in log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceSummary } from '#sync/admin';
import {
  checkin,
  enrolStaff,
  enrollDevice,
  person,
  register,
  registerParticipant,
  request,
  startTestServer,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';
import { fixture } from '#tests/support/fixture';

let server: TestServer;
let organiser: TestDevice;

beforeEach(async () => {
  server = await startTestServer();
  organiser = await enrollDevice(server, 'organiser');
});

afterEach(async () => {
  await server.close();
});

async function listed(): Promise<DeviceSummary[]> {
  const reply = await request(server.url, '/api/v1/admin/devices', { token: organiser.token });
  expect(reply.status, reply.text).toBe(200);
  return (reply.json as { devices: unknown[] }).devices.map((d) => DeviceSummary.parse(d));
}

const row = async (device: TestDevice) => (await listed()).find((d) => d.id === device.deviceId)!;

describe('GET /admin/devices', () => {
  it('names a participant phone by its registration; a merged phone by the one it joined', async () => {
    const registered = await registerParticipant(server, { fullName: 'Rahmawati, S.IP.' });
    const { phone, participant: mine } = registered;
    expect(registered.res.results[0]!.status).toBe('applied');
    // Same NIP as one of the test event's people: merged into that registration.
    const twin = await enrollDevice(server, 'participant');
    const seeded = fixture.people[0]!;
    const copy = person({ nip: seeded.nip!, fullName: 'Gusti Rahmadi' });
    expect((await twin.send(register(copy))).results[0]!.status).toBe('merged');
    const idle = await enrollDevice(server, 'participant');
    const desk = await enrolStaff(server, { name: 'Meja 1' });

    const number = (
      server.db
        .prepare("SELECT json_extract(data, '$.registrationNumber') AS n FROM rows WHERE id = ?")
        .get(mine.id) as { n: string }
    ).n;
    expect(await row(phone)).toMatchObject({
      role: 'participant',
      name: '',
      registration: {
        participantId: mine.id,
        fullName: 'Rahmawati, S.IP.',
        registrationNumber: number,
      },
    });
    expect((await row(twin)).registration).toMatchObject({
      participantId: seeded.id,
      fullName: seeded.fullName,
    });
    expect((await row(idle)).registration).toBeNull();
    expect(await row(desk)).toMatchObject({ role: 'staff', name: 'Meja 1', registration: null });
    // Still nothing a device could sign in with.
    expect(JSON.stringify(await listed())).not.toMatch(/token|clientId|stream/);
  });

  it('shows what a device held after its push settled, and what its pull reported last', async () => {
    const phone = await enrollDevice(server, 'participant');
    // The bug: a phone sending its one registration reported 1, and the console showed 1
    // on every phone although each had sent everything.
    await phone.push(phone.stamp(register(person())), { unsent: 1 });
    expect((await row(phone)).unsent).toBe(0);

    // A desk with 5 queued sends 3 of them: 2 are still on the tablet.
    const desk = await enrollDevice(server, 'staff');
    const ids = fixture.people.slice(0, 3).map((p) => checkin(p.id));
    await desk.push(desk.stamp(...ids), { unsent: 5 });
    expect((await row(desk)).unsent).toBe(2);

    // A gap: nothing after it is processed, so those stay counted.
    const [first, second] = desk.stamp(
      checkin(fixture.people[3]!.id),
      checkin(fixture.people[4]!.id),
    );
    await desk.push([second!], { unsent: 2 });
    expect((await row(desk)).unsent).toBe(2);
    await desk.push([first!, second!], { unsent: 2 });
    expect((await row(desk)).unsent).toBe(0);

    // The pull that follows the push says what is left; a pull without it changes nothing.
    const pulled = await desk.pullRaw({ cursor: null, unsent: 4 });
    expect(pulled.status, pulled.text).toBe(200);
    expect((await row(desk)).unsent).toBe(4);
    await desk.pull(null);
    expect((await row(desk)).unsent).toBe(4);
    const wrong = await desk.pullRaw({ cursor: null, unsent: -1 });
    expect(wrong.status).toBe(400);
  });
});

describe('check-ins carry the desk’s name', () => {
  it('stores the name of the device that recorded it; a device cannot choose its own', async () => {
    const desk = await enrolStaff(server, { name: 'Meja 2' });
    const unnamed = await enrollDevice(server, 'staff');
    const named = checkin(fixture.people[0]!.id);
    const forged = checkin(fixture.people[1]!.id);
    (forged.args as Record<string, unknown>).deviceName = 'Meja Palsu';
    const plain = checkin(fixture.people[2]!.id);
    await desk.send(named, forged);
    await unnamed.send(plain);

    const data = (c: { args: unknown }) => {
      const id = (c.args as { checkinId: string }).checkinId;
      const r = server.db.prepare('SELECT data FROM rows WHERE id = ?').get(id) as { data: string };
      return JSON.parse(r.data) as Record<string, unknown>;
    };
    expect(data(named)).toMatchObject({ deviceName: 'Meja 2', deviceId: desk.clientId });
    expect(data(forged).deviceName).toBe('Meja 2');
    expect(data(plain)).not.toHaveProperty('deviceName');

    // Pulled with the check-in by the organiser (for the log) and the other desks.
    const { changes } = await organiser.pullAll();
    const pulled = changes.find((c) => c.id === (named.args as { checkinId: string }).checkinId);
    expect(pulled?.data).toMatchObject({ deviceName: 'Meja 2' });
  });
});
