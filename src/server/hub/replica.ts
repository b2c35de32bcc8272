// A venue hub's copy of its event: what upstream sends is applied here as upstream has it
// (its answers win: merges, numbers), at this server's own versions, so the hall's devices
// pull the correction like any change (venue-hub.md rule 3).
import type { Cursor } from '#sync/protocol';
import type { HubChange, HubPullResponse } from './wire.ts';
import { nationalIdHmac } from '#server/apply/participants';
import { deleteMeta, getMeta, setMeta, type Db } from '#server/store/database';
import { hasUnacknowledged } from '#server/store/hub';
import { claimNationalId, releaseNationalIds } from '#server/store/people';
import {
  currentVersion,
  deleteRow,
  getRow,
  liveRowsUpTo,
  nextVersion,
  putRow,
  type StoredRow,
} from '#server/store/rows';

/** What pairing stored: where upstream is and who this hub is there. */
export interface HubSettings {
  upstream: string;
  token: string;
  deviceId: string;
  /** The id this hub's pulls name upstream. */
  clientId: string;
  eventId: string;
  pairedAt: string;
}

export const hubSettings = (db: Db): HubSettings | undefined => {
  const raw = getMeta(db, 'hub');
  return raw ? (JSON.parse(raw) as HubSettings) : undefined;
};

export const saveHubSettings = (db: Db, s: HubSettings): void =>
  setMeta(db, 'hub', JSON.stringify(s));

/** Where this hub's pull from upstream stands; null: take a whole snapshot. */
export function upstreamCursor(db: Db): Cursor | null {
  if (getMeta(db, 'hub_reconcile')) return null;
  const raw = getMeta(db, 'hub_cursor');
  return raw ? (JSON.parse(raw) as Cursor) : null;
}

/** Upstream answered differently than this hub did (a refusal, a merge): its copy of the
 * event is taken again whole, and what upstream does not hold leaves the hall. */
export const needSnapshot = (db: Db): void => setMeta(db, 'hub_reconcile', 'from-next-pull');

function claim(db: Db, secret: string, eventId: string, id: string, data: Record<string, unknown>) {
  releaseNationalIds(db, id);
  for (const kind of ['nip', 'nik'] as const) {
    const digits = data[kind];
    if (typeof digits === 'string' && digits) {
      claimNationalId(db, eventId, kind, nationalIdHmac(secret, kind, digits), id);
    }
  }
}

/** Upstream's row with the hall's newer fields kept: a field the hall wrote later (by its
 * stamp) than upstream's copy is a change still on its way up. Upstream merges it by the
 * same rule when it arrives, re-versions the row, and its copy then comes down whole. */
function keepHallFields(local: StoredRow, c: HubChange): Pick<StoredRow, 'data' | 'hlcs'> {
  const data = { ...(c.data ?? {}) };
  const hlcs = { ...(c.hlcs ?? {}) };
  for (const [field, hallHlc] of Object.entries(local.hlcs)) {
    const upstreamHlc = hlcs[field];
    if (upstreamHlc !== undefined && hallHlc <= upstreamHlc) continue;
    hlcs[field] = hallHlc;
    if (Object.hasOwn(local.data, field)) data[field] = local.data[field];
    else delete data[field];
  }
  return { data, hlcs };
}

function applyChange(
  db: Db,
  secret: string,
  eventId: string,
  c: HubChange,
  v: number,
  opts: {
    /** Part of a snapshot: written anew even when unchanged, so the sweep keeps it. */
    rewrite: boolean;
    /** The hall changed something upstream has not acknowledged yet. */
    pending: boolean;
  },
): boolean {
  if (c.op === 'del') {
    if (!getRow(db, c.table, c.id)) return false;
    deleteRow(db, c.table, c.id, v);
    if (c.table === 'participants') releaseNationalIds(db, c.id);
    return true;
  }
  const local = getRow(db, c.table, c.id);
  const { data, hlcs } =
    local && opts.pending ? keepHallFields(local, c) : { data: c.data ?? {}, hlcs: c.hlcs ?? {} };
  // The hall's own change coming back as upstream holds it: nothing for devices to pull.
  const same =
    local &&
    JSON.stringify(local.data) === JSON.stringify(data) &&
    JSON.stringify(local.hlcs) === JSON.stringify(hlcs);
  if (same && !opts.rewrite) return false;
  putRow(db, {
    tbl: c.table,
    id: c.id,
    eventId,
    owner: c.owner ?? local?.owner ?? null,
    data,
    hlcs,
    v,
  });
  if (c.table === 'participants') claim(db, secret, eventId, c.id, data);
  return true;
}

/**
 * Apply one page of upstream's pull. While the hall has changes upstream has not yet
 * acknowledged, upstream's copy may lack them: its rows are taken with the hall's newer
 * fields kept, so a busy hall still hears the office. A snapshot starts only with nothing
 * waiting (false otherwise: the queue goes up first), since its sweep removes what
 * upstream does not hold. `changed`: whether anything changed for the hall's devices.
 */
export function applyUpstream(
  db: Db,
  hub: HubSettings,
  page: HubPullResponse,
  secret: string,
): { applied: boolean; changed: boolean } {
  return db
    .transaction(() => {
      const pending = hasUnacknowledged(db);
      if (page.reset && pending) return { applied: false, changed: false };
      // A snapshot (upstream's answer to no cursor) writes every row it holds at a version
      // after `from`; what is left at or below it when its last page lands is not upstream's.
      if (page.reset) {
        setMeta(db, 'hub_snapshot_from', String(currentVersion(db)));
        deleteMeta(db, 'hub_reconcile');
      }
      const from = getMeta(db, 'hub_snapshot_from');
      const v = nextVersion(db);
      let changed = false;
      for (const c of page.changes) {
        const opts = { rewrite: from !== undefined, pending };
        if (applyChange(db, secret, hub.eventId, c, v, opts)) changed = true;
      }
      if (from !== undefined && !page.hasMore) {
        for (const row of liveRowsUpTo(db, hub.eventId, Number(from))) {
          deleteRow(db, row.tbl, row.id, v);
          if (row.tbl === 'participants') releaseNationalIds(db, row.id);
          changed = true;
        }
        deleteMeta(db, 'hub_snapshot_from');
      }
      setMeta(db, 'hub_cursor', JSON.stringify(page.cursor));
      return { applied: true, changed };
    })
    .immediate();
}
