// The recap per kabupaten/kota and the attendance matrix against a small hand-computed
// fixture: two batches, three sessions, five people (one cancelled, one waitlisted, one
// walk-in), marks and check-ins. Every number below is worked out in the comments.
import { describe, expect, it } from 'vitest';
import type { AttendanceMark, AttendanceStatus } from '#domain/model';
import { attendanceMatrix, regionRecap } from '#domain/recap';

const event = { certificateThreshold: 80, lateCountsAsPresent: true };
// Batch A: s1 (2 JP) and s2 (1 JP) = 3 JP. Batch B: s3 (3 JP).
const sessions = [
  { id: 's2', batchId: 'A', jp: 1, start: '2025-06-02T02:00:00.000Z', title: 'Dua' },
  { id: 's3', batchId: 'B', jp: 3, start: '2025-06-23T00:00:00.000Z', title: 'Tiga' },
  { id: 's1', batchId: 'A', jp: 2, start: '2025-06-02T00:00:00.000Z', title: 'Satu' },
];
const person = (
  id: string,
  batchId: string,
  regionCode: string,
  over: Partial<{
    status: 'registered' | 'waitlisted' | 'cancelled';
    source: 'self' | 'walkin';
  }> & { certificationIntention?: 'ya' | 'tidak' | 'ragu' } = {},
) => ({ id, batchId, regionCode, status: 'registered' as const, source: 'self' as const, ...over });
const participants = [
  person('a1', 'A', '63.71', { certificationIntention: 'ya' }),
  person('a2', 'A', '63.71', { source: 'walkin' }), // a walk-in: intention unknown
  person('a3', 'A', '63.03', { status: 'cancelled', certificationIntention: 'tidak' }),
  person('b1', 'B', '63.03', { status: 'waitlisted', certificationIntention: 'ya' }),
  person('b2', 'B', '63.03', { certificationIntention: 'ragu' }),
];
let n = 0;
const mark = (
  sessionId: string,
  participantId: string,
  status: AttendanceStatus,
): AttendanceMark => ({
  id: `m${++n}`,
  eventId: 'e',
  sessionId,
  participantId,
  status,
  at: '2025-06-02T00:00:00.000Z',
  hlc: `2025-06-02T00:00:00.000Z-${String(n).padStart(4, '0')}-dev`,
  deviceId: 'dev',
});
const marks = [
  mark('s1', 'a1', 'hadir'),
  mark('s2', 'a1', 'terlambat'), // late counts: a1 earns 2 + 1 = 3 of 3 JP, 100%
  mark('s1', 'a2', 'hadir'),
  mark('s1', 'a2', 'izin'), // later mark wins: a2 earns 0 of 3 JP
  mark('s3', 'b2', 'hadir'), // b2 earns 3 of 3 JP
];
// b2 checked in twice (counts once); a3 checked in although cancelled (not counted).
const checkins = ['a1', 'a2', 'b2', 'b2', 'a3'].map((participantId) => ({ participantId }));

describe('recap per kabupaten/kota', () => {
  const { rows, total } = regionRecap({ event, sessions, participants, marks, checkins });

  it('counts each region by hand', () => {
    expect(rows.map((r) => r.regionCode)).toEqual(['63.03', '63.71']);
    // 63.03: b2 registered; a3 cancelled; b1 waitlisted. b2 arrived, eligible, 3 JP.
    expect(rows[0]).toEqual({
      regionCode: '63.03',
      registered: 1,
      waitlisted: 1,
      cancelled: 1,
      walkins: 0,
      arrived: 1,
      eligible: 1,
      jpEarned: 3,
      intention: { ya: 0, tidak: 0, ragu: 1, unknown: 0 },
    });
    // 63.71: a1 and a2 registered (a2 a walk-in), both arrived; a1 eligible (3 JP), a2 0 JP.
    expect(rows[1]).toEqual({
      regionCode: '63.71',
      registered: 2,
      waitlisted: 0,
      cancelled: 0,
      walkins: 1,
      arrived: 2,
      eligible: 1,
      jpEarned: 3,
      intention: { ya: 1, tidak: 0, ragu: 0, unknown: 1 },
    });
  });

  it('totals are the sum of the rows', () => {
    expect(total).toEqual({
      regionCode: '',
      registered: 3,
      waitlisted: 1,
      cancelled: 1,
      walkins: 1,
      arrived: 3,
      eligible: 2,
      jpEarned: 6,
      intention: { ya: 1, tidak: 0, ragu: 1, unknown: 1 },
    });
  });

  it('adds fractional JP without drift', () => {
    const frac = [
      { id: 'f1', batchId: 'A', jp: 0.1, start: '2025-06-02T00:00:00.000Z', title: 'a' },
      { id: 'f2', batchId: 'A', jp: 0.2, start: '2025-06-02T01:00:00.000Z', title: 'b' },
    ];
    const people = [person('x', 'A', '63.71'), person('y', 'A', '63.71')];
    const all = people.flatMap((p) => frac.map((s) => mark(s.id, p.id, 'hadir')));
    const r = regionRecap({
      event,
      sessions: frac,
      participants: people,
      marks: all,
      checkins: [],
    });
    expect(r.total.jpEarned).toBe(0.6); // (0.1 + 0.2) × 2, not 0.6000000000000001
  });
});

describe('attendance matrix', () => {
  const m = attendanceMatrix({ event, sessions, participants, marks });

  it('has the sessions in the order held and a cell per session (null: another batch)', () => {
    expect(m.sessions.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(m.rows.map((r) => [r.participant.id, ...r.cells])).toEqual([
      ['a1', 'hadir', 'terlambat', null],
      ['a2', 'izin', 'unmarked', null],
      ['a3', 'unmarked', 'unmarked', null],
      ['b1', null, null, 'unmarked'],
      ['b2', null, null, 'hadir'],
    ]);
  });

  it('carries each person’s JP, percentage and eligibility', () => {
    expect(
      m.rows.map((r) => [r.credit.jpEarned, r.credit.jpTotal, r.credit.percent, r.credit.eligible]),
    ).toEqual([
      [3, 3, 100, true],
      [0, 3, 0, false],
      [0, 3, 0, false], // cancelled: never eligible
      [0, 3, 0, false],
      [3, 3, 100, true],
    ]);
    expect(m.rows[2]!.credit.reason).toBe('notRegistered');
  });
});
