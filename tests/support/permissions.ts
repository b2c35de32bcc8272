// Who may send which mutation (issue 4; docs/protocol.md, "Mutations"), written down once
// for the role matrix and the fuzz. The tests' own statement of the rule: roles.test.ts
// compares it with the server's allowedRoles, it never reads from them.
import type { MutationName } from '#domain/mutations';
import type { Role } from '#sync/protocol';

export const APPLIED = 'applied';
export const REFUSED = 'FORBIDDEN';

/** The columns of MUTATION_MATRIX. */
export const SENDERS = ['organiser', 'staff', 'trainer', 'participant'] as const satisfies Role[];

/** What each role may send. Columns: organiser, staff, trainer, participant. */
// prettier-ignore
export const MUTATION_MATRIX: Record<MutationName, readonly [string, string, string, string]> = {
  //                       organiser staff    trainer  participant
  'event.upsert':         [APPLIED, REFUSED, REFUSED, REFUSED],
  'batch.upsert':         [APPLIED, REFUSED, REFUSED, REFUSED],
  'session.upsert':       [APPLIED, REFUSED, REFUSED, REFUSED],
  'batch.delete':         [APPLIED, REFUSED, REFUSED, REFUSED],
  'session.delete':       [APPLIED, REFUSED, REFUSED, REFUSED],
  'participant.register': [APPLIED, APPLIED, REFUSED, APPLIED], // participant: as self
  'participant.patch':    [APPLIED, APPLIED, REFUSED, APPLIED], // participant: its own
  'participant.cancel':   [APPLIED, REFUSED, REFUSED, APPLIED], // participant: its own
  'participant.delete':   [APPLIED, REFUSED, REFUSED, REFUSED],
  'checkin.record':       [APPLIED, APPLIED, REFUSED, REFUSED],
  'checkin.void':         [APPLIED, APPLIED, REFUSED, REFUSED], // staff: its own check-ins
  'attendance.mark':      [APPLIED, APPLIED, APPLIED, REFUSED], // trainer: its own session
  // Last: once finished, the session takes marks from the organiser only.
  'session.close':        [APPLIED, REFUSED, APPLIED, REFUSED], // trainer: finish its own
};

/** The roles that may send each mutation, read off MUTATION_MATRIX. */
export const MAY_SEND: Record<string, readonly Role[]> = Object.fromEntries(
  Object.entries(MUTATION_MATRIX).map(([name, row]) => [
    name,
    SENDERS.filter((_, i) => row[i] === APPLIED),
  ]),
);
