// A new event, and what it may take from an earlier one. It starts empty by default: no
// official, no certificate signatory, no narasumber or panitia, no NIP, from the demo or
// any other event (a copied "Contoh Kepala Dinas" once signed 25 real certificates). The
// organiser may choose to start from a real earlier event instead: its settings (JP
// minutes, threshold, flags, certificate settings but the signatory, organiser's name,
// privacy notice, the kop surat, city and funding source) and, if asked, its batches and sessions moved to the new dates. People,
// speakers and devices never come along.
import {
  DEFAULT_CERTIFICATE_PATTERN,
  DEFAULT_CERTIFICATE_THRESHOLD,
  DEFAULT_MINUTES_PER_JP,
  type Batch,
  type Event,
  type Session,
} from '#domain/model';
import { localDay, localTime, zonedTimeToIso } from '#domain/time';

/** The settings an event passes on: how it counts and prints, never who signs. */
export type EventSettings = Pick<
  Event,
  | 'organizer'
  | 'timezone'
  | 'provinceCode'
  | 'minutesPerJp'
  | 'certificateThreshold'
  | 'lateCountsAsPresent'
  | 'collectNik'
  | 'signatureAtCheckin'
  | 'participantsChooseBatch'
  | 'privacyNotice'
  | 'retentionDays'
  | 'city'
  | 'fundingSource'
  | 'letterhead'
> & { certificate?: Omit<NonNullable<Event['certificate']>, 'signatory'> };

/** An earlier event's settings, without its official, signatory, committee or quotas. */
export function eventSettings(e: Event): EventSettings {
  return {
    organizer: e.organizer,
    timezone: e.timezone,
    provinceCode: e.provinceCode,
    minutesPerJp: e.minutesPerJp,
    certificateThreshold: e.certificateThreshold,
    lateCountsAsPresent: e.lateCountsAsPresent,
    collectNik: e.collectNik,
    signatureAtCheckin: e.signatureAtCheckin,
    participantsChooseBatch: e.participantsChooseBatch,
    privacyNotice: e.privacyNotice,
    retentionDays: e.retentionDays,
    // The office's frame (kop surat, city, funding) is the office's, not a person's.
    ...(e.city ? { city: e.city } : {}),
    ...(e.fundingSource ? { fundingSource: e.fundingSource } : {}),
    ...(e.letterhead ? { letterhead: e.letterhead } : {}),
    ...(e.certificate
      ? { certificate: (({ signatory: _s, ...settings }) => settings)(e.certificate) }
      : {}),
  };
}

/**
 * The draft of a new event: today's date, the defaults, and the zone and province of the
 * office (`where`, not a person). With `from`, that event's settings instead of the
 * defaults. Name, venue and everyone who signs are left for the organiser to fill in.
 */
export function newEventDraft(
  id: string,
  today: string,
  where: Pick<Event, 'timezone' | 'provinceCode'>,
  from?: EventSettings,
): Event {
  return {
    id,
    name: '',
    organizer: '',
    venue: '',
    startDate: today,
    endDate: today,
    timezone: where.timezone,
    provinceCode: where.provinceCode,
    minutesPerJp: DEFAULT_MINUTES_PER_JP,
    certificateThreshold: DEFAULT_CERTIFICATE_THRESHOLD,
    lateCountsAsPresent: true,
    collectNik: false,
    signatureAtCheckin: false,
    registrationOpen: true,
    participantsChooseBatch: true,
    privacyNotice: '',
    retentionDays: 365,
    committee: [],
    certificate: { numberPattern: DEFAULT_CERTIFICATE_PATTERN, place: '' },
    regionQuotas: {},
    demo: false,
    ...from,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** `day` moved by `n` days: ('2026-06-30', 1) → '2026-07-01'. */
export const plusDays = (day: string, n: number) =>
  new Date((dayNumber(day) + n) * DAY_MS).toISOString().slice(0, 10);

/** The days from `start` to `end` inclusive (none when either is missing or reversed;
 * at most 366, so a mistyped year cannot build a list of thousands). */
export function eventDays(start: string, end: string): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end)) return [];
  const n = Math.min(dayNumber(end) - dayNumber(start) + 1, 366);
  return Array.from({ length: Math.max(0, n) }, (_, i) => plusDays(start, i));
}

/** Days from the source's start to its last batch's or session's end: how long the new
 * event must be to hold the copied schedule. */
export function scheduleDays(
  source: Pick<Event, 'startDate' | 'endDate' | 'timezone'>,
  batches: readonly Batch[],
  sessions: readonly Session[],
): number {
  const last = [
    ...batches.map((b) => b.endDate),
    ...sessions.map((s) => localDay(s.end, source.timezone)),
  ].reduce((a, b) => (b > a ? b : a), source.startDate);
  return dayNumber(last) - dayNumber(source.startDate) + 1;
}

/**
 * The source's batches and sessions for the target event, moved by whole days so the
 * source's first day falls on the target's (each session keeps its wall-clock time, in
 * the target's zone). New ids; no speaker (a person, who may differ next time), no
 * trainer devices, nothing finished. The caller checks they fit in the target's dates.
 */
export function shiftedSchedule(
  source: { event: Pick<Event, 'startDate' | 'timezone'>; batches: Batch[]; sessions: Session[] },
  target: Pick<Event, 'id' | 'startDate' | 'timezone'>,
  newId: () => string,
): { batches: Batch[]; sessions: Session[] } {
  const shift = dayNumber(target.startDate) - dayNumber(source.event.startDate);
  const ids = new Map(source.batches.map((b) => [b.id, newId()]));
  const batches = source.batches.map((b) => ({
    ...b,
    id: ids.get(b.id)!,
    eventId: target.id,
    startDate: plusDays(b.startDate, shift),
    endDate: plusDays(b.endDate, shift),
  }));
  const moved = (instant: string) =>
    zonedTimeToIso(
      plusDays(localDay(instant, source.event.timezone), shift),
      localTime(instant, source.event.timezone),
      target.timezone,
    );
  const sessions = source.sessions
    .filter((s) => ids.has(s.batchId))
    .map(({ closedAt: _closed, ...s }) => ({
      ...s,
      id: newId(),
      eventId: target.id,
      batchId: ids.get(s.batchId)!,
      speaker: '',
      trainerDeviceIds: [],
      start: moved(s.start),
      end: moved(s.end),
    }));
  return { batches, sessions };
}
