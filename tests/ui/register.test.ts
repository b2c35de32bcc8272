// @vitest-environment jsdom
// The public registration page over a real (fake-indexeddb) database holding the event
// as the public endpoint gave it: checks only after a field is left (or on submit), the
// first wrong field focused, consent required, the draft kept across a new page, and a
// registration saved with its outbox row and a ticket at once.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getMeta } from '#db/meta';
import type { HadirDb } from '#db/database';
import { cachePublicEvent } from '#db/registration';
import RegisterApp from '#pages/register/RegisterApp.svelte';
import { RegistrationFlow } from '#state/registration.svelte';
import { freshNip } from '#tests/server/support';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

let db: HadirDb;
const seatsLeft = { [fixture.batches[0]!.id]: 12, [fixture.batches[1]!.id]: 0 };

async function publish(over: Partial<typeof fixture.event> = {}) {
  await cachePublicEvent({
    event: { ...fixture.event, ...over },
    batches: fixture.batches,
    sessions: fixture.sessions,
    seatsLeft,
  });
}

beforeEach(async () => {
  db = freshDb();
  await publish();
});

async function open() {
  const flow = new RegistrationFlow(FIXTURE_EVENT_ID);
  render(RegisterApp, { flow });
  await screen.findByTestId('event-name');
  return flow;
}

const label = (text: string | RegExp) => screen.getByLabelText(text);

/** Everything valid except what the test leaves out. */
async function fillValid(u: ReturnType<typeof userEvent.setup>, skip: string[] = []) {
  const step = async (name: string, fn: () => Promise<void>) => {
    if (!skip.includes(name)) await fn();
  };
  await step('fullName', () => u.type(label('Nama lengkap dengan gelar'), 'Rahmat Hidayat, S.IP.'));
  await step('status', () => u.selectOptions(label('Status kepegawaian'), 'pns'));
  await step('nip', () => u.type(label('NIP'), freshNip()));
  await step('gender', () => u.click(label('Laki-laki')));
  await step('position', () => u.selectOptions(label('Jabatan'), 'pustakawan_ahli_pertama'));
  await step('institution', () => u.type(label('Instansi / unit kerja'), 'Dispersip Kalsel'));
  await step('region', () => u.selectOptions(label('Kabupaten/kota'), '63.72'));
  await step('library', () => u.selectOptions(label('Jenis perpustakaan'), 'umum_kabkota'));
  await step('phone', () => u.type(label('Nomor HP/WhatsApp'), '0812 5111 0042'));
  await step('batch', () => u.click(label(/^Angkatan I \(/)));
  await step('cert', () => u.click(label('Ya')));
  await step('consent', () => u.click(label(/Saya setuju/)));
}

describe('the registration page', () => {
  it('shows the event, the batches with seats left, and the privacy notice', async () => {
    await open();
    expect(screen.getByTestId('event-name')).toHaveTextContent(fixture.event.name);
    expect(label(/^Angkatan I \(/).closest('label')).toHaveTextContent('12 kursi tersisa');
    expect(label(/^Angkatan II \(/).closest('label')).toHaveTextContent('Penuh');
    expect(
      screen.getByText(fixture.event.privacyNotice.slice(0, 40), { exact: false }),
    ).toBeTruthy();
    expect(screen.queryByLabelText(/NIK/)).toBeNull(); // the test event does not collect NIK
  });

  it('says nothing while a field is being typed; names the problem once it is left', async () => {
    const u = userEvent.setup();
    await open();
    await u.selectOptions(label('Status kepegawaian'), 'pns');
    await u.type(label('NIP'), '1990 0101 2015 0310 0');
    expect(screen.queryByTestId('reg-nip-error')).toBeNull();
    await u.tab();
    expect(await screen.findByTestId('reg-nip-error')).toHaveTextContent(
      'NIP harus 18 digit (sekarang 17 digit)',
    );
    expect(label('NIP')).toHaveAttribute('aria-invalid', 'true');
    // Fixed while typing: the message goes.
    await u.type(label('NIP'), '2');
    expect(screen.queryByTestId('reg-nip-error')).toBeNull();
  });

  it('names what is wrong with a NIP date, a NIK, a landline and an email, field by field', async () => {
    const u = userEvent.setup();
    await publish({ collectNik: true });
    await open();
    await u.selectOptions(label('Status kepegawaian'), 'pns');
    await u.type(label('NIP'), '199013452015031001'); // month 13
    await u.type(label('NIK (16 digit, sesuai KTP)'), '6371 0145 0690');
    await u.type(label('Nomor HP/WhatsApp'), '0511 3252 111'); // Banjarmasin landline
    await u.type(label('Email (jika ada)'), 'nama@gmail');
    await u.click(screen.getByRole('button', { name: 'Daftar' }));
    const message = (id: string) => screen.getByTestId(`reg-${id}-error`).textContent?.trim();
    expect(message('nip')).toBe(
      'Tanggal lahir pada NIP tidak valid (digit ke-1 s.d. 8, format TTTTBBHH)',
    );
    expect(message('nik')).toBe('NIK harus 16 digit (sekarang 12 digit)');
    expect(message('phone')).toBe(
      'Gunakan nomor HP/WhatsApp (diawali 08), bukan nomor telepon rumah/kantor',
    );
    expect(message('email')).toBe('Alamat email tidak valid; contoh: nama@gmail.com');
    expect(label('NIK (16 digit, sesuai KTP)')).toHaveAttribute(
      'aria-describedby',
      'reg-nik-error',
    );
    expect(await db.outbox.count()).toBe(0);
  });

  it('checks the NIP’s gender digit against the chosen gender', async () => {
    const u = userEvent.setup();
    await open();
    await u.selectOptions(label('Status kepegawaian'), 'pns');
    await u.type(label('NIP'), freshNip()); // a male NIP (digit 15 is 1)
    await u.click(label('Perempuan'));
    await u.click(label('NIP'));
    await u.tab();
    expect(await screen.findByTestId('reg-nip-error')).toHaveTextContent(
      'Jenis kelamin pada NIP (digit ke-15) tidak sesuai dengan jenis kelamin yang dipilih',
    );
  });

  it('on submit, shows every problem, focuses the first, and saves nothing', async () => {
    const u = userEvent.setup();
    await open();
    await u.click(screen.getByRole('button', { name: 'Daftar' }));
    expect(await screen.findByText(/^Ada \d+ isian yang perlu diperbaiki\.$/)).toBeTruthy();
    expect(document.activeElement).toBe(label('Nama lengkap dengan gelar'));
    expect(screen.getByTestId('reg-fullName-error')).toHaveTextContent('Wajib diisi');
    expect(await db.outbox.count()).toBe(0);
  });

  it('requires consent, and keeps everything typed meanwhile', async () => {
    const u = userEvent.setup();
    await open();
    await fillValid(u, ['consent']);
    await u.click(screen.getByRole('button', { name: 'Daftar' }));
    expect(
      await screen.findByText('Centang persetujuan pemrosesan data pribadi untuk melanjutkan'),
    ).toBeTruthy();
    expect(document.activeElement).toBe(label(/Saya setuju/));
    expect(label('Nama lengkap dengan gelar')).toHaveValue('Rahmat Hidayat, S.IP.');
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps a draft on the device: a new page (reload, closed tab) gets it back', async () => {
    const u = userEvent.setup();
    await open();
    await u.type(label('Nama lengkap dengan gelar'), 'Nur Aini');
    await u.click(label('Perempuan'));
    await vi.waitFor(async () =>
      expect(await getMeta(`draft:${FIXTURE_EVENT_ID}`)).toMatchObject({
        fullName: 'Nur Aini',
        gender: 'P',
      }),
    );
    document.body.innerHTML = '';
    await open();
    await vi.waitFor(() => expect(label('Nama lengkap dengan gelar')).toHaveValue('Nur Aini'));
    expect(label('Perempuan')).toBeChecked();
  });

  it('carried by the page, the event shows with nothing cached; typing is kept and the event saved for offline', async () => {
    db = freshDb(); // a first visit: nothing on this phone yet
    const u = userEvent.setup();
    const carried = {
      event: fixture.event,
      batches: fixture.batches,
      sessions: fixture.sessions,
      seatsLeft,
    };
    render(RegisterApp, { flow: new RegistrationFlow(FIXTURE_EVENT_ID, carried) });
    // Shown at once from what the page carried, not after a database read.
    expect(screen.getByTestId('event-name')).toHaveTextContent(fixture.event.name);
    await u.type(label('Nama lengkap dengan gelar'), 'Siti Aminah');
    await vi.waitFor(async () =>
      expect(await getMeta(`draft:${FIXTURE_EVENT_ID}`)).toMatchObject({ fullName: 'Siti Aminah' }),
    );
    await vi.waitFor(async () => expect(await db.events.get(FIXTURE_EVENT_ID)).toBeDefined());
    expect(await db.batches.where('eventId').equals(FIXTURE_EVENT_ID).count()).toBe(
      fixture.batches.length,
    );
    expect(label('Nama lengkap dengan gelar')).toHaveValue('Siti Aminah');
  });

  it('a carried event that fails the wire schema is shown but not kept', async () => {
    db = freshDb();
    const bad = {
      event: { ...fixture.event, organizer: 'x'.repeat(500) },
      batches: fixture.batches,
      sessions: fixture.sessions,
      seatsLeft,
    };
    const flow = new RegistrationFlow(FIXTURE_EVENT_ID, bad);
    render(RegisterApp, { flow });
    await flow.store();
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.events.get(FIXTURE_EVENT_ID)).toBeUndefined();
  });

  it('asks for NIK only when the event collects it', async () => {
    await publish({ collectNik: true });
    await open();
    expect(label('NIK (16 digit, sesuai KTP)')).toBeTruthy();
  });

  it('registers on the device at once: outbox row, join pending, ticket shown, draft gone', async () => {
    const u = userEvent.setup();
    await open();
    await fillValid(u);
    await u.click(screen.getByRole('button', { name: 'Daftar' }));
    expect(await screen.findByTestId('ticket-status')).toHaveTextContent(
      'Tersimpan di perangkat — akan dikirim saat ada sinyal',
    );
    expect(screen.getByTestId('ticket-name')).toHaveTextContent('Rahmat Hidayat, S.IP.');
    // The QR comes first on the page, before the event's batches.
    const batches = screen.getByRole('list', { name: 'Angkatan' });
    expect(screen.getByTestId('ticket').compareDocumentPosition(batches)).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({
      name: 'participant.register',
      status: 'pending',
      args: {
        participant: {
          eventId: FIXTURE_EVENT_ID,
          batchId: fixture.batches[0]!.id,
          phone: '+6281251110042',
          source: 'self',
          status: 'registered',
          certificationIntention: 'ya',
        },
      },
    });
    const p = (row!.args as { participant: { consentAt: string; ticketCode: string } }).participant;
    expect(Date.now() - Date.parse(p.consentAt)).toBeLessThan(60_000);
    expect(p.ticketCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(await getMeta('pendingJoin')).toBe(FIXTURE_EVENT_ID);
    expect(await getMeta(`draft:${FIXTURE_EVENT_ID}`)).toBeUndefined();
  });
});

describe('the ticket’s own registration', () => {
  async function registered() {
    const u = userEvent.setup();
    const flow = await open();
    await fillValid(u);
    await u.click(screen.getByRole('button', { name: 'Daftar' }));
    await screen.findByTestId('ticket');
    return { u, flow };
  }

  it('corrects the name and phone (checked), through the outbox, and shows them', async () => {
    const { u } = await registered();
    await u.click(screen.getByRole('button', { name: 'Perbaiki data' }));
    const name = label('Nama lengkap dengan gelar');
    await u.clear(name);
    await u.type(name, 'Rahmat Hidayat, S.IP., M.Hum.');
    await u.clear(label('Nomor HP/WhatsApp'));
    await u.type(label('Nomor HP/WhatsApp'), '0812');
    await u.click(screen.getByRole('button', { name: 'Simpan perbaikan' }));
    expect(document.activeElement).toBe(label('Nomor HP/WhatsApp'));
    expect(await db.outbox.count()).toBe(1); // only the registration so far
    await u.type(label('Nomor HP/WhatsApp'), ' 5111 0043');
    await u.click(screen.getByRole('button', { name: 'Simpan perbaikan' }));

    await vi.waitFor(() =>
      expect(screen.getByTestId('ticket-name')).toHaveTextContent('Rahmat Hidayat, S.IP., M.Hum.'),
    );
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.name)).toEqual(['participant.register', 'participant.patch']);
    const fields = (rows[1]!.args as { fields: Record<string, { v: unknown }> }).fields;
    expect(fields.fullName!.v).toBe('Rahmat Hidayat, S.IP., M.Hum.');
    expect(fields.phone!.v).toBe('+6281251110043');
  });

  it('cancels the registration after a confirmation', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { u } = await registered();
    await u.click(screen.getByRole('button', { name: 'Batalkan pendaftaran' }));
    await vi.waitFor(async () =>
      expect((await db.outbox.orderBy('seq').toArray()).map((r) => r.name)).toEqual([
        'participant.register',
        'participant.cancel',
      ]),
    );
    expect(await screen.findAllByText('Pendaftaran Anda dibatalkan.')).not.toHaveLength(0);
    // The local row turns cancelled: nothing left to correct.
    await vi.waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Perbaiki data' })).toBeNull(),
    );
    expect((await db.participants.toArray())[0]).toMatchObject({ status: 'cancelled' });
  });

  it('offers no changes once the organiser closed registration', async () => {
    await registered();
    await publish({ registrationOpen: false });
    expect(await screen.findByText(/Perubahan data sudah ditutup panitia/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Perbaiki data' })).toBeNull();
  });
});
