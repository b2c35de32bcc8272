// The tests' own event must be what it claims: valid for the schemas and the server's
// identifier rules, in WITA, and nothing of the demo's (its ids, people and NIPs).
import { describe, expect, it } from 'vitest';
import { demoEvent, demoParticipants } from '#domain/demo';
import { eventIdentifierIssues, participantIdentifierIssues } from '#domain/identifiers';
import { Batch, Event, Participant, Session } from '#domain/model';
import { parseAsnNumberFor } from '#domain/nip';
import { formatDay, formatTimeRange } from '#domain/time';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

describe('the test fixture event', () => {
  it('is not the demo and matches the entity schemas', () => {
    expect(fixture.event.id).toBe(FIXTURE_EVENT_ID);
    expect(fixture.event.id).not.toBe(demoEvent.id);
    expect(fixture.event.demo).toBe(false);
    expect(Event.safeParse(fixture.event).success).toBe(true);
    for (const b of fixture.batches) expect(Batch.safeParse(b).success).toBe(true);
    for (const s of fixture.sessions) expect(Session.safeParse(s).success).toBe(true);
    for (const p of fixture.people) expect(Participant.safeParse(p).success).toBe(true);
    for (const row of [...fixture.batches, ...fixture.sessions, ...fixture.people]) {
      expect(row.eventId).toBe(FIXTURE_EVENT_ID);
    }
    const demoNips = new Set(demoParticipants.map((p) => p.nip));
    const demoNames = new Set(demoParticipants.map((p) => p.fullName));
    for (const p of fixture.people) {
      expect(demoNames.has(p.fullName), p.fullName).toBe(false);
      if (p.nip) expect(demoNips.has(p.nip), p.fullName).toBe(false);
    }
  });

  it('holds Angkatan I on 2 June 2025 and Angkatan II on 23 June 2025, 8 JP each, in WITA', () => {
    expect(fixture.batches.map((b) => [b.name, formatDay(b.startDate, 'id')])).toEqual([
      ['Angkatan I', 'Senin, 2 Juni 2025'],
      ['Angkatan II', 'Senin, 23 Juni 2025'],
    ]);
    for (const b of fixture.batches) {
      const day = fixture.sessions.filter((s) => s.batchId === b.id);
      expect(day.map((s) => s.jp)).toEqual([1, 2, 2, 2, 1]);
      for (const s of day) expect(s.end > s.start).toBe(true);
    }
    const first = fixture.sessions[0]!;
    expect(formatTimeRange(first.start, first.end, fixture.event.timezone, 'id')).toBe(
      '07.30–08.15 WITA',
    );
  });

  it('has people of every kind the tests need, with identifiers the server accepts', () => {
    expect(fixture.people.map((p) => [p.employmentStatus, Boolean(p.nip)])).toEqual([
      ['pns', true],
      ['pns', true],
      ['pppk', true],
      ['non_asn', false],
      ['pns', true],
      ['pppk_paruh_waktu', true],
    ]);
    expect(fixture.people.map((p) => p.regionCode)).toEqual([
      '63.71',
      '63.04',
      '63.72',
      '63.04',
      '63.10',
      '63.04',
    ]);
    for (const p of fixture.people) {
      expect(p.status).toBe('registered');
      expect(
        participantIdentifierIssues(p, { provinceCode: fixture.event.provinceCode }),
        p.fullName,
      ).toEqual([]);
      if (!p.nip) continue;
      // The gender digit agrees with the gender given.
      const parsed = parseAsnNumberFor(p.employmentStatus, p.nip, { gender: p.gender });
      expect(parsed, p.fullName).toEqual({ ok: true, value: p.nip });
    }
    expect(eventIdentifierIssues(fixture.event)).toEqual([]);
  });
});
