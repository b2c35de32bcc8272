// @vitest-environment jsdom
// The desk's walk-in form and signature pad over a real (fake-indexeddb) database with
// the test event: errors in words, the likely-duplicate warning, one transaction for the
// walk-in's registration and check-in; a signature drawn, skipped or the check-in called off.
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeSignature } from '#domain/signature';
import { ticketPayload } from '#domain/ticket';
import type { HadirDb } from '#db/database';
import CheckinPage from '#pages/CheckinPage.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture, seedFixtureLocally } from '#tests/support/fixture';

let db: HadirDb;
beforeEach(async () => {
  db = freshDb();
  await seedFixtureLocally();
});

const count = (id: string) => Number(screen.getByTestId(`count-${id}`).textContent);

async function openDesk() {
  render(CheckinPage);
  const search = await screen.findByTestId('desk-search');
  await vi.waitFor(() => expect(count('registered')).toBe(fixture.people.length));
  return search;
}

describe('a walk-in at the desk', () => {
  it('says what is missing, keeps what was typed, then registers and checks the person in', async () => {
    const u = userEvent.setup();
    const search = await openDesk();
    await u.type(search, 'Rina Marlina');
    expect(await screen.findByText(/Tidak ada yang cocok/)).toBeTruthy();
    await u.click(screen.getByTestId('walkin-open'));
    const form = screen.getByTestId('walkin-form');
    const name = within(form).getByLabelText('Nama lengkap (dengan gelar)');
    expect(name).toHaveValue('Rina Marlina'); // what the desk typed in the search

    await u.click(within(form).getByRole('button', { name: 'Daftarkan & check-in' }));
    expect(await screen.findByTestId('walkin-nip-error')).toHaveTextContent(
      'Isi NIP atau nomor HP (salah satu)',
    );
    expect(screen.getByTestId('walkin-institution-error')).toHaveTextContent('Wajib diisi');
    expect(document.activeElement).toBe(within(form).getByLabelText('NIP / NI PPPK'));
    expect(await db.outbox.count()).toBe(0);

    await u.type(within(form).getByLabelText('Nomor HP'), '0812 5123 9999');
    await u.type(within(form).getByLabelText('Instansi / unit kerja'), 'Perpustakaan Kab. Tapin');
    await u.selectOptions(within(form).getByLabelText('Kabupaten/kota'), '63.05');
    expect(name).toHaveValue('Rina Marlina');
    await u.click(within(form).getByRole('button', { name: 'Daftarkan & check-in' }));

    expect(await screen.findByTestId('confirmation')).toHaveTextContent('Rina Marlina');
    expect(screen.getByTestId('confirmation')).toHaveTextContent('Walk-in dicatat');
    expect(screen.queryByTestId('walkin-form')).toBeNull();
    await vi.waitFor(() => expect(count('walkins')).toBe(1));
    expect(count('arrived')).toBe(1);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.name)).toEqual(['participant.register', 'checkin.record']);
    const participant = (rows[0]!.args as { participant: Record<string, unknown> }).participant;
    expect(participant).toMatchObject({
      fullName: 'Rina Marlina',
      phone: '+6281251239999',
      regionCode: '63.05',
      source: 'walkin',
      needsReview: true,
      eventId: FIXTURE_EVENT_ID,
    });
    expect(rows[1]!.args).toMatchObject({ participantId: participant.id, method: 'walkin' });
  });

  it('warns of a likely duplicate; one tap checks that person in instead', async () => {
    const u = userEvent.setup();
    const fikri = fixture.people[2]!;
    await openDesk();
    await u.click(screen.getByTestId('walkin-open'));
    const form = screen.getByTestId('walkin-form');
    await u.type(within(form).getByLabelText('Nama lengkap (dengan gelar)'), 'M. Fikry Maulana');
    await u.type(within(form).getByLabelText('Instansi / unit kerja'), fikri.institution);
    const warning = await screen.findByTestId('walkin-duplicates');
    expect(warning).toHaveTextContent(fikri.fullName);
    expect(warning).toHaveTextContent('nama mirip, instansi sama');
    // Adding a second record needs a deliberate tick.
    expect(within(form).getByRole('button', { name: 'Daftarkan & check-in' })).toBeDisabled();

    await u.click(within(warning).getByRole('button', { name: 'Orang ini — check-in' }));
    expect(await screen.findByTestId('confirmation')).toHaveTextContent(fikri.fullName);
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => r.name)).toEqual(['checkin.record']);
    expect(rows[0]!.args).toMatchObject({ participantId: fikri.id, method: 'search' });
    expect(await db.participants.count()).toBe(fixture.people.length);
  });

  it('a same-NIP walk-in can still be added once the desk ticks "someone else"', async () => {
    const u = userEvent.setup();
    const gusti = fixture.people[0]!;
    await openDesk();
    await u.click(screen.getByTestId('walkin-open'));
    const form = screen.getByTestId('walkin-form');
    await u.type(within(form).getByLabelText('Nama lengkap (dengan gelar)'), 'Budi Santoso');
    await u.type(within(form).getByLabelText('NIP / NI PPPK'), gusti.nip!);
    await u.type(within(form).getByLabelText('Instansi / unit kerja'), 'Perpustakaan Kab. Tapin');
    await u.selectOptions(within(form).getByLabelText('Kabupaten/kota'), '63.05');
    expect(await screen.findByTestId('walkin-duplicates')).toHaveTextContent('NIP sama');
    await u.click(screen.getByTestId('walkin-confirm-new'));
    await u.click(within(form).getByRole('button', { name: 'Daftarkan & check-in' }));
    expect(await screen.findByTestId('confirmation')).toHaveTextContent('Budi Santoso');
    expect((await db.outbox.toArray()).map((r) => r.name)).toEqual([
      'participant.register',
      'checkin.record',
    ]);
  });
});

describe('signatures at check-in', () => {
  beforeEach(async () => {
    await db.events.update(FIXTURE_EVENT_ID, { signatureAtCheckin: true });
  });

  function sign(canvas: HTMLElement, from: [number, number], to: [number, number]) {
    fireEvent.pointerDown(canvas, { pointerId: 1, clientX: from[0], clientY: from[1] });
    fireEvent.pointerMove(canvas, { pointerId: 1, clientX: (from[0] + to[0]) / 2, clientY: to[1] });
    fireEvent.pointerMove(canvas, { pointerId: 1, clientX: to[0], clientY: to[1] });
    fireEvent.pointerUp(canvas, { pointerId: 1 });
  }

  it('asks the person to sign; the strokes are stored with the check-in', async () => {
    const u = userEvent.setup();
    const person = fixture.people[1]!;
    const search = await openDesk();
    await u.type(search, `${ticketPayload(person.id, person.ticketCode)}{Enter}`);
    const pad = await screen.findByTestId('signature-pad');
    expect(pad).toHaveTextContent(person.fullName);
    const save = within(pad).getByRole('button', { name: 'Simpan tanda tangan' });
    expect(save).toBeDisabled(); // nothing drawn yet
    expect(await db.checkins.count()).toBe(0);

    sign(screen.getByTestId('signature-canvas'), [20, 30], [120, 80]);
    sign(screen.getByTestId('signature-canvas'), [150, 40], [150, 40]); // a dot
    await u.click(save);
    expect(await screen.findByTestId('confirmation')).toHaveTextContent(person.fullName);
    expect(screen.queryByTestId('unsigned')).toBeNull();
    const [checkin] = await db.checkins.toArray();
    expect(checkin).toMatchObject({ participantId: person.id, method: 'qr' });
    expect(decodeSignature(checkin!.signature!)).toEqual([
      [
        { x: 20, y: 30 },
        { x: 70, y: 80 },
        { x: 120, y: 80 },
      ],
      [{ x: 150, y: 40 }],
    ]);
  });

  it('a skipped signature is checked in and flagged; a cancelled one is not checked in', async () => {
    const u = userEvent.setup();
    const [a, b] = fixture.people;
    const search = await openDesk();
    await u.type(search, `${ticketPayload(a!.id, a!.ticketCode)}{Enter}`);
    await u.click(await screen.findByRole('button', { name: 'Batal check-in' }));
    expect(screen.queryByTestId('signature-pad')).toBeNull();
    expect(await db.checkins.count()).toBe(0);

    await u.type(search, `${ticketPayload(b!.id, b!.ticketCode)}{Enter}`);
    await u.click(await screen.findByRole('button', { name: 'Lewati (tanda tangan di kertas)' }));
    expect(await screen.findByTestId('unsigned')).toHaveTextContent('Tanpa tanda tangan');
    const [checkin] = await db.checkins.toArray();
    expect(checkin).toMatchObject({ participantId: b!.id });
    expect(checkin!.signature).toBeUndefined();
  });
});
