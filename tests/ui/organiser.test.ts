// @vitest-environment jsdom
// The organiser console over a real (fake-indexeddb) database with the test event and an
// organiser enrolment: event setup with its errors, batches and sessions with the clash
// warning, the participants view with masked and full NIK, the daftar hadir (participants,
// narasumber, panitia; its PDF download), the registration poster, and the retention
// rule. Every save must land in the outbox with the local write.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { maskNik } from '#domain/nik';
import { emptySummary } from '#domain/setup';
import type { HadirDb } from '#db/database';
import { markAttendance } from '#db/attendance';
import { recordCheckin } from '#db/checkins';
import { saveEnrollment } from '#sync/local';
import OrganiserPage from '#pages/OrganiserPage.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
const user = () => userEvent.setup();
const NIK = '6371014506900002';

beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
  await saveEnrollment({
    deviceId: 'd-organiser',
    token: 'token',
    role: 'organiser',
    eventId: FIXTURE_EVENT_ID,
  });
  await db.participants.update(fixture.people[0]!.id, { nik: NIK });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function openTab(name: string) {
  await user().click(await screen.findByRole('button', { name }));
}

const outboxNames = async () => (await db.outbox.orderBy('seq').toArray()).map((r) => r.name);

describe('event setup', () => {
  it('names each wrong field in Indonesian, keeps what was typed, and saves once fixed', async () => {
    const u = user();
    render(OrganiserPage);
    const name = await screen.findByLabelText('Nama kegiatan');
    await u.clear(name);
    await u.clear(screen.getByLabelText('Menit per JP'));
    await u.type(screen.getByLabelText('Menit per JP'), '0');
    await u.type(screen.getByLabelText('Kota Banjarmasin'), '-3');
    await u.click(screen.getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByTestId('event-name-error')).toHaveTextContent('Wajib diisi');
    expect(screen.getByTestId('event-minutesPerJp-error')).toHaveTextContent(
      'Menit per JP harus bilangan bulat 1–240',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Periksa isian yang ditandai merah.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(await outboxNames()).toEqual([]);
    expect(screen.getByLabelText('Kota Banjarmasin')).toHaveValue(-3); // still there

    await u.type(name, 'Bimtek Tenaga Perpustakaan 2026');
    await u.clear(screen.getByLabelText('Menit per JP'));
    await u.type(screen.getByLabelText('Menit per JP'), '45');
    await u.clear(screen.getByLabelText('Kota Banjarmasin'));
    await u.type(screen.getByLabelText('Kota Banjarmasin'), '12');
    await u.click(screen.getByLabelText('Kumpulkan NIK peserta'));
    await u.click(screen.getByLabelText('Minta tanda tangan peserta di tablet saat check-in'));
    await u.click(screen.getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Tersimpan di perangkat ini');
    expect(await outboxNames()).toEqual(['event.upsert']);
    const saved = await db.events.get(FIXTURE_EVENT_ID);
    expect(saved).toMatchObject({
      name: 'Bimtek Tenaga Perpustakaan 2026',
      collectNik: !fixture.event.collectNik,
      signatureAtCheckin: !fixture.event.signatureAtCheckin,
      regionQuotas: { '63.71': 12 },
    });
  });
});

describe('batches and sessions', () => {
  it('refuses a batch code another batch uses, then saves the batch', async () => {
    const u = user();
    render(OrganiserPage);
    await openTab('Angkatan & sesi');
    await u.click(await screen.findByRole('button', { name: 'Tambah angkatan' }));
    const code = screen.getByLabelText('Kode (mis. A1)');
    await u.clear(code);
    await u.type(code, fixture.batches[0]!.code);
    await u.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByTestId('batch-code-error')).toHaveTextContent(
      'Kode ini sudah dipakai angkatan lain',
    );
    await u.clear(code);
    await u.type(code, 'c3');
    await u.clear(screen.getByLabelText('Nama angkatan'));
    await u.type(screen.getByLabelText('Nama angkatan'), 'Angkatan III');
    await u.click(screen.getByRole('button', { name: 'Simpan' }));

    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['batch.upsert']));
    const added = (await db.batches.toArray()).find((b) => b.code === 'C3');
    expect(added).toMatchObject({ name: 'Angkatan III', eventId: FIXTURE_EVENT_ID });
    expect(await screen.findByRole('heading', { name: /Angkatan III/ })).toBeInTheDocument();
  });

  it('saves a session in WITA with JP from its length, and warns of a clash in its batch', async () => {
    const u = user();
    const first = fixture.sessions[0]!;
    const batch = fixture.batches.find((b) => b.id === first.batchId)!;
    render(OrganiserPage);
    await openTab('Angkatan & sesi');
    const section = (await screen.findAllByTestId('batch')).find((s) =>
      within(s).queryByRole('heading', { name: new RegExp(batch.name) }),
    )!;
    await u.click(within(section).getByRole('button', { name: 'Tambah sesi' }));
    await u.type(screen.getByLabelText('Judul materi'), 'Praktik Katalogisasi');
    // The new session starts at 08:00 WITA on the batch's first day, as the first one does.
    const start = screen.getByLabelText('Mulai');
    const end = screen.getByLabelText('Selesai');
    await u.clear(start);
    await u.type(start, '07:30');
    await u.clear(end);
    await u.type(end, '09:00');
    expect(screen.getByLabelText('JP')).toHaveValue(2); // 90 minutes of 45
    await u.click(screen.getByRole('button', { name: 'Simpan' }));

    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['session.upsert']));
    const saved = (await db.sessions.toArray()).find((s) => s.title === 'Praktik Katalogisasi');
    // 07:30–09:00 WITA (UTC+8) on 2 June 2025.
    expect(batch.startDate).toBe('2025-06-02');
    expect(saved).toMatchObject({
      batchId: batch.id,
      start: '2025-06-01T23:30:00.000Z',
      end: '2025-06-02T01:00:00.000Z',
      jp: 2,
    });
    // 07:30–09:00 shares time with the first two sessions of the batch.
    const warnings = await screen.findAllByTestId('overlap');
    const texts = warnings.map((w) => w.textContent).sort();
    // Both start at 07:30, so either may be named first in the first warning.
    expect(texts).toHaveLength(2);
    expect(texts.join()).toContain(first.title);
    expect(texts.join()).toContain(`"Praktik Katalogisasi" dan "${fixture.sessions[1]!.title}"`);
    for (const text of texts) expect(text).toMatch(new RegExp(`^Bentrok waktu di ${batch.name}: `));
  });
});

describe('participants', () => {
  it('masks NIK in the list, shows it in full when opened, and deletes for every device', async () => {
    const u = user();
    const person = fixture.people[0]!;
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    render(OrganiserPage);
    await openTab('Peserta');
    const row = (await screen.findAllByTestId('person')).find((r) =>
      r.textContent?.includes(person.fullName),
    )!;
    expect(row).toHaveTextContent(maskNik(NIK));
    expect(row).not.toHaveTextContent(NIK);

    await u.click(within(row).getByRole('button', { name: 'Buka' }));
    expect(within(row).getByTestId('full-nik')).toHaveTextContent(NIK);
    expect(within(row).getByTestId('person-detail')).toHaveTextContent(person.phone);

    await u.click(within(row).getByRole('button', { name: 'Hapus peserta' }));
    expect(window.confirm).toHaveBeenCalledWith(expect.stringContaining(person.fullName));
    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['participant.delete']));
    expect(await db.participants.get(person.id)).toBeUndefined();
    expect(await screen.findByRole('status')).toHaveTextContent(`${person.fullName} dihapus.`);
  });

  it('deletes nothing when the organiser does not confirm', async () => {
    const u = user();
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    render(OrganiserPage);
    await openTab('Peserta');
    const row = (await screen.findAllByTestId('person'))[0]!;
    await u.click(within(row).getByRole('button', { name: 'Buka' }));
    await u.click(within(row).getByRole('button', { name: 'Hapus peserta' }));
    expect(await outboxNames()).toEqual([]);
    expect(await db.participants.count()).toBe(fixture.people.length);
  });
});

describe('attendance credit in the organiser’s list', () => {
  it('shows JP earned, the percentage and eligibility from the session marks', async () => {
    // Angkatan I: five sessions of 1 + 2 + 2 + 2 + 1 = 8 JP; the threshold is 80%.
    const sessions = fixture.sessions.filter((s) => s.batchId === fixture.batches[0]!.id);
    expect(sessions.map((s) => s.jp)).toEqual([1, 2, 2, 2, 1]);
    const [full, most] = fixture.people.filter((p) => p.batchId === fixture.batches[0]!.id);
    for (const s of sessions) {
      await markAttendance({
        eventId: FIXTURE_EVENT_ID,
        sessionId: s.id,
        participantId: full!.id,
        status: 'hadir',
      });
      // Late to the first, excused from the last two: 1 + 2 + 2 = 5 of 8 JP = 62.5%.
      const status =
        s === sessions[0] ? 'terlambat' : s.jp === 2 && s !== sessions[3] ? 'hadir' : 'izin';
      await markAttendance({
        eventId: FIXTURE_EVENT_ID,
        sessionId: s.id,
        participantId: most!.id,
        status,
      });
    }
    render(OrganiserPage);
    await openTab('Peserta');
    const rowOf = async (name: string) =>
      (await screen.findAllByTestId('person')).find((r) => r.textContent?.includes(name))!;
    await vi.waitFor(async () =>
      expect(within(await rowOf(full!.fullName)).getByTestId('credit')).toHaveTextContent(
        '8/8 JP · 100%',
      ),
    );
    expect(within(await rowOf(full!.fullName)).getByTestId('eligible')).toHaveTextContent(
      'Layak sertifikat',
    );
    expect(within(await rowOf(most!.fullName)).getByTestId('credit')).toHaveTextContent(
      '5/8 JP · 62,5%',
    );
    expect(within(await rowOf(most!.fullName)).getByTestId('eligible')).toHaveTextContent(
      'Belum layak',
    );
  });
});

describe('the daftar hadir', () => {
  it('lists the session’s batch with NIP and position, draws a captured signature, leaves a box for ink, and is signed off by the official', async () => {
    const u = user();
    const session = fixture.sessions[1]!; // Angkatan I, 08.15–09.45 WITA on 2 June 2025
    const people = fixture.people.filter((p) => p.batchId === session.batchId);
    await recordCheckin({
      eventId: FIXTURE_EVENT_ID,
      participantId: people[0]!.id,
      method: 'qr',
      timezone: 'Asia/Makassar',
      at: new Date('2025-06-02T07:40:00+08:00'),
      signature: 'M10 60l40 -20 30 30 40 -40',
    });
    // A session sheet shows the day's signature only beside someone marked present in it.
    await markAttendance({
      eventId: FIXTURE_EVENT_ID,
      sessionId: session.id,
      participantId: people[0]!.id,
      status: 'hadir',
    });
    render(OrganiserPage);
    await openTab('Daftar hadir');
    await u.selectOptions(await screen.findByTestId('sheet-choice'), `s:${session.id}`);
    const sheet = screen.getByTestId('attendance-sheet');
    await vi.waitFor(() =>
      expect(within(sheet).getAllByTestId('sheet-row')).toHaveLength(people.length),
    );
    expect(sheet).toHaveTextContent(`Kegiatan: ${fixture.event.name}`);
    expect(sheet).toHaveTextContent('Hari/tanggal: Senin, 2 Juni 2025');
    expect(sheet).toHaveTextContent(session.title);
    const [first, second] = within(sheet).getAllByTestId('sheet-row');
    expect(first).toHaveTextContent(people[0]!.fullName);
    expect(first).toHaveTextContent('19870412 201403 1 001'); // NIP, grouped
    expect(first!.querySelector('path')?.getAttribute('d')).toBe('M10 60l40 -20 30 30 40 -40');
    expect(first).toHaveTextContent('TTD datang 07.40');
    expect(within(second!).queryByTestId('signature')).toBeNull(); // a box for wet ink
    expect(sheet).toHaveTextContent(fixture.event.official!.name);
    expect(sheet).toHaveTextContent('NIP. 19760214 200112 1 001');
  });
});

describe('the committee’s daftar hadir and the PDF', () => {
  it('lists the narasumber of the event for a day, with their NIP, under its own title', async () => {
    const u = user();
    const narasumber = fixture.event.committee.filter((m) => m.role === 'narasumber');
    // The day's speakers (the sessions' own, each once, in the order they speak), then the
    // committee's narasumber.
    const speakers = [
      ...new Set(
        fixture.sessions.filter((s) => s.batchId === fixture.batches[0]!.id).map((s) => s.speaker),
      ),
    ];
    render(OrganiserPage);
    await openTab('Daftar hadir');
    await u.selectOptions(await screen.findByTestId('sheet-choice'), 'narasumber:2025-06-02');
    const sheet = screen.getByTestId('attendance-sheet');
    await vi.waitFor(() => expect(sheet).toHaveTextContent('DAFTAR HADIR NARASUMBER'));
    const rows = within(sheet).getAllByTestId('sheet-row');
    expect(rows.map((r) => r.querySelectorAll('td')[1]?.textContent)).toEqual([
      ...speakers,
      ...narasumber.map((m) => m.name),
    ]);
    const [first, second] = rows.slice(speakers.length);
    expect(first).toHaveTextContent(narasumber[0]!.position);
    expect(second).toHaveTextContent('19810630 200604 1 002'); // NIP, grouped
    expect(within(sheet).queryByTestId('signature')).toBeNull();
    expect(sheet).not.toHaveTextContent(fixture.people[0]!.fullName);
    expect(sheet).toHaveTextContent('Hari/tanggal: Senin, 2 Juni 2025');
    expect(sheet).not.toHaveTextContent('Sesi:');
    expect(sheet).toHaveTextContent(fixture.event.official!.name);
  });

  it('downloads the chosen sheet as a PDF file', async () => {
    const u = user();
    let saved: { blob: Blob; name: string } | undefined;
    const blobs = new Map<string, Blob>();
    // jsdom has no object URLs: record the Blob each one stands for.
    const { createObjectURL, revokeObjectURL } = URL;
    onTestFinished(() => {
      Object.assign(URL, { createObjectURL, revokeObjectURL });
    });
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.set(`blob:${blobs.size}`, blob);
      return `blob:${blobs.size - 1}`;
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved = { blob: blobs.get(this.href)!, name: this.download };
    });
    render(OrganiserPage);
    await openTab('Daftar hadir');
    await u.selectOptions(await screen.findByTestId('sheet-choice'), 'panitia:2025-06-23');
    await vi.waitFor(() =>
      expect(screen.getByTestId('attendance-sheet')).toHaveTextContent('DAFTAR HADIR PANITIA'),
    );
    await u.click(screen.getByRole('button', { name: 'Unduh PDF' }));
    await vi.waitFor(() => expect(saved).toBeDefined());
    expect(saved!.name).toBe('daftar-hadir-panitia-2025-06-23.pdf');
    expect(saved!.blob.type).toBe('application/pdf');
    const head = new TextDecoder().decode(
      new Uint8Array(await saved!.blob.arrayBuffer()).slice(0, 5),
    );
    expect(head).toBe('%PDF-');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('registration link and poster', () => {
  it('gives a short link by event and a printable poster with the event name and its QR', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    render(OrganiserPage);
    await openTab('Pendaftaran');
    const link = await screen.findByTestId('registration-link');
    expect(link).toHaveTextContent(`${location.origin}/r/${FIXTURE_EVENT_ID}`);
    // jsdom runs on localhost: the organiser is told phones cannot open such a link.
    expect(screen.getByTestId('localhost-warning')).toHaveTextContent('localhost');
    const poster = screen.getByTestId('poster');
    expect(poster).toHaveTextContent(fixture.event.name);
    expect(poster).toHaveTextContent('Pindai untuk mendaftar');
    expect(within(poster).getByTestId('qr')).toBeInTheDocument();
    await user().click(screen.getByRole('button', { name: 'Cetak poster A4' }));
    expect(print).toHaveBeenCalledOnce();
  });
});

describe('personal data', () => {
  it('keeps the purge off until the retention period is over, and says from when', async () => {
    await db.events.update(FIXTURE_EVENT_ID, { retentionDays: 3650 });
    render(OrganiserPage);
    await openTab('Data pribadi');
    const button = await screen.findByRole('button', { name: 'Hapus data pribadi kegiatan ini' });
    expect(button).toBeDisabled();
    // 23 June 2025 + 3650 days.
    expect(screen.getByText(/^Tombol aktif mulai \S+ 21 Juni 2035\.$/)).toBeInTheDocument();
  });

  it('shows what is left after a purge: the counts', async () => {
    await db.events.update(FIXTURE_EVENT_ID, {
      purge: { ...emptySummary('2026-07-01T02:00:00.000Z'), participants: 97, cancelled: 3 },
    });
    render(OrganiserPage);
    await openTab('Data pribadi');
    expect(await screen.findByTestId('purged')).toHaveTextContent('1 Juli 2026');
    expect(screen.getByText('Tersisa jumlah saja: 97 peserta, 3 batal.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Hapus data pribadi kegiatan ini' })).toBeNull();
  });
});
