// @vitest-environment jsdom
// LiveQuery over real Dexie on fake-indexeddb. jsdom: on the node environment Svelte
// resolves to its server build, where effects never run. Runes work because this file
// is compiled by the Svelte plugin (.svelte.test.ts).
import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { observe } from '#db/live';
import { participantsOf, registerParticipant } from '#db/participants';
import { LiveQuery } from '#state/live.svelte';
import { freshDb } from '#tests/support/db';
import { participant } from '#tests/support/factories';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

/** A query over the test event's participant names that counts how often it runs. */
function namesQuery() {
  const counter = { runs: 0 };
  const q = new LiveQuery(async () => {
    counter.runs++;
    return (await participantsOf(FIXTURE_EVENT_ID)).map((p) => p.fullName);
  }, ['initial']);
  return { q, counter };
}

/** Read `current` from an effect, as a component would; returns what each run saw. */
function track<T>(q: LiveQuery<T>) {
  const seen: T[] = [];
  const destroy = $effect.root(() => {
    $effect(() => {
      seen.push(q.current);
    });
  });
  flushSync();
  return { seen, destroy };
}

beforeEach(async () => {
  // Opened up front: Dexie re-runs a live query that started while the database opened.
  await freshDb().open();
});

describe('LiveQuery', () => {
  it('does not run the query while nothing reactive reads it', async () => {
    const { q, counter } = namesQuery();
    expect(q.current).toEqual(['initial']);
    expect(q.loaded).toBe(false);
    // A query subscribed later has loaded, so one started by those reads would have run.
    const other = namesQuery();
    const t = track(other.q);
    await vi.waitFor(() => expect(t.seen.at(-1)).toEqual([]));
    expect(other.counter.runs).toBe(1);
    expect(counter.runs).toBe(0);
    t.destroy();
  });

  it('shows the initial value, then the loaded value, and flips loaded', async () => {
    const { q } = namesQuery();
    const loaded: boolean[] = [];
    const destroy = $effect.root(() => {
      $effect(() => {
        loaded.push(q.loaded);
      });
    });
    const t = track(q);
    expect(t.seen).toEqual([['initial']]);
    expect(loaded).toEqual([false]);

    await vi.waitFor(() => expect(t.seen).toEqual([['initial'], []]));
    expect(loaded).toEqual([false, true]);
    expect(q.loaded).toBe(true);
    expect(q.error).toBeUndefined();
    t.destroy();
    destroy();
  });

  it('updates current after writes through the repositories', async () => {
    const { q } = namesQuery();
    const t = track(q);
    await vi.waitFor(() => expect(t.seen.at(-1)).toEqual([]));

    await seedFixtureLocally();
    await vi.waitFor(() => expect(t.seen.at(-1)).toHaveLength(fixture.people.length));

    const newcomer = participant({ fullName: 'Zainal Arifin, S.Kom.' });
    await registerParticipant(newcomer);
    await vi.waitFor(() => expect(t.seen.at(-1)).toContain(newcomer.fullName));
    expect(q.current).toHaveLength(fixture.people.length + 1);
    t.destroy();
  });

  it('shares one Dexie subscription among all readers', async () => {
    const { q, counter } = namesQuery();
    const a = track(q);
    const b = track(q);
    await vi.waitFor(() => expect(b.seen.at(-1)).toEqual([]));
    expect(a.seen.at(-1)).toEqual([]);
    expect(counter.runs).toBe(1);
    a.destroy();
    b.destroy();
  });

  it('stops querying once the effect root is destroyed', async () => {
    const { q, counter } = namesQuery();
    const t = track(q);
    const first = participant();
    await registerParticipant(first);
    await vi.waitFor(() => expect(t.seen.at(-1)).toEqual([first.fullName]));

    t.destroy();
    const runs = counter.runs;
    const updates = t.seen.length;

    // A watcher that stays subscribed shows when Dexie has announced the next write; a
    // still-subscribed LiveQuery would have re-run its query in that same notification.
    const watched: number[] = [];
    const watcher = observe(() => participantsOf(FIXTURE_EVENT_ID)).subscribe({
      next: (rows) => watched.push(rows.length),
    });
    await vi.waitFor(() => expect(watched).toEqual([1]));
    await registerParticipant(participant());
    await vi.waitFor(() => expect(watched).toEqual([1, 2]));
    watcher.unsubscribe();

    expect(counter.runs).toBe(runs);
    expect(t.seen).toHaveLength(updates);
    expect(q.current).toEqual([first.fullName]);
  });

  it('is no longer loaded once nothing watches it: the next reader waits for a fresh value', async () => {
    const { q } = namesQuery();
    const t = track(q);
    await vi.waitFor(() => expect(q.loaded).toBe(true));
    t.destroy();
    await vi.waitFor(() => expect(q.loaded).toBe(false)); // the subscription ends a tick later

    await seedFixtureLocally(); // written while nobody watched
    const again = track(q);
    await vi.waitFor(() => expect(again.seen.at(-1)).toHaveLength(fixture.people.length));
    expect(q.loaded).toBe(true);
    again.destroy();
  });

  it('reports a failing query as error and keeps the last value', async () => {
    const failure = new Error('query failed');
    const q = new LiveQuery<string>(() => Promise.reject(failure), 'initial');
    const t = track(q);
    await vi.waitFor(() => expect(q.error).toBe(failure));
    expect(q.current).toBe('initial');
    expect(q.loaded).toBe(false);
    t.destroy();
  });
});
