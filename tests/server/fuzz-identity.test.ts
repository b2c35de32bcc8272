// Property-based fuzz of the trust boundaries (issue 14), beside fuzz.test.ts and with its
// seed: a client id learned from a stamp or a check-in never reaches that device's
// sequence; a NIP or NIK typed on a phone never yields the registration it belongs to; and
// the server refuses an identifier exactly when the form's rules would (the domain module
// is the oracle: the property is that server and form agree). Real server, real HTTP.
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantIdentifierIssues } from '#domain/identifiers';
import type { FullParticipant } from '#domain/model';
import { PullResponse, PushResponse } from '#sync/protocol';
import {
  checkin,
  deviceFor,
  enrollDevice,
  patch,
  person,
  register,
  request,
  seqOfDevice,
  startTestServer,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';
import { parseSeed } from '#tests/support/random';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const SEED = parseSeed(process.env.HADIR_SEED) ?? 20_250_602;
const RUNS = { takeover: 150, probe: 150, identifiers: 400 } as const;
const TIMEOUT = 180_000;

let server: TestServer;
let world: Record<'organiser' | 'staff' | 'trainer' | 'phone', TestDevice>;
let hosts = 0;
let phoneForRegistering: TestDevice | undefined;

/** A join from its own loopback address: the join limit is per address, as for phones. */
async function joinFrom(clientId: string, nextSeq?: number): Promise<TestDevice> {
  const from = `127.0.${Math.floor(hosts / 250) + 1}.${(hosts++ % 250) + 2}`;
  const deviceInfo = { clientId, ...(nextSeq ? { nextSeq } : {}) };
  const reply = await fetchFrom(from, `/api/v1/events/${FIXTURE_EVENT_ID}/join`, { deviceInfo });
  expect(reply.status, reply.text).toBe(200);
  const enrolled = reply.json as { token: string; deviceId: string; role: 'participant' };
  return deviceFor(server.url, { ...enrolled, clientId, eventId: FIXTURE_EVENT_ID });
}

/** POST from a chosen source address (fetch cannot choose one). */
async function fetchFrom(from: string, path: string, body: unknown) {
  const { request: httpRequest } = await import('node:http');
  const url = new URL(server.url);
  const data = Buffer.from(JSON.stringify(body));
  return new Promise<{ status: number; text: string; json: unknown }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': data.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, text, json: JSON.parse(text) as unknown });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const seqs = () =>
  Object.fromEntries(
    Object.entries(world).map(([k, d]) => [k, seqOfDevice(server.db, d.deviceId)]),
  );

beforeAll(async () => {
  server = await startTestServer();
  world = {
    organiser: await enrollDevice(server, 'organiser'),
    staff: await enrollDevice(server, 'staff'),
    trainer: await enrollDevice(server, 'trainer'),
    phone: await enrollDevice(server, 'participant'),
  };
  await world.staff.send(checkin(fixture.people[0]!.id), checkin(fixture.people[1]!.id));
  await world.phone.send(register(person()));
}, 60_000);
afterAll(async () => {
  await server.close();
});

// --- generators: identifiers that are plausible about half the time ---

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const ymd = fc.record({
  y: fc.integer({ min: 1940, max: 2026 }),
  m: fc.integer({ min: 0, max: 13 }),
  d: fc.integer({ min: 0, max: 32 }),
});
const nip = fc.oneof(
  fc
    .record({
      birth: ymd,
      tmtYear: fc.integer({ min: 1955, max: 2030 }),
      tmtMonth: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 13, 21)),
      gender: fc.constantFrom('1', '2', '3'),
      seq: fc.integer({ min: 0, max: 999 }),
    })
    .map(
      (n) =>
        `${n.birth.y}${pad(n.birth.m, 2)}${pad(n.birth.d, 2)}${n.tmtYear}${pad(n.tmtMonth, 2)}` +
        `${n.gender}${pad(n.seq, 3)}`,
    ),
  digits(18),
);
const nik = fc.oneof(
  fc
    .record({
      province: fc.constantFrom(11, 31, 63, 64, 65, 91, 96, 10, 37, 99),
      regency: fc.constantFrom(0, 1, 13, 29, 71, 72, 75, 79, 99),
      district: fc.integer({ min: 1, max: 40 }),
      day: fc.oneof(
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 41, max: 71 }),
        fc.constantFrom(0, 35),
      ),
      month: fc.integer({ min: 0, max: 13 }),
      yy: fc.integer({ min: 0, max: 99 }),
      seq: fc.integer({ min: 0, max: 9999 }),
    })
    .map(
      (n) =>
        `${pad(n.province, 2)}${pad(n.regency, 2)}${pad(n.district, 2)}${pad(n.day, 2)}` +
        `${pad(n.month, 2)}${pad(n.yy, 2)}${pad(n.seq, 4)}`,
    ),
  digits(16),
);
const phone = fc.oneof(
  fc
    .record({
      op: fc.constantFrom('811', '812', '821', '841', '852', '877', '895', '899', '810'),
      rest: fc.integer({ min: 6, max: 9 }),
    })
    .chain(({ op, rest }) => digits(rest).map((r) => `+62${op}${r}`)),
  digits(11).map((d) => `+62${d}`),
);
const region = fc.oneof(
  fc.constantFrom('63.01', '63.11', '63.71', '63.72', '64.71', '63.12', '63.73', '99.99'),
  fc
    .tuple(fc.integer({ min: 10, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([a, b]) => `${a}.${pad(b, 2)}`),
);
const email = fc.oneof(fc.emailAddress(), fc.constantFrom('x@', 'a b@c.id', 'nama@perpus'));

type Over = Partial<Pick<FullParticipant, 'nip' | 'nik' | 'phone' | 'regionCode' | 'email'>> &
  Partial<Pick<FullParticipant, 'employmentStatus' | 'gender'>>;

const identifiers: fc.Arbitrary<Over> = fc.record(
  {
    nip,
    nik,
    phone,
    regionCode: region,
    email,
    employmentStatus: fc.constantFrom('pns', 'pppk', 'pppk_paruh_waktu', 'non_asn'),
    gender: fc.constantFrom('L', 'P'),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Over>;

describe('fuzz: trust boundaries', () => {
  it(
    'a client id read off a stamp or a check-in never reaches that device’s sequence',
    async () => {
      const victims = Object.keys(world) as (keyof typeof world)[];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...victims),
          fc.option(fc.integer({ min: 1, max: 1000 })),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: -3, max: 30 }),
          async (victim, nextSeq, count, offset) => {
            const before = seqs();
            const thief = await joinFrom(world[victim].clientId, nextSeq ?? undefined);
            const pulled = await thief.pullRaw({ cursor: null, limit: 1 });
            expect(pulled.status).toBe(200);
            const start = (nextSeq ?? 1) - 1;
            expect(PullResponse.parse(pulled.json).lastProcessedSeq).toBe(start);
            // Junk at the victim's next seqs, and at seqs around them.
            thief.seq = Math.max(0, before[victim]! + offset);
            const junk = Array.from({ length: count }, () => ({ name: 'junk', args: {} }));
            const reply = await thief.pushRaw(thief.stamp(...junk));
            expect(reply.status).toBe(200);
            expect(seqs()).toEqual(before);
            const own = PushResponse.parse(reply.json).lastProcessedSeq;
            expect(own).toBe(seqOfDevice(server.db, thief.deviceId));
          },
        ),
        { numRuns: RUNS.takeover, seed: SEED + 11 },
      );
    },
    TIMEOUT,
  );

  it(
    'a NIP or NIK typed on a phone yields nothing of the registration it belongs to',
    async () => {
      const targets = fixture.people.filter((p) => p.nip || p.nik);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...targets),
          fc.constantFrom('nip', 'nik'),
          async (target, kind) => {
            if (!target[kind]) return;
            const probe = await joinFrom(`c-probe-${crypto.randomUUID()}`);
            // As the person would type it: their own number, status and gender.
            const copy = person({
              [kind]: target[kind],
              employmentStatus: kind === 'nik' ? 'non_asn' : target.employmentStatus!,
              ...(kind === 'nik' ? { nip: undefined } : {}),
              gender: target.gender!,
            });
            const res = await probe.send(register(copy));
            expect(res.results).toEqual([{ seq: 1, status: 'merged' }]);
            const text = JSON.stringify(await probe.pullAll(null));
            for (const secret of [target.id, target.fullName, target.phone, target.ticketCode])
              if (secret) expect(text).not.toContain(secret);
            const mine = await request(server.url, '/api/v1/certificates/mine', {
              token: probe.token,
            });
            expect(mine.text).not.toContain(target.fullName);
          },
        ),
        { numRuns: RUNS.probe, seed: SEED + 12 },
      );
    },
    TIMEOUT,
  );

  it(
    'every role: an identifier is refused exactly when the form’s rules refuse it, the field named',
    async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('organiser', 'staff', 'participant', 'staff-patch', 'organiser-patch'),
          identifiers,
          async (who, over) => {
            const p = person({ ...over, source: who.startsWith('staff') ? 'walkin' : 'self' });
            const expected = participantIdentifierIssues(p, { provinceCode: '63' })[0];
            if (who.endsWith('-patch')) {
              const device = world[who.startsWith('staff') ? 'staff' : 'organiser'];
              const target = fixture.people[2]!;
              const stored = server.db
                .prepare("SELECT data FROM rows WHERE tbl = 'participants' AND id = ?")
                .get(target.id) as { data: string };
              // Judged on the row the patch would leave, for the fields it writes (and the
              // NIP/NIK when it changes what they are read against).
              const after = { ...JSON.parse(stored.data), ...over } as FullParticipant;
              const rereads = 'gender' in over || 'employmentStatus' in over;
              const issue = participantIdentifierIssues(after, { provinceCode: '63' }).find(
                (i) => i.field in over || (rereads && (i.field === 'nip' || i.field === 'nik')),
              );
              const h = device.tick();
              const fields = Object.fromEntries(
                Object.entries(over).map(([k, v]) => [k, { v, hlc: h }]),
              );
              if (Object.keys(fields).length === 0) return;
              const result = (await device.send(patch(target.id, fields, h))).results[0]!;
              if (issue) {
                refused++;
                expect(result, JSON.stringify(over)).toMatchObject({
                  status: 'rejected',
                  code: 'INVALID_MUTATION',
                  field: issue.field,
                });
              } else {
                expect(result.code, JSON.stringify({ over, result })).not.toBe('INVALID_MUTATION');
              }
              return;
            }
            // A phone registers once; a refused registration leaves it free to try again,
            // so a new phone (a join, limited per event) is needed only after a success.
            const device =
              who === 'participant'
                ? (phoneForRegistering ??= await joinFrom(`c-id-${crypto.randomUUID()}`))
                : world[who as 'staff'];
            const result = (await device.send(register(p))).results[0]!;
            if (who === 'participant' && result.status !== 'rejected')
              phoneForRegistering = undefined;
            if (expected) {
              refused++;
              expect(result, JSON.stringify(over)).toMatchObject({
                status: 'rejected',
                code: 'INVALID_MUTATION',
                field: expected.field,
              });
              // The wire schema (lengths) speaks first; past it, the rule's own code.
              if (result.reason !== 'format') expect(result.reason).toBe(expected.code);
            } else {
              expect(result.code, JSON.stringify({ over, result })).not.toBe('INVALID_MUTATION');
            }
          },
        ),
        { numRuns: RUNS.identifiers, seed: SEED + 13 },
      );
      // Both sides of the rules were reached.
      expect(refused).toBeGreaterThan(RUNS.identifiers / 10);
      expect(refused).toBeLessThan(RUNS.identifiers);
    },
    TIMEOUT,
  );
});
