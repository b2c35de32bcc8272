// batch.delete and session.delete (organiser): the rows become tombstones that every
// device pulls as `del`. What hangs on them decides whether they may go: a batch with
// registrations never (its people must be moved first: deleting people is
// participant.delete's, with its own erasure rules); a batch with sessions, or a session
// with marks, only when the organiser confirmed (`force`), and then those go with it.
import type { MutationArgs } from '#domain/mutations';
import type { SyncedTable } from '#sync/protocol';
import { deleteRow, getRow, isTombstone, rowsWhere } from '#server/store/rows';
import { Rejection, sameEvent, type ApplyContext, type Outcome } from '#server/apply/context';

/**
 * A row that is not there: deleted already (by this organiser's other device, or this
 * one's own earlier attempt) is done, not an error a person must dismiss; never there is
 * NOT_FOUND. Another event's row counts as never there.
 */
function absent(ctx: ApplyContext, tbl: SyncedTable, id: string, what: string): Outcome {
  if (isTombstone(ctx.db, tbl, id, ctx.device.eventId)) return { status: 'applied' };
  throw new Rejection('NOT_FOUND', `Unknown ${what}`);
}

/** Tombstone a session and every mark recorded in it (all at this push's version). */
function eraseSession(ctx: ApplyContext, eventId: string, sessionId: string): void {
  for (const mark of rowsWhere(ctx.db, eventId, 'marks', 'sessionId', sessionId)) {
    deleteRow(ctx.db, 'marks', mark.id, ctx.v);
  }
  deleteRow(ctx.db, 'sessions', sessionId, ctx.v);
}

export function sessionDelete(ctx: ApplyContext, args: MutationArgs<'session.delete'>): Outcome {
  sameEvent(ctx, args.eventId);
  const session = getRow(ctx.db, 'sessions', args.sessionId);
  if (!session || session.eventId !== args.eventId) {
    return absent(ctx, 'sessions', args.sessionId, 'session');
  }
  const marks = rowsWhere(ctx.db, args.eventId, 'marks', 'sessionId', session.id).length;
  if (marks > 0 && !args.force) {
    throw new Rejection('IN_USE', `The session has ${marks} marks: confirm to delete them too`);
  }
  eraseSession(ctx, args.eventId, session.id);
  return { status: 'applied' };
}

export function batchDelete(ctx: ApplyContext, args: MutationArgs<'batch.delete'>): Outcome {
  sameEvent(ctx, args.eventId);
  const batch = getRow(ctx.db, 'batches', args.batchId);
  if (!batch || batch.eventId !== args.eventId) {
    return absent(ctx, 'batches', args.batchId, 'batch');
  }
  // Cancelled and waitlisted registrations count too: each still names this batch.
  const people = rowsWhere(ctx.db, args.eventId, 'participants', 'batchId', batch.id).length;
  if (people > 0) {
    throw new Rejection(
      'IN_USE',
      `The batch has ${people} registrations: move them to another batch first`,
    );
  }
  const sessions = rowsWhere(ctx.db, args.eventId, 'sessions', 'batchId', batch.id);
  if (sessions.length > 0 && !args.force) {
    throw new Rejection(
      'IN_USE',
      `The batch has ${sessions.length} sessions: confirm to delete them and their marks too`,
    );
  }
  for (const s of sessions) eraseSession(ctx, args.eventId, s.id);
  deleteRow(ctx.db, 'batches', batch.id, ctx.v);
  return { status: 'applied' };
}
