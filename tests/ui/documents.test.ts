// @vitest-environment jsdom
// The console's side of "a new event starts clean" and "documents need a signer": the
// "Kegiatan baru" button before the current event's long form, a new draft without the
// demo's official or committee, the focus on the first wrong field after a refused submit,
// the daftar hadir that will not print without an official, and the certificates the
// real server refuses to issue without a signatory (said in Indonesian, with a link to
// the field). Real Dexie (fake-indexeddb), a real server on 127.0.0.1 where one is needed.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_EVENT_ID, demoBatches, demoEvent, demoSessions } from '#domain/demo';
import { newEventDraft } from '#domain/event-template';
import type { Event } from '#domain/model';
import type { HadirDb } from '#db/database';
import { seedDemoIfEmpty } from '#db/events';
import { saveEnrollment } from '#db/sync-store';
import OrganiserPage from '#pages/OrganiserPage.svelte';
import { createEnrollCode } from '#server/auth';
import { AdminApi } from '#sync/admin';
import { Transport } from '#sync/transport';
import { organiserConsole } from '#state/organiser.svelte';
import { deviceFor, request, upsert } from '#tests/server/support';
import { freshDb } from '#tests/support/db';
import { startTestServer, type TestServer } from '#tests/support/server';

let db: HadirDb;
const user = () => userEvent.setup({ delay: null });
const openTab = async (name: string) =>
  user().click(await screen.findByRole('button', { name }, { timeout: 5000 }));

async function asOrganiserOf(eventId: string, token = 'token') {
  await saveEnrollment({ deviceId: 'd-organiser', token, role: 'organiser', eventId });
}

describe('Kegiatan baru', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    db = freshDb();
    await seedDemoIfEmpty();
    await asOrganiserOf(DEMO_EVENT_ID);
  });

  it('sits above the current event’s form and starts without the demo’s signers', async () => {
    render(OrganiserPage);
    const current = await screen.findByTestId('event-form', undefined, { timeout: 5000 });
    const button = screen.getByRole('button', { name: 'Kegiatan baru' });
    // Before the form in the page: no scrolling past the whole event to reach it.
    expect(button.compareDocumentPosition(current) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByLabelText('Nama kegiatan')).toHaveValue(demoEvent.name);

    await user().click(button);
    expect(await screen.findByRole('heading', { name: 'Kegiatan baru' })).toBeInTheDocument();
    expect(screen.getByLabelText('Mulai dari')).toHaveValue('');
    expect(screen.getByLabelText('Nama kegiatan')).toHaveValue('');
    const official = within(screen.getByRole('group', { name: 'Penandatangan daftar hadir' }));
    expect(official.getByLabelText('Nama (dengan gelar)')).toHaveValue('');
    expect(official.getByLabelText(/^NIP/)).toHaveValue('');
    const signatory = within(screen.getByRole('group', { name: 'Penandatangan sertifikat' }));
    expect(signatory.getByLabelText('Nama (dengan gelar)')).toHaveValue('');
    expect(screen.getByText('Belum ada narasumber atau panitia.')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('Contoh');
  });

  it('moves the focus to the first wrong field after a refused submit', async () => {
    const u = user();
    render(OrganiserPage);
    await u.click(await screen.findByRole('button', { name: 'Kegiatan baru' }, { timeout: 5000 }));
    await u.click(screen.getByRole('button', { name: 'Buat kegiatan' }));
    expect(await screen.findByTestId('event-name-error')).toHaveTextContent('Wajib diisi');
    expect(screen.getByLabelText('Nama kegiatan')).toHaveFocus();

    // Name filled in; a bad JP length further down is now the first wrong field.
    await u.type(screen.getByLabelText('Nama kegiatan'), 'Bimtek 2026');
    await u.type(screen.getByLabelText('Penyelenggara (instansi)'), 'Dispersip Kalsel');
    await u.clear(screen.getByLabelText('Menit per JP'));
    await u.type(screen.getByLabelText('Menit per JP'), '0');
    await u.click(screen.getByRole('button', { name: 'Buat kegiatan' }));
    await vi.waitFor(() => expect(screen.getByLabelText('Menit per JP')).toHaveFocus());

    // A committee member's name the documents cannot print is named and focused too.
    await u.clear(screen.getByLabelText('Menit per JP'));
    await u.type(screen.getByLabelText('Menit per JP'), '45');
    await u.click(screen.getByRole('button', { name: 'Tambah narasumber/panitia' }));
    await u.keyboard('Narasumber 🎤');
    await u.click(screen.getByRole('button', { name: 'Buat kegiatan' }));
    const row = within(screen.getByRole('group', { name: 'Orang ke-1' }));
    await vi.waitFor(() => expect(row.getByLabelText('Nama (dengan gelar)')).toHaveFocus());
    expect(screen.getByTestId('event-committee-0-name-error')).toHaveTextContent(
      'hanya huruf Latin',
    );
  });
});

describe('the daftar hadir without an official', () => {
  beforeEach(async () => {
    db = freshDb();
    await seedDemoIfEmpty();
    const { official: _none, ...unsigned } = demoEvent;
    await db.events.put(unsigned);
    await asOrganiserOf(DEMO_EVENT_ID);
  });

  it('is shown but neither printed nor downloaded, and links to where the official is set', async () => {
    render(OrganiserPage);
    await openTab('Daftar hadir');
    const refusal = await screen.findByTestId('sheet-no-official');
    expect(refusal).toHaveTextContent('pejabat penanda tangan (ketua panitia / PPTK) belum diisi');
    expect(screen.getByRole('button', { name: /^Cetak/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: /Unduh PDF/ })).toBeDisabled();
    expect(screen.getByTestId('attendance-sheet')).not.toHaveClass('printable');
    // The picker tells sessions of the two batches apart by batch and day.
    const options = within(screen.getByTestId('sheet-choice')).getAllByRole('option');
    expect(options[0]).toHaveTextContent(/Angkatan I · Senin, 2 Juni 2025, 07\.30/);

    await user().click(
      within(refusal).getByRole('button', {
        name: 'Isi penanda tangan daftar hadir (bagian Kegiatan)',
      }),
    );
    const official = within(screen.getByRole('group', { name: 'Penandatangan daftar hadir' }));
    await vi.waitFor(() => expect(official.getByLabelText('Nama (dengan gelar)')).toHaveFocus());
  });
});

describe('the certificate counts', () => {
  beforeEach(async () => {
    db = freshDb();
    await seedDemoIfEmpty();
    await asOrganiserOf(DEMO_EVENT_ID);
  });

  it('says "eligible, not issued" before anything is issued, never "no longer match"', async () => {
    // The list as the server last gave it (no connection in this test: it is kept).
    organiserConsole.certificates = {
      certificates: [],
      ineligible: [],
      pending: 3,
      revoked: 0,
      outdated: 0,
      unissued: 25,
      publishedAt: null,
      threshold: 80,
    };
    render(OrganiserPage);
    await openTab('Laporan');
    expect(await screen.findByTestId('certificates-unissued')).toHaveTextContent(
      '25 peserta memenuhi syarat, belum diterbitkan.',
    );
    expect(screen.queryByTestId('certificates-outdated')).toBeNull();
    expect(screen.getByTestId('certificates-pending')).toHaveTextContent(
      '3 peserta di angkatan yang belum selesai belum dinilai',
    );
  });
});

describe('the console against a real server', { timeout: 30_000 }, () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  /** `event` made on the server as the console makes it, and this device its organiser. */
  async function consoleOf(event: Event) {
    const enrollCode = createEnrollCode(server.db, { role: 'organiser', eventId: DEMO_EVENT_ID });
    const enrolled = await request(server.url, '/api/v1/devices/enroll', {
      body: { enrollCode: enrollCode.code, deviceInfo: { clientId: 'c-console' } },
    });
    const { token } = enrolled.json as { token: string };
    const created = await request(server.url, '/api/v1/admin/events', { token, body: { event } });
    expect(created.status, created.text).toBe(200);
    const moved = created.json as { token: string; deviceId: string };
    db = freshDb();
    await db.events.put(event);
    await saveEnrollment({ ...moved, role: 'organiser', eventId: event.id });
    organiserConsole.attach(new AdminApi(new Transport({ baseUrl: server.url })));
    return deviceFor(server.url, {
      ...moved,
      clientId: 'c-console',
      role: 'organiser',
      eventId: event.id,
    });
  }

  const typed = (id: string, name: string): Event => ({
    ...newEventDraft(id, '2026-08-03', { timezone: 'Asia/Makassar', provinceCode: '63' }),
    name,
    organizer: 'Dispersip Kalsel',
  });

  it('the server’s refusal of certificates is said in Indonesian, with a link to the signatory’s field', async () => {
    await consoleOf(typed('bimtek-ui', 'Bimtek Uji Sertifikat')); // nobody signs yet
    const u = user();
    render(OrganiserPage);
    await openTab('Laporan');
    // The list the server gave first (nothing issued), then the refused issue.
    expect(
      await screen.findByTestId('certificates-count', undefined, { timeout: 5000 }),
    ).toHaveTextContent('0 sertifikat terbit.');
    await vi.waitFor(() => expect(screen.getByTestId('certificates-issue')).toBeEnabled());
    await u.click(screen.getByTestId('certificates-issue'));
    const refusal = await screen.findByTestId('certificates-no-signatory', undefined, {
      timeout: 5000,
    });
    expect(refusal).toHaveTextContent(
      'Sertifikat tidak diterbitkan: penandatangan sertifikat belum diisi.',
    );
    expect(refusal).toHaveAttribute('role', 'alert');
    await u.click(
      within(refusal).getByRole('button', {
        name: 'Isi penandatangan sertifikat (bagian Kegiatan)',
      }),
    );
    const signatory = within(screen.getByRole('group', { name: 'Penandatangan sertifikat' }));
    await vi.waitFor(() => expect(signatory.getByLabelText('Nama (dengan gelar)')).toHaveFocus());
  });

  it('offers a real earlier event to start from: its settings fill the form, its signers do not', async () => {
    // An earlier event with a 50-minute JP, an official, a committee, one batch and session.
    const earlier: Event = {
      ...typed('bimtek-2025', 'Bimtek 2025'),
      startDate: '2025-06-02',
      endDate: '2025-06-02',
      minutesPerJp: 50,
      official: demoEvent.official!,
      committee: demoEvent.committee,
    };
    const device = await consoleOf(earlier);
    const batch = { ...demoBatches[0]!, id: 'b-2025', eventId: earlier.id };
    const session = { ...demoSessions[0]!, id: 's-2025', eventId: earlier.id, batchId: batch.id };
    await device.send(upsert('batch', batch), upsert('session', session));

    const u = user();
    render(OrganiserPage);
    // This event's form first (the console shows the device's event, then acts).
    await screen.findByDisplayValue('Bimtek 2025', undefined, { timeout: 5000 });
    await u.click(screen.getByRole('button', { name: 'Kegiatan baru' }));
    const source = screen.getByLabelText('Mulai dari');
    await vi.waitFor(
      () => {
        expect(within(source).getByRole('option', { name: /^Bimtek 2025/ })).toBeInTheDocument();
      },
      { timeout: 5000 },
    );
    // The demo is no event to copy from.
    expect(within(source).queryByRole('option', { name: new RegExp(demoEvent.name) })).toBeNull();
    await u.selectOptions(source, earlier.id);
    await vi.waitFor(() => expect(screen.getByLabelText('Menit per JP')).toHaveValue(50));
    const official = within(screen.getByRole('group', { name: 'Penandatangan daftar hadir' }));
    expect(official.getByLabelText('Nama (dengan gelar)')).toHaveValue('');
    expect(screen.getByText('Belum ada narasumber atau panitia.')).toBeInTheDocument();

    // Its schedule too: one day long, so an event ending before its first day is refused.
    await u.click(screen.getByLabelText(/Salin juga 1 angkatan dan 1 sesi/));
    await u.type(screen.getByLabelText('Nama kegiatan'), 'Bimtek 2026');
    await u.clear(screen.getByLabelText('Tanggal mulai'));
    await u.type(screen.getByLabelText('Tanggal mulai'), '2026-09-07');
    await u.clear(screen.getByLabelText('Tanggal selesai'));
    await u.type(screen.getByLabelText('Tanggal selesai'), '2026-09-06');
    await u.click(screen.getByRole('button', { name: 'Buat kegiatan' }));
    expect(await screen.findByTestId('event-endDate-error')).toHaveTextContent(
      'Tanggal selesai tidak boleh sebelum tanggal mulai',
    );
    expect(screen.getByLabelText('Tanggal selesai')).toHaveFocus();
  });
});
