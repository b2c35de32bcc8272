// The outbox: every local write appends its mutation here IN THE SAME TRANSACTION
// (architecture rule 2), so a change and its record of what to send exist together
// or not at all.
import { newId } from '#domain/ids';
import { Dexie } from 'dexie';
import { mutationArgs, type MutationArgs, type MutationName } from '#domain/mutations';
import { db, type OutboxRow } from '#db/database';
import { applyEffect, effectTables } from '#db/mutations';
import { stamp } from '#db/clock';
import { getMeta, setMeta } from '#db/meta';
import { StorageError, toStorageError } from '#db/errors';

/** Arguments, or a function building them from the mutation's HLC stamp (for per-field
 * stamps such as participant.patch). */
export type ArgsOrBuild<N extends MutationName> =
  MutationArgs<N> | ((hlc: string) => MutationArgs<N>);

/** One mutation larger than this is refused at enqueue (the server's limit is 1 MB a body). */
export const MAX_MUTATION_BYTES = 256 * 1024;

/**
 * Append a mutation. Must run inside a read-write transaction that includes `outbox`
 * and `meta` (use `commit`). Seq numbers come from a counter in `meta`, not from the
 * table, because acknowledged rows are pruned.
 */
export async function enqueue<N extends MutationName>(
  name: N,
  argsOrBuild: ArgsOrBuild<N>,
): Promise<OutboxRow<N>> {
  if (!Dexie.currentTransaction) throw new Error('enqueue must run inside a transaction');
  // The stamp and the counter are read at once (each await is a round trip to IndexedDB).
  const [hlc, lastSeq] = await Promise.all([stamp(), getMeta('outboxSeq')]);
  const args = typeof argsOrBuild === 'function' ? argsOrBuild(hlc) : argsOrBuild;
  const parsed = mutationArgs[name].safeParse(args);
  if (!parsed.success) {
    throw new StorageError('invalid', `Invalid ${name}: ${parsed.error.issues[0]?.message}`);
  }
  if (new TextEncoder().encode(JSON.stringify(args)).length > MAX_MUTATION_BYTES) {
    throw new StorageError('too_large', `${name} is larger than ${MAX_MUTATION_BYTES} bytes`);
  }
  const seq = (lastSeq ?? 0) + 1;
  const row: OutboxRow<N> = {
    seq,
    id: newId(),
    name,
    args,
    hlc,
    createdAt: new Date().toISOString(),
    status: 'pending',
  };
  await Promise.all([setMeta('outboxSeq', seq), db().outbox.add(row as OutboxRow)]);
  return row;
}

/** The seq the next push will start with: the oldest unsent row's, or the next one. */
export async function nextSeqToSend(): Promise<number> {
  const oldest = await db().outbox.where('status').equals('pending').first();
  // Indexed by status, ordered by the primary key (seq) within it: the lowest pending seq.
  return oldest?.seq ?? ((await getMeta('outboxSeq')) ?? 0) + 1;
}

/**
 * Record a mutation and apply its local effect atomically. If the effect or the outbox
 * insert fails, Dexie rolls back both and the error is rethrown as a StorageError the UI
 * can explain. It is sent at once; taking it back is a mutation of its own (checkin.void).
 */
export async function commit<N extends MutationName>(
  name: N,
  args: ArgsOrBuild<N>,
): Promise<OutboxRow<N>> {
  const d = db();
  try {
    return await d.transaction('rw', [...effectTables(name), d.outbox, d.meta], async () => {
      const row = await enqueue(name, args);
      await applyEffect(row as OutboxRow, 'record');
      return row;
    });
  } catch (e) {
    throw toStorageError(e);
  }
}

export function pendingCount(): Promise<number> {
  return db().outbox.where('status').equals('pending').count();
}

/** Up to `limit` pending rows after seq `after`, oldest first; none only when none is
 * left. Read by key range (the rows past the oldest pending one are nearly all pending),
 * so a push can read its next batch while the last one is still being settled. */
export async function pendingAfter(after: number, limit: number): Promise<OutboxRow[]> {
  for (let from = after; ;) {
    const rows = await db().outbox.where('seq').above(from).limit(limit).toArray();
    if (rows.length === 0) return [];
    const pending = rows.filter((r) => r.status === 'pending');
    if (pending.length > 0) return pending;
    from = rows[rows.length - 1]!.seq;
  }
}

export function pendingMutations(limit = Infinity): Promise<OutboxRow[]> {
  return db().outbox.where('status').equals('pending').limit(limit).sortBy('seq');
}
