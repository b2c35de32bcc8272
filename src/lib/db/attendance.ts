// Session attendance marks, through the outbox.
import { newId } from '#domain/ids';
import { winningByParticipant } from '#domain/attendance';
import { firstCheckins } from '#domain/checkins';
import type { AttendanceMark, AttendanceStatus, Session, VenueCheckIn } from '#domain/model';
import { localDay } from '#domain/time';
import { checkinsOn } from '#db/checkins';
import { db, syncedTables, type ParticipantRow } from '#db/database';
import { commit } from '#db/outbox';

export interface MarkInput {
  eventId: string;
  sessionId: string;
  participantId: string;
  status: AttendanceStatus;
  note?: string;
}

export async function markAttendance(input: MarkInput): Promise<AttendanceMark> {
  const markId = newId();
  await commit('attendance.mark', { markId, ...input, at: new Date().toISOString() });
  return (await db().marks.get(markId))!;
}

/** Several marks at once ("all who checked in: hadir"): all of them or none. */
export async function markMany(inputs: MarkInput[]): Promise<void> {
  const d = db();
  const at = new Date().toISOString();
  await d.transaction('rw', [...Object.values(syncedTables(d)), d.outbox, d.meta], async () => {
    for (const input of inputs) await commit('attendance.mark', { markId: newId(), ...input, at });
  });
}

/** What a trainer's roster shows: the batch's registered people, every mark of the
 * session (audit trail), and who arrived at the venue that day. */
export interface SessionSheet {
  people: ParticipantRow[];
  marks: AttendanceMark[];
  arrived: ReadonlyMap<string, VenueCheckIn>;
}

export const EMPTY_SHEET: SessionSheet = { people: [], marks: [], arrived: new Map() };

export async function sessionSheet(session: Session, timezone: string): Promise<SessionSheet> {
  const [people, marks, checkins] = await Promise.all([
    db().participants.where('batchId').equals(session.batchId).sortBy('searchKey'),
    marksOfSession(session.id),
    checkinsOn(session.eventId, localDay(session.start, timezone)),
  ]);
  return {
    people: people.filter((p) => p.status === 'registered'),
    marks,
    arrived: firstCheckins(checkins),
  };
}

/** The current status per participant in a session: the winning mark of each. */
export async function sessionState(sessionId: string): Promise<Map<string, AttendanceMark>> {
  return winningByParticipant(await marksOfSession(sessionId));
}

/** Every mark of a session (the audit trail: who marked what, when, from which device). */
function marksOfSession(sessionId: string): Promise<AttendanceMark[]> {
  return db().marks.where('sessionId').equals(sessionId).sortBy('hlc');
}

/** For the trainer's session list: how many people are marked per session, and how many
 * registered people each batch has. */
export async function sessionProgress(
  eventId: string,
): Promise<{ marked: Record<string, number>; batchSizes: Record<string, number> }> {
  const [marks, people] = await Promise.all([
    marksOfEvent(eventId),
    db().participants.where('eventId').equals(eventId).toArray(),
  ]);
  const seen = new Set(marks.map((m) => `${m.sessionId}|${m.participantId}`));
  const marked: Record<string, number> = {};
  for (const key of seen) {
    const sessionId = key.slice(0, key.indexOf('|'));
    marked[sessionId] = (marked[sessionId] ?? 0) + 1;
  }
  const batchSizes: Record<string, number> = {};
  for (const p of people) {
    if (p.status === 'registered') batchSizes[p.batchId] = (batchSizes[p.batchId] ?? 0) + 1;
  }
  return { marked, batchSizes };
}

/** Every mark of an event (the marks table has no eventId index: a device holds one event). */
export function marksOfEvent(eventId: string): Promise<AttendanceMark[]> {
  return db()
    .marks.filter((m) => m.eventId === eventId)
    .toArray();
}

/** The trainer finishes a session (marking closes), or the organiser opens it again. */
export function closeSession(session: Pick<Session, 'id' | 'eventId'>, closed: boolean) {
  return commit('session.close', {
    sessionId: session.id,
    eventId: session.eventId,
    closed,
    at: new Date().toISOString(),
  });
}
