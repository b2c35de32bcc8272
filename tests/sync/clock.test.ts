// Fault 9 on the device: a clock running ahead. The real engine, Dexie and server; the
// device's clock is moved with its stored offset, the way a wrong system clock looks to it.
import { describe, expect, it } from 'vitest';
import { parseHlc } from '#domain/hlc';
import { markAttendance, sessionState } from '#db/attendance';
import { clockOffset, setClockOffset } from '#db/clock';
import { patchParticipant } from '#db/participants';
import { MAX_CLOCK_SKEW_MS } from '#sync/protocol';
import {
  checkIns,
  freshView,
  pushStatuses,
  pushedSeqs,
  REAL_PARTS,
  staffDevice,
  Wire,
  useTestServer,
} from '#tests/sync/edge';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const server = useTestServer();

const p1 = fixture.people[0]!;
const p2 = fixture.people[1]!;

describe('fault 9: device clock ahead', REAL_PARTS, () => {
  it('fault 9: a device clock two hours ahead gets CLOCK_SKEW, re-stamps and loses nothing', async () => {
    const wire = new Wire();
    const device = await staffDevice(server, 'f9', wire);
    expect((await device.sync()).state).toBe('idle');
    const session = fixture.sessions[0]!;
    const made = await device.act(async () => {
      await setClockOffset(2 * 3600_000);
      const [checkin] = await checkIns(p1.id, 1);
      const mark = await markAttendance({
        eventId: FIXTURE_EVENT_ID,
        sessionId: session.id,
        participantId: p2.id,
        status: 'hadir',
      });
      await patchParticipant(p2.id, { institution: 'Perpustakaan Jam Maju' });
      return { checkin: checkin!, mark };
    });
    expect(parseHlc(made.mark.hlc).wall - Date.now()).toBeGreaterThan(MAX_CLOCK_SKEW_MS);

    const run = await device.sync();

    expect(run).toMatchObject({ state: 'idle', pushed: 3 });
    const pushes = wire.to('/sync/push');
    expect(pushes).toHaveLength(2);
    expect((pushes[0]!.json as { results: { code?: string }[] }).results[0]!.code).toBe(
      'CLOCK_SKEW',
    );
    expect(pushedSeqs(pushes[1]!)).toEqual(pushedSeqs(pushes[0]!)); // the same seqs, re-stamped
    expect(pushStatuses(pushes[1])).toEqual(['applied', 'applied', 'applied']);

    const { outbox, marks, offset } = await device.act(async () => ({
      outbox: await device.db.outbox.orderBy('seq').toArray(),
      marks: await device.db.marks.toArray(),
      offset: await clockOffset(),
    }));
    expect(Math.abs(offset)).toBeLessThan(60_000);
    expect(outbox.map((r) => r.status)).toEqual(['acked', 'acked', 'acked']);
    for (const row of outbox) {
      expect(Math.abs(parseHlc(row.hlc).wall - Date.now())).toBeLessThan(MAX_CLOCK_SKEW_MS);
    }
    const markRow = outbox.find((r) => r.name === 'attendance.mark')!;
    expect(marks.find((m) => m.id === made.mark.id)?.hlc).toBe(markRow.hlc);
    expect(markRow.hlc).not.toBe(made.mark.hlc);
    const patchRow = outbox.find((r) => r.name === 'participant.patch')!;
    expect(patchRow.args).toMatchObject({
      fields: { institution: { v: 'Perpustakaan Jam Maju', hlc: patchRow.hlc } },
    });

    // Nothing lost: another device sees all three changes, with the corrected stamps.
    const view = await freshView(server);
    await view.act(async () => {
      expect(await view.db.checkins.get(made.checkin.id)).toBeDefined();
      expect((await view.db.marks.get(made.mark.id))?.hlc).toBe(markRow.hlc);
      expect((await view.db.participants.get(p2.id))?.institution).toBe('Perpustakaan Jam Maju');
    });
  });

  // Re-stamping restarts the clock but must not forget the stamps this device has seen:
  // a change made after seeing another device's (slightly fast, accepted) stamp must still
  // sort after it.
  it('fault 9: re-stamping keeps causality: a correction made after seeing a mark wins', async () => {
    const session = fixture.sessions[1]!;
    const b = await staffDevice(server, 'f9-fast');
    await b.act(async () => {
      await setClockOffset(4 * 60_000); // fast, but within what the server accepts
      await markAttendance({
        eventId: FIXTURE_EVENT_ID,
        sessionId: session.id,
        participantId: p1.id,
        status: 'hadir',
      });
    });
    expect(await b.sync()).toMatchObject({ state: 'idle', pushed: 1 });

    const a = await staffDevice(server, 'f9-ahead');
    await a.sync(); // sees B's mark
    await a.act(async () => {
      expect((await sessionState(session.id)).get(p1.id)?.status).toBe('hadir');
      await setClockOffset(2 * 3600_000);
      await markAttendance({
        eventId: FIXTURE_EVENT_ID,
        sessionId: session.id,
        participantId: p1.id,
        status: 'izin', // the desk corrects what it saw
      });
    });
    expect(await a.sync()).toMatchObject({ state: 'idle', pushed: 1 });

    const view = await freshView(server);
    expect(await view.act(async () => (await sessionState(session.id)).get(p1.id)?.status)).toBe(
      'izin',
    );
  });
});
