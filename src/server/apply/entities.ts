// event.upsert, batch.upsert, session.upsert: last writer wins per field, by HLC.
import type { MutationArgs } from '#domain/mutations';
import type { SyncedTable } from '#sync/protocol';
import { getRow, isTombstone, putRow } from '#server/store/rows';
import { eventIdentifierIssues } from '#domain/identifiers';
import {
  Rejection,
  refuseIdentifiers,
  sameEvent,
  type ApplyContext,
  type Outcome,
} from '#server/apply/context';

/** Merge `incoming` into the stored row field by field; a field changes only when the
 * mutation's stamp is newer than the one that last wrote it. With `whole`, `incoming` is
 * the entire row as its writer saw it: a stored field it leaves out (an optional setting
 * the organiser cleared: the approver, the kop surat, a batch's certificate date) is
 * removed by the same rule, except the fields named in `whole.keep`, which other
 * mutations or the server write. */
function mergeFields(
  ctx: ApplyContext,
  tbl: SyncedTable,
  id: string,
  eventId: string,
  incoming: Record<string, unknown>,
  whole?: { keep: readonly string[] },
): void {
  const hlc = ctx.mutation.hlc;
  const stored = getRow(ctx.db, tbl, id);
  // Deleted for everyone (batch.delete, session.delete): an edit made before the device
  // pulled the deletion must not bring the row back without what was deleted with it.
  if (!stored && isTombstone(ctx.db, tbl, id)) {
    throw new Rejection('NOT_FOUND', 'That id was deleted');
  }
  // An id is the row's for good: reusing another event's id must not move the row.
  if (stored && stored.eventId !== eventId) {
    throw new Rejection('EVENT_MISMATCH', 'That id belongs to another event');
  }
  const data = { ...(stored?.data ?? {}) };
  const hlcs = { ...(stored?.hlcs ?? {}) };
  for (const [field, value] of Object.entries(incoming)) {
    const prev = hlcs[field];
    if (prev === undefined || hlc > prev) {
      data[field] = value;
      hlcs[field] = hlc;
    }
  }
  if (whole) {
    for (const field of Object.keys(data)) {
      if (field in incoming || whole.keep.includes(field)) continue;
      const prev = hlcs[field];
      if (prev === undefined || hlc > prev) {
        delete data[field];
        hlcs[field] = hlc; // an older write arriving later does not bring it back
      }
    }
  }
  putRow(ctx.db, { tbl, id, eventId, owner: stored?.owner ?? ctx.device.id, data, hlcs, v: ctx.v });
}

export function eventUpsert(ctx: ApplyContext, args: MutationArgs<'event.upsert'>): Outcome {
  sameEvent(ctx, args.event.id);
  refuseIdentifiers(eventIdentifierIssues(args.event, ctx.now));
  // The purge summary is the server's to write; a device's copy of it is ignored.
  const { purge: _serverOwned, ...fields } = args.event;
  mergeFields(ctx, 'events', args.event.id, args.event.id, fields, { keep: ['purge'] });
  return { status: 'applied' };
}

export function batchUpsert(ctx: ApplyContext, args: MutationArgs<'batch.upsert'>): Outcome {
  sameEvent(ctx, args.batch.eventId);
  mergeFields(ctx, 'batches', args.batch.id, args.batch.eventId, args.batch, { keep: [] });
  return { status: 'applied' };
}

export function sessionUpsert(ctx: ApplyContext, args: MutationArgs<'session.upsert'>): Outcome {
  sameEvent(ctx, args.session.eventId);
  const batch = getRow(ctx.db, 'batches', args.session.batchId);
  if (!batch || batch.eventId !== args.session.eventId) {
    throw new Rejection('NOT_FOUND', 'Unknown batch');
  }
  // Whether the session is finished is written by session.close alone: an organiser's
  // edit made before a trainer finished must not open it again.
  const { closedAt: _closeOwned, ...fields } = args.session;
  mergeFields(ctx, 'sessions', args.session.id, args.session.eventId, fields, {
    keep: ['closedAt'],
  });
  return { status: 'applied' };
}

/** A trainer finishes its own session; only the organiser opens one again. */
export function sessionClose(ctx: ApplyContext, args: MutationArgs<'session.close'>): Outcome {
  sameEvent(ctx, args.eventId);
  const session = getRow<{ trainerDeviceIds?: string[] }>(ctx.db, 'sessions', args.sessionId);
  if (!session || session.eventId !== args.eventId) {
    throw new Rejection('NOT_FOUND', 'Unknown session');
  }
  if (ctx.device.role === 'trainer') {
    if (!session.data.trainerDeviceIds?.includes(ctx.device.id))
      throw new Rejection('FORBIDDEN', 'A trainer finishes only their own sessions');
    if (!args.closed) throw new Rejection('FORBIDDEN', 'Only the organiser reopens a session');
  }
  mergeFields(ctx, 'sessions', args.sessionId, args.eventId, {
    closedAt: args.closed ? args.at : null,
  });
  return { status: 'applied' };
}
