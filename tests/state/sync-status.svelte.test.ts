// @vitest-environment jsdom
// SyncStatus over a real outbox on fake-indexeddb, and the browser's online events.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HadirDb } from '#db/database';
import { seedDemoIfEmpty } from '#db/events';
import { registerParticipant } from '#db/participants';
import { SyncStatus } from '#state/sync.svelte';
import { freshDb } from '#tests/support/db';
import { participant } from '#tests/support/factories';

let db: HadirDb;
const cleanups: (() => void)[] = [];

/** Record every value `read` returns from an effect, as the badge would see it. */
function track<T>(read: () => T): T[] {
  const seen: T[] = [];
  cleanups.push(
    $effect.root(() => {
      $effect(() => {
        seen.push(read());
      });
    }),
  );
  flushSync();
  return seen;
}

beforeEach(async () => {
  db = freshDb();
  await db.open();
});

afterEach(() => {
  cleanups.splice(0).forEach((destroy) => destroy());
  vi.restoreAllMocks();
});

describe('SyncStatus unsent count', () => {
  it('follows the pending rows of the outbox', async () => {
    const status = new SyncStatus();
    const unsent = track(() => status.unsent);
    expect(unsent).toEqual([0]);

    // The demo seed every new device runs first (src/main.ts) is reference data: it queues
    // nothing to send.
    await seedDemoIfEmpty();
    await registerParticipant(participant());
    await vi.waitFor(() => expect(unsent.at(-1)).toBe(1));
    await registerParticipant(participant());
    await vi.waitFor(() => expect(unsent.at(-1)).toBe(2));
    expect(await db.outbox.count()).toBe(2);
  });

  it('stops counting rows the server acknowledged or rejected', async () => {
    const status = new SyncStatus();
    const unsent = track(() => status.unsent);
    const rejected = track(() => status.rejected);
    const first = await registerParticipant(participant());
    const second = await registerParticipant(participant());
    await vi.waitFor(() => expect(unsent.at(-1)).toBe(2));
    expect(rejected.at(-1)).toBe(0);

    await db.outbox.update(first.seq, { status: 'acked', ackedAt: new Date().toISOString() });
    await vi.waitFor(() => expect(unsent.at(-1)).toBe(1));

    await db.outbox.update(second.seq, {
      status: 'rejected',
      error: { code: 'INVALID', message: 'refused' },
    });
    await vi.waitFor(() => expect(unsent.at(-1)).toBe(0));
    await vi.waitFor(() => expect(rejected.at(-1)).toBe(1));
  });
});

describe('SyncStatus online', () => {
  it('starts from navigator.onLine', () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    expect(new SyncStatus().online).toBe(false);
    vi.restoreAllMocks();
    expect(new SyncStatus().online).toBe(true);
  });

  it("flips on the window's offline and online events", () => {
    const status = new SyncStatus();
    const online = track(() => status.online);
    expect(online).toEqual([true]);

    window.dispatchEvent(new Event('offline'));
    flushSync();
    expect(status.online).toBe(false);

    window.dispatchEvent(new Event('online'));
    flushSync();
    expect(online).toEqual([true, false, true]);
  });
});

describe('consoleFailure', () => {
  it('says in words what an online-only console call’s failure means', async () => {
    const { consoleFailure } = await import('#state/organiser.svelte');
    expect(consoleFailure('offline')).toBe(
      'Bagian ini memerlukan koneksi ke server. Sambungkan, lalu coba lagi.',
    );
    expect(consoleFailure('timeout')).toBe(consoleFailure('offline'));
    expect(consoleFailure('RATE_LIMITED')).toBe(
      'Terlalu banyak percobaan. Tunggu beberapa menit lalu coba lagi.',
    );
    expect(consoleFailure('FORBIDDEN')).toBe('Gagal (FORBIDDEN). Coba lagi.');
  });
});
