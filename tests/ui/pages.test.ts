// @vitest-environment jsdom
// The real pages over a real (fake-indexeddb) database seeded with the test event, or with
// the built-in demo where a test is of what a newcomer sees first. The state singletons read
// whichever database freshDb() installed; LiveQuery subscribes lazily, so each test seeds
// first and renders after.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoEvent, demoParticipants } from '#domain/demo';
import { formatTime } from '#domain/time';
import type { HadirDb } from '#db/database';
import { seedDemoIfEmpty } from '#db/events';
import { translate } from '#i18n/translate';
import { errorReport } from '#state/errors.svelte';
import EventPage from '#pages/EventPage.svelte';
import ParticipantsPage from '#pages/ParticipantsPage.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

const banner = translate('id', 'demo.banner');
let db: HadirDb;

beforeEach(() => {
  db = freshDb();
});

afterEach(() => {
  errorReport.dismiss();
  vi.restoreAllMocks();
});

describe('EventPage', () => {
  // The built-in demo, as a device shows it before enrolment: flagged by its banner.
  it('shows the demo event with its dates and session times in WITA', async () => {
    await seedDemoIfEmpty();
    render(EventPage);
    expect(await screen.findByTestId('event-name')).toHaveTextContent(demoEvent.name);
    expect(screen.getByTestId('demo-banner')).toHaveTextContent(banner);
    expect(screen.getByText(demoEvent.organizer)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Angkatan I' })).toBeInTheDocument();
    expect(screen.getByText('Senin, 2 Juni 2025')).toBeInTheDocument();
    // Both batches open with the same 45-minute session, each on its own day.
    expect(screen.getAllByText('07.30–08.15 WITA')).toHaveLength(2);
  });
});

describe('ParticipantsPage', () => {
  async function rowOf(name: string): Promise<HTMLElement> {
    const strong = await screen.findByText(name);
    return strong.closest('li')!;
  }

  // The built-in demo's people, under its banner (see above).
  it('lists the demo participants', async () => {
    await seedDemoIfEmpty();
    render(ParticipantsPage);
    await vi.waitFor(() =>
      expect(screen.getAllByTestId('participant')).toHaveLength(demoParticipants.length),
    );
    expect(screen.getByText(banner)).toBeInTheDocument();
    expect(screen.getByText(`${demoParticipants.length} peserta`)).toBeInTheDocument();
    for (const p of demoParticipants) {
      const row = await rowOf(p.fullName);
      expect(row).toHaveTextContent(p.institution);
      expect(within(row).getByRole('button', { name: 'Check-in' })).toBeInTheDocument();
    }
  });

  it('records a check-in with its outbox row and shows the arrival time', async () => {
    const user = userEvent.setup();
    await seedFixtureLocally();
    const person = fixture.people[1]!;
    render(ParticipantsPage);
    const row = await rowOf(person.fullName);

    await user.click(within(row).getByRole('button', { name: 'Check-in' }));

    await vi.waitFor(() => expect(within(row).queryByRole('button')).toBeNull());
    const checkins = await db.checkins.toArray();
    expect(checkins).toHaveLength(1);
    expect(checkins[0]).toMatchObject({
      eventId: FIXTURE_EVENT_ID,
      participantId: person.id,
      method: 'search',
    });
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      name: 'checkin.record',
      status: 'pending',
      args: { checkinId: checkins[0]!.id, participantId: person.id },
    });

    const shown = within(row).getByText(/^Hadir /);
    expect(shown).toHaveTextContent(/^Hadir \d{2}\.\d{2} WITA$/);
    expect(shown).toHaveTextContent(`Hadir ${formatTime(checkins[0]!.at, 'Asia/Makassar', 'id')}`);
    expect(screen.getByRole('status')).toHaveTextContent(`${person.fullName} tercatat hadir`);
    // Everyone else is still waiting to be checked in.
    expect(screen.getAllByRole('button', { name: 'Check-in' })).toHaveLength(
      fixture.people.length - 1,
    );
    expect(errorReport.current).toBeUndefined();
  });

  it('stores nothing and reports a full device when the outbox insert fails', async () => {
    const user = userEvent.setup();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await seedFixtureLocally();
    const person = fixture.people[0]!;
    render(ParticipantsPage);
    const row = await rowOf(person.fullName);
    db.outbox.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });

    await user.click(within(row).getByRole('button', { name: 'Check-in' }));

    await vi.waitFor(() => expect(errorReport.current).toBe('error.storageQuota'));
    expect(await db.checkins.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(within(row).getByRole('button', { name: 'Check-in' })).toBeInTheDocument();
    expect(within(row).queryByText(/^Hadir /)).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    // Logged for support without the person's data.
    expect(logged).toHaveBeenCalledWith('hadir: local write failed', 'StorageError');
  });
});
