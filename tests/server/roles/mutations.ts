// The second and third tables of the role matrix (roles.test.ts): a valid mutation of each
// kind as its sender would make it (every mutation × every role, with MUTATION_MATRIX in
// tests/support/permissions.ts), and the named cases, one row each.
import type { Participant } from '#domain/model';
import type { MutationName } from '#domain/mutations';
import type { RejectionCode } from '#sync/protocol';
import {
  checkin,
  closeSession,
  deleteBatch,
  deleteSession,
  mark,
  patch,
  person,
  register,
  upsert,
  upsertSession,
  voidCheckin,
  type Draft,
  type TestDevice,
} from '#tests/server/support';
import { MUTATION_MATRIX, SENDERS } from '#tests/support/permissions';
import {
  batchB,
  EVENT_A,
  EVENT_B,
  eventB,
  OTHER_BATCH_SESSION,
  OTHER_SESSION,
  OWN_SESSION,
  p1,
  sessionB,
  SPARE_BATCH,
  SPARE_SESSION,
  tag,
  type World,
} from '#tests/server/roles/world';
import { fixture } from '#tests/support/fixture';

export const mutationCases = Object.entries(MUTATION_MATRIX).flatMap(([mutation, row]) =>
  SENDERS.map((role, i) => ({ mutation: mutation as MutationName, role, expected: row[i]! })),
);

/** The registration a sender would legitimately touch: a phone its own, others a seeded one. */
const targetOf = (w: World, sender: TestDevice, seeded: Participant) =>
  sender.role === 'participant' ? w.own.id : seeded.id;

/** A valid mutation of each kind, as the sender would make it for its own event. */
export const DRAFTS: Record<MutationName, (w: World, sender: TestDevice) => Draft> = {
  'event.upsert': () => upsert('event', { ...fixture.event, name: `Bimtek Literasi ${tag()}` }),
  'batch.upsert': () => upsert('batch', { ...fixture.batches[1]!, name: `Angkatan ${tag()}` }),
  'session.upsert': () => upsertSession({ ...fixture.sessions[4]!, id: `session-${tag()}` }),
  'batch.delete': () => deleteBatch(SPARE_BATCH.id),
  'session.delete': () => deleteSession(SPARE_SESSION.id),
  'participant.register': (_w, sender) =>
    register(person({ source: sender.role === 'participant' ? 'self' : 'walkin' })),
  'participant.patch': (w, sender) => {
    const hlc = sender.tick();
    const id = targetOf(w, sender, fixture.people[1]!);
    return patch(id, { institution: { v: `Perpustakaan ${tag()}`, hlc } }, hlc);
  },
  'participant.cancel': (w, sender) => ({
    name: 'participant.cancel',
    args: { participantId: targetOf(w, sender, fixture.people[5]!), reason: 'Berhalangan' },
  }),
  'participant.delete': (w, sender) => ({
    name: 'participant.delete',
    args: { participantId: targetOf(w, sender, fixture.people[3]!) },
  }),
  'checkin.record': () => checkin(fixture.people[0]!.id),
  'checkin.void': (w, sender) => voidCheckin(w.deskCheckins[sender.role === 'organiser' ? 1 : 0]),
  'attendance.mark': () => mark(OWN_SESSION.id, fixture.people[0]!.id),
  'session.close': () => closeSession(OWN_SESSION.id, true),
};

export type Sender = 'organiser' | 'staff' | 'trainer' | 'participant' | 'foreign';
export type MakeDraft = (w: World, sender: TestDevice) => Draft;

/** Rows as [sender, action, draft, expected]: one line per case. */
export type Row = [Sender, string, MakeDraft, RejectionCode | 'applied'];

/** participant.patch of one field, stamped by the sender's clock. */
const patchOf =
  (id: (w: World) => string, field: string, v: unknown): MakeDraft =>
  (w, sender) => {
    const hlc = sender.tick();
    return patch(id(w), { [field]: { v, hlc } }, hlc);
  };

const cancelOf =
  (id: (w: World) => string): MakeDraft =>
  (w) => ({ name: 'participant.cancel', args: { participantId: id(w), reason: 'Berhalangan' } });

const own = (w: World) => w.own.id;
const neighbour = (w: World) => w.neighbour.id;
const seeded = () => p1.id;
const inB = (w: World) => w.participantB.id;

const newSessionIn = (eventId: string, batchId: string) => ({
  ...fixture.sessions[2]!,
  id: `session-${tag()}`,
  eventId,
  batchId,
});

/** A stamp of another device's clock: what a pulled row's `hlc` shows of its writer. */
const stampedAs =
  (other: (w: World) => TestDevice, draft: (w: World) => Draft): MakeDraft =>
  (w) => ({ ...draft(w), hlc: `${new Date().toISOString()}-0000-${other(w).clientId}` });

const implausibleNip = '199013452015001000';

/** The named cases: a describe per title, in this order. */
// prettier-ignore
export const NAMED_CASES: [string, Row[]][] = [
  ['a participant token', [
    ['participant', 'checkin.record',                           () => checkin(p1.id),                              'FORBIDDEN'],
    ['participant', 'checkin.record of its own registration',   (w) => checkin(w.own.id),                          'FORBIDDEN'],
    ['participant', 'attendance.mark',                          (w) => mark(OWN_SESSION.id, w.own.id),             'FORBIDDEN'],
    ['participant', 'participant.register as a walk-in',        () => register(person({ source: 'walkin' })),      'FORBIDDEN'],
  ]],
  ['a trainer', [
    ['trainer', 'marks its own (assigned) session',             () => mark(OWN_SESSION.id, p1.id),                 'applied'],
    ['trainer', 'marks another session of the same batch',      () => mark(OTHER_SESSION.id, p1.id),               'FORBIDDEN'],
    ['trainer', 'marks a session of another batch',             () => mark(OTHER_BATCH_SESSION.id, p1.id),         'FORBIDDEN'],
    ['trainer', 'records a check-in',                           () => checkin(p1.id),                              'FORBIDDEN'],
    ['trainer', 'takes back a desk’s check-in',                 (w) => voidCheckin(w.deskCheckins[0]),             'FORBIDDEN'],
  ]],
  ['a desk taking back check-ins', [
    ['staff',   'takes back the organiser’s check-in',          (w) => voidCheckin(w.organiserCheckin),            'FORBIDDEN'],
    ['staff',   'takes back a check-in that never was',         () => voidCheckin(crypto.randomUUID()),            'NOT_FOUND'],
    ['foreign', 'takes back a check-in naming event A',         (w) => voidCheckin(w.deskCheckins[0]),             'EVENT_MISMATCH'],
    ['foreign', 'takes back A’s check-in naming its own event', (w) => voidCheckin(w.organiserCheckin, { eventId: EVENT_B }), 'EVENT_MISMATCH'],
    ['trainer', 'patches a participant',                        patchOf(seeded, 'institution', 'Perpustakaan X'),    'FORBIDDEN'],
  ]],
  ['a participant and registrations', [
    ['participant', 'patches its own registration',             patchOf(own, 'phone', '+6281200001111'),           'applied'],
    ['participant', 'cancels its own registration',             cancelOf(own),                                     'applied'],
    ['participant', 'patches another person’s (imported) registration', patchOf(seeded, 'phone', '+6281200001111'),  'FORBIDDEN'],
    ['participant', 'cancels another person’s (imported) registration', cancelOf(seeded),                            'FORBIDDEN'],
    ['participant', 'patches another phone’s registration',     patchOf(neighbour, 'email', 'bukan@example.org'),  'FORBIDDEN'],
    ['participant', 'cancels another phone’s registration',     cancelOf(neighbour),                               'FORBIDDEN'],
  ]],
  ['a device of event A touching event B (and B’s organiser touching A)', [
    ['organiser',   'event.upsert of event B',                  () => upsert('event', { ...eventB, name: 'Diambil alih' }),                    'EVENT_MISMATCH'],
    ['organiser',   'batch.upsert of B’s batch',                () => upsert('batch', { ...batchB, capacity: 1 }),                             'EVENT_MISMATCH'],
    ['organiser',   'session.upsert of B’s session',            () => upsertSession({ ...sessionB, title: 'Diambil alih' }),                   'EVENT_MISMATCH'],
    ['organiser',   'a new session of A in B’s batch',          () => upsertSession(newSessionIn(EVENT_A, batchB.id)),                         'NOT_FOUND'],
    ['organiser',   'participant.patch of B’s participant',     patchOf(inB, 'fullName', 'Diubah'),                                            'NOT_FOUND'],
    ['organiser',   'participant.cancel of B’s participant',    cancelOf(inB),                                                                 'NOT_FOUND'],
    ['staff',       'participant.register into event B',        () => register(person({ eventId: EVENT_B, batchId: batchB.id, source: 'walkin' })), 'EVENT_MISMATCH'],
    ['staff',       'participant.register into A, B’s batch',   () => register(person({ batchId: batchB.id, source: 'walkin' })),              'NOT_FOUND'],
    ['staff',       'participant.patch of B’s participant',     patchOf(inB, 'phone', '+6281200002222'),                                       'NOT_FOUND'],
    ['staff',       'checkin.record naming event B',            (w) => checkin(w.participantB.id, { eventId: EVENT_B }),                       'EVENT_MISMATCH'],
    ['staff',       'checkin.record in A of B’s participant',   (w) => checkin(w.participantB.id),                                             'NOT_FOUND'],
    ['staff',       'attendance.mark naming event B',           (w) => mark(sessionB.id, w.participantB.id, 'hadir', { eventId: EVENT_B }),    'EVENT_MISMATCH'],
    ['staff',       'attendance.mark in A of B’s session',      () => mark(sessionB.id, p1.id),                                                'NOT_FOUND'],
    ['staff',       'attendance.mark in A of B’s participant',  (w) => mark(OWN_SESSION.id, w.participantB.id),                                'NOT_FOUND'],
    ['trainer',     'attendance.mark naming event B',           (w) => mark(sessionB.id, w.participantB.id, 'hadir', { eventId: EVENT_B }),    'EVENT_MISMATCH'],
    ['participant', 'participant.register into event B',        () => register(person({ eventId: EVENT_B, batchId: batchB.id })),              'EVENT_MISMATCH'],
    ['participant', 'participant.patch of B’s participant',     patchOf(inB, 'phone', '+6281200003333'),                                       'NOT_FOUND'],
    ['foreign',     'event.upsert of event A',                  () => upsert('event', { ...fixture.event, registrationOpen: false }),             'EVENT_MISMATCH'],
    ['foreign',     'checkin.record naming event A',            () => checkin(p1.id),                                                          'EVENT_MISMATCH'],
    ['foreign',     'checkin.record in B of A’s participant',   () => checkin(p1.id, { eventId: EVENT_B }),                                    'NOT_FOUND'],
    ['foreign',     'participant.cancel of A’s participant',    cancelOf(seeded),                                                                'NOT_FOUND'],
    ['organiser',   'batch.delete naming event B',              () => deleteBatch(batchB.id, { eventId: EVENT_B, force: true }),               'EVENT_MISMATCH'],
    ['organiser',   'batch.delete in A of B’s batch',           () => deleteBatch(batchB.id, { force: true }),                                 'NOT_FOUND'],
    ['organiser',   'session.delete in A of B’s session',       () => deleteSession(sessionB.id, { force: true }),                             'NOT_FOUND'],
    ['foreign',     'session.delete of A’s session',            () => deleteSession(SPARE_SESSION.id, { eventId: EVENT_B }),                   'NOT_FOUND'],
  ]],
  // The rest of deleting (sessions, marks, force, tombstones) is in deletions.test.ts.
  ['deleting what is still in use', [
    ['organiser',   'a batch with registrations, confirmed',    () => deleteBatch(fixture.batches[0]!.id, { force: true }),                        'IN_USE'],
    ['organiser',   'a session that never existed',             () => deleteSession(`${EVENT_A}-no-such-session`),                             'NOT_FOUND'],
  ]],
  ['identifiers the server checks itself', [
    ['staff',       'a check-in stamped in the organiser’s name', stampedAs((w) => w.organiser, () => checkin(p1.id)),           'INVALID_MUTATION'],
    ['trainer',     'a mark stamped in the desk’s name',          stampedAs((w) => w.staff, () => mark(OWN_SESSION.id, p1.id)),  'INVALID_MUTATION'],
    ['organiser',   'an import with NIP month 13, day 45',        () => register(person({ nip: implausibleNip, source: 'import' })), 'INVALID_MUTATION'],
    ['staff',       'a walk-in with region 99.99',                () => register(person({ regionCode: '99.99', source: 'walkin' })), 'INVALID_MUTATION'],
    ['staff',       'a walk-in with a 0841 phone',                () => register(person({ phone: '+62841234567', source: 'walkin' })), 'INVALID_MUTATION'],
    ['participant', 'a NIK of a province that does not exist',    () => register(person({ nik: '9901011501900001' })),        'INVALID_MUTATION'],
    ['organiser',   'a patch giving a child’s NIK',               patchOf(seeded, 'nik', '6371011501120001'),                   'INVALID_MUTATION'],
    ['staff',       'a patch giving a pensioner’s NIP',           patchOf(seeded, 'nip', '195001011975031001'),                 'INVALID_MUTATION'],
    ['participant', 'a patch of its own phone to 0841',           patchOf(own, 'phone', '+62841234567'),                      'INVALID_MUTATION'],
    ['organiser',   'an official with an implausible NIP',        () => upsert('event', { ...fixture.event, official: { name: 'X', title: 'Y', nip: implausibleNip } }), 'INVALID_MUTATION'],
  ]],
];
