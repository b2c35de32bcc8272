// @vitest-environment jsdom
// The organiser's participant list at 120 people, over a real (fake-indexeddb) database:
// a hundred at a time, the desk's search, and the filters (status, batch, kabupaten/kota,
// walk-in, certificate eligibility, needs review), each counted against the people as
// written; moving everyone of a batch to another lands in the outbox.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import '#i18n/console';
import type { Participant } from '#domain/model';
import { markAttendance } from '#db/attendance';
import { toParticipantRow, type HadirDb } from '#db/database';
import PeoplePanel from '#pages/organiser/PeoplePanel.svelte';
import { freshDb } from '#tests/support/db';
import { participant } from '#tests/support/factories';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
let everyone: Participant[];
const user = () => userEvent.setup({ delay: null });
const [a1, a2] = fixture.batches;
const REGIONS = ['63.71', '63.72', '63.03', '63.09'];

beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
  // 114 more: batches, regions and statuses spread out; every 10th a walk-in to complete.
  const more = Array.from({ length: 114 }, (_, i) =>
    participant({
      fullName: `Peserta Uji ${String(i + 1).padStart(3, '0')}, S.IP.`,
      nip: `19900101201503${String(1000 + i).slice(1)}`.padEnd(18, '1'),
      batchId: (i % 3 === 0 ? a2 : a1)!.id,
      regionCode: REGIONS[i % REGIONS.length]!,
      status: i % 19 === 0 ? 'cancelled' : i % 23 === 0 ? 'waitlisted' : 'registered',
      source: i % 10 === 0 ? 'walkin' : 'self',
      needsReview: i % 10 === 0 && i % 20 !== 0,
    }),
  );
  await db.participants.bulkPut(more.map(toParticipantRow));
  everyone = [...fixture.people, ...more];
});

const rows = () => screen.queryAllByTestId('person');
const count = () => screen.getByTestId('people-count').textContent?.trim();
const howMany = (keep: (p: Participant) => boolean) => everyone.filter(keep).length;

async function shown() {
  render(PeoplePanel, { event: fixture.event });
  await vi.waitFor(() => expect(rows().length).toBeGreaterThan(0));
  // The batches come with the event's rows, read on their own.
  const batch = screen.getByTestId('people-filter-batch');
  await within(batch).findByRole('option', { name: a2!.name }, { timeout: 5000 });
}

describe('participants at a real size', { timeout: 30_000 }, () => {
  it('lists a hundred at a time, and the rest on request', async () => {
    const u = user();
    await shown();
    expect(rows()).toHaveLength(100);
    expect(count()).toBe('120 peserta');
    await u.click(screen.getByTestId('people-more'));
    expect(rows()).toHaveLength(120);
    expect(screen.queryByTestId('people-more')).toBeNull();
  });

  it('finds people with the desk’s search: a name without titles, part of a NIP', async () => {
    const u = user();
    await shown();
    const search = screen.getByTestId('people-search');
    await u.type(search, 'masitah il');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent(fixture.people[1]!.fullName);
    expect(count()).toBe('1 dari 120 peserta');
    await u.clear(search);
    await u.type(search, '19870412');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent(fixture.people[0]!.fullName);
    await u.clear(search);
    await u.type(search, 'tidak ada orang ini');
    expect(rows()).toHaveLength(0);
    expect(screen.getByTestId('people-no-match')).toHaveTextContent(
      'Tidak ada peserta yang cocok.',
    );
  });

  it('filters by status, batch, kabupaten/kota, walk-in and needs review, together', async () => {
    const u = user();
    await shown();
    const expectCount = (n: number) => expect(count()).toBe(`${n} dari 120 peserta`);

    await u.selectOptions(screen.getByTestId('people-filter-status'), 'cancelled');
    expectCount(howMany((p) => p.status === 'cancelled'));
    await u.selectOptions(screen.getByTestId('people-filter-status'), 'all');

    await u.selectOptions(screen.getByTestId('people-filter-batch'), a2!.id);
    const inA2 = howMany((p) => p.batchId === a2!.id);
    expectCount(inA2);
    expect(inA2).toBeGreaterThan(30);

    // The choices are the kabupaten/kota the people come from, by name.
    const region = screen.getByTestId('people-filter-region');
    expect(within(region).getByRole('option', { name: 'Kota Banjarbaru' })).toBeInTheDocument();
    await u.selectOptions(region, '63.72');
    expectCount(howMany((p) => p.batchId === a2!.id && p.regionCode === '63.72'));
    await u.selectOptions(screen.getByTestId('people-filter-batch'), 'all');
    await u.selectOptions(region, 'all');

    await u.selectOptions(screen.getByTestId('people-filter-source'), 'walkin');
    const walkins = howMany((p) => p.source === 'walkin');
    expectCount(walkins);
    await u.click(screen.getByTestId('people-filter-review'));
    const review = howMany((p) => p.source === 'walkin' && !!p.needsReview);
    expectCount(review);
    expect(review).toBeGreaterThan(0);
    expect(review).toBeLessThan(walkins);
    for (const r of rows()) expect(within(r).getByTestId('needs-review')).toBeInTheDocument();

    const filters = screen.getByRole('search');
    await u.click(within(filters).getByRole('button', { name: 'Hapus saringan' }));
    expect(count()).toBe('120 peserta');
  });

  it('filters by certificate eligibility from the session marks', async () => {
    const gusti = fixture.people[0]!;
    for (const s of fixture.sessions.filter((x) => x.batchId === gusti.batchId)) {
      await markAttendance({
        eventId: FIXTURE_EVENT_ID,
        sessionId: s.id,
        participantId: gusti.id,
        status: 'hadir',
      });
    }
    const u = user();
    await shown();
    await u.selectOptions(screen.getByTestId('people-filter-eligibility'), 'eligible');
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent(gusti.fullName);
    await u.selectOptions(screen.getByTestId('people-filter-eligibility'), 'notEligible');
    expect(count()).toBe('119 dari 120 peserta');
  });

  it('moves everyone of a batch to another, so the batch can be deleted', async () => {
    const u = user();
    await shown();
    await u.selectOptions(screen.getByTestId('people-filter-batch'), a2!.id);
    const inA2 = howMany((p) => p.batchId === a2!.id);
    await u.selectOptions(screen.getByTestId('people-move-all-to'), a1!.id);
    const form = screen.getByTestId('people-move-all-to').closest('form')!;
    await u.click(within(form).getByRole('button', { name: 'Pindahkan' }));
    // One transaction for all of them: the outbox fills at once.
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(inA2), { timeout: 10_000 });
    await vi.waitFor(() =>
      expect(screen.getByText(`${inA2} peserta dipindahkan ke ${a1!.name}.`)).toHaveAttribute(
        'role',
        'status',
      ),
    );
    await vi.waitFor(() => expect(rows()).toHaveLength(0));
    expect(await db.participants.where('batchId').equals(a2!.id).count()).toBe(0);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(inA2);
    expect(new Set(outbox.map((r) => r.name))).toEqual(new Set(['participant.patch']));
  });
});
