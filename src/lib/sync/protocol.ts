// The wire contract between devices and the server (docs/protocol.md; sync-protocol.md).
// Client and server parse every request and response with these schemas. Any change to
// the shape bumps PROTOCOL_VERSION and is written down in docs/protocol.md first.
import * as z from 'zod/mini';
import { Batch, Event, Session } from '#domain/model';

export const PROTOCOL_VERSION = 1;
/** Request bodies above this answer 413 PAYLOAD_TOO_LARGE. */
export const MAX_BODY_BYTES = 1_000_000;
/** A push carries at most this many mutations… */
export const MAX_BATCH_MUTATIONS = 200;
/** …and at most this many bytes of JSON (the client's own limit, below MAX_BODY_BYTES). */
export const MAX_BATCH_BYTES = 256 * 1024;
/** A mutation stamped further ahead of the server's clock is refused with CLOCK_SKEW. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;

export const errorCodes = [
  'UNAUTHENTICATED',
  'DEVICE_REVOKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'INVALID_REQUEST',
  'UNSUPPORTED_PROTOCOL',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'ENROLL_CODE_INVALID',
  /** A document would name nobody as its signer: the event's certificate signatory is
   * not set, so certificates are not issued (the console links to where it is set). */
  'SIGNATORY_REQUIRED',
  /** The event's certificate threshold is not above 0%: everyone, even someone who attended
   * nothing, would earn a certificate, so none is issued. */
  'THRESHOLD_INVALID',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Why one mutation was rejected (inside a 200 push response). */
export const rejectionCodes = [
  'FORBIDDEN',
  'INVALID_MUTATION',
  'UNKNOWN_MUTATION',
  'NOT_FOUND',
  'EVENT_MISMATCH',
  'ALREADY_REGISTERED',
  'CLOCK_SKEW',
  'SESSION_CLOSED',
  /** A batch or session still holds what its deletion would take along (registrations,
   * sessions, marks): the organiser must move them first or confirm (`force`). */
  'IN_USE',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

export const statusOf: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  DEVICE_REVOKED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_REQUEST: 400,
  UNSUPPORTED_PROTOCOL: 426,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  ENROLL_CODE_INVALID: 400,
  SIGNATORY_REQUIRED: 409,
  THRESHOLD_INVALID: 409,
  INTERNAL: 500,
};

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const roles = ['organiser', 'staff', 'trainer', 'participant'] as const;
export type Role = (typeof roles)[number];

const str = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const DeviceInfo = z.object({
  /** The browser's own id: its HLC node and the `clientId` its pushes name. It selects
   * nothing on the server: the push sequence is keyed by the stream issued with the token. */
  clientId: str(64),
  /** The seq of the first mutation this browser will send under the new token, when it
   * starts a new stream (its outbox numbering goes on from an earlier enrolment). A request
   * that carries the browser's previous token as `Authorization` continues that device's
   * stream instead, and this is ignored. */
  nextSeq: z.optional(z.int().check(z.positive(), z.maximum(2 ** 31))),
  name: z.optional(z.string().check(z.maxLength(100))),
  appVersion: z.optional(z.string().check(z.maxLength(40))),
  userAgent: z.optional(z.string().check(z.maxLength(300))),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

export const EnrollRequest = z.object({ enrollCode: str(64), deviceInfo: DeviceInfo });
export const JoinRequest = z.object({ deviceInfo: DeviceInfo });

/** GET /events/{id}: what the public registration page shows, before any token. */
export const PublicEvent = z.object({
  event: Event,
  batches: z.array(Batch),
  sessions: z.array(Session),
  /** Per batch: seats left for self-registration (never below 0). */
  seatsLeft: z.record(z.string(), z.int()),
});
export type PublicEvent = z.infer<typeof PublicEvent>;
export const EnrollResponse = z.object({
  deviceId: str(64),
  token: str(200),
  role: z.enum(roles),
  eventId: str(64),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** A mutation on the wire. `args` are checked per `name` when applied, so one bad
 * mutation is rejected alone instead of failing its whole batch (fault 18). */
export const WireMutation = z.object({
  seq: z.int().check(z.positive()),
  id: str(64),
  name: str(64),
  args: z.unknown(),
  hlc: str(120),
  createdAt: z.string(),
});
export type WireMutation = z.infer<typeof WireMutation>;

export const PushRequest = z.object({
  protocolVersion: z.int(),
  schemaVersion: z.int(),
  clientId: str(64),
  mutations: z.array(WireMutation).check(z.maxLength(MAX_BATCH_MUTATIONS)),
  /** How many mutations the device holds as it sends, this request's included. The
   * organiser's device list shows it less those this push settles. */
  unsent: z.optional(z.int().check(z.nonnegative())),
  appVersion: z.optional(z.string().check(z.maxLength(40))),
});
export type PushRequest = z.infer<typeof PushRequest>;

const resultStatuses = ['applied', 'duplicate', 'rejected', 'merged', 'conflict'] as const;
export type ResultStatus = (typeof resultStatuses)[number];

export const MutationResult = z.object({
  seq: z.int(),
  status: z.enum(resultStatuses),
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  canonicalId: z.optional(z.string()),
  serverState: z.optional(z.unknown()),
  /** With INVALID_MUTATION from the domain rules: the field that was wrong… */
  field: z.optional(z.string().check(z.maxLength(100))),
  /** …and the rule's code (e.g. `nip.retired`), for the device to say in words… */
  reason: z.optional(z.string().check(z.maxLength(100))),
  /** …with the values its message names (`{count}`…). */
  params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  lastProcessedSeq: z.int(),
  serverTime: z.string(),
  results: z.array(MutationResult),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const Cursor = z.object({ v: z.int().check(z.nonnegative()), k: z.optional(z.string()) });
export type Cursor = z.infer<typeof Cursor>;

export const syncedTables = [
  'events',
  'batches',
  'sessions',
  'participants',
  'checkins',
  'marks',
  'aliases',
] as const;
export type SyncedTable = (typeof syncedTables)[number];

export const PullRequest = z.object({
  protocolVersion: z.optional(z.int()),
  clientId: str(64),
  cursor: z.nullable(Cursor),
  limit: z.optional(z.int().check(z.positive(), z.maximum(MAX_PULL_LIMIT))),
  /** How many mutations the device holds after its push settled: what the organiser's
   * device list shows (a push cannot know what it is about to deliver). */
  unsent: z.optional(z.int().check(z.nonnegative())),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const Change = z.object({
  table: z.enum(syncedTables),
  id: z.string(),
  op: z.enum(['put', 'del']),
  v: z.int(),
  data: z.nullable(z.record(z.string(), z.unknown())),
  /** The newest HLC that wrote this row: a device's clock moves past it on pull, so a
   * change it makes after seeing the row wins over it (causality, with skewed clocks). */
  hlc: z.optional(z.string()),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  changes: z.array(Change),
  cursor: Cursor,
  hasMore: z.boolean(),
  lastProcessedSeq: z.int(),
  serverTime: z.string(),
  /** The cursor was unknown or too old: drop synced data and take this snapshot. */
  reset: z.optional(z.boolean()),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const Health = z.object({
  ok: z.boolean(),
  protocolVersion: z.int(),
  /** The HTTPS origin devices should open, when the server speaks HTTPS or has a public URL. */
  httpsUrl: z.optional(z.string()),
  /** The certificate install page (plain HTTP), when the server made its own CA. */
  installUrl: z.optional(z.string()),
});
export type Health = z.infer<typeof Health>;

/** The alias row a merge leaves behind (pulled as table `aliases`). */
export type { Alias as AliasData } from '#domain/model';
