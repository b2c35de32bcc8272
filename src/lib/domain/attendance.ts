// Rules for session attendance marks: every mark is kept for audit; the state of a
// participant in a session is the mark with the highest (hlc, deviceId).
import type { AttendanceMark, AttendanceStatus, Session, VenueCheckIn } from '#domain/model';

export function winningMark(marks: readonly AttendanceMark[]): AttendanceMark | undefined {
  let best: AttendanceMark | undefined;
  for (const m of marks) {
    if (!best || m.hlc > best.hlc || (m.hlc === best.hlc && m.deviceId > best.deviceId)) {
      best = m;
    }
  }
  return best;
}

/** The current mark of each participant among marks (of one session). */
export function winningByParticipant(
  marks: readonly AttendanceMark[],
): Map<string, AttendanceMark> {
  const state = new Map<string, AttendanceMark>();
  for (const m of marks) {
    const best = state.get(m.participantId);
    if (!best || winningMark([best, m]) === m) state.set(m.participantId, m);
  }
  return state;
}

/** One tap moves a person on to the next status; the first tap says "hadir". */
const CYCLE: readonly AttendanceStatus[] = ['hadir', 'terlambat', 'izin', 'sakit', 'tidak_hadir'];
export function nextStatus(current: AttendanceStatus | undefined): AttendanceStatus {
  return current === undefined ? 'hadir' : CYCLE[(CYCLE.indexOf(current) + 1) % CYCLE.length]!;
}

/**
 * What the venue check-in suggests for a session: arrived before it started → hadir,
 * after → terlambat; not arrived → nothing (the trainer decides).
 */
export function suggestedStatus(
  arrival: Pick<VenueCheckIn, 'at'> | undefined,
  session: Pick<Session, 'start'>,
): 'hadir' | 'terlambat' | undefined {
  if (!arrival) return undefined;
  return Date.parse(arrival.at) > Date.parse(session.start) ? 'terlambat' : 'hadir';
}
