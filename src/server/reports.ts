// The server's copy of an event as the reports read it (#reports/data): what the admin
// CLI, the export route and certificate issuing compute from.
import type { Event } from '#domain/model';
import { byName } from '#domain/search';
import type { ReportData } from '#domain/event-data';
import { getRow, rowsOfEvent } from '#server/store/rows';
import type { Db } from '#server/store/database';

export function serverReportData(db: Db, eventId: string): ReportData | undefined {
  const event = getRow<Event>(db, 'events', eventId)?.data;
  if (!event) return undefined;
  const all = <T>(tbl: Parameters<typeof rowsOfEvent>[2]) =>
    rowsOfEvent<T>(db, eventId, tbl).map((r) => r.data);
  return {
    event,
    batches: all('batches'),
    sessions: all<ReportData['sessions'][number]>('sessions').sort((a, b) =>
      a.start.localeCompare(b.start),
    ),
    // The device's order (its index is the name without titles), so the files match.
    participants: all<ReportData['participants'][number]>('participants').sort(byName),
    checkins: all('checkins'),
    marks: all('marks'),
  };
}
