import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  creditByParticipant,
  participantCredit,
  sessionCounts,
  sessionStatuses,
  type CreditEvent,
  type CreditParticipant,
  type CreditSession,
} from '#domain/credit';
import { attendanceStatuses, type AttendanceMark, type AttendanceStatus } from '#domain/model';

const event: CreditEvent = { certificateThreshold: 80, lateCountsAsPresent: true };
const session = (id: string, jp: number, batchId = 'A1'): CreditSession => ({ id, batchId, jp });
const siti: CreditParticipant = { id: 'siti', batchId: 'A1', status: 'registered' };

let seq = 0;
/** A mark stamped at minute `minute` of 2 June 2025 by `deviceId`. */
const mark = (
  sessionId: string,
  status: AttendanceStatus,
  { participantId = 'siti', minute = 0, deviceId = 'd1' } = {},
): AttendanceMark => {
  const wall = `2025-06-02T01:${String(minute).padStart(2, '0')}:00.000Z`;
  return {
    id: `m${++seq}`,
    eventId: 'e',
    sessionId,
    participantId,
    status,
    at: wall,
    hlc: `${wall}-0000-${deviceId}`,
    deviceId,
  };
};

const credit = (
  sessions: readonly CreditSession[],
  marks: readonly AttendanceMark[],
  { ev = event, participant = siti }: { ev?: CreditEvent; participant?: CreditParticipant } = {},
) => participantCredit({ event: ev, sessions, participant, statuses: sessionStatuses(marks) });

/** Four sessions of 2.5 JP: 4 × 2.5 = 10 JP. */
const fourByTwoAndAHalf = ['s1', 's2', 's3', 's4'].map((id) => session(id, 2.5));
/** Five sessions of 2 JP: 5 × 2 = 10 JP. */
const fiveByTwo = ['s1', 's2', 's3', 's4', 's5'].map((id) => session(id, 2));

describe('credit: what counts', () => {
  it('has no sessions: nothing to earn, not eligible', () => {
    // Siti's batch A1 has no sessions; A2's session is not hers.
    expect(credit([session('x', 3, 'A2')], [mark('x', 'hadir')])).toEqual({
      participantId: 'siti',
      sessionsTotal: 0,
      sessionsAttended: 0,
      jpTotal: 0,
      jpEarned: 0,
      percent: 0,
      eligible: false,
      reason: 'noSessions',
    });
    // A batch whose only session carries 0 JP is the same: 0 JP is no basis for 80%.
    const zero = credit([session('s1', 0)], [mark('s1', 'hadir')]);
    expect(zero).toMatchObject({ sessionsTotal: 1, sessionsAttended: 1, jpTotal: 0 });
    expect(zero).toMatchObject({ eligible: false, reason: 'noSessions' });
  });

  it.each(['izin', 'sakit', 'tidak_hadir'] as const)('all %s earns nothing', (status) => {
    const c = credit(
      fourByTwoAndAHalf,
      fourByTwoAndAHalf.map((s) => mark(s.id, status)),
    );
    // 0 of 10 JP = 0%
    expect(c).toMatchObject({ sessionsTotal: 4, sessionsAttended: 0, jpTotal: 10, jpEarned: 0 });
    expect(c).toMatchObject({ percent: 0, eligible: false, reason: 'belowThreshold' });
  });

  it('unmarked sessions earn nothing', () => {
    // s1, s2 hadir; s3–s5 unmarked: 2 × 2 = 4 of 10 JP = 40%
    const c = credit(fiveByTwo, [mark('s1', 'hadir'), mark('s2', 'hadir')]);
    expect(c).toMatchObject({ sessionsAttended: 2, jpEarned: 4, jpTotal: 10, percent: 40 });
    expect(c.reason).toBe('belowThreshold');
  });

  it('counts terlambat by default and when the event says so, not when it does not', () => {
    // 3 hadir + 1 terlambat of 4 × 2.5 JP
    const marks = [
      mark('s1', 'hadir'),
      mark('s2', 'hadir'),
      mark('s3', 'terlambat'),
      mark('s4', 'hadir'),
    ];
    // counted: 4 × 2.5 = 10 of 10 JP = 100%
    const counted = { sessionsAttended: 4, jpEarned: 10, percent: 100, eligible: true };
    expect(credit(fourByTwoAndAHalf, marks)).toMatchObject(counted);
    expect(
      credit(fourByTwoAndAHalf, marks, { ev: { certificateThreshold: 80 } }), // default: true
    ).toMatchObject(counted);
    // not counted: 3 × 2.5 = 7.5 of 10 JP = 75% < 80%
    expect(
      credit(fourByTwoAndAHalf, marks, {
        ev: { certificateThreshold: 80, lateCountsAsPresent: false },
      }),
    ).toMatchObject({ sessionsAttended: 3, jpEarned: 7.5, percent: 75, reason: 'belowThreshold' });
  });
});

describe('credit: the threshold', () => {
  it('is met exactly at 8 of 10 JP with 80%', () => {
    // s1–s4 hadir: 4 × 2 = 8 of 10 JP = 80% ≥ 80%
    const c = credit(
      fiveByTwo,
      ['s1', 's2', 's3', 's4'].map((id) => mark(id, 'hadir')),
    );
    expect(c).toMatchObject({
      jpEarned: 8,
      jpTotal: 10,
      percent: 80,
      eligible: true,
      reason: null,
    });
  });

  it('is met exactly where a floating-point ratio would fall short', () => {
    // 5.8 of 5.8 + 4.2 = 10 JP = 58%; naively 5.8 / 10 * 100 = 57.99999999999999
    const c = credit([session('s1', 5.8), session('s2', 4.2)], [mark('s1', 'hadir')], {
      ev: { certificateThreshold: 58 },
    });
    expect(c).toMatchObject({ jpEarned: 5.8, jpTotal: 10, percent: 58, eligible: true });
  });

  it('is missed just below: 7.5 of 10 JP', () => {
    // 3 × 2.5 = 7.5 of 10 JP = 75% < 80%
    const c = credit(
      fourByTwoAndAHalf,
      ['s1', 's2', 's3'].map((id) => mark(id, 'hadir')),
    );
    expect(c).toMatchObject({ jpEarned: 7.5, percent: 75, eligible: false });
    expect(c.reason).toBe('belowThreshold');
  });

  it('never displays 80.0% for someone refused at 80%', () => {
    // 19.99 of 19.99 + 5.01 = 25 JP = 79.96%: shown rounded down as 79.9
    const c = credit([session('s1', 19.99), session('s2', 5.01)], [mark('s1', 'hadir')]);
    expect(c).toMatchObject({ jpEarned: 19.99, jpTotal: 25, percent: 79.9, eligible: false });
  });

  it('sums fractional JP without drift', () => {
    // total 1.5 + 2 + 0.75 + 0.1 + 0.2 + 0.45 = 5 JP
    // earned 1.5 + 0.75 + 0.1 + 0.2 = 2.55 JP (naive floats: 2.5500000000000003)
    // 2.55 / 5 = 51%
    const sessions = [
      session('a', 1.5),
      session('b', 2),
      session('c', 0.75),
      session('d', 0.1),
      session('e', 0.2),
      session('f', 0.45),
    ];
    const marks = ['a', 'c', 'd', 'e'].map((id) => mark(id, 'hadir'));
    const c = credit(sessions, marks);
    expect(c.jpTotal).toBe(5);
    expect(c.jpEarned).toBe(2.55);
    expect(c.percent).toBe(51);
  });

  it('follows sessions added later: the same marks are then worth a smaller share', () => {
    const marks = ['s1', 's2', 's3', 's4'].map((id) => mark(id, 'hadir'));
    expect(credit(fiveByTwo, marks)).toMatchObject({ percent: 80, eligible: true });
    // + s6, s7 of 2 JP: 8 of 14 JP = 57.142…% → 57.1
    const more = [...fiveByTwo, session('s6', 2), session('s7', 2)];
    expect(credit(more, marks)).toMatchObject({
      sessionsTotal: 7,
      jpTotal: 14,
      jpEarned: 8,
      percent: 57.1,
      eligible: false,
      reason: 'belowThreshold',
    });
  });
});

describe('credit: which mark wins', () => {
  it('takes the later hlc regardless of the order marks arrive in', () => {
    // s1 hadir at 01:00, corrected to izin at 01:05: izin wins, s1 earns nothing
    const early = mark('s1', 'hadir', { minute: 0 });
    const late = mark('s1', 'izin', { minute: 5, deviceId: 'd2' });
    for (const marks of [
      [early, late],
      [late, early],
    ]) {
      expect(sessionStatuses(marks).get('s1')?.get('siti')?.status).toBe('izin');
      expect(credit(fiveByTwo, marks)).toMatchObject({ sessionsAttended: 0, jpEarned: 0 });
    }
    // And the other way round: izin corrected to hadir earns 2 JP.
    const fixed = credit(fiveByTwo, [
      mark('s1', 'izin', { minute: 0 }),
      mark('s1', 'hadir', { minute: 5 }),
    ]);
    expect(fixed).toMatchObject({ sessionsAttended: 1, jpEarned: 2 });
  });

  it('breaks an exact hlc tie by the higher device id', () => {
    // Same stamp; device 'b' (hadir) beats device 'a' (tidak_hadir): 2 JP
    const a = {
      ...mark('s1', 'tidak_hadir'),
      hlc: '2025-06-02T01:00:00.000Z-0000-x',
      deviceId: 'a',
    };
    const b = { ...mark('s1', 'hadir'), hlc: '2025-06-02T01:00:00.000Z-0000-x', deviceId: 'b' };
    expect(credit(fiveByTwo, [a, b])).toMatchObject({ jpEarned: 2 });
    expect(credit(fiveByTwo, [b, a])).toMatchObject({ jpEarned: 2 });
  });
});

describe('credit: participants', () => {
  it('judges a participant who moved batch on the new batch only', () => {
    // A1: s1, s2 (3 JP each), both hadir before the move; A2: t1, t2, t3 (2 JP each)
    const sessions = [
      session('s1', 3, 'A1'),
      session('s2', 3, 'A1'),
      session('t1', 2, 'A2'),
      session('t2', 2, 'A2'),
      session('t3', 2, 'A2'),
    ];
    const marks = [mark('s1', 'hadir'), mark('s2', 'hadir'), mark('t1', 'hadir')];
    const moved = { ...siti, batchId: 'A2' };
    // A2 only: 2 of 3 × 2 = 6 JP = 33.33…% → 33.3
    expect(credit(sessions, marks, { participant: moved })).toMatchObject({
      sessionsTotal: 3,
      sessionsAttended: 1,
      jpTotal: 6,
      jpEarned: 2,
      percent: 33.3,
      eligible: false,
    });
  });

  it.each(['cancelled', 'waitlisted'] as const)('%s is never eligible', (status) => {
    // Full attendance, 10 of 10 JP, still no certificate
    const c = credit(
      fiveByTwo,
      fiveByTwo.map((s) => mark(s.id, 'hadir')),
      { participant: { ...siti, status } },
    );
    expect(c).toMatchObject({
      jpEarned: 10,
      percent: 100,
      eligible: false,
      reason: 'notRegistered',
    });
  });

  it('computes a whole event by participant', () => {
    const participants: CreditParticipant[] = [
      siti,
      { id: 'ali', batchId: 'A1', status: 'registered' },
      { id: 'rahmat', batchId: 'A2', status: 'registered' },
    ];
    const marks = [
      ...['s1', 's2', 's3', 's4'].map((id) => mark(id, 'hadir')), // siti: 8 of 10
      mark('s1', 'hadir', { participantId: 'ali' }), // ali: 2 of 10
    ];
    const all = creditByParticipant({ event, sessions: fiveByTwo, participants, marks });
    expect([...all.keys()]).toEqual(['siti', 'ali', 'rahmat']);
    expect(all.get('siti')).toMatchObject({ percent: 80, eligible: true });
    expect(all.get('ali')).toMatchObject({ percent: 20, reason: 'belowThreshold' });
    expect(all.get('rahmat')).toMatchObject({ jpTotal: 0, reason: 'noSessions' });
  });
});

describe('session counts', () => {
  it('counts the roster per status, unmarked included, outsiders left out', () => {
    const statuses = sessionStatuses([
      mark('s1', 'hadir', { participantId: 'siti' }),
      mark('s1', 'izin', { participantId: 'ali', minute: 0 }),
      mark('s1', 'terlambat', { participantId: 'ali', minute: 9 }), // overrides izin
      mark('s1', 'sakit', { participantId: 'rahmat' }),
      mark('s1', 'hadir', { participantId: 'outsider' }),
      mark('s2', 'hadir', { participantId: 'nur' }), // another session
    ]);
    // roster of 4: siti hadir, ali terlambat, rahmat sakit, nur unmarked in s1
    expect(sessionCounts('s1', statuses, ['siti', 'ali', 'rahmat', 'nur'])).toEqual({
      hadir: 1,
      terlambat: 1,
      izin: 0,
      sakit: 1,
      tidak_hadir: 0,
      unmarked: 1,
    });
    expect(sessionCounts('none', statuses, ['siti', 'ali'])).toMatchObject({ unmarked: 2 });
  });
});

describe('credit: properties', () => {
  const sessionsArb = fc
    .uniqueArray(
      fc.record({
        id: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
        batchId: fc.constantFrom('A1', 'A2'),
        jp: fc.integer({ min: 0, max: 2400 }).map((n) => n / 100),
      }),
      { selector: (s) => s.id, maxLength: 6 },
    )
    .map((list) => list as CreditSession[]);
  const markArb = fc
    .record({
      sessionId: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
      participantId: fc.constantFrom('p1', 'p2', 'p3'),
      status: fc.constantFrom(...attendanceStatuses),
      minute: fc.integer({ min: 0, max: 59 }),
      deviceId: fc.constantFrom('a', 'b'),
    })
    .map(({ sessionId, status, ...rest }) => mark(sessionId, status, rest));
  const participantsArb = fc.tuple(
    ...(['p1', 'p2', 'p3'] as const).map((id) =>
      fc.record({
        id: fc.constant(id),
        batchId: fc.constantFrom('A1', 'A2'),
        status: fc.constantFrom('registered' as const, 'waitlisted' as const, 'cancelled' as const),
      }),
    ),
  );
  const eventArb = fc.record({
    certificateThreshold: fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
    lateCountsAsPresent: fc.boolean(),
  });

  it('keeps earned within total, percent within 0–100, eligible above the threshold', () => {
    fc.assert(
      fc.property(
        eventArb,
        sessionsArb,
        participantsArb,
        fc.array(markArb, { maxLength: 30 }),
        (ev, sessions, participants, marks) => {
          const all = creditByParticipant({ event: ev, sessions, participants, marks });
          for (const c of all.values()) {
            expect(c.jpEarned).toBeLessThanOrEqual(c.jpTotal);
            expect(c.sessionsAttended).toBeLessThanOrEqual(c.sessionsTotal);
            expect(c.percent).toBeGreaterThanOrEqual(0);
            expect(c.percent).toBeLessThanOrEqual(100);
            if (c.eligible) expect(c.percent).toBeGreaterThanOrEqual(ev.certificateThreshold);
            expect(c.eligible).toBe(c.reason === null);
          }
        },
      ),
    );
  });

  it('never lowers jpEarned when one more session is marked hadir', () => {
    fc.assert(
      fc.property(
        eventArb,
        sessionsArb,
        participantsArb,
        fc.array(markArb, { maxLength: 30 }),
        fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
        fc.constantFrom('p1', 'p2', 'p3'),
        (ev, sessions, participants, marks, sessionId, participantId) => {
          const before = creditByParticipant({ event: ev, sessions, participants, marks });
          // Stamped after every generated mark (those are at 01:00–01:59), so it wins.
          const hadir = {
            ...mark(sessionId, 'hadir', { participantId }),
            hlc: '2025-06-02T02:00:00.000Z-0000-z',
          };
          const after = creditByParticipant({
            event: ev,
            sessions,
            participants,
            marks: [...marks, hadir],
          });
          for (const [pid, c] of after) {
            const was = before.get(pid)!;
            expect(c.jpEarned).toBeGreaterThanOrEqual(was.jpEarned);
            if (was.eligible) expect(c.eligible).toBe(true);
          }
        },
      ),
    );
  });
});
