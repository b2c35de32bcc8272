// What every mutation handler gets, and how it says no.
import type { Hlc } from '#domain/hlc';
import type { Device } from '#server/auth';
import type { Db } from '#server/store/database';
import type { RejectionCode, WireMutation } from '#sync/protocol';

export interface ApplyContext {
  db: Db;
  device: Device;
  mutation: WireMutation;
  /** Its stamp, as push read it (undefined: malformed). */
  stamp?: Hlc | undefined;
  /** The server version this push batch writes. */
  v: number;
  now: Date;
  secret: string;
  /** Registration numbers away from the office (venue-hub.md rule 3). At a hub: drawn
   * from the blocks upstream reserved for it (`drawn` says which). Upstream, for a hub's
   * relay: the number the hub drew (`given`), kept when it lies in that hub's block. */
  numbers?: { draw: true; drawn?: number } | { hub: string; given?: number };
}

export type Outcome =
  | { status: 'applied'; serverState?: unknown }
  | { status: 'merged'; canonicalId?: string }
  | { status: 'conflict'; serverState: unknown };

/** Which field of a mutation was wrong, and the domain's code for what (a ValidationCode
 * or a setup code), so a device can say it in words next to that field. */
export interface RejectedField {
  field: string;
  reason: string;
  params?: Record<string, string | number>;
}

/** A permanent refusal: the mutation is recorded as rejected and lastSeq still advances. */
export class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly canonicalId?: string,
    readonly detail?: RejectedField,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

/** Refuse a mutation for the first identifier the domain rules find wrong. */
export function refuseIdentifiers(
  issues: readonly { field: string; code: string; params?: Record<string, string | number> }[],
): void {
  const first = issues[0];
  if (!first) return;
  throw new Rejection('INVALID_MUTATION', `${first.field}: ${first.code}`, undefined, {
    field: first.field,
    reason: first.code,
    ...(first.params ? { params: first.params } : {}),
  });
}

/** The id this device's stamps carry (its HLC node): what check-ins and marks record as
 * their device, checked against every mutation's stamp in applyMutation. */
export const nodeOf = (device: Device): string => device.clientId ?? device.stream;

export function sameEvent(ctx: ApplyContext, eventId: string): void {
  if (eventId !== ctx.device.eventId) {
    throw new Rejection('EVENT_MISMATCH', 'The mutation names another event than the device’s');
  }
}
