// POST /sync/pull: rows after the device's cursor, in (v, key) order, filtered by what
// its role may see. The cursor advances over every row scanned, shown or not, so a page
// of other events' rows still moves the device forward.
import { publicRow, withoutSigners } from '#server/events';
import {
  DEFAULT_PULL_LIMIT,
  type Change,
  type PullRequest,
  type PullResponse,
} from '#sync/protocol';
import type { Device } from '#server/auth';
import type { HubChange } from '#server/hub/wire';
import type { Db } from '#server/store/database';
import {
  currentVersion,
  idsOwnedBy,
  rowKey,
  rowsAfter,
  rowsOfEvent,
  type StoredRow,
} from '#server/store/rows';
import { assertOwnClientId } from '#server/push';
import { lastSeqOf } from '#server/store/streams';

/** What a trainer may know of a participant: who they are and where from (issue 4). */
const TRAINER_PARTICIPANT_FIELDS = [
  'id',
  'eventId',
  'batchId',
  'fullName',
  'institution',
  'regionCode',
  'status',
] as const;

const PUBLIC_TABLES = new Set(['events', 'batches', 'sessions']);

function pick(data: Record<string, unknown>, fields: readonly string[]) {
  return Object.fromEntries(fields.filter((f) => f in data).map((f) => [f, data[f]]));
}

interface Visibility {
  device: Device;
  /** Participant devices: the registration they created. One merged into an earlier
   * registration (same NIP/NIK) sees nothing of it: knowing a NIP proves nothing. */
  own: Set<string>;
  /** Trainer devices: the sessions they may mark… */
  sessions: Set<string>;
  /** …and the batches of those sessions, whose participants are their roster. */
  batches: Set<string>;
  roster: Set<string>;
}

const onRoster = (row: StoredRow, vis: Visibility) => vis.batches.has(String(row.data.batchId));

function visibility(db: Db, device: Device): Visibility {
  const own = new Set<string>();
  const sessions = new Set<string>();
  const batches = new Set<string>();
  if (device.role === 'participant') {
    for (const id of idsOwnedBy(db, device.id, ['participants'])) own.add(id);
  }
  if (device.role === 'trainer') {
    type Assigned = { trainerDeviceIds?: string[]; batchId: string };
    for (const { id, data } of rowsOfEvent<Assigned>(db, device.eventId, 'sessions')) {
      if (!(data.trainerDeviceIds ?? []).includes(device.id)) continue;
      sessions.add(id);
      batches.add(data.batchId);
    }
  }
  const roster = new Set<string>();
  if (batches.size > 0) {
    for (const p of rowsOfEvent<{ batchId: string }>(db, device.eventId, 'participants')) {
      if (batches.has(p.data.batchId)) roster.add(p.id);
    }
  }
  return { device, own, sessions, batches, roster };
}

function omit(data: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = data;
  return rest;
}

const withoutSignature = (data: Record<string, unknown>) => omit(data, 'signature');

/** The row as this device may see it, or undefined when it may not see it at all. */
function view(row: StoredRow, vis: Visibility): Record<string, unknown> | undefined {
  if (row.eventId !== vis.device.eventId) return undefined;
  const { role } = vis.device;
  // A venue hub is a replica of its event: everything its hall's roles may need.
  if (role === 'organiser' || role === 'hub') return row.data;
  if (role === 'participant') {
    // What the public registration page shows, and the phone's own registration.
    if (PUBLIC_TABLES.has(row.tbl)) return row.deleted ? row.data : publicRow(row.tbl, row.data);
    return row.tbl === 'participants' && vis.own.has(row.id) ? row.data : undefined;
  }
  // Who signs is for the organiser's sheets and certificates only.
  if (row.tbl === 'events' && !row.deleted) return withoutSigners(row.data);
  // A desk needs who arrived, not how they signed: signatures go to the organiser only
  // (the daftar hadir), and 10,000 of them would weigh down every tablet's pull.
  if (role === 'staff') return row.tbl === 'checkins' ? withoutSignature(row.data) : row.data;
  if (PUBLIC_TABLES.has(row.tbl)) return row.data;
  if (role === 'trainer') {
    // A tombstone carries no batch; deleting what a trainer never had is harmless.
    if (row.deleted) return row.data;
    if (row.tbl === 'participants') {
      return onRoster(row, vis) ? pick(row.data, TRAINER_PARTICIPANT_FIELDS) : undefined;
    }
    if (row.tbl === 'checkins') {
      return vis.roster.has(String(row.data.participantId))
        ? withoutSignature(row.data)
        : undefined;
    }
    if (row.tbl === 'marks') {
      return vis.sessions.has(String(row.data.sessionId)) ? row.data : undefined;
    }
    if (row.tbl === 'aliases') return row.data;
  }
  return undefined;
}

const gone = (row: StoredRow): Change => ({
  table: row.tbl,
  id: row.id,
  op: 'del',
  v: row.v,
  data: null,
});

/** A row as a device pulls it; a hub (a replica) also gets every field's stamp and the
 * row's owner, to apply its hall's later changes by the same rules. */
function put(row: StoredRow, data: Record<string, unknown>, hub = false): HubChange {
  const stamps = Object.values(row.hlcs);
  const hlc = stamps.length > 0 ? stamps.reduce((a, b) => (b > a ? b : a)) : undefined;
  const change: HubChange = { table: row.tbl, id: row.id, op: 'put', v: row.v, data };
  if (hlc) change.hlc = hlc;
  if (hub) {
    change.hlcs = row.hlcs;
    change.owner = row.owner;
  }
  return change;
}

/**
 * A trainer's roster follows its sessions: when a session changed (given to it or taken
 * away), send the whole roster again, and a deletion for everyone else it may still hold.
 * Once per pull: sessions change rarely, rosters are a few hundred rows.
 */
function rosterRefresh(db: Db, vis: Visibility): Change[] {
  const changes: Change[] = [];
  const eventId = vis.device.eventId;
  for (const p of rowsOfEvent<Record<string, unknown>>(db, eventId, 'participants')) {
    const data = view(p, vis);
    changes.push(data === undefined ? gone(p) : put(p, data));
  }
  for (const c of rowsOfEvent<Record<string, unknown>>(db, eventId, 'checkins')) {
    const data = view(c, vis);
    changes.push(data === undefined ? gone(c) : put(c, data));
  }
  return changes;
}

/**
 * Rows that become visible because of `row` although the cursor may have passed them:
 * the earlier marks of a session a trainer was just given. They are sent with the row
 * that unlocks them.
 */
function newlyVisible(db: Db, row: StoredRow, vis: Visibility): Change[] {
  const extra: StoredRow[] = [];
  if (vis.device.role === 'trainer' && row.tbl === 'sessions' && vis.sessions.has(row.id)) {
    const marks = rowsOfEvent<Record<string, unknown>>(db, row.eventId, 'marks');
    extra.push(...marks.filter((m) => m.data.sessionId === row.id));
  }
  return extra.flatMap((r) => {
    const data = view(r, vis);
    return data === undefined ? [] : [put(r, data)];
  });
}

/** A row reached twice in one page (scanned, and sent again with what unlocked it) goes
 * once: both copies were read in the same transaction, so they are the same. */
function oncePerRow(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = rowKey({ tbl: c.table, id: c.id });
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function pull(db: Db, device: Device, req: PullRequest): PullResponse {
  assertOwnClientId(device, req.clientId);
  const limit = req.limit ?? DEFAULT_PULL_LIMIT;
  // One read transaction: the version, the rows and lastSeq are one consistent snapshot.
  return db.transaction(() => {
    const version = currentVersion(db);
    // A cursor from the future (a server restored from backup) is unknown: start over.
    const reset = req.cursor === null || req.cursor.v > version;
    const cursor = reset ? null : req.cursor;
    const scanned = rowsAfter(db, cursor, limit);
    const vis = visibility(db, device);
    const changes: Change[] = [];
    let rosterSent = reset; // a snapshot sends the roster anyway
    for (const row of scanned) {
      const data = view(row, vis);
      if (data === undefined) {
        // Someone who left a trainer's roster (moved to another batch) leaves its device.
        const roster = row.tbl === 'participants' || row.tbl === 'checkins';
        if (vis.device.role === 'trainer' && roster && !reset && row.eventId === device.eventId) {
          changes.push(gone(row));
        }
        continue;
      }
      if (row.deleted) {
        if (!reset) changes.push(gone(row));
      } else {
        changes.push(put(row, data, device.role === 'hub'));
        changes.push(...newlyVisible(db, row, vis));
      }
      // A session given, taken away or deleted (session.delete, batch.delete): the roster.
      if (vis.device.role === 'trainer' && row.tbl === 'sessions' && !rosterSent) {
        changes.push(...rosterRefresh(db, vis));
        rosterSent = true;
      }
    }
    const lastRow = scanned[scanned.length - 1];
    return {
      changes: oncePerRow(changes),
      cursor: lastRow ? { v: lastRow.v, k: rowKey(lastRow) } : (cursor ?? { v: 0 }),
      hasMore: scanned.length === limit,
      lastProcessedSeq: lastSeqOf(db, device.stream),
      serverTime: new Date().toISOString(),
      ...(reset ? { reset: true } : {}),
    };
  })();
}
