// @vitest-environment jsdom
// The trainer's sessions and roster over a real (fake-indexeddb) database seeded with the
// test event: the list, "mark everyone who checked in" (hadir, or terlambat for who came after
// the start), tap to cycle, press-and-hold to choose, a note, the history, the counts.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recordCheckin } from '#db/checkins';
import type { HadirDb } from '#db/database';
import { saveEnrollment } from '#sync/local';
import SessionsPage from '#pages/SessionsPage.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
  // The open session lives in the address: each test starts on the list.
  history.replaceState(null, '', '/#/sessions');
  window.dispatchEvent(new HashChangeEvent('hashchange'));
});

// Angkatan I's second session: 08.15–09.45 WITA on 2 June 2025.
const session = fixture.sessions[1]!;
const batchPeople = fixture.people.filter((p) => p.batchId === session.batchId);
const [early, late, absent] = batchPeople; // three people in Angkatan I
const count = (s: string) => Number(screen.getByTestId(`count-${s}`).textContent);
const rowOf = async (name: string) =>
  (await screen.findAllByTestId('roster-row')).find((r) => r.textContent?.includes(name))!;

async function openSession() {
  render(SessionsPage);
  const cards = await screen.findAllByTestId('session');
  expect(cards).toHaveLength(fixture.sessions.length); // not enrolled: the event's every session
  await userEvent.click(cards.find((c) => c.textContent?.includes(session.title))!);
  await vi.waitFor(() => expect(count('unmarked')).toBe(batchPeople.length));
}

describe('a session roster', () => {
  it('marks everyone who checked in (late after the start), then cycles, chooses, notes and shows history', async () => {
    const u = userEvent.setup();
    const checkIn = (participantId: string, at: string) =>
      recordCheckin({
        eventId: FIXTURE_EVENT_ID,
        participantId,
        method: 'qr',
        timezone: 'Asia/Makassar',
        at: new Date(at),
      });
    await checkIn(early!.id, '2025-06-02T07:40:00+08:00');
    await checkIn(late!.id, '2025-06-02T08:40:00+08:00'); // after 08.15
    await openSession();

    const lateRow = await rowOf(late!.fullName);
    expect(lateRow).toHaveTextContent('saran: Terlambat');
    await u.dblClick(screen.getByTestId('mark-arrived')); // a double tap marks once
    await vi.waitFor(() => expect(count('hadir')).toBe(1));
    expect(count('terlambat')).toBe(1);
    expect(count('unmarked')).toBe(1);
    expect(await screen.findByRole('status')).toHaveTextContent('2 peserta ditandai');
    expect(await db.marks.count()).toBe(2);

    // Tap: unmarked → hadir → terlambat.
    const status = async () => within(await rowOf(absent!.fullName)).getByTestId('status');
    await u.click(await status());
    await vi.waitFor(async () => expect(await status()).toHaveTextContent('Hadir'));
    await u.click(await status());
    await vi.waitFor(async () => expect(await status()).toHaveTextContent('Terlambat'));

    // Press and hold (a context menu on touch screens): choose izin.
    await fireEvent.contextMenu(await status());
    await u.click(within(await rowOf(absent!.fullName)).getByRole('button', { name: 'Izin' }));
    await vi.waitFor(async () => expect(await status()).toHaveTextContent('Izin'));
    expect(count('izin')).toBe(1);

    // A note, then the history of marks: newest first, from this device.
    await u.click(within(await rowOf(absent!.fullName)).getByText(absent!.fullName));
    await u.type(screen.getByLabelText('Catatan (mis. izin: rapat dinas)'), 'izin: rapat dinas');
    await u.click(screen.getByRole('button', { name: 'Simpan catatan' }));
    // (The field's label also says "izin: rapat dinas": wait for the note itself.)
    await vi.waitFor(async () =>
      expect((await rowOf(absent!.fullName)).querySelector('em')).toHaveTextContent(
        'izin: rapat dinas',
      ),
    );
    const history = within(screen.getByTestId('history')).getAllByRole('listitem');
    expect(history.map((li) => li.textContent?.split(' · ')[0])).toEqual([
      'Izin',
      'Izin',
      'Terlambat',
      'Hadir',
    ]);
    expect(history[0]).toHaveTextContent('perangkat ini');

    const marks = await db.marks.where('participantId').equals(absent!.id).toArray();
    expect(marks).toHaveLength(4);
    expect((await db.outbox.toArray()).filter((r) => r.name === 'attendance.mark')).toHaveLength(6);
  });

  it('filters to the unmarked', async () => {
    const u = userEvent.setup();
    await openSession();
    await u.click(within(await rowOf(early!.fullName)).getByTestId('status'));
    await vi.waitFor(() => expect(count('hadir')).toBe(1));
    await u.click(screen.getByLabelText('Hanya yang belum ditandai'));
    const rows = await screen.findAllByTestId('roster-row');
    expect(rows).toHaveLength(batchPeople.length - 1);
    expect(rows.some((r) => r.textContent?.includes(early!.fullName))).toBe(false);
  });
});

describe('finishing a session', () => {
  it('a trainer finishes its session: marking closes on its phone; the organiser can reopen it', async () => {
    const u = userEvent.setup();
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await db.sessions.update(session.id, { trainerDeviceIds: ['trainer-phone'] });
    await saveEnrollment({
      deviceId: 'trainer-phone',
      token: 't',
      role: 'trainer',
      eventId: FIXTURE_EVENT_ID,
    });
    render(SessionsPage);
    // A trainer sees only the sessions it was given.
    await vi.waitFor(() => expect(screen.getAllByTestId('session')).toHaveLength(1));
    await u.click(screen.getByTestId('session'));
    await vi.waitFor(() => expect(count('unmarked')).toBe(batchPeople.length));

    await u.click(screen.getByTestId('finish'));
    expect(await screen.findByTestId('session-closed')).toHaveTextContent(
      'Kehadiran hanya dapat diubah panitia',
    );
    for (const b of screen.getAllByTestId('status')) expect(b).toBeDisabled();
    expect(screen.queryByTestId('mark-arrived')).toBeNull();
    expect(screen.queryByTestId('reopen')).toBeNull();
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({
      name: 'session.close',
      args: { sessionId: session.id, closed: true },
    });
    expect((await db.sessions.get(session.id))?.closedAt).toEqual(expect.any(String));

    // The same screen on the organiser's device: still editable, and it can reopen.
    await saveEnrollment({
      deviceId: 'org',
      token: 't',
      role: 'organiser',
      eventId: FIXTURE_EVENT_ID,
    });
    await u.click(await screen.findByTestId('reopen'));
    await vi.waitFor(() => expect(screen.queryByTestId('session-closed')).toBeNull());
    expect((await db.sessions.get(session.id))?.closedAt).toBeNull();
  });
});

describe('the open session in the address', () => {
  it('is kept over a reload, and the back button returns to the list', async () => {
    const u = userEvent.setup();
    await openSession();
    expect(location.hash).toBe(`#/sessions/${session.id}`);
    cleanup(); // a reload: the page again, from the address alone
    render(SessionsPage);
    expect(await screen.findByRole('heading', { name: session.title })).toBeTruthy();
    await vi.waitFor(() => expect(count('unmarked')).toBe(batchPeople.length));
    await u.click(screen.getByRole('button', { name: '‹ Semua sesi' }));
    expect(location.hash).toBe('#/sessions');
    expect(await screen.findAllByTestId('session')).toHaveLength(fixture.sessions.length);
  });
});
