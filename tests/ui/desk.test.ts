// @vitest-environment jsdom
// The check-in desk over a real (fake-indexeddb) database seeded with the test event:
// search as one types, one tap → checked in with its outbox row, a second tap → a repeat
// (recorded, not counted twice), counters following.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stripAcademicTitles } from '#domain/search';
import { ticketPayload } from '#domain/ticket';
import type { HadirDb } from '#db/database';
import { saveEnrollment } from '#sync/local';
import CheckinPage from '#pages/CheckinPage.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
});

const registered = fixture.people.filter((p) => p.status === 'registered').length;
const count = (id: string) => Number(screen.getByTestId(`count-${id}`).textContent);

describe('the check-in desk', () => {
  it('finds a person as one types, checks them in with one tap, and counts a second tap as a repeat', async () => {
    const u = userEvent.setup();
    const person = fixture.people[0]!;
    render(CheckinPage);
    const search = await screen.findByTestId('desk-search');
    await vi.waitFor(() => expect(count('registered')).toBe(registered));
    expect(document.activeElement).toBe(search);
    expect(count('arrived')).toBe(0);

    const firstName = stripAcademicTitles(person.fullName).split(' ')[0]!.toLowerCase();
    await u.type(search, firstName);
    const row = (await screen.findAllByTestId('desk-result')).find((r) =>
      r.textContent?.includes(person.fullName),
    )!;
    await u.click(within(row).getByRole('button', { name: 'Check-in' }));

    expect(await screen.findByTestId('confirmation')).toHaveTextContent('HADIR');
    expect(screen.getByTestId('confirmation')).toHaveTextContent(person.fullName);
    await vi.waitFor(() => expect(count('arrived')).toBe(1));
    expect(count('expected')).toBe(registered - 1);
    expect(search).toHaveValue(''); // ready for the next person
    expect(document.activeElement).toBe(search);
    const [row1] = await db.outbox.toArray();
    expect(row1).toMatchObject({
      name: 'checkin.record',
      args: { participantId: person.id, method: 'search' },
    });

    // The same person again: recorded, shown as a repeat, not counted twice.
    await u.type(search, firstName);
    const again = (await screen.findAllByTestId('desk-result')).find((r) =>
      r.textContent?.includes(person.fullName),
    )!;
    expect(again).toHaveTextContent(/Sudah hadir .* di meja ini/);
    await u.click(within(again).getByRole('button', { name: 'Check-in' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('confirmation')).toHaveTextContent(
        'dicatat sebagai check-in ulang',
      ),
    );
    await vi.waitFor(() => expect(count('repeats')).toBe(1));
    expect(count('arrived')).toBe(1);
    expect(await db.checkins.count()).toBe(2);
  });

  it('finds by part of a NIP, and says so when nobody matches', async () => {
    const u = userEvent.setup();
    const withNip = fixture.people.find((p) => p.nip)!;
    render(CheckinPage);
    const search = await screen.findByTestId('desk-search');
    await u.type(search, withNip.nip!.slice(4, 10));
    const rows = await screen.findAllByTestId('desk-result');
    expect(rows[0]).toHaveTextContent(withNip.fullName);
    await u.clear(search);
    await u.type(search, 'zzzz tidak ada');
    expect(await screen.findByText(/Tidak ada yang cocok/)).toBeTruthy();
  });
});

describe('undo at the desk', () => {
  it('tap → checked in → undo: the check-in is gone, a checkin.void follows it out, and the counters follow', async () => {
    const u = userEvent.setup();
    const person = fixture.people[2]!;
    render(CheckinPage);
    const search = await screen.findByTestId('desk-search');
    await vi.waitFor(() => expect(count('registered')).toBe(registered));
    await u.type(search, `${ticketPayload(person.id, person.ticketCode)}{Enter}`);
    await vi.waitFor(() => expect(count('arrived')).toBe(1));
    expect(await db.outbox.count()).toBe(1);

    await u.click(screen.getByRole('button', { name: 'Batalkan' }));
    expect(await screen.findByTestId('undone')).toHaveTextContent(
      `Check-in ${person.fullName} dibatalkan`,
    );
    expect(screen.queryByTestId('confirmation')).toBeNull();
    await vi.waitFor(() => expect(count('arrived')).toBe(0));
    expect(await db.checkins.count()).toBe(0);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.name)).toEqual(['checkin.record', 'checkin.void']);
    expect(rows[1]!.args).toMatchObject({
      checkinId: (rows[0]!.args as { checkinId: string }).checkinId,
    });
    expect(document.activeElement).toBe(search);
  });

  it('offers undo only for a few seconds; after that the check-in stands', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const person = fixture.people[3]!;
      render(CheckinPage);
      const search = await screen.findByTestId('desk-search');
      await vi.waitFor(() => expect(count('registered')).toBe(registered));
      const u = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      await u.type(search, `${ticketPayload(person.id, person.ticketCode)}{Enter}`);
      expect(await screen.findByRole('button', { name: 'Batalkan' })).toBeTruthy();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(screen.queryByRole('button', { name: 'Batalkan' })).toBeNull();
      expect(screen.getByTestId('confirmation')).toHaveTextContent(person.fullName);
      expect(await db.checkins.count()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a keyboard-wedge scanner typing a ticket', () => {
  it('checks the ticket’s person in on Enter (method qr), and refuses a wrong or unknown ticket', async () => {
    const u = userEvent.setup();
    const person = fixture.people[1]!;
    render(CheckinPage);
    const search = await screen.findByTestId('desk-search');
    await vi.waitFor(() => expect(count('registered')).toBe(registered));

    await u.type(search, `HADIR1.${person.id}.ZZZZZZ{Enter}`);
    expect(await screen.findByTestId('desk-problem')).toHaveTextContent(
      'Kode cek tiket tidak cocok',
    );
    await u.type(search, `HADIR1.orang-lain.${person.ticketCode}{Enter}`);
    expect(await screen.findByTestId('desk-problem')).toHaveTextContent('Tiket tidak dikenal');
    expect(await db.checkins.count()).toBe(0);

    await u.type(search, `${ticketPayload(person.id, person.ticketCode)}{Enter}`);
    await vi.waitFor(() =>
      expect(screen.getByTestId('confirmation')).toHaveTextContent(person.fullName),
    );
    expect(screen.queryByTestId('desk-problem')).toBeNull();
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({ args: { participantId: person.id, method: 'qr' } });
  });

  it('a ticket saved before its registration was merged: shows the earlier one, checked in after an identity check', async () => {
    const u = userEvent.setup();
    const person = fixture.people[4]!;
    // The second phone's registration (same NIP) became an alias of the first one. Its
    // ticket carries no code of the first, so the desk checks identity and taps.
    await db.aliases.put({ id: 'second-phone', eventId: person.eventId, canonicalId: person.id });
    render(CheckinPage);
    const search = await screen.findByTestId('desk-search');
    await vi.waitFor(() => expect(count('registered')).toBe(registered));
    await u.type(search, `${ticketPayload('second-phone', 'QWERTY')}{Enter}`);
    expect(await screen.findByTestId('desk-problem')).toHaveTextContent('pendaftaran ganda');
    expect(await db.checkins.count()).toBe(0);
    const row = (await screen.findAllByTestId('desk-result')).find((r) =>
      r.textContent?.includes(person.fullName),
    )!;
    await u.click(within(row).getByRole('button', { name: 'Check-in' }));
    await vi.waitFor(() =>
      expect(screen.getByTestId('confirmation')).toHaveTextContent(person.fullName),
    );
    const [out] = await db.outbox.toArray();
    expect(out).toMatchObject({ args: { participantId: person.id, method: 'search' } });
  });
});

describe('the desk’s guards', () => {
  it('a double tap is one check-in, not a check-in and a repeat', async () => {
    const u = userEvent.setup();
    const person = fixture.people[5]!;
    render(CheckinPage);
    const search = await screen.findByTestId('desk-search');
    await vi.waitFor(() => expect(count('registered')).toBe(registered));
    await u.type(search, person.nip!);
    const row = (await screen.findAllByTestId('desk-result'))[0]!;
    await u.dblClick(within(row).getByRole('button', { name: 'Check-in' }));
    await vi.waitFor(() => expect(count('arrived')).toBe(1));
    expect(await db.checkins.count()).toBe(1);
    expect(count('repeats')).toBe(0);
  });

  it('is not offered to a trainer’s device', async () => {
    await saveEnrollment({ deviceId: 'd', token: 't', role: 'trainer', eventId: FIXTURE_EVENT_ID });
    render(CheckinPage);
    expect(await screen.findByTestId('desk-role')).toHaveTextContent(
      'hanya untuk perangkat petugas check-in dan panitia',
    );
    expect(screen.queryByTestId('desk-search')).toBeNull();
  });

  it('starts a new day’s arrivals and batch after midnight without a reload', async () => {
    // 23:58 WITA on 2 June 2025, Angkatan I's day; 3 June is a day between batches.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2025-06-02T15:58:00Z'));
    try {
      const u = userEvent.setup();
      const person = fixture.people[0]!; // Angkatan I
      const angkatanI = fixture.people.filter((p) => p.batchId === person.batchId).length;
      render(CheckinPage);
      const search = await screen.findByTestId('desk-search');
      await vi.waitFor(() => expect(count('registered')).toBe(angkatanI));
      await u.type(search, `${ticketPayload(person.id, person.ticketCode)}{Enter}`);
      await vi.waitFor(() => expect(count('arrived')).toBe(1));
      vi.setSystemTime(new Date('2025-06-02T16:00:30Z')); // 00:00:30 WITA, 3 June
      vi.advanceTimersByTime(60_000);
      await vi.waitFor(() => expect(count('arrived')).toBe(0));
      expect(count('registered')).toBe(0); // nobody's batch today
      expect(count('expected')).toBe(0);
      expect(screen.getByTestId('desk-day')).toHaveTextContent('bukan hari angkatan mana pun');
    } finally {
      vi.useRealTimers();
    }
  });
});
