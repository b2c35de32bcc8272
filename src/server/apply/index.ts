// One mutation: check the role, parse the arguments, run its handler. Handlers throw a
// Rejection for permanent refusals; anything else is a transient failure (the push
// stops there and answers 503, sync-protocol.md).
import { tryParseHlc } from '#domain/hlc';
import { mutationArgs, type MutationArgs, type MutationName } from '#domain/mutations';
import type { Role } from '#sync/protocol';
import { Rejection, nodeOf, type ApplyContext, type Outcome } from '#server/apply/context';
import { prototypeKey } from '#domain/validation';
import { batchUpsert, eventUpsert, sessionClose, sessionUpsert } from '#server/apply/entities';
import { batchDelete, sessionDelete } from '#server/apply/deletions';
import { markAttendance, recordCheckin, voidCheckin } from '#server/apply/facts';
import { cancel, patch, register, remove } from '#server/apply/participants';

type Handler<N extends MutationName> = (ctx: ApplyContext, args: MutationArgs<N>) => Outcome;

/** Each mutation on the server: who may send it and how it applies (the device's half
 * is src/lib/db/mutations.ts). One entry per name, checked exhaustively by the type system. */
const mutations: { [N in MutationName]: { roles: readonly Role[]; apply: Handler<N> } } = {
  'event.upsert': { roles: ['organiser'], apply: eventUpsert },
  'batch.upsert': { roles: ['organiser'], apply: batchUpsert },
  'session.upsert': { roles: ['organiser'], apply: sessionUpsert },
  'batch.delete': { roles: ['organiser'], apply: batchDelete },
  'session.delete': { roles: ['organiser'], apply: sessionDelete },
  'participant.register': { roles: ['participant', 'staff', 'organiser'], apply: register },
  'participant.patch': { roles: ['participant', 'staff', 'organiser'], apply: patch },
  'participant.cancel': { roles: ['participant', 'organiser'], apply: cancel },
  'participant.delete': { roles: ['organiser'], apply: remove },
  'checkin.record': { roles: ['staff', 'organiser'], apply: recordCheckin },
  'checkin.void': { roles: ['staff', 'organiser'], apply: voidCheckin },
  'attendance.mark': { roles: ['trainer', 'staff', 'organiser'], apply: markAttendance },
  'session.close': { roles: ['trainer', 'organiser'], apply: sessionClose },
};

/** The role matrix for mutations (the route matrix is in tests/server/roles.test.ts). */
export const allowedRoles = Object.fromEntries(
  Object.entries(mutations).map(([name, m]) => [name, m.roles]),
) as Record<MutationName, readonly Role[]>;

/** The key an upsert or a registration wraps its entity in. */
const ENTITY_KEYS = new Set(['participant', 'event', 'batch', 'session']);

// Own keys only: `toString` or `__proto__` must be an unknown mutation, not a crash.
const isMutationName = (name: string): name is MutationName => Object.hasOwn(mutationArgs, name);

export function applyMutation(ctx: ApplyContext): Outcome {
  const { name, args } = ctx.mutation;
  if (!isMutationName(name)) throw new Rejection('UNKNOWN_MUTATION', `Unknown mutation ${name}`);
  if (!(allowedRoles[name] as readonly string[]).includes(ctx.device.role)) {
    throw new Rejection('FORBIDDEN', `Role ${ctx.device.role} may not send ${name}`);
  }
  // Stamps compare as text: a malformed one could sort after every real stamp and win
  // every last-writer-wins contest forever.
  const node = ('stamp' in ctx ? ctx.stamp : tryParseHlc(ctx.mutation.hlc))?.node;
  if (node === undefined) throw new Rejection('INVALID_MUTATION', 'Malformed HLC stamp');
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
  return (mutations[name].apply as Handler<MutationName>)(ctx, parsed.data);
}

export { Rejection };
