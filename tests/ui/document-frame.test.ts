// @vitest-environment jsdom
// The official frame of the documents, set in the organiser's event form over a real
// (fake-indexeddb) database: kop surat with a logo, the city of signing, the budget, the
// "Mengetahui" signatory, what certificates state, a panitia member's days and a batch's
// certificate date; a threshold of 0 and an oversized logo are refused with their reason,
// nothing typed is lost.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HadirDb } from '#db/database';
import { saveEnrollment } from '#sync/local';
import OrganiserPage from '#pages/OrganiserPage.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
const user = () => userEvent.setup();

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

const outboxNames = async () => (await db.outbox.orderBy('seq').toArray()).map((r) => r.name);
// A 1×1 PNG.
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

describe('the documents’ frame in the event form', () => {
  it('saves the kop surat, logo, city, budget, approver and certificate choices', async () => {
    const u = user();
    // The test event has a frame already: each field is replaced, as an organiser would.
    const fill = async (field: HTMLElement, value: string) => {
      await u.clear(field); // leaves the field focused
      await u.paste(value);
    };
    render(OrganiserPage);
    const frame = await screen.findByRole('group', { name: 'Kop surat dan penandatangan dokumen' });
    const f = within(frame);
    await fill(f.getByLabelText('Baris kop 1'), 'PEMERINTAH PROVINSI KALIMANTAN SELATAN');
    await fill(f.getByLabelText('Baris kop 2'), 'DINAS PERPUSTAKAAN DAN KEARSIPAN');
    await fill(f.getByLabelText('Alamat kantor (jalan, kota, telepon)'), 'Jl. A. Yani Km 6');
    await u.upload(
      f.getByLabelText(/Tambah logo/),
      new File([PNG], 'logo.png', { type: 'image/png' }),
    );
    expect(await f.findByRole('img', { name: 'Logo 1' })).toBeInTheDocument();
    await fill(f.getByLabelText('Kota penandatanganan (mis. Banjarmasin)'), 'Banjarmasin');
    await fill(f.getByLabelText('Tahun anggaran'), '2025');
    await fill(f.getByLabelText('Sumber dana (mis. DAK Non Fisik)'), 'DAK Non Fisik');
    const approver = within(
      f.getByRole('group', { name: 'Mengetahui (Kuasa Pengguna Anggaran / PPK)' }),
    );
    await fill(approver.getByLabelText('Nama (dengan gelar)'), 'Drs. H. Ahmad Rizani, M.Si.');
    await fill(approver.getByLabelText('Jabatan'), 'Kuasa Pengguna Anggaran');
    await fill(approver.getByLabelText(/^NIP/), '19680412 199303 1 005');
    await u.click(screen.getByLabelText('JP yang diikuti masing-masing peserta'));
    await u.click(screen.getByLabelText('Halaman belakang: daftar materi dan JP'));
    await u.click(screen.getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByRole('status', {}, { timeout: 15_000 })).toHaveTextContent(
      'Tersimpan di perangkat ini',
    );
    expect(await outboxNames()).toEqual(['event.upsert']);
    const saved = (await db.events.get(FIXTURE_EVENT_ID))!;
    expect(saved).toMatchObject({
      city: 'Banjarmasin',
      fiscalYear: 2025,
      fundingSource: 'DAK Non Fisik',
      approver: {
        name: 'Drs. H. Ahmad Rizani, M.Si.',
        title: 'Kuasa Pengguna Anggaran',
        nip: '196804121993031005',
      },
      certificate: { jpBasis: 'earned', backPage: true, logos: false },
    });
    // Blank third line dropped; the logo kept as a data: URL.
    expect(saved.letterhead?.lines).toEqual([
      'PEMERINTAH PROVINSI KALIMANTAN SELATAN',
      'DINAS PERPUSTAKAAN DAN KEARSIPAN',
    ]);
    expect(saved.letterhead?.address).toBe('Jl. A. Yani Km 6');
    expect(saved.letterhead?.logos).toHaveLength(1);
    expect(saved.letterhead?.logos[0]).toMatch(/^data:image\/png;base64,iVBOR/);
  }, 40_000); // typing a dozen fields on a shared 2-core machine

  it('refuses a 0% threshold and a logo too large, keeping what was typed', async () => {
    const u = user();
    render(OrganiserPage);
    const threshold = await screen.findByLabelText('Batas kehadiran untuk sertifikat (%)');
    await u.clear(threshold);
    await u.type(threshold, '0');
    const city = screen.getByLabelText('Kota penandatanganan (mis. Banjarmasin)');
    await u.clear(city);
    await u.type(city, 'Banjarbaru');
    const big = new Uint8Array(80_000); // ~107 KB as a data: URL
    const logosBefore = screen.queryAllByRole('img').length;
    await u.upload(
      screen.getByLabelText(/Tambah logo/),
      new File([PNG, big], 'besar.png', { type: 'image/png' }),
    );
    expect(await screen.findByText(/Logo terlalu besar \(maks\. 64 KB\)/)).toBeInTheDocument();
    expect(screen.queryAllByRole('img')).toHaveLength(logosBefore); // not added
    await u.click(screen.getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByTestId('event-certificateThreshold-error')).toHaveTextContent(
      'Batas kehadiran harus lebih dari 0',
    );
    expect(threshold).toHaveFocus();
    expect(city).toHaveValue('Banjarbaru');
    expect(await outboxNames()).toEqual([]);
    expect((await db.events.get(FIXTURE_EVENT_ID))!.certificateThreshold).toBe(
      fixture.event.certificateThreshold,
    );
  });

  it('keeps a panitia member to the days they serve', async () => {
    const u = user();
    render(OrganiserPage);
    await u.click(await screen.findByRole('button', { name: 'Tambah narasumber/panitia' }));
    const rows = screen.getAllByTestId('committee-row');
    const row = within(rows[rows.length - 1]!);
    await u.selectOptions(row.getByLabelText('Peran'), 'Panitia');
    await u.type(row.getByLabelText('Nama (dengan gelar)'), 'Siti Rahmah, S.IP.');
    const days = within(row.getByRole('group', { name: 'Bertugas pada' }));
    const boxes = days.getAllByRole('checkbox');
    expect(boxes.length).toBeGreaterThan(1);
    for (const box of boxes) expect(box).toBeChecked(); // unset: every day
    await u.click(boxes[0]!);
    await u.click(screen.getByRole('button', { name: 'Simpan' }));

    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['event.upsert']));
    const saved = (await db.events.get(FIXTURE_EVENT_ID))!;
    const member = saved.committee.find((m) => m.name === 'Siti Rahmah, S.IP.');
    expect(member?.role).toBe('panitia');
    expect(member?.days).not.toContain(fixture.event.startDate);
    expect(member?.days).toHaveLength(boxes.length - 1);
  });
});

describe('a batch’s certificate date', () => {
  it('is refused before the batch ends and saved when after it', async () => {
    const u = user();
    render(OrganiserPage);
    await u.click(await screen.findByRole('button', { name: 'Angkatan & sesi' }));
    await u.click(await screen.findByRole('button', { name: 'Tambah angkatan' }));
    await u.type(screen.getByLabelText('Nama angkatan'), 'Angkatan III');
    await u.clear(screen.getByLabelText('Kode (mis. A1)'));
    await u.type(screen.getByLabelText('Kode (mis. A1)'), 'C3');
    const form = within(screen.getByTestId('batch-form'));
    await u.clear(form.getByLabelText('Tanggal mulai'));
    await u.type(form.getByLabelText('Tanggal mulai'), '2025-06-09');
    await u.clear(form.getByLabelText('Tanggal selesai'));
    await u.type(form.getByLabelText('Tanggal selesai'), '2025-06-10');
    const date = form.getByLabelText('Tanggal sertifikat');
    await u.type(date, '2025-06-09');
    await u.click(form.getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByTestId('batch-certificateDate-error')).toHaveTextContent(
      'Tanggal sertifikat paling cepat hari terakhir angkatan',
    );
    expect(await outboxNames()).toEqual([]);
    await u.clear(date);
    await u.type(date, '2025-06-12');
    await u.click(form.getByRole('button', { name: 'Simpan' }));
    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['batch.upsert']));
    const added = (await db.batches.toArray()).find((b) => b.code === 'C3');
    expect(added?.certificateDate).toBe('2025-06-12');
  });
});
