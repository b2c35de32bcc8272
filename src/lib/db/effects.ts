// What each mutation does to this device's own tables. Run once when a change is made
// (in the same transaction as its outbox row) and again for every still-pending mutation
// after a pull has written the server's rows, so local work shows on top (rebase).
import type { MutationName } from '#domain/mutations';
import { db, syncedTables, toParticipantRow, type OutboxRow } from '#db/database';
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

type Effect<N extends MutationName> = (row: OutboxRow<N>, mode: EffectMode) => Promise<unknown>;

const effects: { [N in MutationName]: Effect<N> } = {
  'event.upsert': (row) => db().events.put(row.args.event),
  'batch.upsert': (row) => db().batches.put(row.args.batch),
  'session.upsert': async (row) => {
    // Finished or not is session.close's to say (the server ignores an upsert's copy).
    const closedAt = (await db().sessions.get(row.args.session.id))?.closedAt;
    return db().sessions.put({ ...row.args.session, closedAt });
  },
  // What the server tombstones, gone here too: a session with its marks; a batch with
  // its sessions when confirmed (never with registrations: the server refuses that).
  'batch.delete': async (row) => {
    const { batchId, force } = row.args;
    if (force) {
      const sessions = await db().sessions.where('batchId').equals(batchId).primaryKeys();
      for (const id of sessions) await eraseSession(id);
    }
    await db().batches.delete(batchId);
  },
  'session.delete': (row) => eraseSession(row.args.sessionId),
  'session.close': (row) =>
    db().sessions.update(row.args.sessionId, {
      closedAt: row.args.closed ? row.args.at : null,
    }),
  'participant.register': async (row, mode) => {
    const participant = toParticipantRow(row.args.participant);
    // Recording: a second registration with the same id is a bug, so let add() refuse it.
    if (mode === 'record') return db().participants.add(participant);
    if (await db().aliases.get(participant.id)) return; // merged away on the server
    return db().participants.put(participant);
  },
  'participant.patch': async (row) => {
    const id = await canonicalParticipantId(row.args.participantId);
    const values = Object.fromEntries(Object.entries(row.args.fields).map(([k, f]) => [k, f.v]));
    const current = await db().participants.get(id);
    if (current) await db().participants.put(toParticipantRow({ ...current, ...values }));
  },
  'participant.cancel': async (row) => {
    const id = await canonicalParticipantId(row.args.participantId);
    await db().participants.update(id, { status: 'cancelled', cancelReason: row.args.reason });
  },
  'participant.delete': async (row) => {
    const id = await canonicalParticipantId(row.args.participantId);
    await db().participants.delete(id);
    await db().checkins.where('participantId').equals(id).delete();
    await db().marks.where('participantId').equals(id).delete();
  },
  'checkin.record': async (row) => {
    const { checkinId, ...rest } = row.args;
    const participantId = await canonicalParticipantId(rest.participantId);
    await db().checkins.put({ id: checkinId, ...rest, participantId, deviceId: await clientId() });
  },
  'attendance.mark': async (row) => {
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
};

/**
 * The tables a mutation's effect touches, so its transaction locks only those: a desk's
 * check-in then does not wait behind a pull writing participants.
 */
export function effectTables(name: MutationName) {
  const d = db();
  if (name === 'checkin.record') return [d.checkins, d.aliases];
  if (name === 'attendance.mark') return [d.marks, d.aliases];
  return Object.values(syncedTables(d));
}

export function applyEffect(row: OutboxRow, mode: EffectMode): Promise<unknown> {
  return (effects[row.name] as Effect<MutationName>)(row, mode);
}
