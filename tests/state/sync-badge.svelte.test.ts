// @vitest-environment jsdom
// The badge over a real outbox on fake-indexeddb: a change the server refused needs a
// person, so the badge says so (in red) and never "Semua tersimpan" while one waits.
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HadirDb } from '#db/database';
import { registerParticipant } from '#db/participants';
import { SyncStatus } from '#state/sync.svelte';
import { serverChoice } from '#state/server-choice.svelte';
import { syncBadge } from '#state/sync-badge';
import { freshDb } from '#tests/support/db';
import { participant } from '#tests/support/factories';

let db: HadirDb;
const cleanups: (() => void)[] = [];

/** Every badge the header would show, as an effect sees them. */
function badges(status: SyncStatus) {
  const seen: ReturnType<typeof syncBadge>[] = [];
  cleanups.push(
    $effect.root(() => {
      $effect(() => {
        seen.push(syncBadge(status));
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

const refuse = (seq: number, status: 'rejected' | 'conflict' = 'rejected') =>
  db.outbox.update(seq, {
    status,
    ackedAt: new Date().toISOString(),
    ...(status === 'rejected' ? { error: { code: 'SESSION_CLOSED', message: 'closed' } } : {}),
  });

describe('the badge with refused changes', () => {
  it('counts what needs attention, with what is still unsent, until each is dealt with', async () => {
    const status = new SyncStatus();
    const seen = badges(status);
    expect(seen.at(-1)).toEqual({ tone: 'ok', label: 'Semua tersimpan' });

    const [a, b, c] = [
      await registerParticipant(participant()),
      await registerParticipant(participant()),
      await registerParticipant(participant()),
    ];
    await refuse(a.seq);
    await refuse(b.seq, 'conflict');
    await vi.waitFor(() =>
      expect(seen.at(-1)).toEqual({ tone: 'error', label: '2 perlu perhatian · 1 belum terkirim' }),
    );

    await db.outbox.update(c.seq, { status: 'acked', ackedAt: new Date().toISOString() });
    await vi.waitFor(() =>
      expect(seen.at(-1)).toEqual({ tone: 'error', label: '2 perlu perhatian' }),
    );

    await status.dismiss(a.seq);
    await vi.waitFor(() => expect(seen.at(-1)?.label).toBe('1 perlu perhatian'));
    await status.dismiss(b.seq);
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ tone: 'ok', label: 'Semua tersimpan' }));
    // Not once in between did it claim everything was saved.
    const firstRefused = seen.findIndex((s) => s.tone === 'error');
    const saved = seen.findIndex((s, i) => i > firstRefused && s.label === 'Semua tersimpan');
    expect(seen.slice(firstRefused, saved).every((s) => s.tone === 'error')).toBe(true);
  });
});

describe('the badge at a venue hub', () => {
  it('says the hall’s work is at the hub, and whether the office has it yet', async () => {
    const status = new SyncStatus();
    const seen = badges(status);
    serverChoice.hear({ changes: [], hub: { queued: 3, lastContact: null } }); // a hub's pull answer
    flushSync();
    expect(seen.at(-1)).toEqual({
      tone: 'ok',
      label: 'Terhubung ke hub · 3 menunggu dikirim ke server pusat',
    });
    serverChoice.hub = { queued: 0, lastContact: '2026-12-03T10:00:00.000Z' };
    flushSync();
    expect(seen.at(-1)).toEqual({
      tone: 'ok',
      label: 'Terhubung ke hub · semua sampai di server pusat',
    });
    // Unsent on the device itself comes first: it is not even at the hub.
    await registerParticipant(participant());
    await vi.waitFor(() =>
      expect(seen.at(-1)).toEqual({ tone: 'pending', label: '1 belum terkirim' }),
    );
    // At the office's own server there is no hub to speak of.
    serverChoice.hub = undefined;
    await db.outbox.clear();
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ tone: 'ok', label: 'Semua tersimpan' }));
  });
});
