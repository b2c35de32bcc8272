// What attendance earns: JP per participant and whether it reaches the certificate
// threshold. Pure functions of the current data, so a session added later, a batch move
// or a late correcting mark simply change the result the next time it is computed.
import { winningByParticipant } from '#domain/attendance';
import {
  attendanceStatuses,
  type AttendanceMark,
  type AttendanceStatus,
  type Event,
  type Participant,
  type Session,
} from '#domain/model';

/** sessionId → participantId → the winning mark. */
export type SessionStatuses = Map<string, Map<string, AttendanceMark>>;

export type CreditEvent = Pick<Event, 'certificateThreshold'> &
  Partial<Pick<Event, 'lateCountsAsPresent'>>;
export type CreditSession = Pick<Session, 'id' | 'batchId' | 'jp'>;
export type CreditParticipant = Pick<Participant, 'id' | 'batchId' | 'status'> &
  Partial<Pick<Participant, 'needsReview'>>;

/** Why no certificate; codes, so the UI and the exports word them in their own language.
 * `incomplete`: attendance would earn one, but the registration still needs completing (a
 * walk-in's data, needsReview): a certificate is not numbered for a record the office has
 * not finished. */
export type IneligibleReason = 'notRegistered' | 'noSessions' | 'belowThreshold' | 'incomplete';

export interface Credit {
  participantId: string;
  /** Sessions of the participant's current batch. */
  sessionsTotal: number;
  sessionsAttended: number;
  jpTotal: number;
  jpEarned: number;
  /** jpEarned / jpTotal × 100, rounded DOWN to 1 decimal, 0 when there is no JP. */
  percent: number;
  eligible: boolean;
  /** null exactly when eligible. */
  reason: IneligibleReason | null;
}

/** The winning mark per (session, participant); every mark is kept, only the winner counts. */
export function sessionStatuses(marks: readonly AttendanceMark[]): SessionStatuses {
  const bySession = new Map<string, AttendanceMark[]>();
  for (const m of marks) {
    const list = bySession.get(m.sessionId);
    if (list) list.push(m);
    else bySession.set(m.sessionId, [m]);
  }
  const result: SessionStatuses = new Map();
  for (const [sessionId, list] of bySession) result.set(sessionId, winningByParticipant(list));
  return result;
}

/** Whether a status earns the session's JP. izin and sakit are excused but not attended. */
export function countsAsAttended(status: AttendanceStatus, event: CreditEvent): boolean {
  return status === 'hadir' || (status === 'terlambat' && (event.lateCountsAsPresent ?? true));
}

// JP are summed in integer hundredths: 0.1 + 0.2 style drift would otherwise show as
// 4.249999 JP on a certificate or miss an exactly-met threshold. JP finer than 0.01 are
// rounded to it (45-minute JP split into quarters are 0.25, well within).
const hundredths = (jp: number) => Math.round(jp * 100);

export interface ParticipantCreditInput {
  event: CreditEvent;
  /** The event's sessions (any batch); only the participant's batch counts. */
  sessions: readonly CreditSession[];
  participant: CreditParticipant;
  statuses: SessionStatuses;
}

export function participantCredit({
  event,
  sessions,
  participant,
  statuses,
}: ParticipantCreditInput): Credit {
  // Judged on the batch the participant is in NOW: after a move, the old batch's
  // sessions (and the marks in them) no longer count, the new batch's do.
  const own = sessions.filter((s) => s.batchId === participant.batchId);
  let totalH = 0;
  let earnedH = 0;
  let attended = 0;
  for (const s of own) {
    const jp = hundredths(s.jp);
    totalH += jp;
    const mark = statuses.get(s.id)?.get(participant.id);
    if (mark && countsAsAttended(mark.status, event)) {
      earnedH += jp;
      attended += 1;
    }
  }
  // The comparison is on integers (earned/total ≥ threshold/100, cross-multiplied), so
  // 8 of 10 JP meets 80% exactly. Floor for display: never show "80.0%" to someone at
  // 79.96% who is refused the certificate.
  const thresholdH = Math.round(event.certificateThreshold * 100);
  const meets = earnedH * 10_000 >= thresholdH * totalH;
  const percent = totalH > 0 ? Math.floor((earnedH * 1000) / totalH) / 10 : 0;
  const reason: IneligibleReason | null =
    participant.status !== 'registered'
      ? 'notRegistered'
      : totalH === 0
        ? 'noSessions'
        : !meets
          ? 'belowThreshold'
          : participant.needsReview
            ? 'incomplete'
            : null;
  return {
    participantId: participant.id,
    sessionsTotal: own.length,
    sessionsAttended: attended,
    jpTotal: totalH / 100,
    jpEarned: earnedH / 100,
    percent,
    eligible: reason === null,
    reason,
  };
}

export interface EventCreditInput {
  event: CreditEvent;
  sessions: readonly CreditSession[];
  participants: readonly CreditParticipant[];
  marks: readonly AttendanceMark[];
}

/** Credit for every participant of an event, by participant id. */
export function creditByParticipant({
  event,
  sessions,
  participants,
  marks,
}: EventCreditInput): Map<string, Credit> {
  const statuses = sessionStatuses(marks);
  return new Map(
    participants.map((participant) => [
      participant.id,
      participantCredit({ event, sessions, participant, statuses }),
    ]),
  );
}

export type SessionCounts = Record<AttendanceStatus | 'unmarked', number>;

/** Per-status head count of one session over its roster (the participant ids expected
 * there); marks of people outside the roster are left out so the counts add up to it. */
export function sessionCounts(
  sessionId: string,
  statuses: SessionStatuses,
  roster: Iterable<string>,
): SessionCounts {
  const counts = Object.fromEntries(
    [...attendanceStatuses, 'unmarked'].map((k) => [k, 0]),
  ) as SessionCounts;
  const ofSession = statuses.get(sessionId);
  for (const pid of new Set(roster)) counts[ofSession?.get(pid)?.status ?? 'unmarked'] += 1;
  return counts;
}
