// What the office hands over after a Bimtek, computed with the same rules as the
// certificates (credit.ts): the recap per kabupaten/kota, its breakdown by gender,
// employment status, position and batch, and the attendance matrix (participants ×
// sessions). Pure, so the dashboard, the exports and the tests agree.
import {
  creditByParticipant,
  sessionStatuses,
  type Credit,
  type CreditEvent,
} from '#domain/credit';
import {
  genderCodes,
  type AttendanceMark,
  type AttendanceStatus,
  type Participant,
  type Session,
  type VenueCheckIn,
} from '#domain/model';
import {
  certificationIntentionCodes,
  employmentStatusCodes,
  positionCodes,
  type CertificationIntention,
} from '#domain/reference';
import { regionsOf } from '#domain/regions';

type RecapParticipant = Pick<
  Participant,
  'id' | 'batchId' | 'status' | 'regionCode' | 'source' | 'certificationIntention'
> &
  Partial<Pick<Participant, 'gender' | 'employmentStatus' | 'position'>>;
type RecapSession = Pick<Session, 'id' | 'batchId' | 'jp' | 'start' | 'title'>;

export interface RecapInput<P extends RecapParticipant = RecapParticipant> {
  event: CreditEvent;
  sessions: readonly RecapSession[];
  participants: readonly P[];
  marks: readonly AttendanceMark[];
  checkins: readonly Pick<VenueCheckIn, 'participantId'>[];
}

/** Head counts of registered people: how many, how many came, how many earned a
 * certificate. (No sum of JP: JP summed over people measures nothing the office reports.) */
export interface Counts {
  registered: number;
  /** Checked in at the venue at least once. */
  arrived: number;
  /** Reached the event's certificate threshold. */
  eligible: number;
}

export interface RegionRecap extends Counts {
  regionCode: string;
  /** Registered (walk-ins included); the columns below count these people only. */
  registered: number;
  waitlisted: number;
  cancelled: number;
  walkins: number;
  /** By gender (L / P); a walk-in not completed yet has none. */
  male: number;
  female: number;
  /** "Rencana sertifikasi 2026"; `unknown` for walk-ins not yet completed. */
  intention: Record<CertificationIntention | 'unknown', number>;
}

const emptyRow = (regionCode: string): RegionRecap => ({
  regionCode,
  registered: 0,
  waitlisted: 0,
  cancelled: 0,
  walkins: 0,
  male: 0,
  female: 0,
  arrived: 0,
  eligible: 0,
  intention: {
    ...Object.fromEntries(certificationIntentionCodes.map((c) => [c, 0])),
    unknown: 0,
  } as RegionRecap['intention'],
});

function add(into: RegionRecap, p: RecapParticipant, credit: Credit | undefined, came: boolean) {
  if (p.status === 'waitlisted') into.waitlisted++;
  if (p.status === 'cancelled') into.cancelled++;
  if (p.status !== 'registered') return;
  into.registered++;
  if (p.source === 'walkin') into.walkins++;
  if (p.gender === 'L') into.male++;
  if (p.gender === 'P') into.female++;
  if (came) into.arrived++;
  if (credit?.eligible) into.eligible++;
  into.intention[p.certificationIntention ?? 'unknown']++;
}

/**
 * One row per kabupaten/kota (by code) and the event's total. With `provinceCode`, every
 * kabupaten/kota of that province has its row, with zeros where nobody registered (the
 * laporan kegiatan accounts for all of them); people from elsewhere follow in their rows.
 */
export function regionRecap(
  input: RecapInput,
  { provinceCode }: { provinceCode?: string } = {},
): { rows: RegionRecap[]; total: RegionRecap } {
  const credits = creditByParticipant(input);
  const arrived = new Set(input.checkins.map((c) => c.participantId));
  const byRegion = new Map<string, RegionRecap>();
  for (const r of provinceCode ? regionsOf(provinceCode) : [])
    byRegion.set(r.code, emptyRow(r.code));
  const total = emptyRow('');
  for (const p of input.participants) {
    let row = byRegion.get(p.regionCode);
    if (!row) byRegion.set(p.regionCode, (row = emptyRow(p.regionCode)));
    const credit = credits.get(p.id);
    add(row, p, credit, arrived.has(p.id));
    add(total, p, credit, arrived.has(p.id));
  }
  const own = (code: string) => (provinceCode && code.startsWith(`${provinceCode}.`) ? 0 : 1);
  const rows = [...byRegion.values()].sort(
    (a, b) => own(a.regionCode) - own(b.regionCode) || a.regionCode.localeCompare(b.regionCode),
  );
  return { rows, total };
}

export type BreakdownGroup = 'gender' | 'employmentStatus' | 'position' | 'batch';

export interface BreakdownRow extends Counts {
  group: BreakdownGroup;
  /** The gender, status or position code, the batch id; `unknown` when not given. */
  code: string;
}

/**
 * The registered people by gender, employment status, position and batch, each group
 * adding up to `total`. Gender, status and batches are listed whole (zeros included: a
 * report says "0 PPPK"); positions only where someone holds them (fourteen titles, old
 * ones included, would mostly be zeros). `unknown` (a walk-in not completed) only when
 * it counts someone.
 */
export function recapBreakdown(
  input: RecapInput,
  batches: readonly { id: string }[],
): { total: Counts; rows: BreakdownRow[] } {
  const credits = creditByParticipant(input);
  const arrived = new Set(input.checkins.map((c) => c.participantId));
  const total: Counts = { registered: 0, arrived: 0, eligible: 0 };
  const rows = new Map<string, BreakdownRow>();
  const row = (group: BreakdownGroup, code: string) => {
    const key = `${group}:${code}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { group, code, registered: 0, arrived: 0, eligible: 0 }));
    return r;
  };
  const listed: [BreakdownGroup, readonly string[]][] = [
    ['gender', genderCodes],
    ['employmentStatus', employmentStatusCodes],
    ['position', []],
    ['batch', batches.map((b) => b.id)],
  ];
  for (const [group, codes] of listed) for (const code of codes) row(group, code);
  for (const p of input.participants) {
    if (p.status !== 'registered') continue;
    const came = arrived.has(p.id);
    const eligible = credits.get(p.id)?.eligible === true;
    const codes: [BreakdownGroup, string][] = [
      ['gender', p.gender ?? 'unknown'],
      ['employmentStatus', p.employmentStatus ?? 'unknown'],
      ['position', p.position ?? 'unknown'],
      ['batch', p.batchId],
    ];
    for (const counts of [total, ...codes.map(([g, c]) => row(g, c))]) {
      counts.registered++;
      if (came) counts.arrived++;
      if (eligible) counts.eligible++;
    }
  }
  // Groups in their order; within one, the reference order, then anything else, then unknown.
  const order: Record<BreakdownGroup, readonly string[]> = {
    gender: genderCodes,
    employmentStatus: employmentStatusCodes,
    position: positionCodes,
    batch: batches.map((b) => b.id),
  };
  const rank = (r: BreakdownRow) => {
    if (r.code === 'unknown') return Number.MAX_SAFE_INTEGER;
    const i = order[r.group].indexOf(r.code);
    return i < 0 ? order[r.group].length : i;
  };
  const groups = listed.map(([g]) => g);
  const sorted = [...rows.values()].sort(
    (a, b) => groups.indexOf(a.group) - groups.indexOf(b.group) || rank(a) - rank(b),
  );
  return { total, rows: sorted };
}

/** A cell: the winning status, `unmarked`, or null for another batch's session. */
export type MatrixCell = AttendanceStatus | 'unmarked' | null;

export interface AttendanceMatrix<P extends RecapParticipant, S extends RecapSession> {
  /** Columns, in the order they were held. */
  sessions: S[];
  rows: { participant: P; cells: MatrixCell[]; credit: Credit }[];
}

export function attendanceMatrix<P extends RecapParticipant, S extends RecapSession>(
  input: Omit<RecapInput<P>, 'checkins' | 'sessions'> & { sessions: readonly S[] },
): AttendanceMatrix<P, S> {
  const sessions = [...input.sessions].sort(
    (a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title),
  );
  const statuses = sessionStatuses(input.marks);
  const credits = creditByParticipant(input);
  return {
    sessions,
    rows: input.participants.map((participant) => ({
      participant,
      cells: sessions.map((s) =>
        s.batchId !== participant.batchId
          ? null
          : (statuses.get(s.id)?.get(participant.id)?.status ?? 'unmarked'),
      ),
      credit: credits.get(participant.id)!,
    })),
  };
}
