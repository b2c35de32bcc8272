// @vitest-environment jsdom
// The badge says whether the server answered, not what navigator.onLine says (issue 15):
// venue Wi-Fi without internet or a stopped server leaves the browser "online". The real
// engine, Dexie and server; the network edge fails as a dead server would.
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncScheduler } from '#sync/scheduler';
import { SyncStatus } from '#state/sync.svelte';
import { syncBadge } from '#state/sync-badge';
import {
  checkIns,
  networkFailure,
  REAL_PARTS,
  staffDevice,
  useTestServer,
  Wire,
} from '#tests/sync/edge';
import { fixture } from '#tests/support/fixture';

const server = useTestServer();
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});
const HOUR = 3_600_000;

describe('the connection the badge shows', REAL_PARTS, () => {
  it('says the server is unreachable after a failed attempt though the browser is online, and sends when asked', async () => {
    let down = false;
    const wire = new Wire(async (_req, forward) => {
      if (down) throw networkFailure();
      return forward();
    });
    const device = await staffDevice(server, 'badge', wire);
    down = true;
    await device.act(() => checkIns(fixture.people[0]!.id, 3));
    expect(navigator.onLine).toBe(true);

    const status = new SyncStatus();
    // Only the person's "Kirim sekarang" and the first run: every timer an hour away.
    const scheduler = new SyncScheduler(device.engine, {
      pullIntervalMs: HOUR,
      writeDebounceMs: HOUR,
      minBackoffMs: HOUR,
      maxBackoffMs: HOUR,
      maxProbeBackoffMs: HOUR,
    });
    status.attach(device.engine, scheduler);
    // As the header reads it: inside an effect, so the unsent count is live.
    const seen: { tone: string; label: string }[] = [];
    const destroy = $effect.root(() => {
      $effect(() => {
        seen.push(syncBadge(status));
      });
    });
    stop = () => {
      scheduler.stop();
      destroy();
    };
    scheduler.start();
    await vi.waitFor(() => {
      flushSync();
      expect(status.connection).toBe('unreachable');
      expect(seen.at(-1)).toEqual({
        tone: 'offline',
        label: 'Tidak terhubung ke server · 3 belum terkirim',
      });
    });

    down = false;
    await status.sendNow();
    await vi.waitFor(() => {
      flushSync();
      expect(status.connection).toBe('ok');
      expect(seen.at(-1)).toEqual({ tone: 'ok', label: 'Semua tersimpan' });
    });
    expect(wire.to('/sync/push').map((e) => e.status)).toEqual([undefined, 200]);
  });
});
