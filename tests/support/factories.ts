// Test data builders: valid by default, overridable per test.
import type { FullParticipant, Participant } from '#domain/model';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

let n = 0;

export function participant(overrides: Partial<Participant> = {}): Participant {
  n++;
  return {
    id: `p-${n}-${crypto.randomUUID()}`,
    eventId: FIXTURE_EVENT_ID,
    batchId: fixture.batches[0]!.id,
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

let people = 0;

/** A valid 18-digit NIP nobody in the fixture or the demo has (born 1990-01-01, TMT 2015-03), its
 * gender digit agreeing with `gender` (the server checks it as the form does). */
export function freshNip(gender: 'L' | 'P' = 'L'): string {
  people++;
  const digit = gender === 'P' ? '2' : '1';
  return `19900101201503${digit}${String((people % 999) + 1).padStart(3, '0')}`;
}

/** A new participant of the fixture's event (Angkatan I), valid by default. */
export function person(over: Partial<FullParticipant> = {}): FullParticipant {
  people++;
  return {
    id: crypto.randomUUID(),
    eventId: FIXTURE_EVENT_ID,
    batchId: fixture.batches[0]!.id,
    fullName: `Peserta Uji ${people}, S.IP.`,
    employmentStatus: 'pns',
    nip: freshNip(over.gender ?? 'L'),
    gender: 'L',
    position: 'pustakawan_ahli_pertama',
    institution: 'Dinas Perpustakaan Kota Banjarbaru',
    regionCode: '63.72',
    libraryType: 'umum_kabkota',
    phone: '+6281234567890',
    email: `peserta${people}@example.org`,
    certificationIntention: 'ya',
    consentAt: '2025-05-20T02:00:00.000Z',
    source: 'self',
    status: 'registered',
    ticketCode: `T${String(people).padStart(6, '0')}`,
    needsReview: false,
    createdAt: '2025-05-20T02:00:00.000Z',
    updatedAt: '2025-05-20T02:00:00.000Z',
    ...over,
  };
}
