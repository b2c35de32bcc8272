// Test data builders: valid by default, overridable per test.
import { demoEvent } from '#domain/demo';
import type { Participant } from '#domain/model';

let n = 0;

export function participant(overrides: Partial<Participant> = {}): Participant {
  n++;
  return {
    id: `p-${n}-${crypto.randomUUID()}`,
    eventId: demoEvent.id,
    batchId: `${demoEvent.id}-a1`,
    fullName: `Peserta Uji ${n}, S.IP.`,
    employmentStatus: 'pns',
    nip: '198609262015051001',
    gender: 'L',
    position: 'pustakawan_ahli_pertama',
    institution: 'Dinas Perpustakaan Kota Banjarbaru',
    regionCode: '63.72',
    libraryType: 'umum_kabkota',
    phone: '+6281234567890',
    certificationIntention: 'ya',
    consentAt: '2025-05-20T02:00:00.000Z',
    source: 'self',
    status: 'registered',
    ticketCode: `T${String(n).padStart(5, '0')}`,
    needsReview: false,
    createdAt: '2025-05-20T02:00:00.000Z',
    updatedAt: '2025-05-20T02:00:00.000Z',
    ...overrides,
  };
}
