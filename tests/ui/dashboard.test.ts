// @vitest-environment jsdom
// The organiser's dashboard over a real (fake-indexeddb) database: the test event with
// signatures asked at check-in, one person waitlisted and one cancelled, two walk-ins
// (one a likely duplicate of a registered person), check-ins today and yesterday, and
// session marks, all written through the app's own db functions. The shown counts, chart
// values and attention list are worked out by hand below; completing a walk-in must land
// in the outbox as one participant.patch and take the person off the list.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { markAttendance } from '#db/attendance';
import { checkInWalkin, recordCheckin } from '#db/checkins';
import type { HadirDb, OutboxRow } from '#db/database';
import Dashboard from '#pages/organiser/Dashboard.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
const TZ = fixture.event.timezone;
const [p1, p2, p3, , p5, p6] = fixture.people;
const [a1, a2] = fixture.batches;
let rinaId: string;

beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
  await db.events.update(FIXTURE_EVENT_ID, { signatureAtCheckin: true });
  await db.participants.update(p5!.id, { status: 'waitlisted' });
  await db.participants.update(p6!.id, { status: 'cancelled' });
  // Rina: a walk-in of batch I (Kab. Tapin), checked in today without a signature.
  const rina = await checkInWalkin(
    FIXTURE_EVENT_ID,
    {
      fullName: 'Rina Marlina',
      phone: '+6281251239999',
      institution: 'Perpustakaan Kab. Tapin',
      regionCode: '63.05',
      batchId: a1!.id,
    },
    TZ,
  );
  rinaId = rina.participant.id;
  // A walk-in of batch II named like Gusti Rahmadi (p1), at his institution: signed today.
  await checkInWalkin(
    FIXTURE_EVENT_ID,
    {
      fullName: 'Gusti Rahmadi',
      phone: '+6281251238001',
      institution: p1!.institution,
      regionCode: '63.71',
      batchId: a2!.id,
    },
    TZ,
    'M1 1l2 2',
  );
  const checkin = (participantId: string, signed: boolean, at?: Date) =>
    recordCheckin({
      eventId: FIXTURE_EVENT_ID,
      participantId,
      method: 'qr',
      timezone: TZ,
      ...(at ? { at } : {}),
      ...(signed ? { signature: 'M0 0l5 5' } : {}),
    });
  await checkin(p1!.id, true);
  await checkin(p2!.id, false);
  await checkin(p3!.id, true, new Date(Date.now() - 24 * 60 * 60 * 1000)); // yesterday
  const [s1, s2] = fixture.sessions.filter((s) => s.batchId === a1!.id);
  const mark = (sessionId: string, participantId: string, status: 'hadir' | 'terlambat' | 'izin') =>
    markAttendance({ eventId: FIXTURE_EVENT_ID, sessionId, participantId, status });
  await mark(s1!.id, p1!.id, 'hadir');
  await mark(s1!.id, p3!.id, 'terlambat');
  await mark(s2!.id, p1!.id, 'izin');
});

async function openDashboard() {
  render(Dashboard, {
    props: {
      view: {
        event: { ...fixture.event, signatureAtCheckin: true },
        batches: fixture.batches,
        sessions: fixture.sessions,
      },
    },
  });
  return screen.findByTestId('dashboard-counts');
}

const count = (key: string) => screen.getByTestId(`count-${key}`).textContent?.trim();
const cells = (table: HTMLElement, section = 'tbody') =>
  [...table.querySelectorAll(`${section} tr`)].map((tr) =>
    [...tr.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()),
  );
const chart = (name: string) => screen.getByRole('table', { name });
const texts = (testId: string) =>
  screen.queryAllByTestId(testId).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

describe('the dashboard', () => {
  it('shows the counts, the sessions and the charts worked out by hand', async () => {
    await openDashboard();
    // Registered: p1 p2 p3 p4 and the two walk-ins; p5 waitlisted, p6 cancelled.
    // Today: p1, p2 and both walk-ins (p3 came yesterday).
    expect(count('registered')).toBe('6');
    expect(count('waitlisted')).toBe('1');
    expect(count('cancelled')).toBe('1');
    expect(count('walkins')).toBe('2');
    expect(count('arrivedToday')).toBe('4');

    // Batch I's roster: p1, p3, Rina (p5 waits). Its first session: p1 hadir, p3
    // terlambat (counted, as the test event counts late), Rina unmarked; the second:
    // p1 izin. Batch II (p2, p4, the other walk-in; p6 cancelled): nothing marked.
    const sessions = cells(screen.getByTestId('session-table'));
    expect(sessions).toHaveLength(10);
    expect(sessions[0]!.slice(1)).toEqual(['2 dari 3', '1', '1', '0', '0', '0', '1']);
    expect(sessions[1]!.slice(1)).toEqual(['0 dari 3', '0', '0', '1', '0', '0', '2']);
    expect(sessions[5]!.slice(1)).toEqual(['0 dari 3', '0', '0', '0', '0', '0', '3']);
    expect(sessions[0]![0]).toContain('Pembukaan dan arahan Ketua Panitia Uji');
    expect(cells(chart('Per sesi: dihitung hadir dari peserta angkatannya'))[0]).toEqual([
      'Pembukaan dan arahan Ketua Panitia Uji (Angkatan I)',
      '2',
      '3',
    ]);

    // Kabupaten/kota (arrived ever / registered): Barito Kuala p2 came, p4 not (p6
    // cancelled); Tapin Rina; Banjarmasin p1 and the walk-in; Banjarbaru p3. Tanah Bumbu
    // has only p5, waitlisted.
    expect(cells(chart('Per kabupaten/kota: hadir di lokasi dari terdaftar'))).toEqual([
      ['Kab. Barito Kuala', '1', '2'],
      ['Kab. Tapin', '1', '1'],
      ['Kota Banjarmasin', '2', '2'],
      ['Kota Banjarbaru', '1', '1'],
    ]);
    const regions = screen.getByRole('img', { name: /^Per kabupaten\/kota/ });
    expect(regions.getAttribute('aria-label')).toContain('Kab. Barito Kuala 1 dari 2');
    // The largest whole is 2: Barito Kuala's bar is half the width, its track all of it.
    const baritoKuala = regions.querySelector('g')!;
    expect(baritoKuala.querySelector('title')).toHaveTextContent('Kab. Barito Kuala: 1 dari 2');
    expect(baritoKuala.querySelector('.fill')).toHaveAttribute('width', '50%');
    expect(baritoKuala.querySelector('.track')).toHaveAttribute('width', '100%');

    // Library types: p1 p2 umum kab/kota (both came), p4 sekolah (not), p3 perguruan
    // tinggi, the two walk-ins not given yet.
    expect(cells(chart('Per jenis perpustakaan: hadir di lokasi dari terdaftar'))).toEqual([
      ['Perpustakaan Umum Kabupaten/Kota', '2', '2'],
      ['Perpustakaan Sekolah/Madrasah', '0', '1'],
      ['Perpustakaan Perguruan Tinggi', '1', '1'],
      ['Belum diisi', '2', '2'],
    ]);

    // Intention (ya / belum tahu / tidak / belum diisi / jumlah): people 1 and 4 are
    // undecided, 2 and 3 yes; walk-ins have none.
    const intention = screen.getByTestId('intention-table');
    expect(cells(intention)).toEqual([
      ['Kab. Barito Kuala', '1', '1', '0', '0', '2'],
      ['Kab. Tapin', '0', '0', '0', '1', '1'],
      ['Kota Banjarmasin', '0', '1', '0', '1', '2'],
      ['Kota Banjarbaru', '1', '0', '0', '0', '1'],
    ]);
    expect(cells(intention, 'tfoot')).toEqual([['Jumlah', '2', '2', '0', '2', '6']]);
  });

  it('lists walk-ins to complete, the likely duplicate, and unsigned check-ins', async () => {
    await openDashboard();
    const walkins = texts('attention-walkin');
    expect(walkins).toHaveLength(2);
    expect(walkins[0]).toMatch(/^Gusti Rahmadi Dinas Perpustakaan Uji Kota Banjarmasin/);
    expect(walkins[1]).toMatch(/^Rina Marlina Perpustakaan Kab\. Tapin · Kab\. Tapin/);
    expect(texts('attention-duplicate')).toEqual([
      'Gusti Rahmadi, S.IP. (Dinas Perpustakaan Uji Kota Banjarmasin) — Gusti Rahmadi ' +
        '(Dinas Perpustakaan Uji Kota Banjarmasin) · nama mirip, instansi sama',
    ]);
    // Today's first check-ins without a signature: p2 and Rina (p1 and the other walk-in
    // signed; p3's was signed yesterday), in list order: names without titles (Masitah < Rina).
    const unsigned = texts('attention-unsigned');
    expect(unsigned.map((u) => u?.split(' · ')[0])).toEqual(['Dra. Masitah Ilmi', 'Rina Marlina']);
  });

  it('completes a walk-in: a wrong phone is named and kept, then one patch clears the flag', async () => {
    const u = userEvent.setup();
    await openDashboard();
    await u.click(screen.getByRole('button', { name: 'Lengkapi data Rina Marlina' }));
    const form = await screen.findByTestId('complete-walkin');
    const field = (label: string) => within(form).getByLabelText(label);
    const phone = field('Nomor HP/WhatsApp');
    expect(phone).toHaveValue('0812-5123-9999'); // what the desk took

    // The NIP is asked of ASN only.
    await u.selectOptions(field('Status kepegawaian'), 'pns');
    expect(field('NIP')).toBeInTheDocument();
    await u.selectOptions(field('Status kepegawaian'), 'non_asn');
    expect(within(form).queryByLabelText('NIP')).toBeNull();
    await u.selectOptions(field('Jenis kelamin'), 'P');
    await u.selectOptions(field('Jabatan'), 'pengelola_perpustakaan');
    await u.selectOptions(field('Jenis perpustakaan'), 'umum_kabkota');
    await u.selectOptions(field('Rencana ikut sertifikasi pustakawan 2026'), 'ya');
    await u.clear(phone);
    await u.type(phone, '0511 325 1234');
    const outboxBefore = await db.outbox.count();
    await u.click(within(form).getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByTestId('complete-phone-error')).toHaveTextContent(
      'Gunakan nomor HP/WhatsApp (diawali 08), bukan nomor telepon rumah/kantor',
    );
    expect(phone).toHaveValue('0511 325 1234');
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(field('Jenis kelamin')).toHaveValue('P');
    expect(await db.outbox.count()).toBe(outboxBefore);

    await u.clear(phone);
    await u.type(phone, '0812 5123 8888');
    await u.click(within(form).getByRole('button', { name: 'Simpan' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Data Rina Marlina sudah lengkap');
    const last = (await db.outbox.orderBy('seq').last()) as OutboxRow<'participant.patch'>;
    expect(last.name).toBe('participant.patch');
    expect(last.args.participantId).toBe(rinaId);
    const values = Object.fromEntries(Object.entries(last.args.fields).map(([k, f]) => [k, f.v]));
    expect(values).toEqual({
      employmentStatus: 'non_asn',
      gender: 'P',
      position: 'pengelola_perpustakaan',
      libraryType: 'umum_kabkota',
      phone: '+6281251238888',
      certificationIntention: 'ya',
      needsReview: false,
    });
    // Live: Rina leaves the list, and her answers reach the intention table and charts.
    await vi.waitFor(() => expect(texts('attention-walkin')).toHaveLength(1));
    expect(texts('attention-walkin')[0]).toMatch(/^Gusti Rahmadi/);
    expect(screen.queryByTestId('complete-walkin')).toBeNull();
    expect(cells(screen.getByTestId('intention-table'))[1]).toEqual([
      'Kab. Tapin',
      '1',
      '0',
      '0',
      '0',
      '1',
    ]);
    expect(cells(chart('Per jenis perpustakaan: hadir di lokasi dari terdaftar'))[0]).toEqual([
      'Perpustakaan Umum Kabupaten/Kota',
      '3',
      '3',
    ]);
    expect((await db.participants.get(rinaId))?.needsReview).toBe(false);
  });
});

describe('the printed dashboard', () => {
  // 3 June 2025, 10.42 WITA: the second day of Angkatan I once it runs 2–4 June.
  const at = new Date('2025-06-03T02:42:00.000Z');

  async function printAt(batchCount: 1 | 2) {
    await db.batches.update(a1!.id, { endDate: '2025-06-04' });
    if (batchCount === 1) await db.batches.delete(a2!.id);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    try {
      await openDashboard();
      return screen.getByTestId('dashboard-print-heading');
    } finally {
      vi.useRealTimers();
    }
  }

  it('names the event, its dates and the day its figures are for, never “today”', async () => {
    const heading = await printAt(2);
    const lines = [...heading.querySelectorAll('p')].map((p) => p.textContent?.trim());
    expect(lines).toEqual([
      fixture.event.name,
      'Tanggal kegiatan: 2–23 Juni 2025',
      'Keadaan Angkatan I hari ke-2, Selasa, 3 Juni 2025, pukul 10.42 WITA',
    ]);
    expect(heading.textContent).not.toMatch(/hari ini/i);
    // The tiles use the exports’ words.
    const tiles = screen.getByTestId('dashboard-counts');
    expect(within(tiles).getByText('Batal')).toBeInTheDocument();
    expect(within(tiles).getByText('Datang langsung')).toBeInTheDocument();
  });

  it('says “Hari ke-n” alone when the event has one batch', async () => {
    const heading = await printAt(1);
    expect(screen.getByTestId('dashboard-print-day')).toHaveTextContent(
      'Keadaan Hari ke-2, Selasa, 3 Juni 2025, pukul 10.42 WITA',
    );
    expect(heading).toBeInTheDocument();
  });

  it('says when no batch meets on the day of the figures', async () => {
    await db.batches.update(a1!.id, { endDate: '2025-06-02' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-06-10T01:00:00.000Z')); // Tuesday 10 June, 09.00 WITA
    try {
      await openDashboard();
    } finally {
      vi.useRealTimers();
    }
    expect(screen.getByTestId('dashboard-print-day')).toHaveTextContent(
      'Keadaan Selasa, 10 Juni 2025 (tidak ada angkatan yang berkegiatan), pukul 09.00 WITA',
    );
  });
});
