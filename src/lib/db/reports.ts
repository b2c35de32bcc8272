// One event's rows as the reports read them (see #reports/data). An organiser's device
// holds the whole event, signatures included, so the reports work offline.
import type { ReportData } from '#domain/event-data';
import { db } from '#db/database';

export async function reportData(eventId: string): Promise<ReportData | undefined> {
  const d = db();
  return d.transaction(
    'r',
    [d.events, d.batches, d.sessions, d.participants, d.checkins, d.marks],
    async () => {
      const event = await d.events.get(eventId);
      if (!event) return undefined;
      const [batches, sessions, participants, checkins, marks] = await Promise.all([
        d.batches.where('eventId').equals(eventId).toArray(),
        d.sessions.where('eventId').equals(eventId).sortBy('start'),
        d.participants.where('eventId').equals(eventId).sortBy('searchKey'),
        d.checkins.where('[eventId+day]').between([eventId, ''], [eventId, '\uffff']).toArray(),
        d.marks.filter((m) => m.eventId === eventId).toArray(),
      ]);
      // Rows carry local search keys; reports want the synced entity only.
      const people = participants.map(({ searchKey: _k, ...p }) => p);
      return { event, batches, sessions, participants: people, checkins, marks };
    },
  );
}
