// Mutations for the shaped pushes: arguments valid by default, then bent (ids, days,
// instants, NIPs, NIKs, phones, whole registrations and patches), one template per
// mutation name, and the envelope around each (seq, id, name, stamp).
import * as fc from 'fast-check';
import { mutationNames } from '#domain/mutations';
import {
  certificationIntentionCodes,
  employmentStatusCodes,
  libraryTypeCodes,
  positionCodes,
} from '#domain/reference';
import {
  build,
  corruptions,
  junk,
  MISSING,
  often,
  pick,
  PROTO_KEYS,
  type Corruption,
} from '#tests/server/fuzz/junk';
import { badStamps, FieldStamp, hlcSpec, type HlcSpec } from '#tests/server/fuzz/stamps';
import type { World } from '#tests/server/fuzz/world';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const anId = often(
  fc.uuid(),
  fc.oneof(
    pick(['', 'x'.repeat(64), 'x'.repeat(65), ' ', 'a:b', '\u0000', '%2F']),
    fc.string({ minLength: 1, maxLength: 64 }),
  ) as fc.Arbitrary<string>,
);
const anEventId = often(
  fc.constant(FIXTURE_EVENT_ID),
  pick(['other-event', 'UJI-BIMTEK', `${FIXTURE_EVENT_ID} `, '', 'x'.repeat(65)]),
);
const aDay = often(
  fc.constant('2025-06-02'),
  pick(['2025-6-2', '2025-02-30', '02/06/2025', '', '20250602', '2025-06-02T00:00:00.000Z']),
);
const anInstant = often(
  fc
    .date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  pick([
    '2025-06-02T08:00:00+08:00',
    '2025-06-02T00:00:00Z',
    '2025-06-02',
    'yesterday',
    '',
    '2025-13-01T00:00:00.000Z',
  ]),
);
const aNip = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^19[6-9]\d{15}$/) },
  { weight: 2, arbitrary: pick(fixture.people.flatMap((p) => (p.nip ? [p.nip] : []))) },
  {
    weight: 2,
    arbitrary: pick([
      '19900101201503100A',
      'l99001012015031001',
      '19900101.201503.1.001',
      '19900101 201503 1 001',
      '1990010120150310011',
      '19900101201503100',
      '',
      '１９９００１０１２０１５０３１００１',
    ]),
  },
);
const aNik = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^63\d{14}$/) },
  { weight: 1, arbitrary: pick(['637101010190000A', '6371.0101.0190.0001', '637101010190001']) },
);
const aPhone = often(
  fc.stringMatching(/^\+628\d{9,11}$/),
  pick(['081234567890', '+62 812-3456-7890', '6281234567890', '+6281', '+1 555 0100', '']),
  4,
);

function participantArb() {
  return fc
    .record({
      id: anId,
      eventId: anEventId,
      batchId: often(
        pick(fixture.batches.map((b) => b.id)),
        pick(['no-such-batch', '', `${FIXTURE_EVENT_ID}-a9`]),
      ),
      fullName: often(
        fc.string({ minLength: 1, maxLength: 60 }),
        pick(['', ' ', 'x'.repeat(201), '\u0000']),
      ),
      employmentStatus: often(pick(employmentStatusCodes), pick(['PNS', 'asn', ''])),
      nip: fc.oneof({ weight: 4, arbitrary: aNip }, { weight: 1, arbitrary: fc.constant(MISSING) }),
      nik: fc.oneof({ weight: 1, arbitrary: aNik }, { weight: 3, arbitrary: fc.constant(MISSING) }),
      gender: often(pick(['L', 'P']), pick(['l', 'X', ''])),
      position: often(pick(positionCodes), pick(['kepala', ''])),
      institution: often(fc.string({ minLength: 1, maxLength: 80 }), pick(['', 'x'.repeat(201)])),
      regionCode: often(pick(['63.71', '63.03', '63']), pick(['', '123456789'])),
      libraryType: often(pick(libraryTypeCodes), pick(['umum', ''])),
      phone: aPhone,
      email: fc.oneof(
        { weight: 3, arbitrary: fc.emailAddress() },
        { weight: 1, arbitrary: fc.constant(MISSING) },
        { weight: 1, arbitrary: pick(['not-an-email', 'x'.repeat(201)]) },
      ),
      certificationIntention: often(pick(certificationIntentionCodes), pick(['maybe'])),
      consentAt: often(anInstant, fc.constant(null as unknown as string), 5),
      source: often(pick(['self', 'walkin', 'import']), pick(['admin', 'SELF', ''])),
      status: often(pick(['registered', 'waitlisted', 'cancelled']), pick(['deleted'])),
      ticketCode: often(fc.stringMatching(/^[A-Z0-9]{4,12}$/), pick(['abc', 'T-1', ''])),
      needsReview: often(fc.boolean(), junk, 6),
      createdAt: anInstant,
      updatedAt: anInstant,
    })
    .map((p): unknown => ({ participant: build(p) }));
}

const patchableFields = [
  'fullName',
  'nip',
  'nik',
  'phone',
  'email',
  'institution',
  'status',
  'batchId',
  'rank',
  'gender',
  'consentAt',
  'needsReview',
];

function patchArb(participantIds: fc.Arbitrary<string>) {
  const fieldName = fc.oneof(
    { weight: 10, arbitrary: pick(patchableFields) },
    { weight: 1, arbitrary: pick(['id', 'eventId', 'createdAt', 'source', 'ticketCode']) },
    { weight: 1, arbitrary: pick(['nope', '', 'fullname', 'hlcs', 'owner']) },
    { weight: 1, arbitrary: pick(PROTO_KEYS) },
  );
  const value = fc.oneof(
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
    { weight: 2, arbitrary: aNip as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: aNik as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: aPhone as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: pick(['registered', 'cancelled', 'L', fixture.batches[1]!.id]) },
    { weight: 1, arbitrary: junk },
  );
  const stamp = fc.oneof(
    { weight: 6, arbitrary: fc.constant(new FieldStamp('same')) as fc.Arbitrary<unknown> },
    { weight: 2, arbitrary: fc.constant(new FieldStamp('older')) },
    { weight: 1, arbitrary: fc.constant(new FieldStamp('newer')) },
    { weight: 1, arbitrary: badStamps },
  );
  return fc
    .record({
      participantId: participantIds,
      fields: fc.dictionary(fieldName, fc.record({ v: value, hlc: stamp }), {
        minKeys: 0,
        maxKeys: 4,
      }),
    })
    .map((a) => a as unknown);
}

interface Template {
  name: string;
  args: unknown;
}

function templates(w: World): fc.Arbitrary<Template> {
  const participantIds = often(
    pick([...fixture.people.map((p) => p.id), w.own, w.alias]),
    pick(['no-such-participant', '', `${FIXTURE_EVENT_ID}-p99`]),
    6,
  );
  const sessionIds = often(
    pick(fixture.sessions.map((s) => s.id)),
    pick(['no-such-session', `${FIXTURE_EVENT_ID}-a1-s99`]),
  );
  const t = <N extends string>(name: N, args: fc.Arbitrary<unknown>) =>
    args.map((a): Template => ({ name, args: a }));
  return fc.oneof(
    t(
      'checkin.record',
      fc
        .record({
          checkinId: anId,
          eventId: anEventId,
          participantId: participantIds,
          day: aDay,
          at: anInstant,
          method: often(pick(['qr', 'search', 'walkin']), pick(['QR', 'face'])),
          signature: fc.oneof(
            { weight: 4, arbitrary: fc.constant<unknown>(MISSING) },
            { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
            { weight: 1, arbitrary: fc.constant('s'.repeat(20_001)) },
          ),
        })
        .map(build),
    ),
    t(
      'attendance.mark',
      fc
        .record({
          markId: anId,
          eventId: anEventId,
          sessionId: sessionIds,
          participantId: participantIds,
          status: often(
            pick(['hadir', 'terlambat', 'izin', 'sakit', 'tidak_hadir']),
            pick(['HADIR', 'absen']),
          ),
          note: fc.oneof(
            { weight: 3, arbitrary: fc.constant<unknown>(MISSING) },
            { weight: 1, arbitrary: fc.string({ maxLength: 310 }) },
          ),
          at: anInstant,
        })
        .map(build),
    ),
    t('checkin.void', fc.record({ checkinId: anId, eventId: anEventId, at: anInstant }).map(build)),
    t('participant.register', participantArb()),
    t('participant.patch', patchArb(participantIds)),
    t(
      'participant.cancel',
      fc
        .record({
          participantId: participantIds,
          reason: often(fc.string({ maxLength: 100 }), pick(['r'.repeat(301)])),
        })
        .map(build),
    ),
    t(
      'event.upsert',
      fc
        .record({
          id: anEventId,
          name: often(fc.string({ minLength: 1, maxLength: 100 }), pick(['', 'n'.repeat(301)])),
          minutesPerJp: often(fc.integer({ min: 1, max: 240 }), pick([0, 241, 1.5, -45])),
          certificateThreshold: often(fc.integer({ min: 0, max: 100 }), pick([101, -1])),
          retentionDays: often(fc.integer({ min: 1, max: 3650 }), pick([0, -1, 2 ** 53])),
        })
        .map((over) => ({ event: { ...fixture.event, ...over } })),
    ),
    t(
      'batch.upsert',
      fc
        .record({
          id: often(pick(fixture.batches.map((b) => b.id)), anId),
          eventId: anEventId,
          code: often(fc.stringMatching(/^[A-Z0-9]{1,6}$/), pick(['a1', 'TOOLONG', ''])),
          capacity: often(fc.integer({ min: 0, max: 200 }), pick([-1, 1.5, 2 ** 53])),
        })
        .map((over) => ({ batch: { ...fixture.batches[0]!, ...over } })),
    ),
    t(
      'session.upsert',
      fc
        .record({
          id: often(pick(fixture.sessions.map((s) => s.id)), anId),
          eventId: anEventId,
          batchId: often(pick(fixture.batches.map((b) => b.id)), pick(['no-such-batch'])),
          jp: often(fc.integer({ min: 0, max: 24 }), pick([25, -1])),
          trainerDeviceIds: often(
            fc.constant<string[]>([w.devices.trainer.deviceId]),
            fc.array(fc.string({ maxLength: 70 }), { maxLength: 3 }),
            3,
          ),
        })
        .map((over) => ({ session: { ...fixture.sessions[0]!, ...over } })),
    ),
    // Deletions: the trainer's session (fixture s1) stays, so its marks keep being fuzzed.
    t(
      'session.delete',
      fc
        .record({
          sessionId: often(pick(fixture.sessions.slice(1).map((s) => s.id)), anId),
          eventId: anEventId,
          force: fc.oneof(
            { weight: 2, arbitrary: fc.constant<unknown>(MISSING) },
            { weight: 2, arbitrary: fc.boolean() },
            { weight: 1, arbitrary: pick<unknown>(['yes', 1, null]) },
          ),
        })
        .map(build),
    ),
    t(
      'batch.delete',
      fc
        .record({
          batchId: often(pick(fixture.batches.map((b) => b.id)), anId),
          eventId: anEventId,
          force: fc.oneof(
            { weight: 2, arbitrary: fc.constant<unknown>(MISSING) },
            { weight: 2, arbitrary: fc.boolean() },
            { weight: 1, arbitrary: pick<unknown>(['yes', 1, null]) },
          ),
        })
        .map(build),
    ),
  );
}

type SeqSpec = { k: 'next' } | { k: 'rel'; d: number } | { k: 'lit'; v: unknown };
const seqSpec: fc.Arbitrary<SeqSpec> = fc.oneof(
  { weight: 60, arbitrary: fc.constant({ k: 'next' as const }) },
  {
    weight: 2,
    arbitrary: fc.integer({ min: -3, max: 3 }).map((d) => ({ k: 'rel' as const, d })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(pick<unknown>([0, -1, 1.5, 2 ** 53, '1', null]), fc.integer())
      .map((v) => ({ k: 'lit' as const, v })),
  },
);

export interface MutationCase {
  seq: SeqSpec;
  id: unknown;
  name: unknown;
  template: Template;
  hlc: HlcSpec;
  createdAt: unknown;
  /** Applied to `args` only: a bad argument is a rejected mutation, not a 400. */
  broken: Corruption[];
}

export function mutationCase(w: World): fc.Arbitrary<MutationCase> {
  return templates(w).chain((template) =>
    fc.record({
      seq: seqSpec,
      // Unbiased: a client never reuses a mutation's id, and a server settles an id once
      // (a biased uuid repeats the same few, and every later one would be a duplicate).
      id: often(fc.noBias(fc.uuid()), junk as fc.Arbitrary<string>, 80) as fc.Arbitrary<unknown>,
      name: fc.oneof(
        { weight: 60, arbitrary: fc.constant<unknown>(template.name) },
        { weight: 3, arbitrary: pick<unknown>(mutationNames) },
        { weight: 1, arbitrary: pick<unknown>(PROTO_KEYS) },
        {
          weight: 2,
          arbitrary: pick<unknown>([
            'Checkin.Record',
            ' checkin.record',
            'checkin',
            'participant.delete',
            'participant.register.',
            '',
            'x'.repeat(65),
          ]),
        },
        { weight: 1, arbitrary: junk },
      ),
      template: fc.constant(template),
      hlc: hlcSpec,
      createdAt: often(fc.constant(new Date().toISOString()), junk as fc.Arbitrary<string>, 80),
      broken: corruptions(2),
    }),
  );
}
