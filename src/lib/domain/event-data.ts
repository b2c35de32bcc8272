// What every report reads: one event's rows, as the device (Dexie) or the server (SQLite)
// holds them. The dashboard, the daftar hadir, the exports and the certificates are pure
// functions of this, so the browser, the admin CLI and the API route agree.
import type {
  AttendanceMark,
  Batch,
  Event,
  Participant,
  Session,
  VenueCheckIn,
} from '#domain/model';

export interface ReportData {
  event: Event;
  batches: Batch[];
  sessions: Session[];
  participants: Participant[];
  checkins: VenueCheckIn[];
  marks: AttendanceMark[];
}

/** The same data restricted to one batch (its people, sessions, their check-ins and marks). */
export function forBatch(data: ReportData, batchId: string | undefined): ReportData {
  if (!batchId) return data;
  const participants = data.participants.filter((p) => p.batchId === batchId);
  const ids = new Set(participants.map((p) => p.id));
  const sessions = data.sessions.filter((s) => s.batchId === batchId);
  const sessionIds = new Set(sessions.map((s) => s.id));
  return {
    ...data,
    batches: data.batches.filter((b) => b.id === batchId),
    sessions,
    participants,
    checkins: data.checkins.filter((c) => ids.has(c.participantId)),
    marks: data.marks.filter((m) => sessionIds.has(m.sessionId)),
  };
}
