import { describe, expect, it } from 'vitest';
import { demoBatches, demoEvent, demoParticipants, demoSessions } from '#domain/demo';
import { eventIdentifierIssues, participantIdentifierIssues } from '#domain/identifiers';
import { Batch, Event, Participant, Session } from '#domain/model';
import { formatDay, formatTimeRange } from '#domain/time';

describe('the built-in demo event', () => {
  it('is flagged as demo and matches the entity schemas', () => {
    expect(demoEvent.demo).toBe(true);
    expect(Event.safeParse(demoEvent).success).toBe(true);
    for (const b of demoBatches) expect(Batch.safeParse(b).success).toBe(true);
    for (const s of demoSessions) expect(Session.safeParse(s).success).toBe(true);
    for (const p of demoParticipants) expect(Participant.safeParse(p).success).toBe(true);
  });

  it('holds Angkatan I on Monday 2 June 2025 and Angkatan II on 23 June 2025', () => {
    expect(demoBatches.map((b) => [b.name, formatDay(b.startDate, 'id')])).toEqual([
      ['Angkatan I', 'Senin, 2 Juni 2025'],
      ['Angkatan II', 'Senin, 23 Juni 2025'],
    ]);
  });

  it('gives each batch a plausible day of sessions with JP, in WITA', () => {
    for (const b of demoBatches) {
      const day = demoSessions.filter((s) => s.batchId === b.id);
      expect(day.length).toBeGreaterThanOrEqual(4);
      expect(day.reduce((sum, s) => sum + s.jp, 0)).toBe(8);
      for (const s of day) expect(s.end > s.start).toBe(true);
    }
    const first = demoSessions[0]!;
    expect(formatTimeRange(first.start, first.end, 'Asia/Makassar', 'id')).toBe('07.30–08.15 WITA');
  });

  it('uses only well-formed, invented identities that pass the server’s identifier rules', () => {
    // The real clock, as the server uses it: the oldest demo NIP (born March 1968) turns 65
    // in 2033, when this fails and the demo people need to be younger.
    for (const p of demoParticipants) {
      expect(
        participantIdentifierIssues(p, { provinceCode: demoEvent.provinceCode }),
        p.fullName,
      ).toEqual([]);
    }
    expect(eventIdentifierIssues(demoEvent)).toEqual([]);
  });
});
