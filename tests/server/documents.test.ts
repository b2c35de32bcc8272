// A new event on a fresh server starts clean (no seeded official, signatory, committee or
// NIP; an earlier event's settings and schedule only when asked), certificates are not
// issued while nobody is named to sign them, the "not eligible" list waits for a batch to
// finish, and "outdated" counts only certificates that were issued. Real server, real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEventDraft } from '#domain/event-template';
import type { Batch, Event, Session } from '#domain/model';
import { localDay, zonedTimeToIso } from '#domain/time';
import { EventTemplate } from '#sync/admin';
import { CertificateList } from '#sync/certificates';
import {
  enrollDevice,
  errorCode,
  mark,
  ofTable,
  person,
  register,
  request,
  startTestServer,
  upsert,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';
import { fixture } from '#tests/support/fixture';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const where = { timezone: 'Asia/Makassar', provinceCode: '63' };
const NIP = /\d{18}/;
/** Who signs for the seeded test event and who is registered in it: a new event carries
 * none of them. */
const seededNames = [
  fixture.event.official!.name,
  fixture.event.approver!.name,
  fixture.event.certificate!.signatory!.name,
  ...fixture.event.committee.map((m) => m.name),
  ...fixture.people.map((p) => p.fullName),
];

/** The console's "Kegiatan baru" with only the fields a person types filled in. */
const typed = (id: string, startDate: string, endDate: string): Event => ({
  ...newEventDraft(id, startDate, where),
  name: `Bimtek ${id}`,
  organizer: 'Dinas Perpustakaan Kota Banjarbaru',
  endDate,
});

async function create(organiser: TestDevice, event: Event, copyScheduleFrom?: string) {
  return request(server.url, '/api/v1/admin/events', {
    token: organiser.token,
    body: { event, ...(copyScheduleFrom ? { copyScheduleFrom } : {}) },
  });
}

/** Everything an organiser of `eventId` pulls. */
async function rowsOf(eventId: string) {
  const organiser = await enrollDevice(server, 'organiser', { eventId });
  return { organiser, changes: (await organiser.pullAll(null)).changes };
}

describe('a new event', () => {
  it('on a fresh server has none of the seeded event’s people, signers or NIPs', async () => {
    const organiser = await enrollDevice(server, 'organiser'); // signed in to the test event
    const reply = await create(organiser, typed('bimtek-baru', '2026-08-03', '2026-08-05'));
    expect(reply.status, reply.text).toBe(200);
    const { changes } = await rowsOf('bimtek-baru');
    expect(changes.map((c) => c.table)).toEqual(['events']);
    const [event] = ofTable<Event>(changes, 'events');
    expect(event!.official).toBeUndefined();
    expect(event!.certificate?.signatory).toBeUndefined();
    expect(event!.committee).toEqual([]);
    expect(JSON.stringify(changes)).not.toMatch(NIP);
    for (const name of seededNames) expect(JSON.stringify(changes)).not.toContain(name);
  });

  it('takes an earlier event’s settings and moved schedule when asked, never its people', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    // A real earlier event, with signers, a committee, participants and a schedule.
    const earlier: Event = {
      ...fixture.event,
      id: 'bimtek-2025',
      name: 'Bimtek 2025',
      demo: false,
      minutesPerJp: 50,
      certificateThreshold: 75,
    };
    expect((await create(organiser, earlier)).status).toBe(200);
    const owner = await enrollDevice(server, 'organiser', { eventId: earlier.id });
    const batch: Batch = { ...fixture.batches[0]!, id: 'b-2025', eventId: earlier.id };
    const session: Session = {
      ...fixture.sessions[0]!,
      id: 's-2025',
      eventId: earlier.id,
      batchId: batch.id,
      speaker: 'Dr. Rudi Hartono, M.Si.',
    };
    const sent = await owner.send(
      upsert('batch', batch),
      upsert('session', session),
      register(person({ eventId: earlier.id, batchId: batch.id, source: 'import' })),
    );
    expect(sent.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const template = await request(server.url, `/api/v1/admin/events/${earlier.id}/template`, {
      token: owner.token,
    });
    expect(template.status, template.text).toBe(200);
    const t = EventTemplate.parse(template.json);
    expect(t).toMatchObject({ batches: 1, sessions: 1, days: 1 });
    expect(t.settings).toMatchObject({ minutesPerJp: 50, certificateThreshold: 75 });
    expect(template.text).not.toMatch(NIP);
    for (const name of seededNames) expect(template.text).not.toContain(name);
    const staff = await enrollDevice(server, 'staff', { eventId: earlier.id });
    const denied = await request(server.url, `/api/v1/admin/events/${earlier.id}/template`, {
      token: staff.token,
    });
    expect([denied.status, errorCode(denied)]).toEqual([403, 'FORBIDDEN']);

    // Too short for the copied schedule: refused, nothing created.
    const draft = { ...newEventDraft('bimtek-2026', '2026-06-01', where, t.settings) };
    const named = { ...draft, name: 'Bimtek 2026', organizer: 'Dispersip' };
    const refused = await create(owner, { ...named, endDate: '2026-05-31' }, earlier.id);
    expect([refused.status, errorCode(refused)]).toEqual([400, 'INVALID_REQUEST']);

    const made = await create(owner, named, earlier.id);
    expect(made.status, made.text).toBe(200);
    const { changes } = await rowsOf('bimtek-2026');
    expect(ofTable(changes, 'participants')).toEqual([]);
    const [event] = ofTable<Event>(changes, 'events');
    expect(event).toMatchObject({ minutesPerJp: 50, certificateThreshold: 75, committee: [] });
    expect(event!.official).toBeUndefined();
    const [copied] = ofTable<Batch>(changes, 'batches');
    expect(copied).toMatchObject({ eventId: 'bimtek-2026', startDate: '2026-06-01', code: 'A1' });
    expect(copied!.id).not.toBe(batch.id);
    const [copiedSession] = ofTable<Session>(changes, 'sessions');
    expect(copiedSession).toMatchObject({ batchId: copied!.id, title: session.title, speaker: '' });
    expect(copiedSession!.start).toBe(zonedTimeToIso('2026-06-01', '07:30', 'Asia/Makassar'));
    expect(JSON.stringify(changes)).not.toMatch(NIP);
  });
});

describe('certificates need a signatory', () => {
  it('are refused with SIGNATORY_REQUIRED until the event names one, then issued', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const event = typed('bimtek-sertifikat', '2026-08-03', '2026-08-03');
    expect((await create(organiser, event)).status).toBe(200);
    const owner = await enrollDevice(server, 'organiser', { eventId: event.id });
    const issue = () =>
      request(server.url, '/api/v1/admin/certificates/issue', { token: owner.token, body: {} });

    const refused = await issue();
    expect([refused.status, errorCode(refused)]).toEqual([409, 'SIGNATORY_REQUIRED']);
    expect(refused.text).toContain('certificate.signatory');

    const signatory = { name: 'Dr. Siti Rahmah, M.Si.', title: 'Kepala Dinas', nip: '' };
    const signed = { ...event, certificate: { ...event.certificate!, signatory } };
    expect((await owner.send(upsert('event', signed))).results[0]!.status).toBe('applied');
    const issued = await issue();
    expect(issued.status, issued.text).toBe(200);
    expect(CertificateList.parse(issued.json).certificates).toEqual([]);
  });
});

describe('the certificate list follows the batches', () => {
  const list = async (organiser: TestDevice) => {
    const reply = await request(server.url, '/api/v1/admin/certificates', {
      token: organiser.token,
    });
    expect(reply.status, reply.text).toBe(200);
    return CertificateList.parse(reply.json);
  };

  it('leaves people of a batch not finished out of "not eligible" and counts them as pending', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    // A third batch of the test event, meeting in a week: nobody in it can be judged yet.
    const day = localDay(new Date(Date.now() + 7 * 86_400_000), 'Asia/Makassar');
    const later: Batch = {
      ...fixture.batches[0]!,
      id: 'a3',
      code: 'A3',
      startDate: day,
      endDate: day,
    };
    const session: Session = {
      ...fixture.sessions[0]!,
      id: 'a3-s1',
      batchId: later.id,
      start: zonedTimeToIso(day, '08:00', 'Asia/Makassar'),
      end: zonedTimeToIso(day, '10:00', 'Asia/Makassar'),
    };
    const event = { ...fixture.event, endDate: day };
    const waiting = person({ batchId: later.id, source: 'import', fullName: 'Rina Menunggu' });
    const sent = await organiser.send(
      upsert('event', event),
      upsert('batch', later),
      upsert('session', session),
      register(waiting),
    );
    expect(
      sent.results.every((r) => r.status === 'applied'),
      JSON.stringify(sent),
    ).toBe(true);
    const current = await list(organiser);
    expect(current.ineligible.map((e) => e.participantId)).not.toContain(waiting.id);
    // The test event's own people (finished batches, no marks) are still listed.
    expect(current.ineligible.length).toBeGreaterThan(0);
    expect(current.pending).toBe(1);
  });

  it('says "eligible, not issued" before anything is issued, and "outdated" only for issued ones', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const siti = person({ fullName: 'Siti Aminah, S.IP.', source: 'import' });
    const a1 = fixture.sessions.filter((s) => s.batchId === fixture.batches[0]!.id);
    await organiser.send(register(siti), ...a1.map((s) => mark(s.id, siti.id, 'hadir')));
    expect(await list(organiser)).toMatchObject({ certificates: [], outdated: 0, unissued: 1 });
  });
});
