import { describe, expect, it } from 'vitest';
import { winningMark } from '#domain/attendance';
import { deskCounters, firstCheckins } from '#domain/checkins';
import type { AttendanceMark, VenueCheckIn } from '#domain/model';

const mark = (hlc: string, deviceId: string, status: AttendanceMark['status']): AttendanceMark => ({
  id: `${hlc}-${deviceId}`,
  eventId: 'e',
  sessionId: 's',
  participantId: 'p',
  status,
  at: '2025-06-02T01:00:00.000Z',
  hlc,
  deviceId,
});

describe('attendance: the state is the mark with the highest (hlc, deviceId)', () => {
  it('takes the later stamp regardless of arrival order', () => {
    const early = mark('2025-06-02T01:00:00.000Z-0000-a', 'a', 'hadir');
    const late = mark('2025-06-02T01:05:00.000Z-0000-b', 'b', 'izin');
    expect(winningMark([early, late])?.status).toBe('izin');
    expect(winningMark([late, early])?.status).toBe('izin');
  });

  it('breaks an exact tie by device id, the same on every device', () => {
    const a = mark('2025-06-02T01:00:00.000Z-0000-x', 'a', 'hadir');
    const b = mark('2025-06-02T01:00:00.000Z-0000-x', 'b', 'sakit');
    expect(winningMark([a, b])?.deviceId).toBe('b');
    expect(winningMark([b, a])?.deviceId).toBe('b');
  });

  it('has no state without marks', () => {
    expect(winningMark([])).toBeUndefined();
  });
});

describe('check-ins: the earliest per participant counts', () => {
  const c = (id: string, participantId: string, at: string): VenueCheckIn => ({
    id,
    eventId: 'e',
    participantId,
    day: '2025-06-02',
    at,
    method: 'qr',
    deviceId: 'd',
  });

  it('picks the earliest scan per person, whatever the order they arrived in', () => {
    const list = [
      c('2', 'p1', '2025-06-01T23:50:00.000Z'),
      c('1', 'p1', '2025-06-01T23:40:00.000Z'),
      c('3', 'p2', '2025-06-01T23:45:00.000Z'),
    ];
    const first = firstCheckins(list);
    expect(first.get('p1')?.id).toBe('1');
    expect(first.get('p2')?.id).toBe('3');
    expect(first.size).toBe(2);
  });
});

describe('deskCounters', () => {
  const person = (id: string, over: Record<string, string> = {}) => ({
    id,
    batchId: 'a1',
    regionCode: '63.71',
    status: 'registered',
    source: 'self',
    ...over,
  });
  const scan = (id: string, participantId: string, at: string) =>
    ({
      id,
      eventId: 'e',
      participantId,
      day: '2025-06-02',
      at,
      method: 'qr',
      deviceId: 'd',
    }) as const;

  it('counts arrivals once, repeats apart, by batch and kabupaten/kota', () => {
    const people = [
      person('p1'),
      person('p2', { batchId: 'a2' }),
      person('p3', { regionCode: '63.72', source: 'walkin' }),
      person('p4', { status: 'cancelled' }),
      person('p5', { status: 'waitlisted' }),
    ];
    const scans = [
      scan('c1', 'p1', '2025-06-02T00:01:00.000Z'),
      scan('c2', 'p1', '2025-06-02T00:05:00.000Z'), // a repeat
      scan('c3', 'p3', '2025-06-02T00:02:00.000Z'),
    ];
    expect(deskCounters(people, scans)).toEqual({
      registered: 3,
      arrived: 2,
      expected: 1,
      others: 0,
      walkins: 1,
      repeats: 1,
      byBatch: {
        a1: { registered: 2, arrived: 2, expected: 0 },
        a2: { registered: 1, arrived: 0, expected: 1 },
      },
      byRegion: {
        '63.71': { registered: 2, arrived: 1, expected: 1 },
        '63.72': { registered: 1, arrived: 1, expected: 0 },
      },
    });
  });
});
