// Which batches meet on a day and which are over, in the event's zone (WITA, UTC+8).
import { describe, expect, it } from 'vitest';
import { batchesOn, batchFinished } from '#domain/batches';
import type { Batch, Session } from '#domain/model';

const TZ = 'Asia/Makassar';
const batch = (id: string, startDate: string, endDate: string): Batch => ({
  id,
  eventId: 'e',
  name: `Angkatan ${id}`,
  code: id,
  startDate,
  endDate,
  venue: '',
  capacity: 30,
});
const session = (batchId: string, start: string, end: string) =>
  ({
    batchId,
    start: new Date(`${start}+08:00`).toISOString(),
    end: new Date(`${end}+08:00`).toISOString(),
  }) satisfies Pick<Session, 'batchId' | 'start' | 'end'>;

const a1 = batch('A1', '2026-06-02', '2026-06-03');
const a2 = batch('A2', '2026-06-23', '2026-06-23');
const sessions = [
  session('A1', '2026-06-02T08:00:00', '2026-06-02T10:00:00'),
  session('A1', '2026-06-03T13:00:00', '2026-06-03T15:30:00'),
  session('A2', '2026-06-23T08:00:00', '2026-06-23T16:00:00'),
];
const at = (local: string) => new Date(`${local}+08:00`);

describe('batchesOn', () => {
  it('takes a batch by its dates, or by a session held that day', () => {
    expect(batchesOn('2026-06-03', [a1, a2], sessions, TZ)).toEqual([a1]);
    expect(batchesOn('2026-06-10', [a1, a2], sessions, TZ)).toEqual([]);
    const moved = [...sessions, session('A2', '2026-06-10T08:00:00', '2026-06-10T09:00:00')];
    expect(batchesOn('2026-06-10', [a1, a2], moved, TZ)).toEqual([a2]);
  });
});

describe('batchFinished', () => {
  it('is over once its last session has ended, or its last day has passed', () => {
    expect(batchFinished(a1, sessions, at('2026-06-02T12:00:00'), TZ)).toBe(false);
    expect(batchFinished(a1, sessions, at('2026-06-03T15:29:00'), TZ)).toBe(false);
    expect(batchFinished(a1, sessions, at('2026-06-03T15:30:00'), TZ)).toBe(true);
    // The day after, by the event's clock (00:30 WITA is still 2 June in UTC).
    expect(batchFinished(a1, [], at('2026-06-04T00:30:00'), TZ)).toBe(true);
    expect(batchFinished(a1, [], at('2026-06-03T23:59:00'), TZ)).toBe(false);
    expect(batchFinished(a2, sessions, at('2026-06-03T16:00:00'), TZ)).toBe(false);
  });
});
