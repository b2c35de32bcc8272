// @vitest-environment jsdom
// "Pull now" over the real server: a check-in pushed by one desk reaches another desk's
// database within a second through GET /sync/live, with the periodic pull an hour away;
// the stream is for the hall's working devices only, and a stopping server ends it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '#domain/ids';
import { SyncScheduler } from '#sync/scheduler';
import { MemoryLocks, REAL_PARTS, staffDevice, useTestServer, Wire } from '#tests/sync/edge';
import { listenLive } from '#sync/live';
import { Transport } from '#sync/transport';
import { startTestServer } from '#tests/support/server';
import { enrolApp, enrollDevice, TestDevice } from '#tests/support/device';
import { revokeDevice } from '#server/auth';
import { checkin, upsertSession } from '#tests/support/drafts';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const server = useTestServer();
let stopScheduler: (() => void) | undefined;
afterEach(() => stopScheduler?.());

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** A desk on the wire (no app database of its own in this process) and its check-ins. */
async function wireDesk(target: Parameters<typeof enrollDevice>[0]) {
  const desk = await enrollDevice(target, 'staff');
  return Object.assign(desk, {
    async checkIn(participantId: string): Promise<string> {
      const draft = checkin(participantId, { method: 'search' });
      const res = await desk.send(draft);
      expect(res.results[0]?.status).toBe('applied');
      return (draft.args as { checkinId: string }).checkinId;
    },
  });
}

/** Open GET /sync/live with a token; the response (its body still streaming). */
const openLive = (url: string, token: string, signal?: AbortSignal) =>
  fetch(`${url}/api/v1/sync/live`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    ...(signal ? { signal } : {}),
  });

describe('live updates', REAL_PARTS, () => {
  it('a check-in at one desk is in another desk’s database within a second, with no periodic pull due', async () => {
    const watcher = await staffDevice(server, 'live-watcher');
    const desk = await wireDesk(server);
    const scheduler = new SyncScheduler(watcher.engine, { pullIntervalMs: 3600_000 });
    await watcher.act(async () => {
      stopScheduler = scheduler.start();
      await vi.waitFor(() => expect(watcher.engine.status.state).toBe('idle'));
    });
    // The device status says when the stream is open (its first event).
    await vi.waitFor(() => expect(watcher.engine.status.live).toBe(true));
    for (const person of fixture.people.slice(0, 3)) {
      const started = Date.now();
      const id = await desk.checkIn(person.id);
      await vi.waitFor(async () => expect(await watcher.db.checkins.get(id)).toBeDefined(), {
        timeout: 1_000,
        interval: 10,
      });
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    stopScheduler?.();
    await vi.waitFor(() => expect(watcher.engine.status.live).toBe(false));
  });

  it('a check-in reaches a trainer’s roster within a second too', async () => {
    const trainer = await enrolApp(server, 'trainer', { name: 'live-trainer' });
    const organiser = await enrollDevice(server, 'organiser');
    const session = fixture.sessions[0]!;
    const res = await organiser.send(
      upsertSession({ ...session, trainerDeviceIds: [trainer.deviceId] }),
    );
    expect(res.results[0]?.status).toBe('applied');
    const onRoster = fixture.people.filter((p) => p.batchId === session.batchId);
    const desk = await wireDesk(server);
    const scheduler = new SyncScheduler(trainer.engine, { pullIntervalMs: 3600_000 });
    await trainer.act(async () => {
      stopScheduler = scheduler.start();
      await vi.waitFor(() => expect(trainer.engine.status.state).toBe('idle'));
    });
    await vi.waitFor(() => expect(trainer.engine.status.live).toBe(true));
    const started = Date.now();
    const id = await desk.checkIn(onRoster[0]!.id);
    await vi.waitFor(async () => expect(await trainer.db.checkins.get(id)).toBeDefined(), {
      timeout: 1_000,
      interval: 10,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('is for desks, trainers and the organiser: a participant’s phone and no token are refused', async () => {
    const join = await fetch(
      `${server.url}/api/v1/events/${FIXTURE_EVENT_ID}/join`,
      json({ deviceInfo: { clientId: newId(), nextSeq: 1 } }),
    );
    const { token } = (await join.json()) as { token: string };
    const phone = await openLive(server.url, token);
    expect(phone.status).toBe(403);
    await phone.body?.cancel();
    const nobody = await fetch(`${server.url}/api/v1/sync/live`);
    expect(nobody.status).toBe(401);
    await nobody.body?.cancel();
  });

  it('says “open” first, then “pull” after another device’s push, never after its own', async () => {
    const a = await wireDesk(server);
    const b = await wireDesk(server);
    const controller = new AbortController();
    const res = await openLive(server.url, a.token, controller.signal);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const next = async () => {
      let text = '';
      while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
      return text;
    };
    expect(await next()).toContain('data: open');
    await a.checkIn(fixture.people[4]!.id); // its own: no word
    await b.checkIn(fixture.people[5]!.id);
    const word = await next();
    expect(word).toContain('data: pull');
    expect(word.match(/data: pull/g)).toHaveLength(1);
    controller.abort();
  });

  it('a third stream of one device closes its oldest', async () => {
    const a = await wireDesk(server);
    const streams = [await openLive(server.url, a.token)];
    const first = streams[0]!.body!.getReader();
    await first.read(); // open
    streams.push(await openLive(server.url, a.token), await openLive(server.url, a.token));
    let done = false;
    while (!done) done = (await first.read()).done;
    expect(done).toBe(true);
    for (const s of streams.slice(1)) await s.body?.cancel();
  });

  it('a stopping server ends its streams instead of waiting for them', async () => {
    const other = await startTestServer();
    const a = await wireDesk(other);
    const res = await openLive(other.url, a.token);
    const reader = res.body!.getReader();
    await reader.read();
    const started = Date.now();
    await other.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    let done = false;
    while (!done) done = (await reader.read().catch(() => ({ done: true }))).done;
  });

  it('one tab of a device listens; another takes over when it closes', async () => {
    const desk = await wireDesk(server);
    const wire = new Wire();
    const locks = new MemoryLocks();
    const transport = new Transport({ baseUrl: server.url, fetch: wire.fetch });
    const tab = () =>
      listenLive({ transport, locks, token: async () => desk.token, onPull: () => {} });
    const stopFirst = tab();
    const stopSecond = tab();
    await vi.waitFor(() => expect(wire.to('/sync/live')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 300));
    expect(wire.to('/sync/live')).toHaveLength(1); // the second tab waits for the lock
    stopFirst.stop();
    await vi.waitFor(() => expect(wire.to('/sync/live')).toHaveLength(2));
    stopSecond.stop();
  });

  it('a revoked device’s stream ends at the next word instead of hearing more', async () => {
    const a = await wireDesk(server);
    const b = await wireDesk(server);
    const res = await openLive(server.url, a.token);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain('data: open');
    revokeDevice(server.db, a.deviceId);
    await b.checkIn(fixture.people[3]!.id);
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).not.toContain('pull');
  });

  it('a device enrolled after the app started listens at once, not at its next token check', async () => {
    const desk = new TestDevice(server.url, { name: 'live-late' });
    const scheduler = new SyncScheduler(desk.engine, { pullIntervalMs: 3600_000 });
    await desk.act(async () => {
      stopScheduler = scheduler.start();
      await new Promise((r) => setTimeout(r, 2_500)); // the listener looked: no token yet
      await desk.engine.enroll(server.code('staff'));
      const enrolled = Date.now();
      await vi.waitFor(() => expect(desk.engine.status.live).toBe(true), { timeout: 1_500 });
      expect(Date.now() - enrolled).toBeLessThan(1_500);
    });
  });
});
