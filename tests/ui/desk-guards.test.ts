// @vitest-environment jsdom
// What the desk must make staff see, over a real (fake-indexeddb) database with the test
// event (Angkatan I on 2 June 2025, Angkatan II on 23 June; three people each): a
// cancelled registration refused with its reason, another batch's person held for a
// deliberate override and confirmed in amber, a confirmation that clears before the next
// person, counters of today's batch, and check-ins the server refused.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ticketPayload } from '#domain/ticket';
import type { HadirDb } from '#db/database';
import CheckinPage from '#pages/CheckinPage.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
});
afterEach(() => {
  vi.useRealTimers();
});

const [P1, P2, P3, P4] = fixture.people as [
  (typeof fixture.people)[number],
  (typeof fixture.people)[number],
  (typeof fixture.people)[number],
  (typeof fixture.people)[number],
];
const count = (id: string) => Number(screen.getByTestId(`count-${id}`).textContent);
const rowOf = async (name: string) =>
  (await screen.findAllByTestId('desk-result')).find((r) => r.textContent?.includes(name))!;

/** The desk's clock at a WITA wall time (only Date is faked unless timers are asked for). */
function at(witaIso: string, timers = false) {
  vi.useFakeTimers({
    toFake: timers ? ['Date', 'setTimeout', 'clearTimeout'] : ['Date'],
  });
  vi.setSystemTime(new Date(`${witaIso}+08:00`));
}

async function openDesk(registeredToday: number) {
  render(CheckinPage);
  const search = await screen.findByTestId('desk-search');
  await vi.waitFor(() => expect(count('registered')).toBe(registeredToday));
  return search;
}

describe('a cancelled registration at the desk', () => {
  it('is shown cancelled with its reason, refused when searched or scanned, never recorded or signed', async () => {
    await db.participants.update(P1.id, { status: 'cancelled', cancelReason: 'Diganti rekan' });
    // Signatures on: a refused person must not reach the pad either.
    await db.events.update(FIXTURE_EVENT_ID, { signatureAtCheckin: true });
    at('2025-06-02T08:00:00');
    const u = userEvent.setup();
    const search = await openDesk(2); // Angkatan I's day: P3 and P5 (P1 cancelled)

    await u.type(search, 'rahmadi');
    const row = await rowOf(P1.fullName);
    expect(row).toHaveTextContent('Pendaftaran dibatalkan');
    expect(row).toHaveTextContent('Alasan: Diganti rekan');
    expect(within(row).queryByRole('button', { name: 'Check-in' })).toBeNull();

    // Enter on the only result: refused in words, with what to do.
    await u.keyboard('{Enter}');
    const refused = await screen.findByTestId('desk-refused');
    expect(refused).toHaveTextContent('DITOLAK');
    expect(refused).toHaveTextContent(`${P1.fullName}: pendaftaran dibatalkan`);
    expect(refused).toHaveTextContent('Alasan: Diganti rekan');
    expect(refused).toHaveTextContent('arahkan ke panitia');

    // Their ticket's QR, typed by a keyboard-wedge scanner: the same refusal.
    await u.type(search, ' x');
    expect(screen.queryByTestId('desk-refused')).toBeNull(); // the next search clears it
    await u.clear(search);
    await u.type(search, `${ticketPayload(P1.id, P1.ticketCode)}{Enter}`);
    expect(await screen.findByTestId('desk-refused')).toHaveTextContent('Alasan: Diganti rekan');

    expect(screen.queryByTestId('signature-pad')).toBeNull();
    expect(screen.queryByTestId('confirmation')).toBeNull();
    expect(await db.checkins.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(count('arrived')).toBe(0);
  });
});

describe('a person of another batch', () => {
  it('on Angkatan I’s day: warned with their batch and dates, checked in only by the explicit override, confirmed in amber', async () => {
    at('2025-06-02T08:00:00');
    const u = userEvent.setup();
    const search = await openDesk(3);
    expect(screen.getByTestId('desk-day')).toHaveTextContent('Hari ini: Angkatan I (2 Juni 2025)');

    await u.type(search, 'masitah ilmi');
    const row = await rowOf(P2.fullName);
    expect(row).toHaveTextContent('Bukan angkatan hari ini');
    await u.click(within(row).getByRole('button', { name: 'Check-in' }));
    const warning = await screen.findByTestId('desk-warning');
    expect(warning).toHaveTextContent(
      `${P2.fullName} terdaftar di Angkatan II (23 Juni 2025), bukan angkatan hari ini.`,
    );
    expect(screen.queryByTestId('confirmation')).toBeNull();
    expect(await db.checkins.count()).toBe(0);

    // "Jangan check-in": nothing recorded, the warning goes.
    await u.click(within(warning).getByRole('button', { name: 'Jangan check-in' }));
    expect(screen.queryByTestId('desk-warning')).toBeNull();
    expect(await db.checkins.count()).toBe(0);

    // Again, by QR, and this time the deliberate second button.
    await u.clear(search);
    await u.type(search, `${ticketPayload(P2.id, P2.ticketCode)}{Enter}`);
    const again = await screen.findByTestId('desk-warning');
    await u.click(within(again).getByRole('button', { name: 'Tetap check-in (angkatan lain)' }));
    const done = await screen.findByTestId('confirmation');
    expect(done).toHaveTextContent('HADIR · ANGKATAN LAIN');
    expect(done).toHaveTextContent('Dari Angkatan II (23 Juni 2025), bukan angkatan hari ini.');
    expect(done).toHaveAttribute('data-kind', 'override');
    expect(done).toHaveClass('override');
    const [out] = await db.outbox.toArray();
    expect(out).toMatchObject({
      name: 'checkin.record',
      args: { participantId: P2.id, method: 'qr' },
    });

    // Counted apart: not one of today's expected people.
    await vi.waitFor(() => expect(count('others')).toBe(1));
    expect(count('arrived')).toBe(0);
    expect(count('expected')).toBe(3);
  });

  it('on a day between batches: every person is warned the same way', async () => {
    at('2025-06-10T08:00:00');
    const u = userEvent.setup();
    const search = await openDesk(0);
    expect(screen.getByTestId('desk-day')).toHaveTextContent('bukan hari angkatan mana pun');
    await u.type(search, `${ticketPayload(P1.id, P1.ticketCode)}{Enter}`);
    expect(await screen.findByTestId('desk-warning')).toHaveTextContent(
      `${P1.fullName} terdaftar di Angkatan I (2 Juni 2025). Hari ini bukan hari angkatan mana pun.`,
    );
    await u.click(screen.getByRole('button', { name: 'Tetap check-in (angkatan lain)' }));
    expect(await screen.findByTestId('confirmation')).toHaveTextContent('ANGKATAN LAIN');
    await vi.waitFor(() => expect(count('others')).toBe(1));
  });

  it('a waitlisted person: warned, checked in only over “Tetap check-in (daftar tunggu)”', async () => {
    await db.participants.update(P3.id, { status: 'waitlisted' });
    at('2025-06-02T08:00:00');
    const u = userEvent.setup();
    const search = await openDesk(2);
    await u.type(search, `${ticketPayload(P3.id, P3.ticketCode)}{Enter}`);
    expect(await screen.findByTestId('desk-warning')).toHaveTextContent(
      `${P3.fullName} masih di daftar tunggu`,
    );
    expect(await db.checkins.count()).toBe(0);
    await u.click(screen.getByRole('button', { name: 'Tetap check-in (daftar tunggu)' }));
    expect(await screen.findByTestId('confirmation')).toHaveTextContent('HADIR · DAFTAR TUNGGU');
    expect(await db.checkins.count()).toBe(1);
  });
});

describe('the confirmation', () => {
  it('clears by itself after 6 s, once the undo is over', async () => {
    at('2025-06-02T08:00:00', true);
    const search = await openDesk(3);
    const u = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await u.type(search, `${ticketPayload(P1.id, P1.ticketCode)}{Enter}`);
    expect(await screen.findByTestId('confirmation')).toHaveTextContent(P1.fullName);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(screen.queryByRole('button', { name: 'Batalkan' })).toBeNull(); // undo is over…
    expect(screen.getByTestId('confirmation')).toHaveTextContent(P1.fullName); // …not the notice
    await vi.advanceTimersByTimeAsync(1_000);
    expect(screen.queryByTestId('confirmation')).toBeNull();
    expect(await db.checkins.count()).toBe(1);
  });

  it('clears at once when the next person is searched; the undo stays offered apart for its few seconds', async () => {
    at('2025-06-02T08:00:00', true);
    const search = await openDesk(3);
    const u = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await u.type(search, `${ticketPayload(P1.id, P1.ticketCode)}{Enter}`);
    expect(await screen.findByTestId('confirmation')).toHaveTextContent('HADIR');

    await u.type(search, 'n'); // the first key of the next name
    expect(screen.queryByTestId('confirmation')).toBeNull();
    const last = screen.getByTestId('last-checkin');
    expect(last).toHaveTextContent(`Check-in terakhir: ${P1.fullName}`);
    expect(last).not.toHaveTextContent('HADIR');

    // A wrong tap noticed late is still taken back from the grey line.
    await u.click(within(last).getByRole('button', { name: 'Batalkan' }));
    expect(await screen.findByTestId('undone')).toHaveTextContent(
      `Check-in ${P1.fullName} dibatalkan`,
    );
    expect(await db.checkins.count()).toBe(0);
  });

  it('a scan of the next person replaces it at once', async () => {
    at('2025-06-02T08:00:00');
    const u = userEvent.setup();
    const search = await openDesk(3);
    await u.type(search, `${ticketPayload(P1.id, P1.ticketCode)}{Enter}`);
    await vi.waitFor(() =>
      expect(screen.getByTestId('confirmation')).toHaveTextContent(P1.fullName),
    );
    await u.type(search, `${ticketPayload(P3.id, P3.ticketCode)}{Enter}`);
    await vi.waitFor(() =>
      expect(screen.getByTestId('confirmation')).toHaveTextContent(P3.fullName),
    );
    expect(screen.getByTestId('confirmation')).not.toHaveTextContent(P1.fullName);
  });
});

describe('the counters of a two-batch event', () => {
  it('on Angkatan I’s day count Angkatan I; on Angkatan II’s day, Angkatan II', async () => {
    at('2025-06-02T08:00:00');
    const u = userEvent.setup();
    const search = await openDesk(3);
    expect(screen.getByText('Terdaftar hari ini')).toBeTruthy();
    await u.type(search, `${ticketPayload(P1.id, P1.ticketCode)}{Enter}`);
    await vi.waitFor(() => expect(count('arrived')).toBe(1));
    expect(count('expected')).toBe(2);
    expect(screen.queryByTestId('count-others')).toBeNull();
    const batches = screen.getAllByTestId('count-batch').map((r) => r.textContent);
    expect(batches).toEqual(['Angkatan I (hari ini)1 / 3', 'Angkatan II 0 / 3']);
  });

  it('on Angkatan II’s day', async () => {
    at('2025-06-23T08:00:00');
    const u = userEvent.setup();
    const search = await openDesk(3);
    expect(screen.getByTestId('desk-day')).toHaveTextContent(
      'Hari ini: Angkatan II (23 Juni 2025)',
    );
    await u.type(search, `${ticketPayload(P4.id, P4.ticketCode)}{Enter}`);
    await vi.waitFor(() => expect(count('arrived')).toBe(1));
    expect(count('registered')).toBe(3);
    expect(count('expected')).toBe(2);
    const batches = screen.getAllByTestId('count-batch').map((r) => r.textContent);
    expect(batches).toEqual(['Angkatan I 0 / 3', 'Angkatan II (hari ini)1 / 3']);
  });
});

describe('check-ins the server refused', () => {
  it('are listed on the desk with the name and the reason, and can be retried or dismissed', async () => {
    const refused = (seq: number, participantId: string, code: string) => ({
      seq,
      id: `m${seq}`,
      name: 'checkin.record' as const,
      args: {
        checkinId: `c${seq}`,
        eventId: FIXTURE_EVENT_ID,
        participantId,
        day: '2025-06-02',
        at: '2025-06-02T00:05:00.000Z',
        method: 'search' as const,
      },
      hlc: `2025-06-02T00:05:00.000Z_0000_dev${seq}`,
      createdAt: '2025-06-02T00:05:00.000Z',
      status: 'rejected' as const,
      ackedAt: '2025-06-02T00:06:00.000Z',
      error: { code, message: '' },
    });
    await db.outbox.bulkPut([refused(1, P1.id, 'FORBIDDEN'), refused(2, P2.id, 'NOT_FOUND')]);
    await db.meta.put({ key: 'outboxSeq', value: 2 });
    const u = userEvent.setup();
    render(CheckinPage);
    const list = await screen.findByTestId('desk-server-refused');
    expect(list).toHaveTextContent('Check-in ditolak server (2)');
    const [first, second] = within(list).getAllByTestId('attention-item');
    expect(first).toHaveTextContent(P1.fullName);
    expect(first).toHaveTextContent('Tidak diizinkan untuk peran perangkat ini');
    expect(first).toHaveTextContent('08.05 WITA');
    expect(second).toHaveTextContent(P2.fullName);
    expect(second).toHaveTextContent('Data yang dirujuk tidak ada di server');

    await u.click(within(first!).getByRole('button', { name: 'Coba lagi' }));
    await vi.waitFor(() => expect(within(list).getAllByTestId('attention-item')).toHaveLength(1));
    const again = (await db.outbox.toArray()).find((r) => r.status === 'pending');
    expect(again).toMatchObject({ name: 'checkin.record', args: { participantId: P1.id } });

    await u.click(within(list).getByRole('button', { name: 'Abaikan' }));
    await vi.waitFor(() => expect(screen.queryByTestId('desk-server-refused')).toBeNull());
    expect((await db.outbox.get(2))?.status).toBe('dismissed');
  });
});
