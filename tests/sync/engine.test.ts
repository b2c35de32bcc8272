import { describe, expect, it } from 'vitest';
import { recordCheckin } from '#db/checkins';
import { pendingCount } from '#db/outbox';
import { ownTicket, registerOwn } from '#db/registration';
import { pruneAcked } from '#sync/local';
import { person } from '#tests/server/support';
import { enrolApp, TestDevice } from '#tests/support/device';
import { staffDevice, Wire, useTestServer } from '#tests/sync/edge';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const server = useTestServer();

describe('sync engine against the real server', () => {
  it('pushes a check-in from tablet A and tablet B pulls it', async () => {
    const a = new TestDevice(server.url, { name: 'a' });
    const b = new TestDevice(server.url, { name: 'b' });
    await a.enroll(server.code('staff'));
    await b.enroll(server.code('staff'));
    expect((await b.sync()).state).toBe('idle');
    expect(await b.act(() => b.db.participants.count())).toBe(fixture.people.length);

    const person = fixture.people[0]!;
    const checkin = await a.act(() =>
      recordCheckin({
        eventId: FIXTURE_EVENT_ID,
        participantId: person.id,
        method: 'qr',
        timezone: 'Asia/Makassar',
      }),
    );
    expect(await a.act(pendingCount)).toBe(1);
    const run = await a.sync();
    expect(run).toMatchObject({ state: 'idle', pushed: 1 });
    expect(await a.act(pendingCount)).toBe(0);

    await b.sync();
    expect(await b.act(() => b.db.checkins.get(checkin.id))).toMatchObject({
      participantId: person.id,
      method: 'qr',
    });
  });
});

describe('a change made while a run is pulling', () => {
  it('goes out in a follow-up run at once, not at the next periodic sync', async () => {
    let pullStarted!: () => void;
    const started = new Promise<void>((r) => (pullStarted = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held = false;
    const wire = new Wire(async (req, forward) => {
      if (req.path === '/sync/pull' && !held) {
        held = true;
        pullStarted();
        await gate;
      }
      return forward();
    });
    const device = await staffDevice(server, 'follow-up', wire);
    await device.act(async () => {
      const first = device.engine.once();
      await started;
      const person = fixture.people[2]!;
      await recordCheckin({
        eventId: FIXTURE_EVENT_ID,
        participantId: person.id,
        method: 'search',
        timezone: 'Asia/Makassar',
      });
      const second = device.engine.once();
      release();
      expect(await first).toMatchObject({ state: 'idle', pushed: 0 });
      expect(await second).toMatchObject({ state: 'idle', pushed: 1 });
      expect(await pendingCount()).toBe(0);
    });
  });
});

describe('an organiser moving to another event', () => {
  it('creates the event online, drops the old mirror, and pulls the new one', async () => {
    const o = await enrolApp(server, 'organiser', { name: 'organiser' });
    await o.sync();
    expect(await o.db.participants.count()).toBe(fixture.people.length);
    const event = {
      ...(await o.db.events.get(FIXTURE_EVENT_ID))!,
      id: 'bimtek-baru',
      name: 'Baru',
    };

    const moved = await o.act(() => o.engine.switchEvent({ create: event }));
    expect(moved).toMatchObject({ role: 'organiser', eventId: 'bimtek-baru' });
    expect((await o.db.events.toArray()).map((e) => e.id)).toEqual(['bimtek-baru']);
    expect(await o.db.participants.count()).toBe(0); // nobody of the test event stays behind

    // And back, to an event that exists.
    const back = await o.act(() => o.engine.switchEvent({ open: FIXTURE_EVENT_ID }));
    expect(back).toMatchObject({ eventId: FIXTURE_EVENT_ID });
    expect(await o.db.participants.count()).toBe(fixture.people.length);
  });

  it('refuses while changes are unsent, and keeps them and the event', async () => {
    const o = await enrolApp(server, 'organiser', { name: 'organiser-unsent' });
    await o.sync();
    await o.act(() =>
      recordCheckin({
        eventId: FIXTURE_EVENT_ID,
        participantId: fixture.people[0]!.id,
        method: 'search',
        timezone: 'Asia/Makassar',
      }),
    );
    const event = { ...(await o.db.events.get(FIXTURE_EVENT_ID))!, id: 'tidak-jadi' };
    const refused = await o.act(() => o.engine.switchEvent({ create: event }));
    expect(refused).toEqual({ error: 'UNSENT' });
    expect(await o.act(() => pendingCount())).toBe(1);
    expect(await o.db.events.get(FIXTURE_EVENT_ID)).toBeDefined();
    const stored = server.db.prepare("SELECT 1 FROM rows WHERE id = 'tidak-jadi'").get();
    expect(stored).toBeUndefined();
  });
});

describe('a phone whose registration is merged into an earlier one', () => {
  it('is told the NIP is registered, and receives nothing of that registration', async () => {
    const nip = fixture.people.find((p) => p.nip)!.nip!;
    const phone = new TestDevice(server.url, { name: 'phone' });
    const mine = person({ nip, source: 'self' });
    await phone.act(() => registerOwn(FIXTURE_EVENT_ID, mine));

    const run = await phone.sync();
    expect(run.state).toBe('idle');
    const canonical = fixture.people.find((p) => p.nip === nip)!;
    expect(await phone.db.aliases.count()).toBe(0);
    expect(await phone.db.participants.get(canonical.id)).toBeUndefined();
    expect(await phone.db.participants.get(mine.id)).toBeUndefined();
    const [row] = await phone.db.outbox.toArray();
    expect(row).toMatchObject({ status: 'acked', result: { status: 'merged' } });
    expect(row!.result).not.toHaveProperty('canonicalId');
    const ticket = await phone.act(() => ownTicket(FIXTURE_EVENT_ID));
    expect(ticket).toMatchObject({ merged: true, server: undefined, delivery: 'acked' });
    // Kept past the week acknowledged rows are kept, so the ticket still says so.
    await phone.act(() => pruneAcked(0, Date.now() + 30 * 86_400_000));
    expect(await phone.act(() => ownTicket(FIXTURE_EVENT_ID))).toMatchObject({ merged: true });
  });
});

describe('a phone that registered before it had a token', () => {
  it('joins the event at its next sync and sends the registration', async () => {
    const phone = new TestDevice(server.url, { name: 'pre-join' });
    const mine = person({ source: 'self' });
    await phone.act(() => registerOwn(FIXTURE_EVENT_ID, mine));
    expect(await phone.db.outbox.count()).toBe(1);
    const run = await phone.sync();
    expect(run).toMatchObject({ state: 'idle', pushed: 1 });
    expect(await phone.act(() => pendingCount())).toBe(0);
    const stored = server.db
      .prepare(
        "SELECT count(*) AS n FROM rows WHERE tbl = 'participants' AND json_extract(data, '$.nip') = ?",
      )
      .get(mine.nip) as { n: number };
    expect(stored.n).toBe(1);
  });

  it('when the event has closed registration meanwhile, the queue is refused visibly, not retried forever', async () => {
    const phone = new TestDevice(server.url, { name: 'closed' });
    await phone.act(() => registerOwn('tidak-ada-lagi', person({ source: 'self' })));
    const run = await phone.sync();
    expect(run).toMatchObject({ state: 'error', retry: false });
    const [row] = await phone.db.outbox.toArray();
    expect(row).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND' } });
    expect(await phone.db.meta.get('pendingJoin')).toBeUndefined();
  });
});
