// Events as a whole: the organiser creates one and moves to it, signs in without naming
// one, and purges an event's personal data once the retention period is over — only
// counts remain, every device pulls the tombstones, the participants' phones are cut off.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Event, PurgeSummary } from '#domain/model';
import { setOrganiserPassword } from '#server/auth';
import { emptySummary } from '#domain/setup';
import { purgeEvent } from '#server/events';
import { PublicEvent } from '#sync/protocol';
import {
  checkin,
  enrollDevice,
  errorCode,
  mark,
  person,
  register,
  request,
  startTestServer,
  type TestServer,
} from '#tests/server/support';
import { PRIVATE_EVENT_FIELDS } from '#tests/support/visibility';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const setDates = (endDate: string, retentionDays: number) =>
  server.db
    .prepare(
      `UPDATE rows SET data = json_set(data, '$.endDate', ?, '$.retentionDays', ?)
       WHERE tbl = 'events' AND id = ?`,
    )
    .run(endDate, retentionDays, FIXTURE_EVENT_ID);

const liveRows = (tbl: string) =>
  (
    server.db
      .prepare('SELECT count(*) AS n FROM rows WHERE tbl = ? AND event_id = ? AND deleted = 0')
      .get(tbl, FIXTURE_EVENT_ID) as { n: number }
  ).n;

describe('creating and opening events', () => {
  it('a new event is created with the organiser moved to it; a taken id is refused', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const event: Event = { ...fixture.event, id: 'bimtek-2026', name: 'Bimtek 2026', demo: true };
    const reply = await request(server.url, '/api/v1/admin/events', {
      token: organiser.token,
      body: { event },
    });
    expect(reply.status, reply.text).toBe(200);
    const moved = reply.json as { token: string; eventId: string };
    expect(moved.eventId).toBe('bimtek-2026');
    // The old session ended; the new one pulls the new event, which is never a demo.
    expect((await organiser.pullRaw({ cursor: null })).status).toBe(403);
    const pulled = await request(server.url, '/api/v1/sync/pull', {
      token: moved.token,
      body: { clientId: organiser.clientId, cursor: null },
    });
    const changes = (pulled.json as { changes: { table: string; data: Event }[] }).changes;
    expect(changes.map((c) => c.table)).toEqual(['events']);
    expect(changes[0]!.data).toMatchObject({ name: 'Bimtek 2026', demo: false });

    const again = await request(server.url, '/api/v1/admin/events', {
      token: moved.token,
      body: { event },
    });
    expect([again.status, errorCode(again)]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('signing in without naming an event lands on the latest real one', async () => {
    setOrganiserPassword(server.db, 'rahasia-panitia-2025');
    for (const [id, startDate] of [
      ['lama', '2024-01-10'],
      ['baru', '2026-03-01'],
    ] as const) {
      const r = await request(server.url, '/api/v1/admin/events', {
        token: (await enrollDevice(server, 'organiser')).token,
        body: { event: { ...fixture.event, id, startDate, endDate: startDate } },
      });
      expect(r.status, r.text).toBe(200);
    }
    const reply = await request(server.url, '/api/v1/admin/login', {
      body: { password: 'rahasia-panitia-2025', deviceInfo: { clientId: 'c-fresh' } },
    });
    expect(reply.status, reply.text).toBe(200);
    expect((reply.json as { eventId: string }).eventId).toBe('baru');
  });
});

describe('registration numbers', () => {
  it('each registration gets the batch’s next number, after the seeded ones, never reused', async () => {
    const staff = await enrollDevice(server, 'staff');
    const organiser = await enrollDevice(server, 'organiser');
    const a1 = fixture.batches[0]!;
    const seeded = liveRows('participants');
    const inA1 = (
      server.db
        .prepare(
          "SELECT count(*) AS n FROM rows WHERE tbl = 'participants' AND json_extract(data, '$.batchId') = ?",
        )
        .get(a1.id) as { n: number }
    ).n;
    expect(seeded).toBeGreaterThan(inA1);
    const [x, y, z] = [person(), person(), person({ registrationNumber: 'KS-A1-999' })];
    await staff.send(register(x));
    await organiser.send({ name: 'participant.delete', args: { participantId: x.id } });
    await staff.send(register(y), register(z));
    const numberOf = (id: string) =>
      (
        server.db
          .prepare("SELECT json_extract(data, '$.registrationNumber') AS r FROM rows WHERE id = ?")
          .get(id) as { r: string }
      ).r;
    const next = (k: number) => `KS-${a1.code}-${String(inA1 + k).padStart(3, '0')}`;
    expect([numberOf(y.id), numberOf(z.id)]).toEqual([next(2), next(3)]); // x's stays x's
  });
});

describe('the public event page data', () => {
  it('gives the event, batches, sessions and seats left, and nothing about people', async () => {
    const phone = await enrollDevice(server, 'participant');
    const read = async () => {
      const reply = await request(server.url, `/api/v1/events/${FIXTURE_EVENT_ID}`);
      expect(reply.status, reply.text).toBe(200);
      return PublicEvent.parse(reply.json);
    };
    const before = await read();
    expect(before.event.id).toBe(FIXTURE_EVENT_ID);
    // What the page needs, and nothing of the official, committee, certificate settings,
    // quotas or device assignments (the committee list is there, empty, for the schema).
    expect(Object.keys(before.event).sort()).toEqual(
      Object.keys(fixture.event)
        .filter((k) => !PRIVATE_EVENT_FIELDS.includes(k))
        .sort(),
    );
    expect(before.event.committee).toEqual([]);
    for (const nip of [
      fixture.event.official!.nip,
      fixture.event.approver!.nip,
      fixture.event.certificate!.signatory!.nip,
      ...fixture.event.committee.flatMap((m) => (m.nip ? [m.nip] : [])),
    ]) {
      expect(JSON.stringify(before)).not.toContain(nip);
    }
    expect(before.sessions.every((s) => s.trainerDeviceIds.length === 0)).toBe(true);
    expect(before.batches).toHaveLength(fixture.batches.length);
    expect(before.sessions).toHaveLength(fixture.sessions.length);
    const a1 = fixture.batches[0]!;
    const someone = person();
    await phone.send(register(someone));
    const after = await read();
    expect(after.seatsLeft[a1.id]).toBe(before.seatsLeft[a1.id]! - 1);
    const text = JSON.stringify(after);
    expect(text).not.toContain(someone.fullName);
    expect(text).not.toContain(someone.phone);
    const missing = await request(server.url, '/api/v1/events/tidak-ada');
    expect([missing.status, errorCode(missing)]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('a participant correcting their own registration', () => {
  it('may change their details, not the organiser’s decisions, and only while open', async () => {
    const phone = await enrollDevice(server, 'participant');
    const organiser = await enrollDevice(server, 'organiser');
    const me = person();
    await phone.send(register(me));
    const edit = (fields: Record<string, unknown>) => {
      const hlc = phone.tick();
      return phone.send({
        name: 'participant.patch',
        args: {
          participantId: me.id,
          fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { v, hlc }])),
        },
        hlc,
      });
    };
    const outcome = (r: { results: { status: string; code?: string }[] }) =>
      `${r.results[0]!.status}${r.results[0]!.code ? ` ${r.results[0]!.code}` : ''}`;

    expect(
      outcome(await edit({ fullName: 'Peserta Uji, S.IP., M.Hum.', phone: '+6281299998888' })),
    ).toBe('applied');
    expect(outcome(await edit({ status: 'registered', needsReview: false }))).toBe(
      'rejected FORBIDDEN',
    );
    expect(outcome(await edit({ batchId: fixture.batches[1]!.id }))).toBe('rejected FORBIDDEN');
    expect(outcome(await edit({ registrationNumber: 'KS-A1-001' }))).toBe('rejected FORBIDDEN');
    expect(outcome(await edit({ nip: me.nip }))).toBe('rejected FORBIDDEN');
    expect(outcome(await edit({ regionCode: '63.71' }))).toBe('rejected FORBIDDEN'); // quotas

    await organiser.send({
      name: 'event.upsert',
      args: { event: { ...fixture.event, registrationOpen: false } },
    });
    expect(outcome(await edit({ institution: 'Perpustakaan Lain' }))).toBe('rejected FORBIDDEN');
    // Cancelling too ("until the organiser closes edits"); the desk and organiser still can.
    const cancel = () =>
      phone.send({
        name: 'participant.cancel',
        args: { participantId: me.id, reason: 'Berhalangan' },
      });
    expect(outcome(await cancel())).toBe('rejected FORBIDDEN');
    await organiser.send({
      name: 'event.upsert',
      args: { event: { ...fixture.event, registrationOpen: true } },
    });
    expect(outcome(await cancel())).toBe('applied');
    const stored = server.db.prepare('SELECT data FROM rows WHERE id = ?').get(me.id) as {
      data: string;
    };
    expect(JSON.parse(stored.data)).toMatchObject({
      fullName: 'Peserta Uji, S.IP., M.Hum.',
      phone: '+6281299998888',
      institution: me.institution,
      batchId: me.batchId,
      status: 'cancelled',
    });
  });
});

describe('seats per kabupaten/kota', () => {
  it('a self-registration beyond its region’s quota is waitlisted; other regions and walk-ins are not', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const staff = await enrollDevice(server, 'staff');
    const statusOf = (id: string) =>
      (
        server.db
          .prepare("SELECT json_extract(data, '$.status') AS s FROM rows WHERE id = ?")
          .get(id) as { s: string }
      ).s;
    const taken = server.db
      .prepare(
        `SELECT count(*) AS n FROM rows WHERE tbl = 'participants'
         AND json_extract(data, '$.regionCode') = '63.72' AND json_extract(data, '$.status') = 'registered'`,
      )
      .get() as { n: number };
    // One seat left for Banjarbaru (the test event may already have people from there).
    await organiser.send({
      name: 'event.upsert',
      args: { event: { ...fixture.event, regionQuotas: { '63.72': taken.n + 1 } } },
    });
    const first = person({ regionCode: '63.72' });
    const second = person({ regionCode: '63.72' });
    const elsewhere = person({ regionCode: '63.71' });
    const walkIn = person({ regionCode: '63.72', source: 'walkin' });
    for (const p of [first, second, elsewhere]) {
      await (await enrollDevice(server, 'participant')).send(register(p));
    }
    await staff.send(register(walkIn));
    expect([first, second, elsewhere, walkIn].map((p) => statusOf(p.id))).toEqual([
      'registered',
      'waitlisted',
      'registered',
      'registered',
    ]);
  });
});

describe('purging an event’s personal data', () => {
  async function populated() {
    const organiser = await enrollDevice(server, 'organiser');
    const staff = await enrollDevice(server, 'staff');
    const phone = await enrollDevice(server, 'participant');
    const a = person({ gender: 'P', regionCode: '63.71' });
    const b = person({ regionCode: '63.72' });
    const c = person({ regionCode: '63.72' });
    await phone.send(register(a));
    await staff.send(
      register(b),
      register(c),
      checkin(a.id, { day: '2025-06-02' }),
      checkin(a.id, { day: '2025-06-02' }), // a repeat scan counts once
      checkin(b.id, { day: '2025-06-03' }),
      mark(fixture.sessions[0]!.id, a.id, 'hadir'),
      mark(fixture.sessions[0]!.id, b.id, 'izin'),
    );
    await organiser.send(
      { name: 'participant.cancel', args: { participantId: c.id, reason: 'Sakit' } },
      mark(fixture.sessions[0]!.id, b.id, 'sakit'), // the later mark wins
    );
    return { organiser, staff, phone, a, b, c };
  }

  it('is refused until the retention period is over, and says until when', async () => {
    const { organiser } = await populated();
    setDates('2099-01-01', 30);
    const reply = await request(server.url, `/api/v1/admin/events/${FIXTURE_EVENT_ID}/purge`, {
      token: organiser.token,
      body: {},
    });
    expect([reply.status, errorCode(reply)]).toEqual([403, 'FORBIDDEN']);
    expect(reply.text).toContain('2099-01-31');
    expect(liveRows('participants')).toBeGreaterThan(0);
  });

  it('erases people everywhere and keeps anonymous counts on the event', async () => {
    const { organiser, staff, phone, a } = await populated();
    const { cursor } = await staff.pullAll();
    const seededPeople = liveRows('participants') - 3;
    setDates('2025-06-04', 30);

    const reply = await request(server.url, `/api/v1/admin/events/${FIXTURE_EVENT_ID}/purge`, {
      token: organiser.token,
      body: {},
    });
    expect(reply.status, reply.text).toBe(200);
    const { summary } = reply.json as { summary: PurgeSummary };
    expect(summary).toMatchObject({
      participants: 2 + seededPeople,
      cancelled: 1,
      checkedInByDay: { '2025-06-02': 1, '2025-06-03': 1 },
      attendance: { [fixture.sessions[0]!.id]: { hadir: 1, sakit: 1 } },
    });
    expect(summary.byRegion['63.72']).toBeGreaterThanOrEqual(1);
    expect(summary.byGender.P).toBeGreaterThanOrEqual(1);
    expect(Object.keys(summary.byBatch)).toContain(fixture.batches[0]!.id);

    for (const tbl of ['participants', 'checkins', 'marks', 'aliases']) {
      expect(liveRows(tbl), tbl).toBe(0);
    }
    const leftovers = server.db
      .prepare(
        `SELECT (SELECT count(*) FROM national_ids WHERE event_id = ?) AS ids,
                (SELECT count(*) FROM participant_audit) AS audit,
                (SELECT count(*) FROM rows WHERE deleted = 1 AND data != '{}') AS data`,
      )
      .get(FIXTURE_EVENT_ID);
    expect(leftovers).toEqual({ ids: 0, audit: 0, data: 0 });
    expect(JSON.stringify(server.db.prepare('SELECT data FROM rows').all())).not.toContain(
      a.fullName,
    );

    // The desk pulls tombstones for every person it held, and the event with its counts.
    const after = await staff.pullAll(cursor);
    const deletedPeople = after.changes.filter((c) => c.table === 'participants');
    expect(deletedPeople.length).toBeGreaterThanOrEqual(3);
    expect(deletedPeople.every((c) => c.op === 'del')).toBe(true);
    const event = after.changes.find((c) => c.table === 'events')!.data as Event;
    expect(event.purge?.participants).toBe(summary.participants);
    expect(event.registrationOpen).toBe(false);

    // The participant's phone is cut off; a second purge is refused.
    expect((await phone.pullRaw({ cursor: null })).status).toBe(403);
    expect(purgeEvent(server.db, FIXTURE_EVENT_ID)).toMatchObject({
      ok: false,
      reason: 'ALREADY_PURGED',
    });
  });

  it('an optional setting cleared in the form is cleared for everyone; an older edit does not bring it back', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const storedEvent = () =>
      JSON.parse(
        (
          server.db
            .prepare("SELECT data FROM rows WHERE tbl = 'events' AND id = ?")
            .get(FIXTURE_EVENT_ID) as { data: string }
        ).data,
      ) as Event;
    const approver = { name: 'Drs. H. Ahmad Rizani', title: 'KPA', nip: '196804121993031005' };
    const withApprover = organiser.tick();
    const { approver: _a, letterhead: _l, fiscalYear: _f, ...cleared } = fixture.event;
    const res = await organiser.send(
      { name: 'event.upsert', args: { event: { ...fixture.event, approver } }, hlc: withApprover },
      { name: 'event.upsert', args: { event: cleared } },
    );
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const after = storedEvent();
    expect(after.approver).toBeUndefined();
    expect(after.letterhead).toBeUndefined();
    expect(after.fiscalYear).toBeUndefined();
    expect(after.name).toBe(fixture.event.name);
    // The first edit again, from another device's late push: older than the clearing.
    const late = await enrollDevice(server, 'organiser');
    await late.send({
      name: 'event.upsert',
      args: { event: { ...fixture.event, approver } },
      hlc: withApprover,
    });
    expect(storedEvent().approver).toBeUndefined();

    // A batch's certificate date back to "the batch's last day".
    const batch = { ...fixture.batches[0]!, certificateDate: fixture.batches[0]!.endDate };
    await organiser.send({ name: 'batch.upsert', args: { batch } });
    const { certificateDate: _c, ...plain } = batch;
    await organiser.send({ name: 'batch.upsert', args: { batch: plain } });
    const storedBatch = server.db
      .prepare("SELECT json_extract(data, '$.certificateDate') AS d FROM rows WHERE id = ?")
      .get(batch.id) as { d: string | null };
    expect(storedBatch.d).toBeNull();
  });

  it('a device cannot write the summary: event.upsert ignores it', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const fake = { ...emptySummary(new Date().toISOString()), participants: 999 };
    const res = await organiser.send({
      name: 'event.upsert',
      args: { event: { ...fixture.event, purge: fake } },
    });
    expect(res.results[0]!.status).toBe('applied');
    const stored = server.db
      .prepare(
        "SELECT json_extract(data, '$.purge') AS p FROM rows WHERE tbl = 'events' AND id = ?",
      )
      .get(FIXTURE_EVENT_ID) as { p: string | null };
    expect(stored.p).toBeNull();
  });
});
