// @vitest-environment jsdom
// A refusal is shown where the work was made: a trainer's marks the server refused (the
// session was finished meanwhile) appear on the person's roster row with the refused
// status, the reason in Indonesian and what to do, with retry and dismiss; the badge says
// they need attention (never "Semua tersimpan") and its detail points to the roster.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HadirDb, OutboxRow } from '#db/database';
import { saveEnrollment, settle } from '#sync/local';
import SessionsPage from '#pages/SessionsPage.svelte';
// eslint-disable-next-line no-restricted-imports -- the app shell sits at src/, outside the aliases
import App from '../../src/App.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
const session = fixture.sessions[1]!;
const [first, second] = fixture.people.filter((p) => p.batchId === session.batchId);
const CLOSED = 'Sesi sudah diselesaikan: hanya panitia yang dapat mengubah kehadirannya';

beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
  await db.sessions.update(session.id, { trainerDeviceIds: ['trainer-phone'] });
  await saveEnrollment({
    deviceId: 'trainer-phone',
    token: 't',
    role: 'trainer',
    eventId: FIXTURE_EVENT_ID,
  });
  history.replaceState(null, '', `/#/sessions/${session.id}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
});

const rowOf = async (name: string) =>
  (await screen.findAllByTestId('roster-row', {}, { timeout: 10_000 })).find((r) =>
    r.textContent?.includes(name),
  )!;
const statusOf = async (name: string) => within(await rowOf(name)).getByTestId('status');

/** The server refuses every pending mark: the session was finished on another device. */
async function refuseAll() {
  const pending = await db.outbox.where('status').equals('pending').sortBy('seq');
  await settle(
    pending.map((r) => ({
      seq: r.seq,
      status: 'rejected' as const,
      code: 'SESSION_CLOSED',
      message: 'Session is closed',
    })),
    pending.at(-1)!.seq,
  );
}

async function markTwice(u: ReturnType<typeof userEvent.setup>, name: string) {
  await u.click(await statusOf(name));
  await vi.waitFor(async () => expect(await statusOf(name)).toHaveTextContent('Hadir'));
  await u.click(await statusOf(name));
  await vi.waitFor(async () => expect(await statusOf(name)).toHaveTextContent('Terlambat'));
}

describe('refused marks on the roster', () => {
  it('show on the row: the refused status, why, what to do; retry sends the latest again', async () => {
    const u = userEvent.setup();
    render(SessionsPage);
    await rowOf(first!.fullName);
    await markTwice(u, first!.fullName);
    await refuseAll();

    // Undone on the device, but not silently: the row says what was refused and why.
    const refused = await vi.waitFor(async () =>
      within(await rowOf(first!.fullName)).getByTestId('refused-mark'),
    );
    expect(await statusOf(first!.fullName)).toHaveTextContent('Belum ditandai');
    expect(refused).toHaveTextContent('Ditolak server: Terlambat');
    expect(within(refused).getByTestId('refused-reason')).toHaveTextContent(CLOSED);
    expect(refused).toHaveTextContent('Minta panitia membuka kembali sesi');
    expect(screen.getByTestId('refused-summary')).toHaveTextContent(
      '1 tanda kehadiran di sesi ini ditolak server.',
    );
    expect(within(await rowOf(second!.fullName)).queryByTestId('refused-mark')).toBeNull();

    await u.click(within(refused).getByRole('button', { name: 'Coba lagi' }));
    await vi.waitFor(async () =>
      expect(within(await rowOf(first!.fullName)).queryByTestId('refused-mark')).toBeNull(),
    );
    expect(screen.queryByTestId('refused-summary')).toBeNull();
    const rows = (await db.outbox.orderBy('seq').toArray()) as OutboxRow<'attendance.mark'>[];
    expect(rows.map((r) => r.status)).toEqual(['dismissed', 'dismissed', 'pending']);
    expect(rows[2]).toMatchObject({
      name: 'attendance.mark',
      args: { participantId: first!.id, status: 'terlambat', markId: rows[1]!.args.markId },
    });
  });

  it('dismissed: the refusal goes, the mark stays as the server has it', async () => {
    const u = userEvent.setup();
    render(SessionsPage);
    await markTwice(u, second!.fullName);
    await refuseAll();
    const refused = await vi.waitFor(async () =>
      within(await rowOf(second!.fullName)).getByTestId('refused-mark'),
    );
    await u.click(within(refused).getByRole('button', { name: 'Abaikan' }));
    await vi.waitFor(async () =>
      expect(within(await rowOf(second!.fullName)).queryByTestId('refused-mark')).toBeNull(),
    );
    expect((await db.outbox.toArray()).map((r) => r.status)).toEqual(['dismissed', 'dismissed']);
    expect(await statusOf(second!.fullName)).toHaveTextContent('Belum ditandai');
  });
});

describe('the badge with refusals', () => {
  it('says they need attention, never "Semua tersimpan", and its detail points to the roster', async () => {
    const u = userEvent.setup();
    render(App);
    await markTwice(u, first!.fullName);
    await u.click(await statusOf(second!.fullName));
    await vi.waitFor(async () =>
      expect(await statusOf(second!.fullName)).toHaveTextContent('Hadir'),
    );
    await refuseAll();

    const badge = screen.getByTestId('sync-badge');
    await vi.waitFor(() => expect(badge).toHaveTextContent('3 perlu perhatian'));
    expect(badge).toHaveClass('error');
    await u.click(badge);
    const detail = screen.getByRole('region', { name: 'Status sinkron' });
    const items = within(detail).getAllByTestId('attention-item');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Kehadiran sesi');
    expect(items[0]).toHaveTextContent(CLOSED);
    expect(within(items[0]!).getByRole('link', { name: 'Buka' })).toHaveAttribute(
      'href',
      `#/sessions/${session.id}`,
    );

    // Dismissed one by one from the detail: then, and only then, all saved.
    for (const item of within(detail).getAllByTestId('attention-item')) {
      await u.click(within(item).getByRole('button', { name: 'Abaikan' }));
    }
    await vi.waitFor(() => expect(badge).toHaveTextContent('Semua tersimpan'));
  });
});
