// The organiser's dashboard: head counts, who arrived today, attendance per session, the
// spread over kabupaten/kota and library types, the 2026 certification intention, and the
// people who need the organiser's attention. Pure, from the event's synced rows and the
// day it is in the event's timezone, with the rules the recap and certificates use
// (recap.ts, credit.ts), so the dashboard never disagrees with the exports. The rules
// for completing a walk-in listed here are in completion.ts.
import { firstCheckins } from '#domain/checkins';
import {
  eventIdentifierIssues,
  invalidRegistrations,
  type EventIdentifierIssue,
  type InvalidRegistration,
} from '#domain/identifiers';
import {
  countsAsAttended,
  sessionCounts,
  sessionStatuses,
  type SessionCounts,
} from '#domain/credit';
import { batchesOn } from '#domain/batches';
import type { Batch, Participant, Session, VenueCheckIn } from '#domain/model';
import type { ReportData } from '#domain/event-data';
import { byName } from '#domain/search';
import { regionRecap } from '#domain/recap';
import { libraryTypeCodes, type CertificationIntention, type LibraryType } from '#domain/reference';
import { likelyDuplicates, type DuplicateReason } from '#domain/walkin';

/** What the dashboard reads. */
export type DashboardData = ReportData;

export interface StatusCounts {
  /** Registered, walk-ins included. */
  registered: number;
  waitlisted: number;
  cancelled: number;
  /** Registered walk-ins. */
  walkins: number;
  /** Registered people of today's batches with a check-in today (each once, however
   * often they scanned); everyone's when no batch meets today. */
  arrivedToday: number;
  /** Registered people of the batches meeting today: what `arrivedToday` is out of, so
   * it reads "48 of 50" and never "48 of 100" while Angkatan II is weeks away. */
  expectedToday: number;
  /** The batches meeting today (batchesOn); none between batches. */
  batchesToday: Batch[];
}

export interface SessionRow {
  session: Session;
  /** The registered people of the session's batch. */
  roster: number;
  /** hadir, and terlambat when the event counts it (lateCountsAsPresent). */
  attended: number;
  /** Per status, `unmarked` included; adds up to `roster`. */
  counts: SessionCounts;
}

export interface ArrivalBar {
  registered: number;
  /** Checked in at the venue at least once (any day), as in the recap. */
  arrived: number;
}
export type RegionBar = ArrivalBar & { regionCode: string };
export type LibraryTypeBar = ArrivalBar & { code: LibraryType | 'unknown' };

/** "Rencana sertifikasi 2026" of a kabupaten/kota's registered people; `unknown`:
 * not given (walk-ins not completed yet). */
export type IntentionRow = Record<CertificationIntention | 'unknown', number> & {
  regionCode: string;
  total: number;
};

export interface DuplicatePair {
  /** The earlier registration: usually the one to keep. */
  a: Participant;
  b: Participant;
  reason: DuplicateReason;
}

export interface UnsignedCheckin {
  person: Participant;
  day: string;
}

export interface Attention {
  /** Walk-ins the organiser still has to complete (needsReview), not cancelled. */
  walkins: Participant[];
  duplicates: DuplicatePair[];
  /** Only when the event asks for signatures at check-in. */
  unsigned: UnsignedCheckin[];
  /** Registrations whose NIP, NIK, phone, email or kabupaten/kota fail the rules. */
  invalid: InvalidRegistration[];
  /** The event's own identifiers that fail them (the official's NIP, a quota's region). */
  eventIssues: EventIdentifierIssue[];
}

export interface Dashboard {
  counts: StatusCounts;
  sessions: SessionRow[];
  /** Kabupaten/kota with at least one registered person, by code. */
  regions: RegionBar[];
  /** Library types with at least one registered person, in the reference order. */
  libraryTypes: LibraryTypeBar[];
  intention: IntentionRow[];
  intentionTotal: IntentionRow;
  attention: Attention;
}

/** Items grouped by a key, in their order; items without a key are left out. */
function groupBy<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(t);
    else groups.set(k, [t]);
  }
  return groups;
}

export function dashboard(data: DashboardData, today: string): Dashboard {
  const registered = data.participants.filter((p) => p.status === 'registered');
  const recap = regionRecap(data);
  const arrivedEver = new Set(data.checkins.map((c) => c.participantId));
  const arrivedToday = new Set(
    data.checkins.filter((c) => c.day === today).map((c) => c.participantId),
  );

  const intentionOf = (
    regionCode: string,
    i: Record<CertificationIntention | 'unknown', number>,
  ) => ({
    regionCode,
    ...i,
    total: i.ya + i.ragu + i.tidak + i.unknown,
  });
  const regionRows = recap.rows.filter((r) => r.registered > 0);
  const batchesToday = batchesOn(today, data.batches, data.sessions, data.event.timezone);
  const todayIds = new Set(batchesToday.map((b) => b.id));

  return {
    counts: {
      registered: recap.total.registered,
      waitlisted: recap.total.waitlisted,
      cancelled: recap.total.cancelled,
      walkins: recap.total.walkins,
      arrivedToday: registered.filter(
        (p) => arrivedToday.has(p.id) && (todayIds.size === 0 || todayIds.has(p.batchId)),
      ).length,
      expectedToday: registered.filter((p) => todayIds.has(p.batchId)).length,
      batchesToday,
    },
    sessions: sessionRows(data, registered),
    regions: regionRows.map((r) => ({
      regionCode: r.regionCode,
      registered: r.registered,
      arrived: r.arrived,
    })),
    libraryTypes: libraryTypeBars(registered, arrivedEver),
    intention: regionRows.map((r) => intentionOf(r.regionCode, r.intention)),
    intentionTotal: intentionOf('', recap.total.intention),
    attention: {
      walkins: data.participants
        .filter((p) => p.source === 'walkin' && p.needsReview && p.status !== 'cancelled')
        .sort(byName),
      duplicates: duplicatePairs(registered),
      unsigned: data.event.signatureAtCheckin ? unsigned(data.checkins, registered) : [],
      // Noon in the event's zone (any UTC+7…+9 zone) is still `today` there.
      ...identifierAttention(data, new Date(`${today}T04:00:00Z`)),
    },
  };
}

/** Which day of its batch `day` is (1: its first day) for each batch meeting then, so a
 * printed dashboard names the day its figures are for ("Angkatan I, hari ke-2"), never
 * "today". A batch met only by a session before its own dates gets no number. */
export function batchDayNumbers(
  day: string,
  batches: readonly Pick<Batch, 'id' | 'name' | 'startDate'>[],
): { batch: Pick<Batch, 'id' | 'name' | 'startDate'>; number: number }[] {
  const at = (d: string) => Date.parse(`${d}T00:00:00Z`);
  return batches
    .map((batch) => ({
      batch,
      number: Math.round((at(day) - at(batch.startDate)) / 86_400_000) + 1,
    }))
    .filter((b) => b.number >= 1);
}

function identifierAttention(data: DashboardData, today: Date) {
  const ctx = { provinceCode: data.event.provinceCode, today };
  return {
    invalid: invalidRegistrations([...data.participants].sort(byName), ctx),
    eventIssues: eventIdentifierIssues(data.event, today),
  };
}

function sessionRows(data: DashboardData, registered: readonly Participant[]): SessionRow[] {
  const statuses = sessionStatuses(data.marks);
  const rosters = groupBy(registered, (p) => p.batchId);
  return [...data.sessions]
    .sort((a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title))
    .map((session) => {
      const roster = (rosters.get(session.batchId) ?? []).map((p) => p.id);
      const counts = sessionCounts(session.id, statuses, roster);
      const attended =
        (countsAsAttended('hadir', data.event) ? counts.hadir : 0) +
        (countsAsAttended('terlambat', data.event) ? counts.terlambat : 0);
      return { session, roster: roster.length, attended, counts };
    });
}

function libraryTypeBars(
  registered: readonly Participant[],
  arrived: ReadonlySet<string>,
): LibraryTypeBar[] {
  const codes = [...libraryTypeCodes, 'unknown'] as const;
  const bars = codes.map((code) => ({ code, registered: 0, arrived: 0 }));
  for (const p of registered) {
    // A type this version does not know (a newer app's) is counted with the unknown.
    const i = codes.indexOf(p.libraryType ?? 'unknown');
    const bar = bars[i < 0 ? codes.length - 1 : i]!;
    bar.registered++;
    if (arrived.has(p.id)) bar.arrived++;
  }
  return bars.filter((b) => b.registered > 0);
}

const REASON_RANK: Record<DuplicateReason, number> = { nip: 0, phone: 1, name: 2 };
/** Letters and digits only: coarser than walkin.ts's institution key, so no pair it would
 * match is left in different groups. */
const looseInstitution = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Registered people who are probably one person, each pair once. likelyDuplicates only
 * matches people with the same NIP, the same phone or the same institution, so people are
 * compared within those groups: 10,000 people against each other would be 50 million
 * name comparisons on a tablet.
 */
function duplicatePairs(people: readonly Participant[]): DuplicatePair[] {
  const keys: ((p: Participant) => string | undefined)[] = [
    (p) => p.nip,
    (p) => p.phone,
    (p) => looseInstitution(p.institution),
  ];
  const groups = keys.flatMap((key) => [...groupBy(people, key).values()]);
  const pairs = new Map<string, DuplicatePair>();
  for (const group of groups) {
    for (let i = 0; i < group.length - 1; i++) {
      const p = group[i]!;
      for (const { person: q, reason } of likelyDuplicates(p, group.slice(i + 1))) {
        const [a, b] =
          p.createdAt < q.createdAt || (p.createdAt === q.createdAt && p.id < q.id)
            ? [p, q]
            : [q, p];
        const key = `${a.id}\n${b.id}`;
        if (!pairs.has(key)) pairs.set(key, { a, b, reason });
      }
    }
  }
  return [...pairs.values()].sort(
    (x, y) => REASON_RANK[x.reason] - REASON_RANK[y.reason] || byName(x.a, y.a) || byName(x.b, y.b),
  );
}

/** Registered people whose first check-in of a day (the one on the daftar hadir) has no
 * signature: they sign the paper sheet instead. */
function unsigned(
  checkins: readonly VenueCheckIn[],
  registered: readonly Participant[],
): UnsignedCheckin[] {
  const people = new Map(registered.map((p) => [p.id, p]));
  const out: UnsignedCheckin[] = [];
  for (const [day, list] of groupBy(checkins, (c) => c.day)) {
    for (const first of firstCheckins(list).values()) {
      const person = people.get(first.participantId);
      if (person && !first.signature) out.push({ person, day });
    }
  }
  return out.sort((x, y) => x.day.localeCompare(y.day) || byName(x.person, y.person));
}
