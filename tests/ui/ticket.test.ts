// @vitest-environment jsdom
// The ticket on a participant's phone, over a real (fake-indexeddb) database: a QR only
// where the desk will take it. Cancelled, it says so and shows no QR (nor "show this QR");
// refused by the server, it says why and what to do. It opens at its top.
import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HadirDb } from '#db/database';
import { cancelParticipant } from '#db/participants';
import { cachePublicEvent, registerOwn } from '#db/registration';
import { settle } from '#sync/local';
import RegisterApp from '#pages/register/RegisterApp.svelte';
import { RegistrationFlow } from '#state/registration.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

let db: HadirDb;

beforeEach(async () => {
  db = freshDb();
  await cachePublicEvent({
    event: fixture.event,
    batches: fixture.batches,
    sessions: fixture.sessions,
    seatsLeft: { [fixture.batches[0]!.id]: 12 },
  });
  await registerOwn(FIXTURE_EVENT_ID, {
    fullName: 'Siti Aminah, S.IP.',
    employmentStatus: 'pns',
    nip: '198609262015052001',
    gender: 'P',
    position: 'pustakawan_ahli_pertama',
    institution: 'Dinas Perpustakaan Kota Banjarbaru',
    regionCode: '63.72',
    libraryType: 'umum_kabkota',
    phone: '+6281251110042',
    batchId: fixture.batches[0]!.id,
    certificationIntention: 'ya',
  });
});

async function openTicket() {
  render(RegisterApp, { flow: new RegistrationFlow(FIXTURE_EVENT_ID) });
  // The ticket's code loads on its own (the first time, through the whole transform).
  return screen.findByTestId('ticket', {}, { timeout: 15_000 });
}

const showAtDesk = /Tunjukkan QR ini di meja registrasi/;

describe('the ticket', () => {
  it('shows its QR to show at the desk, and opens at the top with its heading focused', async () => {
    document.documentElement.scrollTop = 500;
    await openTicket();
    expect(await screen.findByTestId('qr')).toBeTruthy();
    expect(screen.getByText(showAtDesk)).toBeTruthy();
    expect(document.documentElement.scrollTop).toBe(0);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Tiket Anda' }));
  });

  it('once cancelled: says so and what it means, with no QR and no "show this QR"', async () => {
    await openTicket();
    await screen.findByTestId('qr');
    const [own] = await db.participants.toArray();
    await cancelParticipant(own!.id, 'Dibatalkan sendiri oleh peserta');

    const cancelled = await screen.findByTestId('ticket-cancelled');
    expect(cancelled).toHaveTextContent('Pendaftaran Anda dibatalkan.');
    expect(cancelled).toHaveTextContent('Tiket ini tidak berlaku lagi di meja registrasi');
    expect(screen.queryByTestId('qr')).toBeNull();
    expect(screen.queryByText(showAtDesk)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Simpan sebagai gambar' })).toBeNull();
    expect(screen.getByTestId('ticket-name')).toHaveTextContent('Siti Aminah, S.IP.');
  });

  it('refused by the server: names the reason and says to contact the organisers, no QR', async () => {
    await openTicket();
    const [row] = await db.outbox.toArray();
    await settle(
      [
        {
          seq: row!.seq,
          status: 'rejected',
          code: 'INVALID_MUTATION',
          field: 'nip',
          reason: 'nip.birthDate',
        },
      ],
      row!.seq,
    );
    await vi.waitFor(() =>
      expect(screen.getByTestId('ticket-status')).toHaveTextContent(
        'Pendaftaran ditolak server: Tanggal lahir pada NIP tidak valid (digit ke-1 s.d. 8, format TTTTBBHH). Hubungi panitia.',
      ),
    );
    expect(screen.queryByTestId('qr')).toBeNull();
    expect(screen.queryByText(showAtDesk)).toBeNull();
  });
});
