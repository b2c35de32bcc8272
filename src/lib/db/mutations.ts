// Each mutation, as this device knows it: one entry per name, checked exhaustively by the
// type system. Its arguments are parsed by the domain's schema (mutationArgs) when it is
// recorded; here are what it does to the local tables (run once when the change is made,
// in the same transaction as its outbox row, and again for every still-pending mutation
// after a pull has written the server's rows, so local work shows on top: rebase), the
// tables it locks, what a refusal undoes, and what a new stamp changes. When each runs is
// the protocol's to say (sync/local.ts); the server's half is src/server/apply/index.ts.
import type { Dexie } from 'dexie';
import type { MutationName } from '#domain/mutations';
import { db, syncedTables, toParticipantRow, type HadirDb, type OutboxRow } from '#db/database';
import { clientId } from '#db/meta';

export type EffectMode = 'record' | 'rebase';

/** A participant id after following a pulled alias (a merged registration). */
export async function canonicalParticipantId(id: string): Promise<string> {
  return (await db().aliases.get(id))?.canonicalId ?? id;
}

async function eraseSession(sessionId: string): Promise<void> {
  await db().marks.where('sessionId').equals(sessionId).delete();
  await db().sessions.delete(sessionId);
}

interface DeviceMutation<N extends MutationName> {
  /** What it does to the local tables. */
  effect: (row: OutboxRow<N>, mode: EffectMode) => Promise<unknown>;
  /** The tables the effect touches, so its transaction locks only those: a desk's
   * check-in then does not wait behind a pull writing participants. Default: all synced. */
  tables?: (d: HadirDb) => Dexie.Table[];
  /** The server refused it: take its effect back here ('undone'), or ask for a full
   * snapshot that rewrites local rows from the server ('resync', the default). */
  undo?: (row: OutboxRow<N>) => Promise<'undone' | 'resync'>;
  /** It took a new stamp (the clock ran ahead): carry the stamp into what it holds. */
  restamp?: (row: OutboxRow<N>, stamp: string) => Promise<unknown>;
}

const mutations: { [N in MutationName]: DeviceMutation<N> } = {
  'event.upsert': { effect: (row) => db().events.put(row.args.event) },
  'batch.upsert': { effect: (row) => db().batches.put(row.args.batch) },
  'session.upsert': {
    effect: async (row) => {
      // Finished or not is session.close's to say (the server ignores an upsert's copy).
      const closedAt = (await db().sessions.get(row.args.session.id))?.closedAt;
      return db().sessions.put({ ...row.args.session, closedAt });
    },
  },
  // What the server tombstones, gone here too: a session with its marks; a batch with
  // its sessions when confirmed (never with registrations: the server refuses that).
  'batch.delete': {
    effect: async (row) => {
      const { batchId, force } = row.args;
      if (force) {
        const sessions = await db().sessions.where('batchId').equals(batchId).primaryKeys();
        for (const id of sessions) await eraseSession(id);
      }
      await db().batches.delete(batchId);
    },
  },
  'session.delete': { effect: (row) => eraseSession(row.args.sessionId) },
  'session.close': {
    effect: (row) =>
      db().sessions.update(row.args.sessionId, {
        closedAt: row.args.closed ? row.args.at : null,
      }),
  },
  'participant.register': {
    effect: async (row, mode) => {
      const participant = toParticipantRow(row.args.participant);
      // Recording: a second registration with the same id is a bug, so let add() refuse it.
      if (mode === 'record') return db().participants.add(participant);
      if (await db().aliases.get(participant.id)) return; // merged away on the server
      return db().participants.put(participant);
    },
    // A refused registration goes (its row keeps it to retry); a conflict is the server's
    // to resolve, so the snapshot says what stands.
    undo: async (row) => {
      if (!row.error) return 'resync';
      await db().participants.delete(row.args.participant.id);
      return 'undone';
    },
  },
  'participant.patch': {
    effect: async (row) => {
      const id = await canonicalParticipantId(row.args.participantId);
      const values = Object.fromEntries(Object.entries(row.args.fields).map(([k, f]) => [k, f.v]));
      const current = await db().participants.get(id);
      if (current) await db().participants.put(toParticipantRow({ ...current, ...values }));
    },
    // Each field carries the stamp it was written at.
    restamp: async (row, stamp) => {
      for (const f of Object.values(row.args.fields)) f.hlc = stamp;
    },
  },
  'participant.cancel': {
    effect: async (row) => {
      const id = await canonicalParticipantId(row.args.participantId);
      await db().participants.update(id, { status: 'cancelled', cancelReason: row.args.reason });
    },
  },
  'participant.delete': {
    effect: async (row) => {
      const id = await canonicalParticipantId(row.args.participantId);
      await db().participants.delete(id);
      await db().checkins.where('participantId').equals(id).delete();
      await db().marks.where('participantId').equals(id).delete();
    },
  },
  'checkin.record': {
    effect: async (row) => {
      const { checkinId, ...rest } = row.args;
      const [participantId, deviceId] = await Promise.all([
        canonicalParticipantId(rest.participantId),
        clientId(),
      ]);
      await db().checkins.put({ id: checkinId, ...rest, participantId, deviceId });
    },
    tables: (d) => [d.checkins, d.aliases],
    undo: async (row) => {
      await db().checkins.delete(row.args.checkinId);
      return 'undone';
    },
  },
  'checkin.void': {
    effect: (row) => db().checkins.delete(row.args.checkinId),
    tables: (d) => [d.checkins],
    // The server knows no such check-in (its own check-in was refused): nothing to bring
    // back. Any other refusal: the snapshot brings the check-in back.
    undo: async (row) => (row.error?.code === 'NOT_FOUND' ? 'undone' : 'resync'),
  },
  'attendance.mark': {
    effect: async (row) => {
      const { markId, ...rest } = row.args;
      const participantId = await canonicalParticipantId(rest.participantId);
      await db().marks.put({
        id: markId,
        ...rest,
        participantId,
        hlc: row.hlc,
        deviceId: await clientId(),
      });
    },
    tables: (d) => [d.marks, d.aliases],
    undo: async (row) => {
      await db().marks.delete(row.args.markId);
      return 'undone';
    },
    // The mark row holds the stamp it won with.
    restamp: (row, stamp) => db().marks.update(row.args.markId, { hlc: stamp }),
  },
};

// One entry's functions, for a row whose name is only known at run time.
const entry = (name: MutationName) => mutations[name] as DeviceMutation<MutationName>;

/** The tables a mutation's effect touches (what its recording transaction locks). */
export function effectTables(name: MutationName): Dexie.Table[] {
  const d = db();
  return entry(name).tables?.(d) ?? Object.values(syncedTables(d));
}

export function applyEffect(row: OutboxRow, mode: EffectMode): Promise<unknown> {
  return entry(row.name).effect(row, mode);
}

/** Take back a refused mutation's effect; 'resync' when only a snapshot can. */
export async function undoEffect(row: OutboxRow): Promise<'undone' | 'resync'> {
  return (await entry(row.name).undo?.(row)) ?? 'resync';
}

/** Carry a new stamp into the row (mutated in place) and what its effect wrote. */
export async function restampEffect(row: OutboxRow, stamp: string): Promise<void> {
  row.hlc = stamp;
  await entry(row.name).restamp?.(row, stamp);
}
