// The recap per kabupaten/kota, its breakdown and the attendance matrix against a small
// hand-computed fixture: two batches, three sessions, five people (one cancelled, one
// waitlisted, one walk-in), marks and check-ins. Every number below is worked out in the
// comments.
import { describe, expect, it } from 'vitest';
import type { AttendanceMark, AttendanceStatus } from '#domain/model';
import { regionsOf } from '#domain/regions';
import { attendanceMatrix, recapBreakdown, regionRecap } from '#domain/recap';

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
    gender: 'L' | 'P';
    employmentStatus: 'pns' | 'pppk' | 'non_asn';
    position: 'pustakawan_ahli_muda' | 'pengelola_perpustakaan';
  }> & { certificationIntention?: 'ya' | 'tidak' | 'ragu' } = {},
) => ({ id, batchId, regionCode, status: 'registered' as const, source: 'self' as const, ...over });
const participants = [
  // prettier-ignore
  person('a1', 'A', '63.71', {
    certificationIntention: 'ya', gender: 'P', employmentStatus: 'pns', position: 'pustakawan_ahli_muda',
  }),
  person('a2', 'A', '63.71', { source: 'walkin' }), // a walk-in: intention, gender… unknown
  person('a3', 'A', '63.03', { status: 'cancelled', certificationIntention: 'tidak', gender: 'L' }),
  person('b1', 'B', '63.03', { status: 'waitlisted', certificationIntention: 'ya', gender: 'P' }),
  // prettier-ignore
  person('b2', 'B', '63.03', {
    certificationIntention: 'ragu', gender: 'L', employmentStatus: 'non_asn', position: 'pengelola_perpustakaan',
  }),
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
    // 63.03: b2 (L) registered; a3 cancelled; b1 waitlisted. b2 arrived, eligible.
    expect(rows[0]).toEqual({
      regionCode: '63.03',
      registered: 1,
      waitlisted: 1,
      cancelled: 1,
      walkins: 0,
      male: 1,
      female: 0,
      arrived: 1,
      eligible: 1,
      intention: { ya: 0, tidak: 0, ragu: 1, unknown: 0 },
    });
    // 63.71: a1 (P) and a2 (a walk-in, no gender yet) registered, both arrived; a1 eligible.
    expect(rows[1]).toEqual({
      regionCode: '63.71',
      registered: 2,
      waitlisted: 0,
      cancelled: 0,
      walkins: 1,
      male: 0,
      female: 1,
      arrived: 2,
      eligible: 1,
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
      male: 1,
      female: 1,
      arrived: 3,
      eligible: 2,
      intention: { ya: 1, tidak: 0, ragu: 1, unknown: 1 },
    });
  });

  it('sums no JP per region: JP summed over people measures nothing', () => {
    for (const r of [...rows, total]) expect(Object.keys(r)).not.toContain('jpEarned');
  });

  it('lists every kabupaten/kota of the event’s province, zeros included, then the others', () => {
    const stranger = person('x', 'A', '64.72', { gender: 'L' }); // Kalimantan Timur
    const input = { event, sessions, participants: [...participants, stranger], marks, checkins };
    const all = regionRecap(input, { provinceCode: '63' });
    const kalsel = regionsOf('63').map((r) => r.code);
    expect(kalsel).toHaveLength(13);
    expect(all.rows.map((r) => r.regionCode)).toEqual([...kalsel, '64.72']);
    const tanahLaut = all.rows[0]!;
    expect(tanahLaut.regionCode).toBe('63.01');
    expect([tanahLaut.registered, tanahLaut.waitlisted, tanahLaut.cancelled]).toEqual([0, 0, 0]);
    // The counted regions are the same as without the province; the total gains x.
    expect(all.rows.find((r) => r.regionCode === '63.71')).toEqual(rows[1]);
    expect(all.rows.at(-1)).toMatchObject({ registered: 1, male: 1, arrived: 0 });
    expect(all.total.registered).toBe(total.registered + 1);
  });
});

describe('recap breakdown', () => {
  const { total, rows } = recapBreakdown({ event, sessions, participants, marks, checkins }, [
    { id: 'A' },
    { id: 'B' },
  ]);
  const of = (group: string) =>
    rows.filter((r) => r.group === group).map((r) => [r.code, r.registered, r.arrived, r.eligible]);

  it('counts the registered people by gender, status, position and batch, by hand', () => {
    // Registered: a1 (P, PNS, ahli muda; came, eligible), a2 (walk-in: nothing given; came,
    // not eligible), b2 (L, Non-ASN, pengelola; came, eligible). a3 cancelled, b1 waitlisted.
    expect(total).toEqual({ registered: 3, arrived: 3, eligible: 2 });
    expect(of('gender')).toEqual([
      ['L', 1, 1, 1],
      ['P', 1, 1, 1],
      ['unknown', 1, 1, 0],
    ]);
    // Every status listed, zeros too; unknown last.
    expect(of('employmentStatus')).toEqual([
      ['pns', 1, 1, 1],
      ['pppk', 0, 0, 0],
      ['pppk_paruh_waktu', 0, 0, 0],
      ['non_asn', 1, 1, 1],
      ['unknown', 1, 1, 0],
    ]);
    // Positions only where someone holds one, in the reference order.
    expect(of('position')).toEqual([
      ['pustakawan_ahli_muda', 1, 1, 1],
      ['pengelola_perpustakaan', 1, 1, 1],
      ['unknown', 1, 1, 0],
    ]);
    expect(of('batch')).toEqual([
      ['A', 2, 2, 1],
      ['B', 1, 1, 1],
    ]);
    // Each group adds up to the total.
    for (const group of ['gender', 'employmentStatus', 'position', 'batch'])
      expect(
        of(group).reduce((n, r) => n + (r[1] as number), 0),
        group,
      ).toBe(total.registered);
  });

  it('leaves out "unknown" when everyone gave the field', () => {
    const given = participants.filter((p) => p.id !== 'a2');
    const r = recapBreakdown({ event, sessions, participants: given, marks, checkins }, []);
    expect(r.rows.filter((x) => x.code === 'unknown')).toEqual([]);
    expect(r.rows.filter((x) => x.group === 'batch')).toEqual([
      { group: 'batch', code: 'A', registered: 1, arrived: 1, eligible: 1 },
      { group: 'batch', code: 'B', registered: 1, arrived: 1, eligible: 1 },
    ]);
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
