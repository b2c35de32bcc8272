// @vitest-environment jsdom
// The event form's people and certificate sections, in the organiser console over a real
// (fake-indexeddb) database: who signs the daftar hadir, the certificate number pattern
// with its live preview and signatory, and the narasumber/panitia rows. A save must reach
// the outbox as one event.upsert with NIPs as digits; a wrong NIP is named beside its
// field and nothing typed is lost.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Event } from '#domain/model';
import type { HadirDb } from '#db/database';
import { saveEnrollment } from '#sync/local';
import OrganiserPage from '#pages/OrganiserPage.svelte';
import { freshDb } from '#tests/support/db';
import { fixture } from '#tests/support/fixture';

let db: HadirDb;
let event: Event;
let n = 0;

beforeEach(async () => {
  db = freshDb();
  // An event nobody has set the signers, certificate or committee of yet. Each test has
  // its own: the current event's live query outlives a test, and the form is keyed by id.
  const { official: _o, certificate: _c, ...bare } = fixture.event;
  event = { ...bare, id: `bimtek-form-${++n}`, name: `Bimtek ${n}`, committee: [] };
  await db.events.put(event);
  await saveEnrollment({
    deviceId: 'd-organiser',
    token: 'token',
    role: 'organiser',
    eventId: event.id,
  });
});

const group = (name: string) => screen.getByRole('group', { name });
const outbox = () => db.outbox.orderBy('seq').toArray();
// user-event reads `{` as the start of a key name; `{{` types the brace itself.
const braces = (s: string) => s.replaceAll('{', '{{');

async function openForm() {
  render(OrganiserPage);
  await screen.findByDisplayValue(event.name, undefined, { timeout: 5000 });
}

// Many fields typed key by key: more than the default 5 s on a busy machine.
describe('the people who sign and the certificate settings', { timeout: 30_000 }, () => {
  it('saves the official, the certificate and two committee rows through the outbox, NIPs as digits', async () => {
    const u = userEvent.setup({ delay: null });
    await openForm();

    const official = within(group('Penandatangan daftar hadir'));
    await u.type(official.getByLabelText('Nama (dengan gelar)'), 'Drs. Ahmad Fauzi, M.Si.');
    await u.type(official.getByLabelText('Jabatan'), 'Ketua Panitia');
    await u.type(
      official.getByLabelText('NIP (kosongkan bila bukan ASN)'),
      '19750101 200003 1 001',
    );

    const certificate = within(group('Sertifikat'));
    const pattern = certificate.getByLabelText('Pola nomor sertifikat');
    await u.clear(pattern);
    await u.type(pattern, braces('{seq}/SERT/{batch}/{month}/{year}'));
    await u.type(certificate.getByLabelText(/Tempat penandatanganan/), 'Banjarbaru');
    const signatory = within(group('Penandatangan sertifikat'));
    await u.type(signatory.getByLabelText('Nama (dengan gelar)'), 'Dr. Siti Rahmah');
    await u.type(signatory.getByLabelText('Jabatan'), 'Kepala Dinas');
    await u.type(signatory.getByLabelText(/^NIP/), '19700101.199503.1.001');

    expect(screen.getByText('Belum ada narasumber atau panitia.')).toBeInTheDocument();
    const add = screen.getByRole('button', { name: 'Tambah narasumber/panitia' });
    await u.click(add);
    await u.click(add);
    await u.click(add);
    // The new row's name has the focus: typing goes straight into it.
    expect(within(group('Orang ke-3')).getByLabelText('Nama (dengan gelar)')).toHaveFocus();
    await u.keyboard('Baris yang dihapus');

    const first = within(group('Orang ke-1'));
    await u.type(first.getByLabelText('Nama (dengan gelar)'), 'Dr. Budi Santoso, M.Hum.');
    await u.type(first.getByLabelText('Jabatan / instansi'), 'Pustakawan Ahli Utama, Perpusnas');
    const second = within(group('Orang ke-2'));
    await u.selectOptions(second.getByLabelText('Peran'), 'Panitia');
    await u.type(second.getByLabelText('Nama (dengan gelar)'), 'Rina Wati, S.IP.');
    await u.type(second.getByLabelText(/^NIP/), '19800315 200501 1 002');
    await u.type(second.getByLabelText('Jabatan / instansi'), 'Sekretaris, Dispersip Kalsel');
    await u.click(within(group('Orang ke-3')).getByRole('button', { name: 'Hapus' }));
    expect(screen.getAllByTestId('committee-row')).toHaveLength(2);

    await u.click(screen.getByRole('button', { name: 'Simpan' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Tersimpan di perangkat ini');

    const rows = await outbox();
    expect(rows.map((r) => r.name)).toEqual(['event.upsert']);
    const sent = (rows[0]!.args as { event: Event }).event;
    expect(sent.official).toEqual({
      name: 'Drs. Ahmad Fauzi, M.Si.',
      title: 'Ketua Panitia',
      nip: '197501012000031001',
    });
    expect(sent.certificate).toEqual({
      numberPattern: '{seq}/SERT/{batch}/{month}/{year}',
      place: 'Banjarbaru',
      signatory: { name: 'Dr. Siti Rahmah', title: 'Kepala Dinas', nip: '197001011995031001' },
      // The form's defaults: the programme's JP, no logos, no back page.
      jpBasis: 'programme',
      logos: false,
      backPage: false,
    });
    expect(sent.committee).toEqual([
      {
        id: expect.any(String),
        role: 'narasumber',
        name: 'Dr. Budi Santoso, M.Hum.',
        position: 'Pustakawan Ahli Utama, Perpusnas',
      },
      {
        id: expect.any(String),
        role: 'panitia',
        name: 'Rina Wati, S.IP.',
        nip: '198003152005011002',
        position: 'Sekretaris, Dispersip Kalsel',
      },
    ]);
    expect(sent.committee[0]!.id).not.toBe(sent.committee[1]!.id);
    // The local write went with it.
    expect((await db.events.get(event.id))?.committee).toEqual(sent.committee);
  });

  it('names a wrong NIP beside its field, keeps everything typed, and saves once fixed', async () => {
    const u = userEvent.setup({ delay: null });
    await openForm();

    const official = within(group('Penandatangan daftar hadir'));
    const name = official.getByLabelText('Nama (dengan gelar)');
    const nip = official.getByLabelText(/^NIP/);
    await u.type(name, 'Drs. Ahmad Fauzi, M.Si.');
    await u.type(nip, '19750101 200003 1 00'); // 17 digits
    await u.click(screen.getByRole('button', { name: 'Tambah narasumber/panitia' }));
    const row = within(group('Orang ke-1'));
    await u.type(row.getByLabelText('Jabatan / instansi'), 'Perpusnas'); // no name
    const pattern = within(group('Sertifikat')).getByLabelText('Pola nomor sertifikat');
    await u.clear(pattern);
    await u.type(pattern, 'SERT/2026');
    await u.click(screen.getByRole('button', { name: 'Simpan' }));

    const nipError = await screen.findByTestId('event-official-nip-error');
    expect(nipError).toHaveTextContent(
      'NIP terdiri dari 18 angka (spasi boleh), mis. 19750101 200003 1 001',
    );
    expect(nip.closest('.field')).toContainElement(nipError);
    expect(nip).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('event-committee-0-name-error')).toHaveTextContent('Wajib diisi');
    // {seq} reads as itself, not as an empty placeholder.
    expect(screen.getByTestId('event-certificate-pattern-error')).toHaveTextContent(
      'Pola nomor harus memuat {seq} (nomor urut)',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Periksa isian yang ditandai merah.');
    expect(await outbox()).toEqual([]);
    expect(nip).toHaveValue('19750101 200003 1 00');
    expect(name).toHaveValue('Drs. Ahmad Fauzi, M.Si.');
    expect(row.getByLabelText('Jabatan / instansi')).toHaveValue('Perpusnas');
    expect(pattern).toHaveValue('SERT/2026');

    await u.type(nip, '1');
    await u.type(row.getByLabelText('Nama (dengan gelar)'), 'Dr. Budi Santoso');
    await u.clear(pattern);
    await u.type(pattern, braces('{seq}/SERT/2026'));
    await u.click(screen.getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Tersimpan di perangkat ini');
    expect(screen.queryByTestId('event-official-nip-error')).toBeNull();
    const [saved] = await outbox();
    expect((saved!.args as { event: Event }).event).toMatchObject({
      official: { name: 'Drs. Ahmad Fauzi, M.Si.', nip: '197501012000031001' },
      committee: [{ name: 'Dr. Budi Santoso', position: 'Perpusnas' }],
      certificate: { numberPattern: '{seq}/SERT/2026' },
    });
  });

  it('previews the first certificate number as the pattern is typed', async () => {
    const u = userEvent.setup({ delay: null });
    await openForm();
    const preview = screen.getByTestId('certificate-preview');
    // The default pattern, dated the event's last day (2025-06-23).
    expect(preview).toHaveTextContent('Nomor pertama: 001/BIMTEK-LI/DISPERSIP/2025');
    expect(screen.getByText(/Penanda: \{seq\} nomor urut/)).toBeInTheDocument();

    const pattern = screen.getByLabelText('Pola nomor sertifikat');
    await u.clear(pattern);
    await u.type(pattern, braces('{seq}'));
    expect(preview).toHaveTextContent('Nomor pertama: 001');
    await u.type(pattern, braces('/BIMTEK/{month}'));
    expect(preview).toHaveTextContent('Nomor pertama: 001/BIMTEK/VI');
    await u.type(pattern, braces('/{year}'));
    expect(preview).toHaveTextContent('Nomor pertama: 001/BIMTEK/VI/2025');

    await u.clear(screen.getByLabelText('Tanggal selesai'));
    await u.type(screen.getByLabelText('Tanggal selesai'), '2026-01-15');
    expect(preview).toHaveTextContent('Nomor pertama: 001/BIMTEK/I/2026');
  });
});
