// Session attendance marks, through the outbox.
import { winningMark } from '#domain/attendance';
import type { AttendanceMark, AttendanceStatus } from '#domain/model';
import { db } from '#db/database';
import { commit } from '#db/outbox';

export interface MarkInput {
  eventId: string;
  sessionId: string;
  participantId: string;
  status: AttendanceStatus;
  note?: string;
}

export async function markAttendance(input: MarkInput): Promise<AttendanceMark> {
  const markId = crypto.randomUUID();
  await commit('attendance.mark', { markId, ...input, at: new Date().toISOString() });
  return (await db().marks.get(markId))!;
}

/** The current status per participant in a session: the winning mark of each. */
export async function sessionState(sessionId: string): Promise<Map<string, AttendanceMark>> {
  const marks = await db().marks.where('sessionId').equals(sessionId).toArray();
  const byPerson = new Map<string, AttendanceMark[]>();
  for (const m of marks)
    byPerson.set(m.participantId, [...(byPerson.get(m.participantId) ?? []), m]);
  const state = new Map<string, AttendanceMark>();
  for (const [pid, list] of byPerson) state.set(pid, winningMark(list)!);
  return state;
}
