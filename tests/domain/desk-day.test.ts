// Which batch the desk expects today, what it must say about a person before a check-in,
// and the counters of a two-batch event on a day of each batch.
import { describe, expect, it } from 'vitest';
import { deskCounters } from '#domain/checkins';
import { deskCheck, deskDay, expectedBatches } from '#domain/desk-day';
import type { Batch, VenueCheckIn } from '#domain/model';

const batch = (id: string, startDate: string, endDate = startDate): Batch => ({
  id,
  eventId: 'e',
  name: id === 'a1' ? 'Angkatan I' : 'Angkatan II',
  code: id.toUpperCase(),
  startDate,
  endDate,
  venue: '',
  capacity: 50,
});
// Angkatan I on 2–3 June 2025, Angkatan II on 23 June.
const batches = [batch('a1', '2025-06-02', '2025-06-03'), batch('a2', '2025-06-23')];

describe('deskDay', () => {
  it('knows today’s batch, a day between batches, and days outside the event', () => {
    expect(deskDay(batches, '2025-06-03')).toMatchObject({ today: [batches[0]], inSchedule: true });
    expect(deskDay(batches, '2025-06-23')).toMatchObject({ today: [batches[1]], inSchedule: true });
    expect(deskDay(batches, '2025-06-10')).toMatchObject({ today: [], inSchedule: true });
    expect(deskDay(batches, '2025-06-01')).toMatchObject({ today: [], inSchedule: false });
    expect(deskDay(batches, '2026-12-02')).toMatchObject({ today: [], inSchedule: false });
    expect(deskDay([], '2025-06-02')).toMatchObject({ today: [], inSchedule: false });
  });

  it('expects today’s batch, nobody between batches, everyone outside the schedule', () => {
    expect([...expectedBatches(deskDay(batches, '2025-06-02'))!]).toEqual(['a1']);
    expect([...expectedBatches(deskDay(batches, '2025-06-10'))!]).toEqual([]);
    expect(expectedBatches(deskDay(batches, '2025-07-01'))).toBeUndefined();
  });
});

describe('deskCheck', () => {
  const person = (over: Partial<{ status: string; batchId: string; cancelReason: string }>) =>
    ({ status: 'registered', batchId: 'a1', ...over }) as Parameters<typeof deskCheck>[0];
  const onA1 = deskDay(batches, '2025-06-02');

  it('lets today’s batch through', () => {
    expect(deskCheck(person({}), onA1)).toEqual({ kind: 'ok' });
  });

  it('refuses a cancelled registration with its reason, whatever its batch', () => {
    expect(
      deskCheck(person({ status: 'cancelled', cancelReason: 'Mengundurkan diri' }), onA1),
    ).toEqual({
      kind: 'cancelled',
      reason: 'Mengundurkan diri',
    });
    expect(deskCheck(person({ status: 'cancelled', batchId: 'a2' }), onA1)).toEqual({
      kind: 'cancelled',
      reason: undefined,
    });
  });

  it('warns of another batch, of a day between batches, and of the waiting list', () => {
    expect(deskCheck(person({ batchId: 'a2' }), onA1)).toEqual({
      kind: 'warn',
      waitlisted: false,
      otherBatch: 'a2',
    });
    expect(deskCheck(person({}), deskDay(batches, '2025-06-10'))).toEqual({
      kind: 'warn',
      waitlisted: false,
      otherBatch: 'a1',
    });
    expect(deskCheck(person({ status: 'waitlisted' }), onA1)).toEqual({
      kind: 'warn',
      waitlisted: true,
      otherBatch: undefined,
    });
  });

  it('outside the event’s dates assumes no batch (only the waiting list still warns)', () => {
    const later = deskDay(batches, '2026-12-02');
    expect(deskCheck(person({ batchId: 'a2' }), later)).toEqual({ kind: 'ok' });
    expect(deskCheck(person({ status: 'waitlisted' }), later).kind).toBe('warn');
  });
});

describe('deskCounters of a two-batch event', () => {
  // Three of Angkatan I (one a walk-in), two of Angkatan II, one cancelled, one waitlisted.
  const person = (
    id: string,
    batchId: string,
    regionCode = '63.71',
    status = 'registered',
    source = 'self',
  ) => ({ id, batchId, regionCode, status, source });
  const people = [
    person('p1', 'a1'),
    person('p2', 'a1', '63.72'),
    person('p3', 'a1', '63.72', 'registered', 'walkin'),
    person('p4', 'a2'),
    person('p5', 'a2', '63.03'),
    person('p6', 'a1', '63.71', 'cancelled'),
    person('p7', 'a2', '63.71', 'waitlisted'),
  ];
  const scan = (participantId: string, day: string, minute: number): VenueCheckIn => ({
    id: `${participantId}-${day}-${minute}`,
    eventId: 'e',
    participantId,
    day,
    at: `${day}T00:${String(minute).padStart(2, '0')}:00.000Z`,
    method: 'search',
    deviceId: 'd',
  });
  const counters = (day: string, scans: VenueCheckIn[]) =>
    deskCounters(people, scans, expectedBatches(deskDay(batches, day)));

  it('on a day of Angkatan I: only its people are registered and expected today', () => {
    const day = '2025-06-02';
    // p1 and the walk-in p3 arrive; p4 of Angkatan II comes a day early (an override).
    const c = counters(day, [
      scan('p1', day, 1),
      scan('p3', day, 2),
      scan('p4', day, 3),
      scan('p1', day, 9),
    ]);
    expect(c).toMatchObject({
      registered: 3,
      arrived: 2,
      expected: 1,
      others: 1,
      walkins: 1,
      repeats: 1,
    });
    expect(c.byBatch).toEqual({
      a1: { registered: 3, arrived: 2, expected: 1 },
      a2: { registered: 2, arrived: 1, expected: 1 },
    });
    expect(c.byRegion).toEqual({
      '63.71': { registered: 1, arrived: 1, expected: 0 },
      '63.72': { registered: 2, arrived: 1, expected: 1 },
    });
  });

  it('on the day of Angkatan II: its people, and yesterday’s arrivals do not count', () => {
    const day = '2025-06-23';
    // The waitlisted p7 is checked in over the warning: not one of the expected.
    const c = counters(day, [scan('p5', day, 1), scan('p7', day, 2)]);
    expect(c).toMatchObject({
      registered: 2,
      arrived: 1,
      expected: 1,
      others: 1,
      walkins: 0,
      repeats: 0,
    });
    expect(c.byBatch.a1).toEqual({ registered: 3, arrived: 0, expected: 3 });
    expect(c.byRegion).toEqual({
      '63.71': { registered: 1, arrived: 0, expected: 1 },
      '63.03': { registered: 1, arrived: 1, expected: 0 },
    });
  });

  it('between batches nobody is expected; outside the schedule everyone is', () => {
    expect(counters('2025-06-10', [])).toMatchObject({ registered: 0, expected: 0 });
    expect(counters('2025-07-01', [])).toMatchObject({ registered: 5, expected: 5 });
  });
});
