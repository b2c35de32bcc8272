// A new event starts empty, or takes an earlier event's settings and schedule, never its
// people: no official, signatory, committee, speaker or NIP comes along.
import { describe, expect, it } from 'vitest';
import {
  eventDays,
  eventSettings,
  newEventDraft,
  plusDays,
  scheduleDays,
  shiftedSchedule,
} from '#domain/event-template';
import { Event } from '#domain/model';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const where = { timezone: 'Asia/Makassar', provinceCode: '63' };

describe('a new event’s draft', () => {
  it('starts empty: defaults, today, and nobody who signs', () => {
    const draft = newEventDraft('bimtek-x', '2026-03-01', where);
    expect(draft).toMatchObject({
      id: 'bimtek-x',
      name: '',
      organizer: '',
      startDate: '2026-03-01',
      endDate: '2026-03-01',
      minutesPerJp: 45,
      certificateThreshold: 80,
      committee: [],
      certificate: { numberPattern: '{seq}/BIMTEK-LI/DISPERSIP/{year}', place: '' },
      demo: false,
    });
    expect(draft.official).toBeUndefined();
    expect(JSON.stringify(draft)).not.toMatch(/\d{18}/); // no NIP anywhere
  });

  it('takes an earlier event’s settings only: not its official, signatory, committee or quotas', () => {
    const earlier: Event = {
      ...fixture.event,
      demo: false,
      minutesPerJp: 50,
      certificateThreshold: 75,
      collectNik: true,
      regionQuotas: { '63.71': 10 },
    };
    const settings = eventSettings(earlier);
    expect(settings).toEqual({
      organizer: fixture.event.organizer,
      timezone: 'Asia/Makassar',
      provinceCode: '63',
      minutesPerJp: 50,
      certificateThreshold: 75,
      lateCountsAsPresent: true,
      collectNik: true,
      signatureAtCheckin: false,
      participantsChooseBatch: true,
      privacyNotice: fixture.event.privacyNotice,
      retentionDays: 365,
      certificate: { numberPattern: '{seq}/BIMTEK-UJI/{year}', place: 'Banjarbaru' },
      // The office's frame comes along; who approves does not.
      city: 'Banjarbaru',
      fundingSource: fixture.event.fundingSource,
      letterhead: fixture.event.letterhead,
    });
    const draft = newEventDraft('bimtek-y', '2026-03-01', where, settings);
    expect(draft.official).toBeUndefined();
    expect(draft.approver).toBeUndefined();
    expect(draft.certificate?.signatory).toBeUndefined();
    expect(draft.committee).toEqual([]);
    expect(draft.regionQuotas).toEqual({});
    const { official, approver, certificate, committee } = fixture.event;
    for (const signer of [official, approver, certificate!.signatory, ...committee]) {
      expect(JSON.stringify(draft)).not.toContain(signer!.name);
    }
    expect(JSON.stringify(draft)).not.toMatch(/\d{18}/);
  });
});

describe('a copied schedule', () => {
  it('moves batches and sessions by whole days, keeping wall-clock times, without speakers', () => {
    let n = 0;
    const target = { id: 'bimtek-2026', startDate: '2026-06-01', timezone: 'Asia/Makassar' };
    const copy = shiftedSchedule(
      { event: fixture.event, batches: fixture.batches, sessions: fixture.sessions },
      target,
      () => `new-${++n}`,
    );
    // The test event starts on 2 June 2025; its batches meet 2 and 23 June: 364 days later.
    expect(copy.batches.map((b) => [b.code, b.startDate, b.endDate, b.eventId])).toEqual([
      ['A1', '2026-06-01', '2026-06-01', 'bimtek-2026'],
      ['A2', '2026-06-22', '2026-06-22', 'bimtek-2026'],
    ]);
    expect(copy.sessions).toHaveLength(fixture.sessions.length);
    const first = copy.sessions[0]!;
    expect(first).toMatchObject({
      eventId: 'bimtek-2026',
      batchId: copy.batches[0]!.id,
      title: fixture.sessions[0]!.title,
      speaker: '',
      trainerDeviceIds: [],
      start: '2026-05-31T23:30:00.000Z', // 07:30 WITA on 1 June
      end: '2026-06-01T00:15:00.000Z',
    });
    expect(copy.sessions.every((s) => s.speaker === '' && !s.id.startsWith(FIXTURE_EVENT_ID))).toBe(
      true,
    );
    expect(new Set(copy.sessions.map((s) => s.batchId))).toEqual(
      new Set(copy.batches.map((b) => b.id)),
    );
  });

  it('knows how many days the schedule needs', () => {
    expect(scheduleDays(fixture.event, fixture.batches, fixture.sessions)).toBe(22); // 2–23 June
    expect(scheduleDays(fixture.event, [], [])).toBe(1);
    expect(plusDays('2026-06-30', 1)).toBe('2026-07-01');
  });
});

describe('eventDays', () => {
  it('lists every day inclusive, across a month end, and nothing for bad input', () => {
    expect(eventDays('2025-06-29', '2025-07-01')).toEqual([
      '2025-06-29',
      '2025-06-30',
      '2025-07-01',
    ]);
    expect(eventDays('2025-06-02', '2025-06-02')).toEqual(['2025-06-02']);
    expect(eventDays('2025-06-03', '2025-06-02')).toEqual([]);
    expect(eventDays('', '2025-06-02')).toEqual([]);
    expect(eventDays('2025-01-01', '2099-01-01')).toHaveLength(366);
  });
});
