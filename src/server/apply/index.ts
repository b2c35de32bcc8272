// One mutation: check the role, parse the arguments, run its handler. Handlers throw a
// Rejection for permanent refusals; anything else is a transient failure (the push
// stops there and answers 503, sync-protocol.md).
import { parseHlc } from '#domain/hlc';
import { mutationArgs, type MutationName } from '#domain/mutations';
import type { Role } from '#sync/protocol';
import { Rejection, nodeOf, type ApplyContext, type Outcome } from '#server/apply/context';
import { prototypeKey } from '#domain/validation';
import { batchUpsert, eventUpsert, sessionClose, sessionUpsert } from '#server/apply/entities';
import { batchDelete, sessionDelete } from '#server/apply/deletions';
import { markAttendance, recordCheckin } from '#server/apply/facts';
import { cancel, patch, register, remove } from '#server/apply/participants';

/** The role matrix for mutations (issue 4 extends it to every route). */
export const allowedRoles: Record<MutationName, readonly Role[]> = {
  'event.upsert': ['organiser'],
  'batch.upsert': ['organiser'],
  'session.upsert': ['organiser'],
  'batch.delete': ['organiser'],
  'session.delete': ['organiser'],
  'participant.register': ['participant', 'staff', 'organiser'],
  'participant.patch': ['participant', 'staff', 'organiser'],
  'participant.cancel': ['participant', 'organiser'],
  'participant.delete': ['organiser'],
  'checkin.record': ['staff', 'organiser'],
  'attendance.mark': ['trainer', 'staff', 'organiser'],
  'session.close': ['trainer', 'organiser'],
};

const handlers: { [N in MutationName]: (ctx: ApplyContext, args: never) => Outcome } = {
  'event.upsert': eventUpsert,
  'batch.upsert': batchUpsert,
  'session.upsert': sessionUpsert,
  'batch.delete': batchDelete,
  'session.delete': sessionDelete,
  'participant.register': register,
  'participant.patch': patch,
  'participant.cancel': cancel,
  'participant.delete': remove,
  'checkin.record': recordCheckin,
  'attendance.mark': markAttendance,
  'session.close': sessionClose,
};

/** The key an upsert or a registration wraps its entity in. */
const ENTITY_KEYS = new Set(['participant', 'event', 'batch', 'session']);

// Own keys only: `toString` or `__proto__` must be an unknown mutation, not a crash.
const isMutationName = (name: string): name is MutationName => Object.hasOwn(mutationArgs, name);

export function applyMutation(ctx: ApplyContext): Outcome {
  const { name, args } = ctx.mutation;
  if (!isMutationName(name)) throw new Rejection('UNKNOWN_MUTATION', `Unknown mutation ${name}`);
  if (!allowedRoles[name].includes(ctx.device.role)) {
    throw new Rejection('FORBIDDEN', `Role ${ctx.device.role} may not send ${name}`);
  }
  // Stamps compare as text: a malformed one could sort after every real stamp and win
  // every last-writer-wins contest forever.
  let node: string;
  try {
    node = parseHlc(ctx.mutation.hlc).node;
  } catch {
    throw new Rejection('INVALID_MUTATION', 'Malformed HLC stamp');
  }
  // A device stamps with its own node: one that writes in another's name could win that
  // device's ties and put its name on check-ins it never made.
  if (node !== nodeOf(ctx.device)) {
    throw new Rejection('INVALID_MUTATION', 'The stamp names another device');
  }
  const proto = prototypeKey(args);
  if (proto) throw new Rejection('INVALID_MUTATION', `${proto}: prototype keys are not accepted`);
  const parsed = mutationArgs[name].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map(String);
    // Named as the entity's own field ('phone', 'committee.0.nip'), as the rules name it.
    const field = (ENTITY_KEYS.has(path[0] ?? '') ? path.slice(1) : path).join('.');
    throw new Rejection(
      'INVALID_MUTATION',
      `${path.join('.')}: ${issue?.message ?? ''}`,
      undefined,
      field ? { field, reason: 'format' } : undefined,
    );
  }
  return handlers[name](ctx, parsed.data as never);
}

export { Rejection };
