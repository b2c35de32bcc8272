// Events as a whole, for the organiser: the list, a new event, and the purge of an
// event's personal data once its retention period is over (UU 27/2022), which keeps only
// anonymous counts. Edits of an event go through push like any other change.
import { winningMark } from '#domain/attendance';
import { formatHlc } from '#domain/hlc';
import type {
  AttendanceMark,
  Batch,
  Event,
  Participant,
  PurgeSummary,
  Session,
  VenueCheckIn,
} from '#domain/model';
import type { PublicEvent, SyncedTable } from '#sync/protocol';
import { emptySummary, retentionEnds } from '#domain/setup';
import { localDay } from '#domain/time';
import { revokeDevice } from '#server/auth';
import { erasePerson } from '#server/apply/participants';
import type { Db } from '#server/store/database';
import {
  deleteRow,
  getRow,
  liveIdsOf,
  liveRowsOf,
  nextVersion,
  putRow,
  rowExists,
  rowsOfEvent,
} from '#server/store/rows';
import { activeParticipantDeviceIds } from '#server/store/devices';
import { deleteCheckinVoids, registeredIn, releaseEventNationalIds } from '#server/store/people';
import { deleteCertificates } from '#server/store/certificates';

export interface EventListItem {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  demo: boolean;
  purged: boolean;
}

export function listEvents(db: Db): EventListItem[] {
  return liveRowsOf<Event>(db, 'events')
    .map((r) => r.data)
    .map((e) => ({
      id: e.id,
      name: e.name,
      startDate: e.startDate,
      endDate: e.endDate,
      demo: e.demo === true,
      purged: e.purge !== undefined,
    }))
    .sort((a, b) => b.startDate.localeCompare(a.startDate) || a.id.localeCompare(b.id));
}

/** The event an organiser lands on without naming one: the latest real event, else any. */
export function defaultEventId(db: Db): string | undefined {
  const events = listEvents(db);
  return (events.find((e) => !e.demo) ?? events[0])?.id;
}

/** The event without who signs (the official, the approver, the certificate's signatory,
 * narasumber and panitia, with their NIPs) and without the letterhead (up to two logos,
 * for the documents only the organiser's device makes): what every device but the
 * organiser's, and the public page, may see. The committee stays as an empty list, so the
 * event keeps its shape. */
export function withoutSigners<T extends Record<string, unknown>>(event: T) {
  const { official: _o, approver: _a, certificate: _c, letterhead: _l, ...rest } = event;
  return { ...rest, committee: [] };
}

/** An event, batch or session as anyone may see it (the public page, participants' phones). */
export function publicRow(
  tbl: SyncedTable,
  data: Record<string, unknown>,
): Record<string, unknown> {
  if (tbl === 'events') {
    const { regionQuotas: _q, purge: _p, ...event } = withoutSigners(data);
    return event;
  }
  return tbl === 'sessions' ? { ...data, trainerDeviceIds: [] } : data;
}

/**
 * An event's public face, for anyone with the link: what the registration page shows and
 * nothing more. The official's name and NIP, the narasumber and panitia, certificate settings,
 * quotas, purge counts and which devices mark which session stay with enrolled devices.
 */
export function publicEvent(db: Db, eventId: string): PublicEvent | undefined {
  const row = getRow<Event>(db, 'events', eventId);
  if (!row) return undefined;
  const event = publicRow('events', row.data) as Event;
  const batches = rowsOfEvent<Batch>(db, eventId, 'batches').map((r) => r.data);
  const sessions = rowsOfEvent<Session>(db, eventId, 'sessions').map(
    (r) => publicRow('sessions', r.data) as Session,
  );
  const seatsLeft = Object.fromEntries(
    batches.map((b) => [b.id, Math.max(0, b.capacity - registeredIn(db, b.id))]),
  );
  return { event, batches, sessions, seatsLeft };
}

const serverStamp = () => formatHlc({ wall: Date.now(), counter: 0, node: 'server' });

/** An event's batches and sessions, as a new event may copy them (event-template.ts). */
export function scheduleOf(db: Db, eventId: string) {
  const event = getRow<Event>(db, 'events', eventId)?.data;
  if (!event) return undefined;
  const batches = rowsOfEvent<Batch>(db, eventId, 'batches').map((r) => r.data);
  const sessions = rowsOfEvent<Session>(db, eventId, 'sessions').map((r) => r.data);
  return { event, batches, sessions };
}

/** A new event, written as the server, with the batches and sessions copied into it (its
 * own, moved to its dates) in the same transaction. False when the id is taken. */
export function createEvent(
  db: Db,
  event: Event,
  ownerDeviceId: string,
  schedule: { batches: Batch[]; sessions: Session[] } = { batches: [], sessions: [] },
): boolean {
  return db
    .transaction(() => {
      if (rowExists(db, 'events', event.id)) return false;
      const { purge: _serverOwned, ...data } = event;
      const hlc = serverStamp();
      const v = nextVersion(db);
      const put = (tbl: SyncedTable, id: string, row: Record<string, unknown>) =>
        putRow(db, {
          tbl,
          id,
          eventId: event.id,
          owner: ownerDeviceId,
          data: row,
          hlcs: Object.fromEntries(Object.keys(row).map((k) => [k, hlc])),
          v,
        });
      put('events', event.id, { ...data, demo: false });
      for (const b of schedule.batches) put('batches', b.id, b);
      for (const s of schedule.sessions) put('sessions', s.id, s);
      return true;
    })
    .immediate();
}

export type PurgeResult =
  | { ok: true; summary: PurgeSummary }
  | { ok: false; reason: 'NOT_FOUND' | 'TOO_EARLY' | 'ALREADY_PURGED'; until?: string };

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function summarise(db: Db, eventId: string, now: Date): PurgeSummary {
  const live = <T>(tbl: SyncedTable) => rowsOfEvent<T>(db, eventId, tbl).map((r) => r.data);
  const summary = emptySummary(now.toISOString());
  for (const p of live<Participant>('participants')) {
    if (p.status === 'cancelled') {
      summary.cancelled++;
      continue;
    }
    summary.participants++;
    bump(summary.byBatch, p.batchId);
    bump(summary.byRegion, p.regionCode);
    bump(summary.byGender, p.gender ?? '-'); // a walk-in not yet completed
  }
  const arrivals = new Set<string>();
  for (const c of live<VenueCheckIn>('checkins')) arrivals.add(`${c.day}|${c.participantId}`);
  for (const key of arrivals) bump(summary.checkedInByDay, key.split('|')[0]!);
  const bySessionPerson = new Map<string, AttendanceMark[]>();
  for (const m of live<AttendanceMark>('marks')) {
    const key = `${m.sessionId}|${m.participantId}`;
    bySessionPerson.set(key, [...(bySessionPerson.get(key) ?? []), m]);
  }
  for (const marks of bySessionPerson.values()) {
    const won = winningMark(marks)!;
    bump((summary.attendance[won.sessionId] ??= {}), won.status);
  }
  return summary;
}

/**
 * Erase every participant of the event with their check-ins, marks, aliases, national-id
 * claims and audit trail (tombstones every device pulls), close registration, end the
 * participants' device tokens, and keep the counts on the event.
 */
export function purgeEvent(db: Db, eventId: string, now = new Date()): PurgeResult {
  return db.transaction((): PurgeResult => {
    const event = getRow<Event>(db, 'events', eventId);
    if (!event) return { ok: false, reason: 'NOT_FOUND' };
    if (event.data.purge) return { ok: false, reason: 'ALREADY_PURGED' };
    const until = retentionEnds(event.data);
    if (localDay(now, event.data.timezone) < until)
      return { ok: false, reason: 'TOO_EARLY', until };
    const summary = summarise(db, eventId, now);
    const v = nextVersion(db);
    for (const id of liveIdsOf(db, eventId, 'participants')) erasePerson(db, eventId, id, v);
    // What is left unattached (marks or check-ins of people merged away) goes too.
    for (const tbl of ['checkins', 'marks', 'aliases'] as const) {
      for (const id of liveIdsOf(db, eventId, tbl)) deleteRow(db, tbl, id, v);
    }
    releaseEventNationalIds(db, eventId);
    deleteCheckinVoids(db, eventId);
    // Certificates name people: their verification ends with the retention period.
    deleteCertificates(db, eventId);
    const stamp = serverStamp();
    putRow(db, {
      ...event,
      data: { ...event.data, purge: summary, registrationOpen: false },
      hlcs: { ...event.hlcs, purge: stamp, registrationOpen: stamp },
      v,
    });
    for (const id of activeParticipantDeviceIds(db, eventId)) revokeDevice(db, id, now);
    return { ok: true, summary };
  })();
}
