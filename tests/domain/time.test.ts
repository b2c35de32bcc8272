import { describe, it, expect } from 'vitest';
import {
  DEFAULT_TIMEZONE,
  formatDate,
  formatDay,
  formatDateTime,
  formatTime,
  formatTimeRange,
  localDay,
  localTime,
  zonedTimeToIso,
  zoneAbbreviation,
} from '#domain/time';

// 08.00 WITA on Monday 2 June 2025, the opening of Angkatan I.
const opening = '2025-06-02T00:00:00Z';
const tz = 'Asia/Makassar';

describe('zoneAbbreviation', () => {
  it('uses the Indonesian abbreviations', () => {
    expect(DEFAULT_TIMEZONE).toBe('Asia/Makassar');
    expect(zoneAbbreviation('Asia/Jakarta')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Pontianak')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Makassar')).toBe('WITA');
    expect(zoneAbbreviation('Asia/Jayapura')).toBe('WIT');
  });

  it("falls back to Intl's short name elsewhere", () => {
    expect(zoneAbbreviation('UTC')).toBe('UTC');
    expect(zoneAbbreviation('Asia/Tokyo')).toMatch(/^(GMT\+9|JST)$/);
  });
});

describe('formatting in the event timezone', () => {
  it('formats the date the Indonesian way', () => {
    expect(formatDate(opening, tz, 'id')).toBe('Senin, 2 Juni 2025');
    expect(formatDate(new Date(opening), tz, 'en')).toBe('Monday, 2 June 2025');
  });

  it('uses the event timezone, not UTC, for the calendar day', () => {
    // 23 June 2025 00.30 WITA is still 22 June in UTC.
    expect(formatDate('2025-06-22T16:30:00Z', tz, 'id')).toBe('Senin, 23 Juni 2025');
    expect(formatDate('2025-06-22T16:30:00Z', 'UTC', 'id')).toBe('Minggu, 22 Juni 2025');
  });

  it('formats times with a dot in Indonesian and a colon in English', () => {
    expect(formatTime(opening, tz, 'id')).toBe('08.00 WITA');
    expect(formatTime(opening, tz, 'en')).toBe('08:00 WITA');
    expect(formatTime(opening, 'Asia/Jakarta', 'id')).toBe('07.00 WIB');
    expect(formatTime('2025-06-02T15:45:00Z', tz, 'id')).toBe('23.45 WITA');
    expect(formatTime('2025-06-02T16:05:00Z', tz, 'id')).toBe('00.05 WITA');
  });

  it('formats a session time range with an en dash', () => {
    expect(formatTimeRange(opening, '2025-06-02T02:30:00Z', tz, 'id')).toBe('08.00–10.30 WITA');
    expect(formatTimeRange(opening, '2025-06-02T02:30:00Z', tz, 'en')).toBe('08:00–10:30 WITA');
  });

  it('formats date and time together', () => {
    expect(formatDateTime(opening, tz, 'id')).toBe('Senin, 2 Juni 2025, 08.00 WITA');
    expect(formatDateTime(opening, tz, 'en')).toBe('Monday, 2 June 2025, 08:00 WITA');
  });

  it('throws on an invalid instant instead of printing "Invalid Date"', () => {
    expect(() => formatDate('not a date', tz, 'id')).toThrow(RangeError);
  });
});

describe('localDay', () => {
  it('gives the calendar day of the instant in the timezone', () => {
    expect(localDay(opening, tz)).toBe('2025-06-02');
    expect(localDay('2025-06-01T16:30:00Z', tz)).toBe('2025-06-02');
    expect(localDay('2025-06-01T15:59:00Z', tz)).toBe('2025-06-01');
    expect(localDay(new Date('2025-06-01T16:30:00Z'), 'Asia/Jakarta')).toBe('2025-06-01');
  });
});

describe('zonedTimeToIso', () => {
  it('turns a wall time in the event timezone into UTC', () => {
    expect(zonedTimeToIso('2025-06-02', '08:00', tz)).toBe('2025-06-02T00:00:00.000Z');
    expect(zonedTimeToIso('2025-06-02', '08:00', 'Asia/Jakarta')).toBe('2025-06-02T01:00:00.000Z');
    expect(zonedTimeToIso('2025-06-02', '08:00', 'Asia/Jayapura')).toBe('2025-06-01T23:00:00.000Z');
    expect(zonedTimeToIso('2025-06-02', '00:00', 'Asia/Kathmandu')).toBe(
      '2025-06-01T18:15:00.000Z',
    );
  });

  it('round-trips with the formatters', () => {
    const iso = zonedTimeToIso('2025-06-23', '13:30', tz);
    expect(formatDateTime(iso, tz, 'id')).toBe('Senin, 23 Juni 2025, 13.30 WITA');
    expect(localDay(iso, tz)).toBe('2025-06-23');
    expect(localTime(iso, tz)).toBe('13:30');
    expect(localTime('2025-06-01T23:05:00.000Z', 'Asia/Jayapura')).toBe('08:05');
  });

  it('handles daylight saving through Intl', () => {
    expect(zonedTimeToIso('2025-01-15', '12:00', 'Europe/Berlin')).toBe('2025-01-15T11:00:00.000Z');
    expect(zonedTimeToIso('2025-07-15', '12:00', 'Europe/Berlin')).toBe('2025-07-15T10:00:00.000Z');
    // 02.30 does not exist on 30 March in Berlin: it moves forward to 03.30 CEST.
    expect(zonedTimeToIso('2025-03-30', '02:30', 'Europe/Berlin')).toBe('2025-03-30T01:30:00.000Z');
    // 01.30 happens twice on 2 November in New York: the first one (EDT) is taken.
    expect(zonedTimeToIso('2025-11-02', '01:30', 'America/New_York')).toBe(
      '2025-11-02T05:30:00.000Z',
    );
  });

  it('rejects malformed or impossible input', () => {
    expect(() => zonedTimeToIso('2025-02-30', '08:00', tz)).toThrow(RangeError);
    expect(() => zonedTimeToIso('2025-06-02', '24:00', tz)).toThrow(RangeError);
    expect(() => zonedTimeToIso('2/6/2025', '08:00', tz)).toThrow(RangeError);
  });
});

describe('formatDay', () => {
  it('formats a calendar day the same whatever the zone, in both languages', () => {
    expect(formatDay('2025-06-02', 'id')).toBe('Senin, 2 Juni 2025');
    expect(formatDay('2025-06-23', 'en')).toBe('Monday, 23 June 2025');
    expect(formatDay('2025-12-31', 'id')).toBe('Rabu, 31 Desember 2025');
  });
});
