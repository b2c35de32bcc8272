// Concurrent writes from several real devices: marks, field edits, the same person
// registered twice (sync-protocol.md, fault cases 6, 7, 8, 10, 11).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { winningMark } from '#domain/attendance';
import type { AttendanceMark, Participant, VenueCheckIn } from '#domain/model';
import { parseNip } from '#domain/nip';
import type { AliasData } from '#sync/protocol';
import { serverSecret } from '#server/auth';
import { nationalIdHmac } from '#server/apply/participants';
import {
  checkin,
  countRows,
  enrolTrainer,
  enrollDevice,
  hlcAt,
  mark,
  ofTable,
  patch,
  person,
  register,
  registerParticipant,
  startTestServer,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';
import { fixture } from '#tests/support/fixture';

const session = fixture.sessions[0]!;
const [p1, p2, p3, p4] = fixture.people.map((p) => p.id) as [string, string, string, string];

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** What a device shows for a person in a session after pulling everything. */
async function stateOn(device: TestDevice, sessionId: string, participantId: string) {
  const { changes } = await device.pullAll(null);
  const marks = ofTable<AttendanceMark>(changes, 'marks').filter(
    (m) => m.sessionId === sessionId && m.participantId === participantId,
  );
  return { marks, winner: winningMark(marks) };
}

async function participantOn(device: TestDevice, id: string): Promise<Participant | undefined> {
  const { changes } = await device.pullAll(null);
  return ofTable<Participant>(changes, 'participants').find((p) => p.id === id);
}

const auditOf = (participantId: string, field: string) =>
  server.db
    .prepare(
      'SELECT old_value, new_value, old_hlc, new_hlc FROM participant_audit WHERE participant_id = ? AND field = ? ORDER BY id',
    )
    .all(participantId, field) as {
    old_value: string;
    new_value: string;
    old_hlc: string | null;
    new_hlc: string;
  }[];

describe('attendance marks', () => {
  it('fault 6: two devices mark the same person in the same session → two mark rows, one state on every device', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const a = await enrollDevice(server, 'staff');
    const b = await enrolTrainer(server, organiser, [session]);

    const t = Date.now() - 60_000;
    // B's mark is later by HLC but arrives first: arrival order must not matter.
    const fromB = await b.send({
      ...mark(session.id, p1, 'terlambat'),
      hlc: hlcAt(b.clientId, t + 1000),
    });
    const fromA = await a.send({ ...mark(session.id, p1, 'hadir'), hlc: hlcAt(a.clientId, t) });
    expect(fromA.results[0]!.status).toBe('applied');
    expect(fromB.results[0]!.status).toBe('applied');
    expect(countRows(server.db, 'marks')).toBe(2);

    const states = await Promise.all([a, b, organiser].map((d) => stateOn(d, session.id, p1)));
    for (const { marks, winner } of states) {
      expect(marks).toHaveLength(2);
      expect(winner).toMatchObject({ status: 'terlambat', deviceId: b.clientId });
    }
    // Every device holds the same audit rows and the same winner.
    expect(new Set(states.map((s) => JSON.stringify(s.winner)))).toHaveProperty('size', 1);
    expect(states[0]!.marks.map((m) => m.id).sort()).toEqual(
      states[1]!.marks.map((m) => m.id).sort(),
    );
  });

  it('fault 7: mark then unmark on A while B marks → every device ends in the same state', async () => {
    const a = await enrollDevice(server, 'staff');
    const b = await enrollDevice(server, 'staff');
    const organiser = await enrollDevice(server, 'organiser');
    const t = Date.now() - 60_000;

    // Case 1: B's mark falls between A's mark and A's unmark → A's unmark holds.
    await a.send({ ...mark(session.id, p1, 'hadir'), hlc: hlcAt(a.clientId, t) });
    await b.send({ ...mark(session.id, p1, 'hadir'), hlc: hlcAt(b.clientId, t + 1000) });
    await a.send({ ...mark(session.id, p1, 'tidak_hadir'), hlc: hlcAt(a.clientId, t + 2000) });

    // Case 2: A marks and unmarks offline; B marks later by the clock, and A's unmark
    // arrives last → B's mark holds.
    const [aMark, aUnmark] = a.stamp(
      { ...mark(session.id, p2, 'hadir'), hlc: hlcAt(a.clientId, t) },
      { ...mark(session.id, p2, 'tidak_hadir'), hlc: hlcAt(a.clientId, t + 1000) },
    );
    await a.push([aMark!]);
    await b.send({ ...mark(session.id, p2, 'izin'), hlc: hlcAt(b.clientId, t + 2000) });
    await a.push([aUnmark!]);

    for (const device of [a, b, organiser]) {
      const one = await stateOn(device, session.id, p1);
      expect(one.marks).toHaveLength(3);
      expect(one.winner).toMatchObject({ status: 'tidak_hadir', deviceId: a.clientId });
      const two = await stateOn(device, session.id, p2);
      expect(two.marks).toHaveLength(3);
      expect(two.winner).toMatchObject({ status: 'izin', deviceId: b.clientId });
    }
  });

  it('a mark carries the HLC it was pushed with, so devices rank marks the same way', async () => {
    const a = await enrollDevice(server, 'staff');
    const [m] = a.stamp(mark(session.id, p1));
    await a.push([m!]);
    const { marks } = await stateOn(a, session.id, p1);
    expect(marks[0]).toMatchObject({ hlc: m!.hlc, deviceId: a.clientId });
  });
});

describe('participant.patch', () => {
  it('fault 8: concurrent edits of different fields both survive', async () => {
    const a = await enrollDevice(server, 'staff');
    const b = await enrollDevice(server, 'organiser');
    const t = Date.now() - 60_000;
    const ha = hlcAt(a.clientId, t + 1000);
    const hb = hlcAt(b.clientId, t);
    await a.send(patch(p1, { institution: { v: 'Perpustakaan Kota Banjarbaru', hlc: ha } }, ha));
    await b.send(patch(p1, { phone: { v: '+6281299990000', hlc: hb } }, hb));

    for (const device of [a, b]) {
      expect(await participantOn(device, p1)).toMatchObject({
        institution: 'Perpustakaan Kota Banjarbaru',
        phone: '+6281299990000',
        fullName: fixture.people[0]!.fullName,
      });
    }
  });

  it('fault 8: same field → higher HLC wins regardless of arrival order; overwritten values are audited', async () => {
    const a = await enrollDevice(server, 'staff');
    const b = await enrollDevice(server, 'organiser');
    const t = Date.now() - 60_000;
    const late = hlcAt(a.clientId, t + 1000);
    const early = hlcAt(b.clientId, t);
    const edit = (device: TestDevice, id: string, v: string, hlc: string) =>
      device.send(patch(id, { institution: { v, hlc } }, hlc));

    // Later stamp arrives first on p2, last on p3.
    await edit(a, p2, 'Menang', late);
    const losing = await edit(b, p2, 'Kalah', early);
    expect(losing.results[0]!.status).toBe('applied'); // not an identity field: no conflict
    await edit(b, p3, 'Kalah', early);
    await edit(a, p3, 'Menang', late);

    for (const device of [a, b]) {
      expect((await participantOn(device, p2))!.institution).toBe('Menang');
      expect((await participantOn(device, p3))!.institution).toBe('Menang');
    }
    // Every overwrite left the old value in the audit table.
    expect(auditOf(p2, 'institution')).toEqual([
      {
        old_value: JSON.stringify(fixture.people[1]!.institution),
        new_value: JSON.stringify('Menang'),
        old_hlc: null,
        new_hlc: late,
      },
    ]);
    expect(auditOf(p3, 'institution')).toEqual([
      {
        old_value: JSON.stringify(fixture.people[2]!.institution),
        new_value: JSON.stringify('Kalah'),
        old_hlc: null,
        new_hlc: early,
      },
      {
        old_value: JSON.stringify('Kalah'),
        new_value: JSON.stringify('Menang'),
        old_hlc: early,
        new_hlc: late,
      },
    ]);
  });

  it('fault 8: an identity field losing answers conflict with serverState', async () => {
    const a = await enrollDevice(server, 'staff');
    const b = await enrollDevice(server, 'organiser');
    const t = Date.now() - 60_000;
    const late = hlcAt(a.clientId, t + 1000);
    const early = hlcAt(b.clientId, t);
    await a.send(patch(p1, { fullName: { v: 'Ahmad Fauzi, S.IP., M.Hum.', hlc: late } }, late));
    const res = await b.send(
      patch(
        p1,
        {
          fullName: { v: 'Achmad Fauzi', hlc: early },
          institution: { v: 'Dispersip Kota Banjarmasin', hlc: early },
        },
        early,
      ),
    );
    expect(res.results[0]).toEqual({
      seq: 1,
      status: 'conflict',
      serverState: { id: p1, fields: { fullName: 'Ahmad Fauzi, S.IP., M.Hum.' } },
    });
    // The conflicting identity field kept the winner; the other field still applied.
    expect(await participantOn(b, p1)).toMatchObject({
      fullName: 'Ahmad Fauzi, S.IP., M.Hum.',
      institution: 'Dispersip Kota Banjarmasin',
    });
  });

  it('fault 8: a NIP already held by another participant answers conflict and is not taken', async () => {
    const staff = await enrollDevice(server, 'staff');
    const taken = fixture.people[1]!.nip!;
    const res = await staff.send(patch(p1, { nip: { v: taken, hlc: staff.tick() } }));
    expect(res.results[0]).toMatchObject({
      status: 'conflict',
      serverState: { id: p1, fields: { nip: fixture.people[0]!.nip } },
    });
    expect((await participantOn(staff, p1))!.nip).toBe(fixture.people[0]!.nip);
  });

  it('fault 9: a field stamp that is malformed or ahead of its mutation’s stamp is refused', async () => {
    const staff = await enrollDevice(server, 'staff');
    const now = staff.tick();
    // The mutation's own stamp passes the clock-skew check; the field stamps must not
    // escape it, or a field written "two hours ahead" would win every later edit.
    const ahead = hlcAt(staff.clientId, Date.now() + 2 * 60 * 60_000);
    const res = await staff.send(
      patch(p1, { institution: { v: 'Dari masa depan', hlc: ahead } }, now),
      patch(p1, { institution: { v: 'Tanpa stempel', hlc: 'zzz' } }),
    );
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'INVALID_MUTATION'],
      ['rejected', 'INVALID_MUTATION'],
    ]);
    expect((await participantOn(staff, p1))!.institution).toBe(fixture.people[0]!.institution);
    // An honest edit afterwards still applies.
    const later = staff.tick();
    const ok = await staff.send(
      patch(p1, { institution: { v: 'Dispersip Banjarmasin', hlc: later } }, later),
    );
    expect(ok.results[0]!.status).toBe('applied');
    expect((await participantOn(staff, p1))!.institution).toBe('Dispersip Banjarmasin');
  });

  it('a participant patches only its own registration', async () => {
    const { phone, participant: me } = await registerParticipant(server, { source: 'self' });
    const res = await phone.send(
      patch(me.id, { institution: { v: 'Perpustakaan Desa', hlc: phone.tick() } }),
      patch(p4, { institution: { v: 'Bukan saya', hlc: phone.tick() } }),
    );
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'FORBIDDEN'],
    ]);
  });
});

describe('the same person registered twice', () => {
  it('fault 10: same NIP registered on two devices → one participant plus an alias; a later check-in for the alias lands on the canonical one', async () => {
    const phoneA = await enrollDevice(server, 'participant');
    const phoneB = await enrollDevice(server, 'participant');
    const desk = await enrollDevice(server, 'staff');
    const first = person({ source: 'self' });
    const second = person({ source: 'self', nip: first.nip, fullName: 'Nama Lain' });

    expect((await phoneA.send(register(first))).results[0]!.status).toBe('applied');
    const merged = await phoneB.send(register(second));
    // A phone learns only that the person is registered, never which registration it is.
    expect(merged.results[0]).toEqual({ seq: 1, status: 'merged' });
    expect(merged.lastProcessedSeq).toBe(1);

    // The desk pulls one participant and the alias that re-points the other id.
    const seen = await desk.pullAll(null);
    const ids = ofTable<Participant>(seen.changes, 'participants').map((p) => p.id);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(second.id);
    expect(ofTable<AliasData>(seen.changes, 'aliases')).toEqual([
      { id: second.id, eventId: first.eventId, canonicalId: first.id },
    ]);
    // Phone B pulls neither the alias nor the registration it points to.
    const onB = await phoneB.pullAll(null);
    expect(ofTable<AliasData>(onB.changes, 'aliases')).toEqual([]);
    expect(ofTable<Participant>(onB.changes, 'participants')).toEqual([]);

    // A check-in and a mark recorded offline against the alias land on the canonical row.
    const res = await desk.send(checkin(second.id), mark(session.id, second.id));
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const after = await desk.pullAll(seen.cursor);
    expect(ofTable<VenueCheckIn>(after.changes, 'checkins').map((c) => c.participantId)).toEqual([
      first.id,
    ]);
    expect(ofTable<AttendanceMark>(after.changes, 'marks').map((m) => m.participantId)).toEqual([
      first.id,
    ]);
    expect(countRows(server.db, 'participants')).toBe(fixture.people.length + 1);

    // The same merged registration sent again answers merged again (idempotent).
    const again = await phoneB.send(register(second));
    expect(again.results[0]).toEqual({ seq: 2, status: 'merged' });
  });

  it('fault 10: a walk-in at the desk with the NIP of a self-registration merges into it', async () => {
    const phone = await enrollDevice(server, 'participant');
    const desk = await enrollDevice(server, 'staff');
    const self = person({ source: 'self' });
    const walkin = person({ source: 'walkin', nip: self.nip });
    // The desk's walk-in committed first: it becomes canonical (first committed wins).
    expect((await desk.send(register(walkin))).results[0]!.status).toBe('applied');
    expect((await phone.send(register(self))).results[0]).toEqual({ seq: 1, status: 'merged' });
    // The organiser sees the merge.
    const organiser = await enrollDevice(server, 'organiser');
    const aliases = ofTable<AliasData>((await organiser.pullAll(null)).changes, 'aliases');
    expect(aliases).toEqual([{ id: self.id, eventId: self.eventId, canonicalId: walkin.id }]);
  });

  it('fault 11: NIP with spaces or dots equals the same NIP without them', async () => {
    // The client normalises what people type with the domain parser before it sends.
    const spaced = parseNip('19900101 201503 1 777');
    const dotted = parseNip('19900101.201503.1.777');
    expect(spaced).toEqual({ ok: true, value: '199001012015031777' });
    expect(dotted).toEqual(spaced);
    if (!spaced.ok || !dotted.ok) throw new Error('unreachable');

    const phoneA = await enrollDevice(server, 'participant');
    const phoneB = await enrollDevice(server, 'participant');
    const first = person({ nip: spaced.value });
    const second = person({ nip: dotted.value });
    await phoneA.send(register(first));
    const res = await phoneB.send(register(second));
    expect(res.results[0]).toEqual({ seq: 1, status: 'merged' });
    const alias = server.db.prepare("SELECT data FROM rows WHERE tbl = 'aliases' AND id = ?");
    expect(JSON.parse((alias.get(second.id) as { data: string }).data)).toMatchObject({
      canonicalId: first.id,
    });

    // The server keeps the digits only as an HMAC with its secret, never in clear there.
    const ids = server.db
      .prepare('SELECT kind, hmac, participant_id FROM national_ids WHERE participant_id = ?')
      .all(first.id);
    expect(ids).toEqual([
      {
        kind: 'nip',
        hmac: nationalIdHmac(serverSecret(server.db), 'nip', '199001012015031777'),
        participant_id: first.id,
      },
    ]);
    expect(JSON.stringify(ids)).not.toContain('199001012015031777');

    // A NIP still carrying separators is not digits: the server refuses it rather than
    // storing a second spelling of the same person.
    const phoneC = await enrollDevice(server, 'participant');
    const raw = await phoneC.send(register(person({ nip: '19900101 201503 1 777' })));
    expect(raw.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID_MUTATION' });
  });
});
