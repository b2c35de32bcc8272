// What a venue hub and its upstream say to each other (venue-hub.md), besides the pull
// every device uses: pairing with a hub code, and relays of what the hall did, each
// mutation under the device that made it, with its own seq, id and stamp.
import * as z from 'zod/mini';
import {
  Change,
  DeviceInfo,
  MutationResult,
  PullResponse,
  WireMutation,
  roles,
} from '#sync/protocol';

const str = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** The most mutations one relay carries (a push's batch is 500 too). */
export const RELAY_BATCH = 500;
/** How many registration numbers upstream reserves for a hub at a time, per batch. */
export const BLOCK_SIZE = 100;

/** A pull answered to a hub (a replica that applies the hall's later changes by the same
 * rules): each row also carries every field's stamp and the device that created it.
 * Devices' own schema leaves these out (and strips them). */
export const HubChange = z.extend(Change, {
  hlcs: z.optional(z.record(z.string(), z.string())),
  owner: z.optional(z.nullable(z.string())),
});
export type HubChange = z.infer<typeof HubChange>;
export const HubPullResponse = z.extend(PullResponse, { changes: z.array(HubChange) });
export type HubPullResponse = z.infer<typeof HubPullResponse>;

export const PairRequest = z.object({ hubCode: str(64), deviceInfo: DeviceInfo });

/** A device a hub enrolled, as the hub relays it: who it is and the hash of its token (so
 * the same browser may later talk to upstream directly, its stream going on). */
export const RelayedDevice = z.object({
  id: str(64),
  /** Never 'hub': a hub relays its hall's devices, not itself. */
  role: z.enum(roles),
  name: z.string().check(z.maxLength(100)),
  clientId: z.nullable(str(64)),
  stream: str(64),
  tokenHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  createdAt: str(40),
  expiresAt: z.nullable(str(40)),
  revokedAt: z.nullable(str(40)),
  /** A trainer's sessions, assigned when its code was redeemed at the hub. */
  sessionIds: z.array(str(64)).check(z.maxLength(200)),
  /** Where its push stream starts when upstream has not seen the stream. */
  startSeq: z.int().check(z.nonnegative()),
});
export type RelayedDevice = z.infer<typeof RelayedDevice>;

export const RelayEntry = z.object({
  device: str(64),
  mutation: WireMutation,
  /** The registration number the hub drew for it from a block upstream reserved. */
  number: z.optional(z.int().check(z.positive())),
});
export type RelayEntry = z.infer<typeof RelayEntry>;

export const RelayRequest = z.object({
  devices: z.array(RelayedDevice).check(z.maxLength(2_000)),
  /** In the order the hub applied them: a registration before another desk's check-in. */
  entries: z.array(RelayEntry).check(z.maxLength(RELAY_BATCH)),
  /** How many mutations the hub holds unacknowledged, these included. */
  queued: z.int().check(z.nonnegative()),
  /** Batches for which the hub has few numbers left. */
  blocksFor: z.array(str(64)).check(z.maxLength(100)),
});
export type RelayRequest = z.infer<typeof RelayRequest>;

export const RelayResponse = z.object({
  streams: z.array(
    z.object({
      device: z.string(),
      lastProcessedSeq: z.int(),
      results: z.array(MutationResult),
    }),
  ),
  /** Devices of this hub revoked upstream (the organiser's console there). */
  revoked: z.array(z.object({ id: z.string(), at: z.string() })),
  blocks: z.array(z.object({ batchId: z.string(), first: z.int(), last: z.int() })),
  /** A transient failure stopped the relay after a committed prefix: send the rest later. */
  partial: z.optional(z.boolean()),
});
export type RelayResponse = z.infer<typeof RelayResponse>;
