// @vitest-environment jsdom
// Faults 22 and 23 with the real scheduler: a browser without Background Sync still
// flushes at start, on `online` and when the page becomes visible; failures back off with
// jitter and later succeed. The real engine, Dexie and server; short intervals instead
// of sleeps.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pendingCount } from '#db/outbox';
import { backoffDelay, SyncScheduler } from '#sync/scheduler';
import {
  checkIns,
  errorResponse,
  networkFailure,
  serverCounts,
  staffDevice,
  Wire,
  REAL_PARTS,
  useTestServer,
} from '#tests/sync/edge';
import { fixture } from '#tests/support/fixture';

const server = useTestServer();

let stopScheduler: (() => void) | undefined;
let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
afterEach(() => {
  stopScheduler?.();
  stopScheduler = undefined;
  visibility = 'visible';
});

const person = fixture.people[0]!;

/** Wait for a condition the scheduler brings about (no sleeps; generous on a busy machine). */
const until = <T>(check: () => T | Promise<T>) =>
  vi.waitFor(check, { timeout: 10_000, interval: 5 });
const HOUR = 3600_000;

function setVisibility(next: DocumentVisibilityState): void {
  visibility = next;
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('fault 23: no Background Sync', REAL_PARTS, () => {
  it('fault 23: flushes at start, on online and when the page becomes visible', async () => {
    expect('SyncManager' in window).toBe(false);
    let offline = false;
    const wire = new Wire(async (_req, forward) => {
      if (offline) throw networkFailure();
      return forward();
    });
    const device = await staffDevice(server, 'f23', wire);
    offline = true;
    // The scheduler runs outside `act`, so this device's database must be the app's.
    const made = await device.act(() => checkIns(person.id, 2));
    const scheduler = new SyncScheduler(device.engine, {
      pullIntervalMs: HOUR,
      writeDebounceMs: HOUR,
      minBackoffMs: HOUR,
      maxBackoffMs: HOUR,
    });
    const pushes = () => wire.to('/sync/push').length;

    // Start, offline: the run happens (and fails) at once.
    stopScheduler = scheduler.start();
    await until(() => expect(device.engine.status.state).toBe('offline'));
    expect(pushes()).toBe(1);
    expect(await pendingCount()).toBe(2);

    // Back online: the browser's `online` event flushes the queue.
    offline = false;
    window.dispatchEvent(new Event('online'));
    await until(async () => expect(await pendingCount()).toBe(0));
    await until(() => expect(device.engine.status.state).toBe('idle'));
    expect(pushes()).toBe(2);
    expect(
      serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      ),
    ).toEqual([1, 1]);

    // A write while the app is in the background; the debounce is an hour away, so only
    // coming back to the foreground can flush it.
    const [later] = await checkIns(person.id, 1);
    setVisibility('hidden');
    setVisibility('visible');
    await until(async () => expect(await pendingCount()).toBe(0));
    expect(pushes()).toBe(3);
    expect(serverCounts(server, 'checkins', [later!.id])).toEqual([1]);
  });
});

describe('the server unreachable while changes wait (issue 15)', REAL_PARTS, () => {
  it('probes /health with backoff capped at the probe cap, sends nothing until the server answers, then sends at once', async () => {
    let down = false;
    const wire = new Wire(async (_req, forward) => {
      if (down) throw networkFailure();
      return forward();
    });
    const device = await staffDevice(server, 'probe', wire);
    down = true;
    await device.act(() => checkIns(person.id, 2));
    const delays: number[] = [];
    const scheduler = new SyncScheduler(device.engine, {
      pullIntervalMs: HOUR,
      writeDebounceMs: HOUR,
      minBackoffMs: 2,
      maxBackoffMs: HOUR, // other failures would wait an hour: only the probe cap applies
      maxProbeBackoffMs: 16,
      random: () => {
        delays.push(delays.length);
        return 1;
      },
    });
    stopScheduler = scheduler.start();
    await until(() => expect(wire.to('/health').length).toBeGreaterThanOrEqual(4));
    expect(device.engine.status).toMatchObject({ state: 'offline', reachable: false });
    expect(wire.to('/sync/push')).toHaveLength(1); // the first try; probes after it
    expect(await pendingCount()).toBe(2);

    down = false;
    await until(async () => expect(await pendingCount()).toBe(0));
    await until(() =>
      expect(device.engine.status).toMatchObject({ state: 'idle', reachable: true }),
    );
    expect(wire.to('/sync/push').length).toBe(2);
  });
});

describe('fault 22: backoff with jitter, capped at 60 s', REAL_PARTS, () => {
  it('fault 22: backoffDelay doubles per attempt, caps at 60 s, and jitters within [ceiling/2, ceiling]', () => {
    const min = 1_000;
    const max = 60_000;
    const ceilings = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000];
    ceilings.forEach((ceiling, attempt) => {
      expect(backoffDelay(attempt, min, max, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, min, max, () => 1)).toBe(ceiling);
      for (const r of [0.1, 0.37, 0.5, 0.99]) {
        const delay = backoffDelay(attempt, min, max, () => r);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    });
    expect(backoffDelay(10_000, min, max, () => 1)).toBe(max);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(i % 12, min, max, Math.random);
      expect(delay).toBeGreaterThanOrEqual(Math.min(max, min * 2 ** (i % 12)) / 2);
      expect(delay).toBeLessThanOrEqual(max);
    }
  });

  it('fault 22: the scheduler backs off after 503s and later succeeds on its own', async () => {
    const wire = new Wire(async (req, forward) =>
      req.path === '/sync/push' && req.nth <= 2 ? errorResponse(503, 'UNAVAILABLE') : forward(),
    );
    const device = await staffDevice(server, 'f22-scheduler', wire);
    const made = await device.act(() => checkIns(person.id, 3));
    let backoffs = 0;
    const scheduler = new SyncScheduler(device.engine, {
      pullIntervalMs: HOUR,
      writeDebounceMs: HOUR,
      minBackoffMs: 4,
      maxBackoffMs: 20,
      random: () => {
        backoffs++;
        return 1;
      },
    });
    stopScheduler = scheduler.start();

    await until(async () => expect(await pendingCount()).toBe(0));
    await until(() => expect(device.engine.status.state).toBe('idle'));
    expect(wire.to('/sync/push').map((e) => e.status)).toEqual([503, 503, 200]);
    expect(backoffs).toBe(2); // one backoff per failure, none after the success
    expect(
      serverCounts(
        server,
        'checkins',
        made.map((c) => c.id),
      ),
    ).toEqual([1, 1, 1]);
  });
});
