// What the office hands over after a Bimtek, computed with the same rules as the
// certificates (credit.ts): the recap per kabupaten/kota and the attendance matrix
// (participants × sessions). Pure, so the dashboard, the exports and the tests agree.
import {
  creditByParticipant,
  sessionStatuses,
  type Credit,
  type CreditEvent,
} from '#domain/credit';
import type {
  AttendanceMark,
  AttendanceStatus,
  Participant,
  Session,
  VenueCheckIn,
} from '#domain/model';
import { certificationIntentionCodes, type CertificationIntention } from '#domain/reference';

type RecapParticipant = Pick<
  Participant,
  'id' | 'batchId' | 'status' | 'regionCode' | 'source' | 'certificationIntention'
>;
type RecapSession = Pick<Session, 'id' | 'batchId' | 'jp' | 'start' | 'title'>;

export interface RecapInput<P extends RecapParticipant = RecapParticipant> {
  event: CreditEvent;
  sessions: readonly RecapSession[];
  participants: readonly P[];
  marks: readonly AttendanceMark[];
  checkins: readonly Pick<VenueCheckIn, 'participantId'>[];
}

export interface RegionRecap {
  regionCode: string;
  /** Registered (walk-ins included); the columns below count these people only. */
  registered: number;
  waitlisted: number;
  cancelled: number;
  walkins: number;
  /** Checked in at the venue at least once. */
  arrived: number;
  /** Reached the event's certificate threshold. */
  eligible: number;
  jpEarned: number;
  /** "Rencana sertifikasi 2026"; `unknown` for walk-ins not yet completed. */
  intention: Record<CertificationIntention | 'unknown', number>;
}

const emptyRow = (regionCode: string): RegionRecap => ({
  regionCode,
  registered: 0,
  waitlisted: 0,
  cancelled: 0,
  walkins: 0,
  arrived: 0,
  eligible: 0,
  jpEarned: 0,
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
  if (came) into.arrived++;
  if (credit?.eligible) into.eligible++;
  // JP in hundredths, like credit.ts: sums of 0.75 and 1.5 stay exact.
  into.jpEarned =
    (Math.round(into.jpEarned * 100) + Math.round((credit?.jpEarned ?? 0) * 100)) / 100;
  into.intention[p.certificationIntention ?? 'unknown']++;
}

/** One row per kabupaten/kota (by code) and the event's total. */
export function regionRecap(input: RecapInput): { rows: RegionRecap[]; total: RegionRecap } {
  const credits = creditByParticipant(input);
  const arrived = new Set(input.checkins.map((c) => c.participantId));
  const byRegion = new Map<string, RegionRecap>();
  const total = emptyRow('');
  for (const p of input.participants) {
    let row = byRegion.get(p.regionCode);
    if (!row) byRegion.set(p.regionCode, (row = emptyRow(p.regionCode)));
    const credit = credits.get(p.id);
    add(row, p, credit, arrived.has(p.id));
    add(total, p, credit, arrived.has(p.id));
  }
  const rows = [...byRegion.values()].sort((a, b) => a.regionCode.localeCompare(b.regionCode));
  return { rows, total };
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
