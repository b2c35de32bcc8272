// @vitest-environment jsdom
// Deleting batches and sessions from the organiser's schedule, over a real
// (fake-indexeddb) database: the confirmation says what goes with it (the people marked in
// a session, a batch's sessions) before anything happens; "cancel" leaves everything; a
// batch that still has registrations cannot be deleted at all. What is deleted lands in the
// outbox as one mutation, with `force` exactly when something went with it.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Batch, Session } from '#domain/model';
import { mutationNames } from '#domain/mutations';
import { markAttendance } from '#db/attendance';
import type { HadirDb } from '#db/database';
import { saveBatch, saveSession } from '#db/events';
import { saveEnrollment } from '#sync/local';
import { hasMessage, translate, type MessageKey } from '#i18n/translate';
import OrganiserPage from '#pages/OrganiserPage.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
const user = () => userEvent.setup({ delay: null });

beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
  await saveEnrollment({
    deviceId: 'd-organiser',
    token: 'token',
    role: 'organiser',
    eventId: FIXTURE_EVENT_ID,
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const outbox = () => db.outbox.orderBy('seq').toArray();

async function openSchedule() {
  render(OrganiserPage);
  await user().click(await screen.findByRole('button', { name: 'Angkatan & sesi' }));
  await screen.findAllByTestId('batch');
}

// The event's view is read anew for each test's database: wait for the row itself.
async function editSession(title: string) {
  const row = await vi.waitFor(() => {
    const found = screen.getAllByTestId('session').find((r) => r.textContent?.includes(title));
    if (!found) throw new Error(`no session ${title}`);
    return found;
  });
  await user().click(within(row).getByRole('button', { name: 'Ubah' }));
}

async function editBatch(name: string) {
  const head = await vi.waitFor(() => {
    const section = screen
      .getAllByTestId('batch')
      .find((b) => b.querySelector('h3')?.firstChild?.textContent?.trim() === name);
    if (!section) throw new Error(`no batch ${name}`);
    return section.querySelector('.head') as HTMLElement;
  });
  await user().click(within(head).getByRole('button', { name: 'Ubah' }));
}

describe('deleting a session', () => {
  it('asks first; deletes a session nobody marked without taking anything else', async () => {
    const session = fixture.sessions[3]!;
    const u = user();
    await openSchedule();
    await editSession(session.title);
    await u.click(screen.getByRole('button', { name: 'Hapus sesi' }));
    const confirm = await screen.findByTestId('confirm');
    expect(confirm).toHaveTextContent(`Hapus sesi "${session.title}" dari semua perangkat?`);
    expect(await outbox()).toEqual([]); // nothing before the yes

    await u.click(within(confirm).getByRole('button', { name: 'Ya, hapus' }));
    await vi.waitFor(async () =>
      expect((await outbox()).map((r) => r.name)).toEqual(['session.delete']),
    );
    expect((await outbox())[0]!.args).toEqual({ sessionId: session.id, eventId: FIXTURE_EVENT_ID });
    expect(await screen.findByText(`"${session.title}" dihapus.`)).toBeInTheDocument();
    expect(await db.sessions.get(session.id)).toBeUndefined();
    expect(screen.getAllByTestId('session')).toHaveLength(fixture.sessions.length - 1);
  });

  it('says how many people’s marks go with it; cancel keeps them, yes deletes them too', async () => {
    const session = fixture.sessions[0]!;
    for (const p of fixture.people.filter((x) => x.batchId === session.batchId).slice(0, 2)) {
      // Marked twice: still one person.
      for (const status of ['terlambat', 'hadir'] as const) {
        await markAttendance({
          eventId: FIXTURE_EVENT_ID,
          sessionId: session.id,
          participantId: p.id,
          status,
        });
      }
    }
    const marked = await outbox();
    const u = user();
    await openSchedule();
    await editSession(session.title);
    await u.click(screen.getByRole('button', { name: 'Hapus sesi' }));
    expect(await screen.findByTestId('confirm')).toHaveTextContent(
      `beserta kehadiran 2 peserta yang sudah ditandai`,
    );
    await u.click(
      within(await screen.findByTestId('confirm')).getByRole('button', { name: 'Batal' }),
    );
    expect(screen.queryByTestId('confirm')).toBeNull();
    expect(await outbox()).toEqual(marked);

    await u.click(screen.getByRole('button', { name: 'Hapus sesi' }));
    await u.click(
      within(await screen.findByTestId('confirm')).getByRole('button', { name: 'Ya, hapus' }),
    );
    await vi.waitFor(async () => expect(await outbox()).toHaveLength(marked.length + 1));
    expect((await outbox()).at(-1)).toMatchObject({
      name: 'session.delete',
      args: { sessionId: session.id, force: true },
    });
    expect(await db.marks.where('sessionId').equals(session.id).count()).toBe(0);
  });
});

describe('deleting a batch', () => {
  it('cannot delete a batch that still has registrations: it says to move them first', async () => {
    const batch = fixture.batches[0]!;
    const people = fixture.people.filter((p) => p.batchId === batch.id).length;
    const u = user();
    await openSchedule();
    await editBatch(batch.name);
    await u.click(screen.getByRole('button', { name: 'Hapus angkatan' }));
    const confirm = await screen.findByTestId('confirm');
    expect(confirm).toHaveTextContent(`masih punya ${people} pendaftar`);
    expect(within(confirm).queryByRole('button', { name: 'Ya, hapus' })).toBeNull();
    await u.click(within(confirm).getByRole('button', { name: 'Tutup' }));
    expect(screen.queryByTestId('confirm')).toBeNull();
    expect(await outbox()).toEqual([]);
  });

  it('deletes an empty batch with its sessions once told how many go with it', async () => {
    const spare: Batch = { ...fixture.batches[1]!, id: 'spare', code: 'C3', name: 'Angkatan III' };
    const sessions: Session[] = ['s1', 's2'].map((id, i) => ({
      ...fixture.sessions[5 + i]!,
      id,
      batchId: spare.id,
    }));
    await saveBatch(spare);
    for (const s of sessions) await saveSession(s);
    const before = (await outbox()).length;
    const u = user();
    await openSchedule();
    await editBatch('Angkatan III');
    await u.click(screen.getByRole('button', { name: 'Hapus angkatan' }));
    expect(await screen.findByTestId('confirm')).toHaveTextContent(
      'Hapus angkatan "Angkatan III" dari semua perangkat, beserta 2 sesinya dan kehadiran 0 peserta',
    );
    await u.click(
      within(await screen.findByTestId('confirm')).getByRole('button', { name: 'Ya, hapus' }),
    );
    await vi.waitFor(async () => expect(await outbox()).toHaveLength(before + 1));
    expect((await outbox()).at(-1)).toMatchObject({
      name: 'batch.delete',
      args: { batchId: spare.id, eventId: FIXTURE_EVENT_ID, force: true },
    });
    expect(await db.batches.get(spare.id)).toBeUndefined();
    expect(await db.sessions.where('batchId').equals(spare.id).count()).toBe(0);
    await vi.waitFor(() => expect(screen.getAllByTestId('batch')).toHaveLength(2));
  });

  it('offers no deletion for a batch not saved yet', async () => {
    const u = user();
    await openSchedule();
    await u.click(screen.getByRole('button', { name: 'Tambah angkatan' }));
    expect(screen.getByTestId('batch-form')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Hapus angkatan' })).toBeNull();
  });
});

describe('a refused deletion on the device page', () => {
  it('names the change in words, as every kind of change is named', () => {
    for (const name of mutationNames) {
      expect(hasMessage(`mutation.${name}`), name).toBe(true);
    }
    expect(translate('id', 'mutation.session.delete' as MessageKey)).toBe('Hapus sesi');
    expect(translate('id', 'reject.IN_USE' as MessageKey)).toContain('Masih dipakai');
  });
});
