// The oracles of the randomised convergence test (convergence.test.ts): what each device
// holds against what the server says a device of its role should hold
// (tests/support/visibility.ts), one attendance state per person and session, every
// mutation accounted for exactly once, nothing stored twice; and a fingerprint of all a
// push could change.
import { createHash } from 'node:crypto';
import { winningMark } from '#domain/attendance';
import type { AttendanceMark, Participant } from '#domain/model';
import { syncedTables, type OutboxRow } from '#db/database';
import type { Role } from '#sync/protocol';
import { serverSecret } from '#server/auth';
import { nationalIdHmac } from '#server/apply/participants';
import type { Db } from '#server/store/database';
import type { TestDevice } from '#tests/support/device';
import { seenBy } from '#tests/support/visibility';
import type { Sim } from '#tests/sync/convergence/simulation';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';

/** No rejection is expected: every device acts within its role, on what it knows. */
const EXPECTED_REJECTIONS = new Set<string>();

export type Table = keyof ReturnType<typeof syncedTables>;
export const TABLES: Table[] = [
  'events',
  'batches',
  'sessions',
  'participants',
  'checkins',
  'marks',
  'aliases',
];
export type Data = Record<string, unknown>;
export type View = Record<Table, Map<string, Data>>;

// ---------------------------------------------------------------------------------------
// Views: what a device holds, and what the server says a device of its role should hold.

export function emptyView(): View {
  return Object.fromEntries(TABLES.map((t) => [t, new Map()])) as View;
}

/** The server's rows of the test event as a device of `role` may see them. */
export function serverView(db: Db, role: Role, deviceId: string): View {
  const raw = db
    .prepare('SELECT tbl, id, data FROM rows WHERE event_id = ? AND deleted = 0')
    .all(FIXTURE_EVENT_ID) as { tbl: Table; id: string; data: string }[];
  const rows = raw.map((r) => ({ ...r, data: JSON.parse(r.data) as Data }));
  const assigned = (r: { data: Data }) =>
    ((r.data.trainerDeviceIds as string[] | undefined) ?? []).includes(deviceId);
  const mineRows = rows.filter((r) => r.tbl === 'sessions' && assigned(r));
  const mine = new Set(mineRows.map((r) => r.id));
  // A trainer's roster: the people of its sessions' batches (and their arrivals).
  const batches = new Set(mineRows.map((r) => String(r.data.batchId)));
  const roster = new Set(
    rows
      .filter((r) => r.tbl === 'participants' && batches.has(String(r.data.batchId)))
      .map((r) => r.id),
  );
  const view = emptyView();
  for (const r of rows) {
    const data = seenBy(role, { table: r.tbl, id: r.id, data: r.data }, { roster, sessions: mine });
    if (data) view[r.tbl].set(r.id, data);
  }
  return view;
}

export async function localView(device: TestDevice): Promise<View> {
  return device.act(async () => {
    const view = emptyView();
    const tables = syncedTables(device.db);
    for (const t of TABLES) {
      for (const row of (await tables[t].toArray()) as unknown as Data[]) {
        // searchKey is a local sort key, not synced data (searchTokens: before schema v5).
        const { searchKey: _key, searchTokens: _tokens, ...data } = row;
        view[t].set(String(row.id), t === 'participants' ? data : row);
      }
    }
    return view;
  });
}

/** JSON with sorted keys and without undefined values, to compare rows. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function compareViews(who: string, expected: View, actual: View): string[] {
  const out: string[] = [];
  for (const t of TABLES) {
    const problems: string[] = [];
    for (const [id, want] of expected[t]) {
      const got = actual[t].get(id);
      if (!got) {
        problems.push(`missing ${id}`);
      } else if (canonical(got) !== canonical(want)) {
        const fields = [...new Set([...Object.keys(want), ...Object.keys(got)])]
          .filter((f) => canonical(got[f]) !== canonical(want[f]))
          .map((f) => `${f}: device ${canonical(got[f])}, server ${canonical(want[f])}`);
        problems.push(`${id} differs (${fields.join('; ')})`);
      }
    }
    for (const id of actual[t].keys()) if (!expected[t].has(id)) problems.push(`extra ${id}`);
    if (problems.length > 0) {
      out.push(`1. ${who} ${t}: ${problems.length} rows: ${problems.slice(0, 5).join(' | ')}`);
    }
  }
  return out;
}

/** session|participant → the winning mark's status and id. */
export function winners(marks: Map<string, Data>): Map<string, string> {
  const groups = new Map<string, AttendanceMark[]>();
  for (const m of marks.values()) {
    const mark = m as unknown as AttendanceMark;
    const key = `${mark.sessionId}|${mark.participantId}`;
    groups.set(key, [...(groups.get(key) ?? []), mark]);
  }
  const out = new Map<string, string>();
  for (const [key, list] of groups) {
    const w = winningMark(list)!;
    out.set(key, `${w.status} (${w.id})`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The four checks. Each returns its failures as lines, so one run reports all of them.

/** 1. Every device holds exactly the server's rows, as its role sees them. */
export function checkViews(db: Db, views: Map<Sim, View>): string[] {
  return [...views].flatMap(([sim, local]) =>
    compareViews(`${sim.name} (${sim.role})`, serverView(db, sim.role, sim.device.deviceId), local),
  );
}

/** 2. For every session and participant, every device that sees the marks has one winner. */
export function checkWinners(db: Db, views: Map<Sim, View>): string[] {
  const out: string[] = [];
  for (const [sim, local] of views) {
    const want = winners(serverView(db, sim.role, sim.device.deviceId).marks);
    const got = winners(local.marks);
    for (const [key, w] of want) {
      const g = got.get(key);
      if (g !== w) out.push(`2. ${sim.name}: the state of ${key} is ${g ?? 'none'}, server ${w}`);
    }
    for (const key of got.keys()) {
      if (!want.has(key)) out.push(`2. ${sim.name}: holds a state for ${key} it may not see`);
    }
  }
  return out;
}

interface ServerMutation {
  client_id: string;
  seq: number;
  id: string;
  name: string;
  status: string;
  code: string | null;
}

/** 3. Every mutation any device made has its outcome on the server, and none is pending. */
export function checkAccounting(db: Db, outboxes: Map<Sim, OutboxRow[]>) {
  const failures: string[] = [];
  const outcomes: Record<string, number> = {};
  const rejections: Record<string, number> = {};
  const byClient = new Map<string, Map<number, ServerMutation>>();
  const all = db
    .prepare(
      `SELECT d.client_id AS client_id, m.seq, m.id, m.name, m.status, m.code
       FROM mutations m JOIN devices d ON d.id = m.device_id`,
    )
    .all() as ServerMutation[];
  for (const m of all) {
    if (!byClient.has(m.client_id)) byClient.set(m.client_id, new Map());
    byClient.get(m.client_id)!.set(m.seq, m);
  }
  const lastSeq = db.prepare(
    'SELECT s.last_seq FROM streams s JOIN devices d ON d.stream = s.id WHERE d.client_id = ?',
  );
  let total = 0;
  for (const [sim, rows] of outboxes) {
    total += rows.length;
    const onServer = byClient.get(sim.device.clientId) ?? new Map<number, ServerMutation>();
    byClient.delete(sim.device.clientId);
    if (onServer.size !== rows.length) {
      failures.push(
        `3. ${sim.name}: ${rows.length} mutations made, ${onServer.size} on the server`,
      );
    }
    const last =
      (lastSeq.get(sim.device.clientId) as { last_seq: number } | undefined)?.last_seq ?? 0;
    if (last !== rows.length)
      failures.push(`3. ${sim.name}: server lastSeq ${last}, ${rows.length} made`);
    rows.forEach((row, k) => {
      const where = `3. ${sim.name} seq ${row.seq} ${row.name}`;
      if (row.seq !== k + 1) failures.push(`${where}: a gap in the outbox`);
      if (row.status === 'pending') failures.push(`${where}: still pending`);
      const s = onServer.get(row.seq);
      if (!s) return void failures.push(`${where}: missing on the server`);
      outcomes[s.status] = (outcomes[s.status] ?? 0) + 1;
      if (s.id !== row.id || s.name !== row.name) {
        failures.push(`${where}: the server has ${s.name} ${s.id} there`);
      }
      if (!['applied', 'merged', 'rejected', 'conflict'].includes(s.status)) {
        failures.push(`${where}: server outcome ${s.status}`);
      }
      const agrees = row.status === 'acked' ? ['applied', 'merged'] : [row.status];
      if (!agrees.includes(s.status)) {
        failures.push(`${where}: the device says ${row.status}, the server ${s.status}`);
      }
      if (s.status === 'rejected') {
        const code = s.code ?? '(no code)';
        rejections[`${row.name} ${code}`] = (rejections[`${row.name} ${code}`] ?? 0) + 1;
        if (!s.code || !EXPECTED_REJECTIONS.has(s.code)) {
          failures.push(`${where}: rejected ${code}: ${row.error?.message ?? ''}`);
        }
      }
    });
  }
  for (const c of byClient.keys()) failures.push(`3. the server holds mutations of unknown ${c}`);
  return { failures, outcomes, rejections, total };
}

/** 4. Each check-in and mark stored once; each NIP held by exactly one participant. */
export function checkDuplicates(db: Db, made: OutboxRow[], nips: Iterable<string>): string[] {
  const out: string[] = [];
  // Live rows only; a check-in taken back (checkin.void) is a tombstone, counted apart.
  const rowsOf = (tbl: Table, deleted = 0) =>
    (
      db
        .prepare('SELECT id, data FROM rows WHERE tbl = ? AND event_id = ? AND deleted = ?')
        .all(tbl, FIXTURE_EVENT_ID, deleted) as { id: string; data: string }[]
    ).map((r) => ({ id: r.id, data: JSON.parse(r.data) as Data }));
  const voided = new Set(
    made.filter((r) => r.name === 'checkin.void').map((r) => String((r.args as Data).checkinId)),
  );
  const participants = rowsOf('participants');
  const participantIds = new Set(participants.map((p) => p.id));
  const aliases = new Map(rowsOf('aliases').map((a) => [a.id, String(a.data.canonicalId)]));

  for (const [tbl, name, key] of [
    ['checkins', 'checkin.record', 'checkinId'],
    ['marks', 'attendance.mark', 'markId'],
  ] as const) {
    const all = made.filter((r) => r.name === name).map((r) => String((r.args as Data)[key]));
    const ids = all.filter((id) => !voided.has(id));
    const stored = rowsOf(tbl);
    if (tbl === 'checkins') {
      // Every check-in taken back is gone for everyone: one tombstone, no live row.
      const tombs = new Set(rowsOf(tbl, 1).map((r) => r.id));
      for (const id of voided) {
        if (!tombs.has(id)) out.push(`4. checkin ${id} was taken back but is no tombstone`);
      }
    }
    const times = new Map<string, number>();
    for (const r of stored) times.set(String(r.data.id), (times.get(String(r.data.id)) ?? 0) + 1);
    if (new Set(all).size !== all.length) out.push(`4. two ${name} mutations share an id`);
    for (const id of ids) {
      if (times.get(id) !== 1) out.push(`4. ${tbl} ${id} is stored ${times.get(id) ?? 0} times`);
    }
    if (stored.length !== ids.length)
      out.push(`4. ${stored.length} ${tbl} stored, ${ids.length} made`);
    for (const r of stored) {
      if (r.id !== r.data.id) out.push(`4. ${tbl} row ${r.id} holds ${String(r.data.id)}`);
      if (!participantIds.has(String(r.data.participantId))) {
        out.push(`4. ${tbl} ${r.id} names ${String(r.data.participantId)}, not a participant`);
      }
    }
  }

  const byNip = new Map<string, string[]>();
  for (const p of participants) {
    const nip = p.data.nip;
    if (typeof nip === 'string') byNip.set(nip, [...(byNip.get(nip) ?? []), p.id]);
  }
  const secret = serverSecret(db);
  const claim = db.prepare(
    "SELECT participant_id FROM national_ids WHERE event_id = ? AND kind = 'nip' AND hmac = ?",
  );
  for (const [nip, ids] of byNip) {
    if (ids.length !== 1) out.push(`4. NIP ${nip} is held by ${ids.join(', ')}`);
    const row = claim.get(FIXTURE_EVENT_ID, nationalIdHmac(secret, 'nip', nip)) as
      { participant_id: string } | undefined;
    if (row?.participant_id !== ids[0]) {
      out.push(`4. NIP ${nip} is claimed by ${row?.participant_id ?? 'nobody'}, held by ${ids[0]}`);
    }
  }
  for (const nip of nips) {
    if (!byNip.has(nip)) out.push(`4. NIP ${nip} was registered but no participant holds it`);
  }
  for (const [alias, canonicalId] of aliases) {
    if (participantIds.has(alias)) out.push(`4. ${alias} is both an alias and a participant`);
    if (!participantIds.has(canonicalId)) out.push(`4. alias ${alias} → missing ${canonicalId}`);
  }
  for (const r of made.filter((x) => x.name === 'participant.register')) {
    const id = (r.args as { participant: Participant }).participant.id;
    if (participantIds.has(id) === aliases.has(id)) {
      out.push(
        `4. registration ${id}: participant ${participantIds.has(id)}, alias ${aliases.has(id)}`,
      );
    }
  }
  return out;
}

/** Everything a push could change, hashed: rows, outcomes, sequences, claims, audit. */
export function fingerprint(db: Db): string {
  const h = createHash('sha256');
  for (const q of [
    'SELECT tbl, id, data, hlcs, v, deleted FROM rows ORDER BY tbl, id',
    'SELECT stream, seq, id, status, code, canonical_id, v FROM mutations ORDER BY stream, seq',
    'SELECT id, last_seq FROM streams ORDER BY id',
    'SELECT event_id, kind, hmac, participant_id FROM national_ids ORDER BY event_id, kind, hmac',
    'SELECT count(*) AS n, max(id) AS last FROM participant_audit',
  ]) {
    for (const row of db.prepare(q).iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}
