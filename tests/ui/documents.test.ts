// @vitest-environment jsdom
// The console's side of "a new event starts clean" and "documents need a signer": the
// "Kegiatan baru" button before the current event's long form, a new draft without the
// current event's official or committee, the focus on the first wrong field after a refused submit,
// the daftar hadir that will not print without an official, and the certificates the
// real server refuses to issue without a signatory (said in Indonesian, with a link to
// the field). Real Dexie (fake-indexeddb), a real server on 127.0.0.1 where one is needed.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { DEMO_EVENT_ID, demoBatches, demoEvent, demoSessions } from '#domain/demo';
import { newEventDraft } from '#domain/event-template';
import type { Event } from '#domain/model';
import { markAttendance } from '#db/attendance';
import { recordCheckin } from '#db/checkins';
import type { HadirDb } from '#db/database';
import { seedDemoIfEmpty } from '#db/events';
import { saveEnrollment } from '#sync/local';
import OrganiserPage from '#pages/OrganiserPage.svelte';
import ExportsSection from '#pages/organiser/reports/ExportsSection.svelte';
import { createEnrollCode } from '#server/auth';
import { seedDemo } from '#server/seed';
import { AdminApi } from '#sync/admin';
import { Transport } from '#sync/transport';
import { organiserConsole } from '#state/organiser.svelte';
import { deviceFor, request, upsert } from '#tests/server/support';
import { freshDb } from '#tests/support/db';
import { startTestServer, type TestServer } from '#tests/support/server';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

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
    await seedFixtureLocally();
    await asOrganiserOf(FIXTURE_EVENT_ID);
  });

  it('sits above the current event’s form and starts without its signers', async () => {
    render(OrganiserPage);
    const current = await screen.findByTestId('event-form', undefined, { timeout: 5000 });
    const button = screen.getByRole('button', { name: 'Kegiatan baru' });
    // Before the form in the page: no scrolling past the whole event to reach it.
    expect(button.compareDocumentPosition(current) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByLabelText('Nama kegiatan')).toHaveValue(fixture.event.name);

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
    const { approver, certificate, committee } = fixture.event;
    for (const signer of [fixture.event.official, approver, certificate!.signatory, ...committee]) {
      expect(document.body.textContent).not.toContain(signer!.name);
    }
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

describe('the daftar hadir without an official', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    db = freshDb();
    await seedFixtureLocally();
    const { official: _none, ...unsigned } = fixture.event;
    await db.events.put(unsigned);
    await asOrganiserOf(FIXTURE_EVENT_ID);
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

describe('the daftar hadir as evidence', { timeout: 30_000 }, () => {
  const session = fixture.sessions[1]!; // Angkatan I, 08.15–09.45 WITA on 2 June 2025
  const people = fixture.people.filter((p) => p.batchId === session.batchId);
  beforeEach(async () => {
    db = freshDb();
    await seedFixtureLocally();
    await asOrganiserOf(FIXTURE_EVENT_ID);
    await recordCheckin({
      eventId: FIXTURE_EVENT_ID,
      participantId: people[0]!.id,
      method: 'qr',
      timezone: 'Asia/Makassar',
      at: new Date('2025-06-02T07:40:00+08:00'),
      signature: 'M10 60l40 -20 30 30 40 -40',
    });
    // Signed at the desk too, but excused from this session: no signature on its sheet.
    await recordCheckin({
      eventId: FIXTURE_EVENT_ID,
      participantId: people[1]!.id,
      method: 'qr',
      timezone: 'Asia/Makassar',
      at: new Date('2025-06-02T07:45:00+08:00'),
      signature: 'M10 10l50 50',
    });
    const marked = { eventId: FIXTURE_EVENT_ID, sessionId: session.id };
    await markAttendance({ ...marked, participantId: people[0]!.id, status: 'hadir' });
    await markAttendance({ ...marked, participantId: people[1]!.id, status: 'izin' });
  });

  async function sessionSheet() {
    render(OrganiserPage);
    await openTab('Daftar hadir');
    await user().selectOptions(await screen.findByTestId('sheet-choice'), `s:${session.id}`);
    const sheet = screen.getByTestId('attendance-sheet');
    await vi.waitFor(() =>
      expect(within(sheet).getAllByTestId('sheet-row')).toHaveLength(people.length),
    );
    return sheet;
  }
  const rowOf = (sheet: HTMLElement, name: string) =>
    within(sheet)
      .getAllByTestId('sheet-row')
      .find((r) => r.textContent?.includes(name))!;

  it('shows the marks, the arrival signature labelled, the absent struck, the count and both signatories', async () => {
    const sheet = await sessionSheet();
    const present = rowOf(sheet, people[0]!.fullName);
    expect(present).toHaveTextContent('Hadir');
    expect(present).toHaveTextContent('TTD datang 07.40');
    expect(present.querySelector('path')?.getAttribute('d')).toBe('M10 60l40 -20 30 30 40 -40');
    const excused = rowOf(sheet, people[1]!.fullName);
    expect(excused).toHaveTextContent('Izin');
    expect(within(excused).queryByTestId('signature')).toBeNull();
    expect(within(excused).getByTestId('struck')).toHaveAccessibleName(
      'Dicoret: tidak hadir, tidak dapat ditandatangani',
    );
    expect(rowOf(sheet, people[2]!.fullName)).toHaveTextContent('Belum dicatat');
    expect(within(sheet).getByTestId('sheet-tally')).toHaveTextContent('Jumlah hadir: 1 orang');
    expect(within(sheet).getByTestId('sheet-kop')).toHaveTextContent('DINAS PERPUSTAKAAN UJI');
    expect(sheet).toHaveTextContent('Angkatan: Angkatan I');
    expect(sheet).toHaveTextContent('Tahun Anggaran: 2025');
    const approver = within(sheet).getByTestId('sheet-approver');
    expect(approver).toHaveTextContent(
      `Mengetahui, Pejabat Pembuat Komitmen ${fixture.event.approver!.name}`,
    );
    expect(within(sheet).getByTestId('sheet-official')).toHaveTextContent(
      `Banjarbaru, 2 Juni 2025 Ketua Panitia ${fixture.event.official!.name}`,
    );
  });

  /** Object URLs in jsdom (it has none): each stands for the Blob it was made of. */
  function objectUrls() {
    const blobs = new Map<string, Blob>();
    const { createObjectURL, revokeObjectURL } = URL;
    onTestFinished(() => {
      Object.assign(URL, { createObjectURL, revokeObjectURL });
    });
    URL.createObjectURL = vi.fn((blob: Blob) => {
      const url = `blob:sheet-${blobs.size}`;
      blobs.set(url, blob);
      return url;
    });
    URL.revokeObjectURL = vi.fn();
    return blobs;
  }
  const isPdf = async (blob: Blob | undefined) =>
    new TextDecoder().decode(new Uint8Array(await blob!.arrayBuffer()).slice(0, 5)) === '%PDF-';

  it('prints the PDF itself: "Cetak (A4)" loads it into a frame to print', async () => {
    const blobs = objectUrls();
    Object.defineProperty(navigator, 'pdfViewerEnabled', { value: true, configurable: true });
    onTestFinished(() => {
      Reflect.deleteProperty(navigator, 'pdfViewerEnabled');
    });
    await sessionSheet();
    await user().click(screen.getByRole('button', { name: 'Cetak (A4)' }));
    const frame = await screen.findByTestId('sheet-print-frame', undefined, { timeout: 5000 });
    const src = frame.getAttribute('src')!;
    expect(blobs.get(src)?.type).toBe('application/pdf');
    expect(await isPdf(blobs.get(src))).toBe(true);
  });

  it('saves the PDF to print from its viewer where the browser shows no PDF in a page', async () => {
    const blobs = objectUrls();
    Object.defineProperty(navigator, 'pdfViewerEnabled', { value: false, configurable: true });
    onTestFinished(() => {
      Reflect.deleteProperty(navigator, 'pdfViewerEnabled');
    });
    let saved: { blob: Blob | undefined; name: string } | undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved = { blob: blobs.get(this.href), name: this.download };
    });
    await sessionSheet();
    await user().click(screen.getByRole('button', { name: 'Cetak (A4)' }));
    expect(
      await screen.findByTestId('sheet-print-fallback', undefined, { timeout: 5000 }),
    ).toHaveTextContent('PDF-nya diunduh');
    expect(saved!.name).toBe('daftar-hadir-peserta-2025-06-02-a1-sesi-2.pdf');
    expect(await isPdf(saved!.blob)).toBe(true);
    expect(screen.queryByTestId('sheet-print-frame')).toBeNull();
  });
});

describe('the certificate counts', () => {
  beforeEach(async () => {
    db = freshDb();
    await seedFixtureLocally();
    await asOrganiserOf(FIXTURE_EVENT_ID);
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

// On the built-in demo event: the console must say its certificates are marked CONTOH.
describe('what the certificates will state', () => {
  beforeEach(async () => {
    db = freshDb();
    await seedDemoIfEmpty();
    await asOrganiserOf(DEMO_EVENT_ID);
  });
  afterEach(() => {
    organiserConsole.certificates = undefined;
  });

  it('is said before issuing: programme JP, the batch’s date, the demo’s mark; a walk-in’s missing data', async () => {
    organiserConsole.certificates = {
      certificates: [],
      ineligible: [
        {
          participantId: 'walk-in',
          fullName: 'Datang Langsung',
          batchName: 'Angkatan I',
          reason: 'incomplete',
          jpEarned: 8,
          jpTotal: 8,
          percent: 100,
        },
      ],
      pending: 0,
      revoked: 0,
      outdated: 0,
      unissued: 0,
      publishedAt: null,
      threshold: 80,
    };
    render(OrganiserPage);
    await openTab('Laporan');
    expect(await screen.findByTestId('ineligible-row')).toHaveTextContent(
      'Data belum lengkap (walk-in): lengkapi datanya di Dasbor',
    );
    // The console's event is a live query: it may show the last test's event for a moment.
    expect(await screen.findByTestId('certificates-demo')).toHaveTextContent(
      'setiap halaman sertifikat bertanda CONTOH',
    );
    const rule = screen.getByText(/Sertifikat mencantumkan JP program angkatannya/);
    expect(rule).toHaveTextContent('hari terakhir angkatan');
    // The demo is signed in Banjarbaru (its certificate's place): nothing to warn about.
    expect(screen.queryByTestId('certificates-no-place')).toBeNull();
  });
});

describe('certificates against a real server', { timeout: 30_000 }, () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
    db = freshDb();
    await seedFixtureLocally();
  });
  afterEach(async () => {
    organiserConsole.certificates = undefined;
    await server.stop();
  });

  it('a 0% threshold is refused in Indonesian, with a link to the threshold', async () => {
    const { enrollDevice } = await import('#tests/server/support');
    const organiser = await enrollDevice(server, 'organiser');
    const zero = { ...fixture.event, certificateThreshold: 0 };
    // The server refuses to store it now; an event stored before that rule still has it.
    expect((await organiser.send(upsert('event', zero))).results[0]!.status).toBe('rejected');
    server.db
      .prepare(
        "UPDATE rows SET data = json_set(data, '$.certificateThreshold', 0) WHERE tbl = 'events' AND id = ?",
      )
      .run(FIXTURE_EVENT_ID);
    await db.events.put(zero);
    await asOrganiserOf(FIXTURE_EVENT_ID, organiser.token);
    organiserConsole.attach(new AdminApi(new Transport({ baseUrl: server.url })));

    const u = user();
    render(OrganiserPage);
    await openTab('Laporan');
    await vi.waitFor(() => expect(screen.getByTestId('certificates-issue')).toBeEnabled(), {
      timeout: 5000,
    });
    await u.click(screen.getByTestId('certificates-issue'));
    const refusal = await screen.findByTestId('certificates-bad-threshold', undefined, {
      timeout: 5000,
    });
    expect(refusal).toHaveAttribute('role', 'alert');
    expect(refusal).toHaveTextContent('batas kehadiran 0% berarti semua orang lulus');
    await u.click(
      within(refusal).getByRole('button', { name: 'Atur batas kehadiran (bagian Kegiatan)' }),
    );
    await vi.waitFor(() =>
      expect(screen.getByLabelText('Batas kehadiran untuk sertifikat (%)')).toHaveFocus(),
    );
  });

  // A certificate of the built-in demo event (seeded as `npm start` seeds it): its public
  // check must say it is a sample.
  it('the public check of a demo certificate says it is a sample, with its dates and signatory', async () => {
    const { enrollDevice, mark, person, register } = await import('#tests/server/support');
    seedDemo(server.db);
    const organiser = await enrollDevice(server, 'organiser', { eventId: DEMO_EVENT_ID });
    const siti = person({
      fullName: 'Siti Aminah, S.IP.',
      source: 'import',
      eventId: DEMO_EVENT_ID,
      batchId: demoBatches[0]!.id,
    });
    const a1 = demoSessions.filter((s) => s.batchId === demoBatches[0]!.id);
    await organiser.send(
      register(siti),
      ...a1.map((s) => mark(s.id, siti.id, 'hadir', { eventId: DEMO_EVENT_ID })),
    );
    const issued = await request(server.url, '/api/v1/admin/certificates/issue', {
      token: organiser.token,
      body: {},
    });
    expect(issued.status, issued.text).toBe(200);
    const url = (issued.json as { certificates: { verifyUrl: string }[] }).certificates[0]!
      .verifyUrl;

    history.replaceState(null, '', `/#/verify/${url.split('/').pop()!}`);
    const { default: VerifyPage } = await import('#pages/VerifyPage.svelte');
    render(VerifyPage, { props: { transport: new Transport({ baseUrl: server.url }) } });
    const verdict = await screen.findByTestId('verify-verdict', undefined, { timeout: 5000 });
    expect(verdict).toHaveTextContent('Contoh — bukan sertifikat asli');
    expect(screen.getByTestId('verify-name')).toHaveTextContent('Siti Aminah, S.IP.');
    expect(screen.getByTestId('verify-dates')).toHaveTextContent(/^2 Juni 2025$/);
    expect(screen.getByTestId('verify-issued')).toHaveTextContent(/^2 Juni 2025$/);
    const signatory = demoEvent.certificate!.signatory!;
    expect(screen.getByTestId('verify-signatory')).toHaveTextContent(
      `${signatory.name}${signatory.title}`,
    );
    // Only what the certificate prints: no NIP of anyone, no institution.
    for (const secret of [signatory.nip, siti.nip!, siti.institution]) {
      expect(document.body.textContent).not.toContain(secret);
    }
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
    const enrollCode = createEnrollCode(server.db, {
      role: 'organiser',
      eventId: FIXTURE_EVENT_ID,
    });
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
      official: fixture.event.official!,
      committee: fixture.event.committee,
    };
    const device = await consoleOf(earlier);
    seedDemo(server.db); // as `npm start` has it: the demo is there, and never offered
    const batch = { ...fixture.batches[0]!, id: 'b-2025', eventId: earlier.id };
    const session = {
      ...fixture.sessions[0]!,
      id: 's-2025',
      eventId: earlier.id,
      batchId: batch.id,
    };
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

describe('the spreadsheet exports', { timeout: 30_000 }, () => {
  const { createObjectURL, revokeObjectURL } = URL;
  let saved: { blob: Blob; name: string }[];
  beforeEach(async () => {
    db = freshDb();
    await seedFixtureLocally();
    await asOrganiserOf(FIXTURE_EVENT_ID);
    // jsdom has no object URLs or downloads: keep the Blob each download stands for.
    saved = [];
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.set(`blob:${blobs.size}`, blob);
      return `blob:${blobs.size - 1}`;
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ blob: blobs.get(this.href)!, name: this.download });
    });
  });
  afterEach(() => {
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    vi.restoreAllMocks();
    organiserConsole.certificates = undefined;
  });

  // The section alone, on the test event: the console's event and certificate state are
  // singletons that earlier tests in this file leave pointing elsewhere.
  const renderExports = () =>
    render(ExportsSection, {
      props: {
        view: { event: fixture.event, batches: fixture.batches, sessions: fixture.sessions },
      },
    });

  async function download(testId: string) {
    await user().click(await screen.findByTestId(testId));
    // The XLSX writer loads on the first click (its own chunk): give it time.
    await vi.waitFor(() => expect(saved).toHaveLength(1), { timeout: 15_000 });
    const exports = screen.getByRole('region', { name: 'Ekspor spreadsheet' });
    expect(within(exports).queryByRole('alert')).toBeNull();
    return saved[0]!;
  }

  it('without a certificate list, the register sheet says so in a row', async () => {
    organiserConsole.certificates = undefined;
    renderExports();
    expect(await screen.findByTestId('exports-no-certificates')).toHaveTextContent(
      'Perangkat ini belum punya daftarnya',
    );
    const file = await download('export-certificates-xlsx');
    expect(file.name).toMatch(/^hadir-certificates-.*\.xlsx$/);
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const [sheet] = await readXlsxFile(Buffer.from(await file.blob.arrayBuffer()));
    expect(sheet!.sheet).toBe('Register sertifikat');
    const rows = sheet!.data.map((r) => r.filter((c) => c !== null));
    expect(rows[0]).toEqual(['REGISTER SERTIFIKAT']);
    expect(rows.at(-1)![0]).toMatch(/^Daftar sertifikat tidak tersedia di perangkat ini/);
  });

  it('lists the certificates the console last had, their codes as text in CSV', async () => {
    organiserConsole.certificates = {
      certificates: [
        {
          participantId: 'p1',
          number: '001/BIMTEK-LI/DISPERSIP/VI/2025',
          verifyUrl: 'https://hadir.example/#/verify/2345678923',
          fullName: 'Gusti Rahmadi, S.IP.',
          nip: '198704122014031001',
          institution: 'Dinas Perpustakaan Uji Kota Banjarmasin',
          eventName: fixture.event.name,
          organizer: fixture.event.organizer,
          batchName: 'Angkatan I',
          startDate: '2025-06-02',
          endDate: '2025-06-02',
          jp: 8,
          place: 'Banjarmasin',
          issuedDate: '2025-06-02',
        },
      ],
      ineligible: [],
      revoked: 0,
      outdated: 0,
      publishedAt: null,
      threshold: 80,
    };
    renderExports();
    expect(screen.queryByTestId('exports-no-certificates')).toBeNull();
    const file = await download('export-certificates-csv');
    const text = new TextDecoder().decode(await file.blob.arrayBuffer());
    expect(text.split('\r\n').slice(0, 2)).toEqual([
      'No;Nomor sertifikat;Nama lengkap;NIP/NI PPPK;Angkatan;JP;Kode verifikasi;Dicabut',
      '1;001/BIMTEK-LI/DISPERSIP/VI/2025;Gusti Rahmadi, S.IP.;"=""19870412 201403 1 001""";Angkatan I;8;"=""2345678923""";Tidak',
    ]);
  });
});
