// POST /sync/push against the real server: exactly once, in order, one rejection never
// blocks the rest (sync-protocol.md, fault cases 1, 4, 5, 9, 18, 20).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_MS } from '#sync/protocol';
import {
  checkin,
  patch,
  countRows,
  enrolTrainer,
  enrollDevice,
  errorCode,
  hlcAt,
  lastSeq,
  streamOf,
  mark,
  startTestServer,
  upsert,
  upsertSession,
  type TestServer,
} from '#tests/server/support';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const p1 = fixture.people[0]!.id;
const p2 = fixture.people[1]!.id;
const session = fixture.sessions[0]!;

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

const mutationCount = (clientId: string) =>
  (
    server.db
      .prepare('SELECT count(*) AS n FROM mutations WHERE stream = ?')
      .get(streamOf(server.db, clientId)) as {
      n: number;
    }
  ).n;

describe('push', () => {
  it('applies a batch in order and answers one result per mutation', async () => {
    const staff = await enrollDevice(server, 'staff');
    const res = await staff.send(checkin(p1), checkin(p2), mark(session.id, p1));
    expect(res.lastProcessedSeq).toBe(3);
    expect(res.results).toEqual([
      { seq: 1, status: 'applied' },
      { seq: 2, status: 'applied' },
      { seq: 3, status: 'applied' },
    ]);
    expect(Date.parse(res.serverTime)).not.toBeNaN();
    expect(countRows(server.db, 'checkins')).toBe(2);
    expect(countRows(server.db, 'marks')).toBe(1);
    expect(lastSeq(server.db, staff.clientId)).toBe(3);
  });

  it('fault 1: same batch delivered twice → all duplicate, no extra rows', async () => {
    const staff = await enrollDevice(server, 'staff');
    const batch = staff.stamp(checkin(p1), checkin(p2), mark(session.id, p1, 'terlambat'));
    const first = await staff.push(batch);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const rows = server.db.prepare('SELECT count(*) AS n FROM rows').get() as { n: number };

    const again = await staff.push(batch);
    expect(again.results).toEqual([
      { seq: 1, status: 'duplicate' },
      { seq: 2, status: 'duplicate' },
      { seq: 3, status: 'duplicate' },
    ]);
    expect(again.lastProcessedSeq).toBe(3);
    expect(server.db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual(rows);
    expect(countRows(server.db, 'checkins')).toBe(2);
    expect(countRows(server.db, 'marks')).toBe(1);
    expect(mutationCount(staff.clientId)).toBe(3);
  });

  it('fault 1: a batch overlapping the applied prefix → old ones duplicate, new ones applied', async () => {
    const staff = await enrollDevice(server, 'staff');
    const batch = staff.stamp(checkin(p1), checkin(p2), checkin(p1), checkin(p2));
    await staff.push(batch.slice(0, 2));
    const res = await staff.push(batch);
    expect(res.results.map((r) => [r.seq, r.status])).toEqual([
      [1, 'duplicate'],
      [2, 'duplicate'],
      [3, 'applied'],
      [4, 'applied'],
    ]);
    expect(countRows(server.db, 'checkins')).toBe(4);
  });

  it('fault 4: sequence gap → nothing after the gap applied; lastProcessedSeq says where to resume', async () => {
    const staff = await enrollDevice(server, 'staff');
    const [m1, m2, m3, m4, m5] = staff.stamp(
      checkin(p1),
      checkin(p2),
      checkin(p1),
      checkin(p2),
      checkin(p1),
    );
    const withGap = await staff.push([m1!, m2!, m4!, m5!]);
    expect(withGap.lastProcessedSeq).toBe(2);
    expect(withGap.results.map((r) => r.seq)).toEqual([1, 2]);
    expect(countRows(server.db, 'checkins')).toBe(2);

    const onlyAfterGap = await staff.push([m4!, m5!]);
    expect(onlyAfterGap.lastProcessedSeq).toBe(2);
    expect(onlyAfterGap.results).toEqual([]);
    expect(countRows(server.db, 'checkins')).toBe(2);

    const resumed = await staff.push([m3!, m4!, m5!]);
    expect(resumed.lastProcessedSeq).toBe(5);
    expect(resumed.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(countRows(server.db, 'checkins')).toBe(5);
  });

  it('fault 5: non-ascending seqs in one request → 400, nothing applied', async () => {
    const staff = await enrollDevice(server, 'staff');
    const [m1, m2, m3] = staff.stamp(checkin(p1), checkin(p2), checkin(p1));
    for (const order of [
      [m2!, m1!, m3!],
      [m1!, m1!, m2!],
    ]) {
      const reply = await staff.pushRaw(order);
      expect(reply.status).toBe(400);
      expect(errorCode(reply)).toBe('INVALID_REQUEST');
    }
    expect(countRows(server.db, 'checkins')).toBe(0);
    expect(lastSeq(server.db, staff.clientId)).toBe(0);
    expect(mutationCount(staff.clientId)).toBe(0);
    // The outbox is kept: the same mutations in order still apply.
    const res = await staff.push([m1!, m2!, m3!]);
    expect(res.lastProcessedSeq).toBe(3);
  });

  it('fault 9: HLC 2 hours ahead → CLOCK_SKEW, lastProcessedSeq not advanced; re-stamped it applies', async () => {
    const staff = await enrollDevice(server, 'staff');
    await staff.send(checkin(p1));
    const ahead = hlcAt(staff.clientId, Date.now() + 2 * 60 * 60_000);
    const skewed = staff.stamp({ ...checkin(p2), hlc: ahead }, checkin(p1));
    const res = await staff.push(skewed);
    expect(res.results).toEqual([
      expect.objectContaining({ seq: 2, status: 'rejected', code: 'CLOCK_SKEW' }),
    ]);
    expect(res.lastProcessedSeq).toBe(1);
    expect(lastSeq(server.db, staff.clientId)).toBe(1);
    expect(countRows(server.db, 'checkins')).toBe(1);
    // CLOCK_SKEW is not recorded as a final outcome: the device will resend that seq.
    expect(mutationCount(staff.clientId)).toBe(1);

    // The device corrects its offset from serverTime and re-stamps the same mutations.
    const restamped = skewed.map((m) => ({ ...m, hlc: staff.tick() }));
    const retry = await staff.push(restamped);
    expect(retry.results.map((r) => [r.seq, r.status])).toEqual([
      [2, 'applied'],
      [3, 'applied'],
    ]);
    expect(retry.lastProcessedSeq).toBe(3);
    expect(countRows(server.db, 'checkins')).toBe(3);
  });

  it('fault 9: a stamp within the allowed skew is applied', async () => {
    const staff = await enrollDevice(server, 'staff');
    const slightlyAhead = hlcAt(staff.clientId, Date.now() + MAX_CLOCK_SKEW_MS - 30_000);
    const res = await staff.push(staff.stamp({ ...checkin(p1), hlc: slightlyAhead }));
    expect(res.results[0]!.status).toBe('applied');
  });

  it('fault 18: one invalid mutation in a valid batch → that one rejected INVALID_MUTATION, the rest applied', async () => {
    const staff = await enrollDevice(server, 'staff');
    const res = await staff.send(
      checkin(p1),
      checkin(p2, { day: '2 Juni 2025' }),
      checkin(p2),
      { name: 'attendance.mark', args: { sessionId: session.id } },
      mark(session.id, p2),
    );
    expect(res.results.map((r) => [r.seq, r.status, r.code])).toEqual([
      [1, 'applied', undefined],
      [2, 'rejected', 'INVALID_MUTATION'],
      [3, 'applied', undefined],
      [4, 'rejected', 'INVALID_MUTATION'],
      [5, 'applied', undefined],
    ]);
    expect(res.lastProcessedSeq).toBe(5);
    expect(lastSeq(server.db, staff.clientId)).toBe(5);
    expect(countRows(server.db, 'checkins')).toBe(2);
    expect(countRows(server.db, 'marks')).toBe(1);
    const rejected = server.db
      .prepare("SELECT seq, code FROM mutations WHERE stream = ? AND status = 'rejected'")
      .all(streamOf(server.db, staff.clientId));
    expect(rejected).toEqual([
      { seq: 2, code: 'INVALID_MUTATION' },
      { seq: 4, code: 'INVALID_MUTATION' },
    ]);
  });

  it('fault 18: an unknown mutation name or a malformed HLC is rejected alone', async () => {
    const staff = await enrollDevice(server, 'staff');
    const res = await staff.send(
      { name: 'participant.teleport', args: {} },
      checkin(p1),
      { ...checkin(p2), hlc: 'yesterday' },
      // A stamp that is not an HLC would sort after every real one and win forever.
      { ...mark(session.id, p2, 'tidak_hadir'), hlc: 'zzz' },
      checkin(p2),
    );
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'UNKNOWN_MUTATION'],
      ['applied', undefined],
      ['rejected', 'INVALID_MUTATION'],
      ['rejected', 'INVALID_MUTATION'],
      ['applied', undefined],
    ]);
    expect(res.lastProcessedSeq).toBe(5);
    expect(countRows(server.db, 'checkins')).toBe(2);
    expect(countRows(server.db, 'marks')).toBe(0);
  });

  it('fault 20: participant token sending checkin.record or attendance.mark → rejected FORBIDDEN, no row', async () => {
    const phone = await enrollDevice(server, 'participant');
    const res = await phone.send(checkin(p1), mark(session.id, p1));
    expect(res.results).toEqual([
      expect.objectContaining({ seq: 1, status: 'rejected', code: 'FORBIDDEN' }),
      expect.objectContaining({ seq: 2, status: 'rejected', code: 'FORBIDDEN' }),
    ]);
    // Permanent refusals still advance lastSeq, else the phone would be stuck.
    expect(res.lastProcessedSeq).toBe(2);
    expect(countRows(server.db, 'checkins')).toBe(0);
    expect(countRows(server.db, 'marks')).toBe(0);
  });

  it('a trainer marking a session not its own → rejected FORBIDDEN; its own session → applied', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const own = fixture.sessions[1]!;
    // Assigned to `own`: enrolTrainer expects the organiser's session.upsert applied.
    const trainer = await enrolTrainer(server, organiser, [own]);

    const res = await trainer.send(mark(session.id, p1), mark(own.id, p1));
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'FORBIDDEN'],
      ['applied', undefined],
    ]);
    expect(countRows(server.db, 'marks')).toBe(1);
    // A trainer may not edit sessions or record check-ins either.
    const more = await trainer.send(
      upsertSession({ ...session, trainerDeviceIds: [trainer.deviceId] }),
      checkin(p1),
    );
    expect(more.results.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('a device of another event cannot touch the test event (EVENT_MISMATCH)', async () => {
    const otherEventId = 'bimtek-lain-2025';
    const other = await enrollDevice(server, 'organiser', { eventId: otherEventId });
    const created = await other.send(
      upsert('event', { ...fixture.event, id: otherEventId, name: 'Bimtek Lain', demo: false }),
      upsert('batch', { ...fixture.batches[0]!, id: `${otherEventId}-a1`, eventId: otherEventId }),
    );
    expect(created.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const before = server.db.prepare('SELECT * FROM rows WHERE event_id = ?').all(FIXTURE_EVENT_ID);
    const res = await other.send(
      upsert('event', { ...fixture.event, name: 'Dibajak' }),
      upsert('batch', { ...fixture.batches[0]!, capacity: 1 }),
      upsertSession({ ...session, trainerDeviceIds: [other.deviceId] }),
      checkin(p1),
      mark(session.id, p1),
      {
        name: 'participant.patch',
        args: { participantId: p1, fields: { institution: { v: 'X', hlc: other.tick() } } },
      },
    );
    expect(res.results.map((r) => r.code)).toEqual([
      'EVENT_MISMATCH',
      'EVENT_MISMATCH',
      'EVENT_MISMATCH',
      'EVENT_MISMATCH',
      'EVENT_MISMATCH',
      'NOT_FOUND', // the test event's participant does not exist for this device's event
    ]);
    expect(res.results.every((r) => r.status === 'rejected')).toBe(true);
    expect(
      server.db.prepare('SELECT * FROM rows WHERE event_id = ?').all(FIXTURE_EVENT_ID),
    ).toEqual(before);
  });

  it('answers 426 UNSUPPORTED_PROTOCOL for another protocol version', async () => {
    const staff = await enrollDevice(server, 'staff');
    const reply = await staff.pushRaw(staff.stamp(checkin(p1)), { protocolVersion: 2 });
    expect(reply.status).toBe(426);
    expect(errorCode(reply)).toBe('UNSUPPORTED_PROTOCOL');
    expect(countRows(server.db, 'checkins')).toBe(0);
  });

  it('records unsent and appVersion for the organiser device list', async () => {
    const staff = await enrollDevice(server, 'staff');
    await staff.push(staff.stamp(checkin(p1)), { unsent: 7, appVersion: '1.2.3' });
    // 7 held as it sent, this push's one included: 6 once the answer settles it.
    expect(
      server.db
        .prepare('SELECT unsent, app_version, last_sync_at FROM devices WHERE id = ?')
        .get(staff.deviceId),
    ).toEqual({ unsent: 6, app_version: '1.2.3', last_sync_at: expect.any(String) });
  });
});

describe('names and stamps that only look valid (found by the fuzz test)', () => {
  it('a mutation or field named like an Object.prototype member is refused, not a 503', async () => {
    const staff = await enrollDevice(server, 'staff');
    const h = staff.tick();
    const res = await staff.send(
      { name: 'toString', args: {} },
      { name: '__proto__', args: {} },
      patch(p1, { constructor: { v: 'x', hlc: h } }, h),
      checkin(p1),
    );
    expect(res.results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'UNKNOWN_MUTATION'],
      ['rejected', 'UNKNOWN_MUTATION'],
      ['rejected', 'INVALID_MUTATION'],
      ['applied', undefined],
    ]);
    expect(res.lastProcessedSeq).toBe(4);
  });

  it('a stamp with an impossible date is refused instead of outranking every real one', async () => {
    const staff = await enrollDevice(server, 'staff');
    const res = await staff.send({ ...checkin(p1), hlc: '2025-13-45T00:00:00.000Z-0000-x' });
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID_MUTATION' });
  });
});
