// What every mutation handler gets, and how it says no.
import type { Device } from '#server/auth';
import type { Db } from '#server/store/database';
import type { RejectionCode, WireMutation } from '#sync/protocol';

export interface ApplyContext {
  db: Db;
  device: Device;
  clientId: string;
  mutation: WireMutation;
  /** The server version this push batch writes. */
  v: number;
  now: Date;
  secret: string;
}

export type Outcome =
  | { status: 'applied'; serverState?: unknown }
  | { status: 'merged'; canonicalId: string }
  | { status: 'conflict'; serverState: unknown };

/** A permanent refusal: the mutation is recorded as rejected and lastSeq still advances. */
export class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly canonicalId?: string,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

export function sameEvent(ctx: ApplyContext, eventId: string): void {
  if (eventId !== ctx.device.eventId) {
    throw new Rejection('EVENT_MISMATCH', 'The mutation names another event than the device’s');
  }
}
