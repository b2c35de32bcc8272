// The server checks every identifier itself (issue 14, defects 3, 5 and 6): the same
// domain rules as the forms on every mutation and organiser entity, prototype keys refused,
// and nothing about other devices in a participant's pull. Real server, SQLite, HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Participant } from '#domain/model';
import { runAdmin } from '#server/admin';
import { getRow, putRow } from '#server/store/rows';
import {
  checkin,
  enrolTrainer,
  enrollDevice,
  errorCode,
  ofTable,
  patch,
  person,
  register,
  request,
  startTestServer,
  upsert,
  voidCheckin,
  type TestServer,
} from '#tests/server/support';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const versionOf = (id: string) =>
  (
    server.db.prepare("SELECT v FROM rows WHERE tbl = 'participants' AND id = ?").get(id) as {
      v: number;
    }
  ).v;

describe('prototype keys', () => {
  it('defect 5: a patch whose field is __proto__ is refused and re-versions nothing', async () => {
    const staff = await enrollDevice(server, 'staff');
    const p = fixture.people[0]!;
    const before = versionOf(p.id);
    const h = staff.tick();
    // Written as raw JSON: an object literal with `__proto__` would set a prototype instead.
    const raw = `{"participantId":"${p.id}","fields":{"__proto__":{"v":"x","hlc":"${h}"}}}`;
    const [mutation] = staff.stamp({ name: 'participant.patch', args: JSON.parse(raw), hlc: h });
    const res = await staff.push([mutation!]);
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID_MUTATION' });
    expect(res.results[0]!.message).toContain('__proto__');
    expect(versionOf(p.id)).toBe(before);
    // The rest of a batch goes on; the same key outside a mutation's arguments is a bad request.
    const body = `{"cursor":null,"clientId":"${staff.clientId}","__proto__":{"limit":1}}`;
    const reply = await request(server.url, '/api/v1/sync/pull', { token: staff.token, raw: body });
    expect([reply.status, errorCode(reply)]).toEqual([400, 'INVALID_REQUEST']);
  });
});

describe('what a participant’s phone pulls', () => {
  it('defect 6: no device ids of the trainers assigned to sessions', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const session = fixture.sessions[0]!;
    const trainer = await enrolTrainer(server, organiser, [session]);
    const phone = await enrollDevice(server, 'participant');
    const { changes } = await phone.pullAll(null);
    const sessions = ofTable<{ trainerDeviceIds: string[] }>(changes, 'sessions');
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.trainerDeviceIds.length === 0)).toBe(true);
    expect(JSON.stringify(changes)).not.toContain(trainer.deviceId);
    // The trainer itself still learns its sessions.
    const own = ofTable<{ id: string; trainerDeviceIds: string[] }>(
      (await trainer.pullAll(null)).changes,
      'sessions',
    ).find((s) => s.id === session.id)!;
    expect(own.trainerDeviceIds).toEqual([trainer.deviceId]);
  });
});

describe('identifiers checked with the form’s rules', () => {
  // The attack's own examples: a NIP with month 13, day 45, TMT month 00 and sequence 000;
  // a kabupaten/kota that does not exist; 0841…, which is not a mobile prefix; a NIK of a
  // province that does not exist; a NIK of a child; a NIP of a pensioner.
  const bad: [string, Partial<Participant>, string][] = [
    ['nip', { nip: '199013452015001000' }, 'nip.birthDate'],
    ['regionCode', { regionCode: '99.99' }, 'choice'],
    ['phone', { phone: '+62841234567' }, 'phone.notMobile'],
    ['nik', { nik: '9901011501900001' }, 'nik.region'],
    ['nik', { nik: '6371011501120001' }, 'nik.child'],
    ['nip', { nip: '195001011975031001' }, 'nip.retired'],
    ['nip', { employmentStatus: 'pppk', nip: '199503142023221001' }, 'pppk.code'],
  ];

  it('defect 3: a registration with an implausible identifier is refused from every role, the field named', async () => {
    for (const role of ['organiser', 'staff', 'participant'] as const) {
      for (const [field, over, reason] of bad) {
        const device = await enrollDevice(server, role);
        const p = person({ ...over, source: role === 'staff' ? 'walkin' : 'self' });
        const res = await device.send(register(p));
        const where = `${role} ${field} ${reason}`;
        expect(res.results[0], where).toMatchObject({
          status: 'rejected',
          code: 'INVALID_MUTATION',
          field,
          reason,
        });
        expect(getRow(server.db, 'participants', p.id), where).toBeUndefined();
      }
    }
  });

  it('a patch may not write an implausible identifier, but other edits of an old row go on', async () => {
    const staff = await enrollDevice(server, 'staff');
    const p = fixture.people[0]!;
    let h = staff.tick();
    const res = await staff.send(patch(p.id, { phone: { v: '+62841234567', hlc: h } }, h));
    expect(res.results[0]).toMatchObject({ status: 'rejected', field: 'phone' });
    // A NIP stored before the rules (as an older server would have kept it).
    const row = getRow<Participant>(server.db, 'participants', p.id)!;
    putRow(server.db, { ...row, data: { ...row.data, nip: '199013452015001000' } });
    h = staff.tick();
    const fixed = await staff.send(patch(p.id, { institution: { v: 'Dinas Baru', hlc: h } }, h));
    expect(fixed.results[0]!.status).toBe('applied');
    // Changing what the NIP is read against (the gender) reads it again.
    h = staff.tick();
    const gender = await staff.send(patch(p.id, { gender: { v: 'P', hlc: h } }, h));
    expect(gender.results[0]).toMatchObject({ status: 'rejected', field: 'nip' });
  });

  it('the organiser’s event: the official’s NIP, the province and the quotas’ regions', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const cases: [Record<string, unknown>, string][] = [
      [{ official: { name: 'Kepala', title: 'Kadis', nip: '199013452015001000' } }, 'official.nip'],
      [{ provinceCode: '99' }, 'provinceCode'],
      [{ regionQuotas: { '63.99': 10 } }, 'quota.63.99'],
    ];
    for (const [over, field] of cases) {
      const res = await organiser.send(upsert('event', { ...fixture.event, ...over }));
      expect(res.results[0], field).toMatchObject({ status: 'rejected', field });
    }
    const created = await request(server.url, '/api/v1/admin/events', {
      token: organiser.token,
      body: { event: { ...fixture.event, id: 'other', demo: false, provinceCode: '99' } },
    });
    expect([created.status, errorCode(created)]).toEqual([400, 'INVALID_REQUEST']);
    expect((created.json as { error: { message: string } }).error.message).toContain(
      'provinceCode',
    );
  });

  it('data already stored that fails the rules is listed for the organiser, not deleted', async () => {
    const p = fixture.people[1]!;
    const row = getRow<Participant>(server.db, 'participants', p.id)!;
    putRow(server.db, { ...row, data: { ...row.data, phone: '+62841234567' } });
    const out: string[] = [];
    const code = await runAdmin(['check', '--event', FIXTURE_EVENT_ID, '--json'], {
      db: server.db,
      out: (line) => out.push(line),
      err: () => undefined,
      readSecret: async () => '',
    });
    expect(code).toBe(0);
    const listed = JSON.parse(out.join('\n')) as {
      participants: { id: string; issues: { field: string; code: string }[] }[];
    };
    expect(listed.participants).toEqual([
      expect.objectContaining({ id: p.id, issues: [{ field: 'phone', code: 'phone.notMobile' }] }),
    ]);
    expect(getRow(server.db, 'participants', p.id)).toBeDefined();
  });
});

describe('taking back a check-in (checkin.void)', () => {
  it('a desk that names another desk’s client id still cannot take back its check-ins', async () => {
    const desk = await enrollDevice(server, 'staff');
    const recorded = checkin(fixture.people[0]!.id);
    expect((await desk.send(recorded)).results[0]!.status).toBe('applied');
    // The client id is the browser's own choice and every desk reads it off a check-in.
    const copy = await enrollDevice(server, 'staff', { clientId: desk.clientId });
    const id = (recorded.args as { checkinId: string }).checkinId;
    const res = await copy.send(voidCheckin(id));
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    expect(getRow(server.db, 'checkins', id)).toBeDefined();
  });

  it('the same browser enrolled again (its old token shown) takes back what it recorded', async () => {
    const desk = await enrollDevice(server, 'staff');
    const recorded = checkin(fixture.people[1]!.id);
    expect((await desk.send(recorded)).results[0]!.status).toBe('applied');
    const again = await enrollDevice(server, 'staff', {
      clientId: desk.clientId,
      previousToken: desk.token,
      nextSeq: desk.seq + 1,
    });
    again.seq = desk.seq;
    const id = (recorded.args as { checkinId: string }).checkinId;
    const res = await again.send(voidCheckin(id));
    expect(res.results[0]).toMatchObject({ status: 'applied' });
    expect(getRow(server.db, 'checkins', id)).toBeUndefined();
  });
});
