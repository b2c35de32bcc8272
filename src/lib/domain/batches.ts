// Which batches (angkatan) meet on a day, and which are over: what the dashboard's "today",
// the daftar hadir of a day and the certificates' "not eligible" list go by. An event's
// batches usually follow one another (Angkatan I in June, Angkatan II three weeks later),
// so "registered" alone is the wrong yardstick on any one day.
import type { Batch, Session } from '#domain/model';
import { localDay } from '#domain/time';

/** The batches meeting on `day` (the event's zone): by their dates, or by a session
 * scheduled that day (a session moved outside its batch's dates still counts). */
export function batchesOn(
  day: string,
  batches: readonly Batch[],
  sessions: readonly Pick<Session, 'batchId' | 'start'>[],
  tz: string,
): Batch[] {
  const bySession = new Set(
    sessions.filter((s) => localDay(s.start, tz) === day).map((s) => s.batchId),
  );
  return batches.filter((b) => (b.startDate <= day && day <= b.endDate) || bySession.has(b.id));
}

/**
 * Whether a batch is over at `now`: its last day is before today in the event's zone, or
 * its last session has ended (so the list is right on the afternoon of the last day). Until
 * then nobody in it can be judged: their sessions are still to come.
 */
export function batchFinished(
  batch: Pick<Batch, 'id' | 'endDate'>,
  sessions: readonly Pick<Session, 'batchId' | 'end'>[],
  now: Date,
  tz: string,
): boolean {
  if (batch.endDate < localDay(now, tz)) return true;
  const own = sessions.filter((s) => s.batchId === batch.id);
  if (own.length === 0) return false;
  const lastEnd = Math.max(...own.map((s) => Date.parse(s.end)));
  return now.getTime() >= lastEnd;
}
