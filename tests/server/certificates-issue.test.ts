// Certificates issued the standard way, on the real server over real HTTP: each batch dated
// by its own day (its certificate date, else its last day), the number's month and year
// following that date; the programme's JP stated unless the event says "earned"; a walk-in
// whose data is not completed never numbered; a 0% threshold refused; an NI PPPK labelled
// as one; the demo event's certificates never confirmed as genuine; the public check
// showing the dates, the date of issue and the signatory, and no NIP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT_ID, demoBatches, demoSessions } from '#domain/demo';
import { newEventDraft } from '#domain/event-template';
import type { Batch, Event, Participant, Session } from '#domain/model';
import { zonedTimeToIso } from '#domain/time';
import { seedDemo } from '#server/seed';
import { CertificateList, MyCertificates, VerifyResponse } from '#sync/certificates';
import {
  enrollDevice,
  errorCode,
  hlcAt,
  mark,
  patch,
  person,
  register,
  request,
  startTestServer,
  upsert,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const EVENT_ID = 'bimtek-sertifikat-2025';
const TZ = 'Asia/Makassar';
const signatory = {
  name: 'Dr. Siti Rahmah, M.Si.',
  title: 'Kepala Dinas Perpustakaan dan Kearsipan',
  nip: '197001011995031001',
};

/** A real (not demo) event: Angkatan I on 2–3 June 2025 (4 sessions, 8 JP), Angkatan II
 * on 23 June (2 sessions, 4 JP). Everything in the past, so both batches are finished. */
const event: Event = {
  ...newEventDraft(EVENT_ID, '2025-06-02', { timezone: TZ, provinceCode: '63' }),
  name: 'Literasi Informasi Sertifikasi Pustakawan',
  organizer: 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Selatan',
  venue: 'Jl. A. Yani Km 6, Banjarmasin',
  endDate: '2025-06-23',
  city: 'Banjarmasin',
  certificate: {
    numberPattern: '{seq}/{batch}/DISPERSIP/{month}/{year}',
    place: '',
    signatory,
  },
};
const batch = (n: 1 | 2, start: string, end: string, over: Partial<Batch> = {}): Batch => ({
  id: `${EVENT_ID}-a${n}`,
  eventId: EVENT_ID,
  name: n === 1 ? 'Angkatan I' : 'Angkatan II',
  code: `A${n}`,
  startDate: start,
  endDate: end,
  venue: n === 1 ? 'Hotel Rattan Inn Banjarmasin' : 'Aula Dispersip Kalsel',
  capacity: 50,
  ...over,
});
const a1 = batch(1, '2025-06-02', '2025-06-03');
const a2 = batch(2, '2025-06-23', '2025-06-23');
const session = (b: Batch, day: string, n: number, title: string): Session => ({
  id: `${b.id}-s${day}-${n}`,
  eventId: EVENT_ID,
  batchId: b.id,
  title,
  speaker: '',
  room: '',
  start: zonedTimeToIso(day, `${String(7 + 2 * n).padStart(2, '0')}:00`, TZ),
  end: zonedTimeToIso(day, `${String(8 + 2 * n).padStart(2, '0')}:30`, TZ),
  jp: 2,
  trainerDeviceIds: [],
});
const a1Sessions = [
  session(a1, '2025-06-02', 1, 'Kebijakan pembinaan pustakawan'),
  session(a1, '2025-06-02', 2, 'Literasi informasi'),
  session(a1, '2025-06-03', 1, 'Skema sertifikasi'),
  session(a1, '2025-06-03', 2, 'Portofolio bukti kompetensi'),
];
const a2Sessions = [
  session(a2, '2025-06-23', 1, 'Literasi informasi'),
  session(a2, '2025-06-23', 2, 'Skema sertifikasi'),
];

/** The event made on the server, and its organiser's device. */
async function setUp(over: Partial<Event> = {}, batches = [a1, a2]): Promise<TestDevice> {
  const first = await enrollDevice(server, 'organiser'); // signed in to the test event
  const created = await request(server.url, '/api/v1/admin/events', {
    token: first.token,
    body: { event: { ...event, certificate: undefined } },
  });
  expect(created.status, created.text).toBe(200);
  const owner = await enrollDevice(server, 'organiser', { eventId: EVENT_ID });
  const sent = await owner.send(
    upsert('event', { ...event, ...over }),
    ...batches.map((b) => upsert('batch', b)),
    ...[...a1Sessions, ...a2Sessions].map((s) => upsert('session', s)),
  );
  expect(
    sent.results.every((r) => r.status === 'applied'),
    JSON.stringify(sent.results),
  ).toBe(true);
  return owner;
}

const attendee = (over: Partial<Participant> = {}) =>
  person({ eventId: EVENT_ID, batchId: a1.id, source: 'import', ...over });
const attends = (p: Participant, sessions: readonly Session[]) =>
  sessions.map((s) => mark(s.id, p.id, 'hadir', { eventId: EVENT_ID }));

async function issue(owner: TestDevice, body: Record<string, unknown> = {}) {
  const reply = await request(server.url, '/api/v1/admin/certificates/issue', {
    token: owner.token,
    body,
  });
  expect(reply.status, reply.text).toBe(200);
  return CertificateList.parse(reply.json);
}
const verify = async (url: string) => {
  const reply = await request(server.url, `/api/v1/verify/${url.split('/').pop()!}`);
  expect(reply.status, reply.text).toBe(200);
  return { parsed: VerifyResponse.parse(reply.json), text: reply.text };
};

describe('issue dates', () => {
  it('date each batch by its own last day, the number’s month and year following it', async () => {
    const owner = await setUp();
    const ani = attendee({ fullName: 'Ani Lestari, S.IP.' });
    const budi = attendee({ fullName: 'Budi Santoso', batchId: a2.id });
    await owner.send(register(ani), register(budi), ...attends(ani, a1Sessions));
    await owner.send(...attends(budi, a2Sessions));

    const list = await issue(owner);
    const of = (id: string) => list.certificates.find((c) => c.participantId === id)!;
    expect(of(ani.id)).toMatchObject({
      issuedDate: '2025-06-03',
      number: '001/A1/DISPERSIP/VI/2025',
    });
    expect(of(budi.id)).toMatchObject({
      issuedDate: '2025-06-23',
      number: '002/A2/DISPERSIP/VI/2025',
    });
  });

  it('take the batch’s certificate date when set, and keep the first date on re-issue', async () => {
    const owner = await setUp({}, [{ ...a1, certificateDate: '2025-07-01' }, a2]);
    const ani = attendee();
    await owner.send(register(ani), ...attends(ani, a1Sessions));
    const [first] = (await issue(owner)).certificates;
    expect(first).toMatchObject({ issuedDate: '2025-07-01', number: '001/A1/DISPERSIP/VII/2025' });

    // The date moved afterwards: what was issued keeps its date and number.
    await owner.send(upsert('batch', { ...a1, certificateDate: '2025-08-15' }));
    const [again] = (await issue(owner)).certificates;
    expect(again).toMatchObject({ issuedDate: '2025-07-01', number: first!.number });
  });

  it('take an explicit date from the request only when one is named', async () => {
    const owner = await setUp();
    const ani = attendee();
    await owner.send(register(ani), ...attends(ani, a1Sessions));
    const [cert] = (await issue(owner, { issuedDate: '2025-06-10' })).certificates;
    expect(cert).toMatchObject({ issuedDate: '2025-06-10', number: '001/A1/DISPERSIP/VI/2025' });
  });
});

describe('what a certificate states', () => {
  it('states the programme’s JP and lists its materi, unless the event says "earned"', async () => {
    const owner = await setUp();
    // Three of four sessions: 6 of 8 JP, 75%, under the 80% default… so the threshold is 70.
    await owner.send(upsert('event', { ...event, certificateThreshold: 70 }));
    const ani = attendee();
    await owner.send(register(ani), ...attends(ani, a1Sessions.slice(0, 3)));
    const [programme] = (await issue(owner)).certificates;
    expect(programme!.jp).toBe(8);
    expect(programme!.materi).toEqual(
      a1Sessions.map((s) => ({
        title: s.title,
        day: s.id.includes('06-02') ? '2025-06-02' : '2025-06-03',
        jp: 2,
      })),
    );

    const earned = { ...event, certificateThreshold: 70 };
    earned.certificate = { ...event.certificate!, jpBasis: 'earned' };
    await owner.send(upsert('event', earned));
    const stale = await request(server.url, '/api/v1/admin/certificates', { token: owner.token });
    expect(CertificateList.parse(stale.json).outdated).toBe(1); // 8 stated, 6 now
    const [own] = (await issue(owner)).certificates;
    expect(own!.jp).toBe(6);
    expect(own!.materi!.map((m) => m.title)).toEqual(a1Sessions.slice(0, 3).map((s) => s.title));
  });

  it('labels an NI PPPK as one, signs in the event’s city, never at the venue', async () => {
    const owner = await setUp();
    const pns = attendee({ fullName: 'Ani Lestari, S.IP.' });
    const pppk = attendee({
      fullName: 'Rizky Ramadhan, S.Hum.',
      employmentStatus: 'pppk',
      nip: '199201102023211003',
    });
    const honorer = attendee({
      fullName: 'Nur Aisyah',
      employmentStatus: 'non_asn',
      nip: undefined,
    });
    await owner.send(register(pns), register(pppk), register(honorer));
    await owner.send(...[pns, pppk, honorer].flatMap((p) => attends(p, a1Sessions)));
    const list = await issue(owner);
    const of = (p: Participant) => list.certificates.find((c) => c.participantId === p.id)!;
    expect(of(pns)).toMatchObject({ nipLabel: 'NIP', place: 'Banjarmasin' });
    expect(of(pppk)).toMatchObject({ nip: '199201102023211003', nipLabel: 'NI PPPK' });
    expect(of(honorer).nip).toBeUndefined();
    expect(of(honorer).nipLabel).toBeUndefined();
    expect(of(pns).venue).toBe(a1.venue); // where it was held: the statement's "bertempat di"

    // The certificate's own place wins over the city.
    const inBanjarbaru = { ...event, certificate: { ...event.certificate!, place: 'Banjarbaru' } };
    await owner.send(upsert('event', inBanjarbaru));
    expect((await issue(owner)).certificates.map((c) => c.place)).toEqual(
      Array(3).fill('Banjarbaru'),
    );
  });
});

describe('never issued wrongly', () => {
  it('numbers no walk-in whose data is still to be completed, then numbers it once completed', async () => {
    const owner = await setUp();
    const desk = await enrollDevice(server, 'staff', { eventId: EVENT_ID });
    const walkIn = attendee({ fullName: 'Datang Langsung', source: 'walkin' });
    await desk.send(register(walkIn));
    await owner.send(...attends(walkIn, a1Sessions));

    const before = await issue(owner);
    expect(before.certificates).toEqual([]);
    expect(before.ineligible).toEqual([
      expect.objectContaining({ participantId: walkIn.id, reason: 'incomplete', jpEarned: 8 }),
    ]);

    const hlc = hlcAt(owner.clientId, Date.now());
    await owner.send(patch(walkIn.id, { needsReview: { v: false, hlc } }, hlc));
    const after = await issue(owner);
    expect(after.certificates.map((c) => c.participantId)).toEqual([walkIn.id]);
    expect(after.ineligible).toEqual([]);
  });

  it('refuses a 0% threshold with THRESHOLD_INVALID and numbers nothing', async () => {
    const owner = await setUp();
    const ani = attendee();
    const pushed = await owner.send(
      register(ani),
      upsert('event', { ...event, certificateThreshold: 0 }),
    );
    // Refused where it is written: at 0% the exports would already call everyone eligible.
    expect(pushed.results[1]).toMatchObject({
      status: 'rejected',
      code: 'INVALID_MUTATION',
      field: 'certificateThreshold',
    });
    // An event stored before that rule: issuing refuses it too.
    server.db
      .prepare(
        "UPDATE rows SET data = json_set(data, '$.certificateThreshold', 0) WHERE tbl = 'events' AND id = ?",
      )
      .run(event.id);
    const refused = await request(server.url, '/api/v1/admin/certificates/issue', {
      token: owner.token,
      body: {},
    });
    expect([refused.status, errorCode(refused)]).toEqual([409, 'THRESHOLD_INVALID']);
    expect(refused.text).toContain('certificateThreshold');
    const n = server.db.prepare('SELECT COUNT(*) AS n FROM certificates').get() as { n: number };
    expect(n.n).toBe(0);
  });
});

describe('the public check', () => {
  it('shows the dates, the date of issue and the signatory, never a NIP; then "revoked"', async () => {
    const owner = await setUp();
    const ani = attendee({ fullName: 'Ani Lestari, S.IP.' });
    await owner.send(register(ani), ...attends(ani, a1Sessions));
    const [cert] = (await issue(owner)).certificates;
    const { parsed, text } = await verify(cert!.verifyUrl);
    expect(parsed).toEqual({
      number: '001/A1/DISPERSIP/VI/2025',
      fullName: 'Ani Lestari, S.IP.',
      eventName: event.name,
      organizer: event.organizer,
      batchName: 'Angkatan I',
      startDate: '2025-06-02',
      endDate: '2025-06-03',
      jp: 8,
      issuedDate: '2025-06-03',
      revoked: false,
      state: 'valid',
      signatory: { name: signatory.name, title: signatory.title },
    });
    for (const secret of [ani.nip!, signatory.nip, ani.institution]) {
      expect(text).not.toContain(secret);
    }

    // Absent from two sessions after all: revoked, and said so.
    await owner.send(
      ...a1Sessions.slice(2).map((s) => mark(s.id, ani.id, 'tidak_hadir', { eventId: EVENT_ID })),
    );
    expect((await issue(owner)).revoked).toBe(1);
    expect((await verify(cert!.verifyUrl)).parsed).toMatchObject({
      revoked: true,
      state: 'revoked',
    });
  });

  // The built-in demo event itself, seeded as `npm start` seeds it.
  it('never confirms a demo event’s certificate as genuine, and marks its PDFs', async () => {
    seedDemo(server.db);
    const organiser = await enrollDevice(server, 'organiser', { eventId: DEMO_EVENT_ID });
    const demoPerson = person({
      fullName: 'Contoh Peserta',
      source: 'import',
      eventId: DEMO_EVENT_ID,
      batchId: demoBatches[0]!.id,
    });
    const sessions = demoSessions.filter((s) => s.batchId === demoPerson.batchId);
    await organiser.send(
      register(demoPerson),
      ...sessions.map((s) => mark(s.id, demoPerson.id, 'hadir', { eventId: DEMO_EVENT_ID })),
    );
    const list = await issue(organiser);
    expect(list.style).toMatchObject({ demo: true });
    const [cert] = list.certificates;
    expect((await verify(cert!.verifyUrl)).parsed).toMatchObject({ state: 'demo', revoked: false });
  });
});

describe('a participant’s own certificates', () => {
  it('come with how to draw them (logos, back page) only when there are some', async () => {
    const logo = `data:image/png;base64,${'A'.repeat(40)}`;
    const owner = await setUp({
      letterhead: { lines: ['PEMERINTAH PROVINSI KALIMANTAN SELATAN'], address: '', logos: [logo] },
      certificate: { ...event.certificate!, logos: true, backPage: true },
    });
    const phone = await enrollDevice(server, 'participant', { eventId: EVENT_ID });
    const other = await enrollDevice(server, 'participant', { eventId: EVENT_ID });
    const ani = person({ eventId: EVENT_ID, batchId: a1.id });
    await phone.send(register(ani));
    await owner.send(...attends(ani, a1Sessions));
    await issue(owner);
    await request(server.url, '/api/v1/admin/certificates/publish', {
      token: owner.token,
      body: { published: true },
    });
    const mine = async (device: TestDevice) =>
      MyCertificates.parse(
        (await request(server.url, '/api/v1/certificates/mine', { token: device.token })).json,
      );
    const own = await mine(phone);
    expect(own.certificates).toHaveLength(1);
    expect(own.style).toEqual({ logos: [logo], backPage: true, demo: false });
    expect(await mine(other)).toEqual({ published: true, certificates: [] });
  });
});
