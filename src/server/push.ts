// POST /sync/push: apply a device's mutations exactly once and in order, in one SQLite
// transaction with the device's lastSeq and the batch's version (sync-protocol.md).
import { tryParseHlc } from '#domain/hlc';
import {
  MAX_CLOCK_SKEW_MS,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '#sync/protocol';
import type { Device } from '#server/auth';
import { applyMutation, Rejection } from '#server/apply/index';
import type { ApplyContext, Outcome } from '#server/apply/context';
import type { Db } from '#server/store/database';
import { nextVersion } from '#server/store/rows';
import { touchDevice } from '#server/store/devices';
import { lastSeqOf, mutationLog, saveLastSeq } from '#server/store/streams';
import { queueWriter, settledBefore } from '#server/store/hub';
import { hooks } from '#server/hooks';
import { log } from '#server/log';
import { HttpError } from '#server/errors';

export interface PushResult {
  /** 503 when a transient failure stopped the batch after a committed prefix. */
  status: 200 | 503;
  body: PushResponse;
}

/** A request names this device's own id (or, for a device enrolled before streams, its
 * stream, which is that same id); any other id is refused, never followed. */
export function assertOwnClientId(device: Device, clientId: string): void {
  if (clientId !== device.clientId && clientId !== device.stream) {
    throw new HttpError('FORBIDDEN', 'clientId does not belong to this device');
  }
}

/** Thrown inside a mutation's savepoint when its id was settled before. */
class Settled extends Error {}

/**
 * What the device holds once this push has settled: its count counts this request's
 * mutations too, and those up to `last` (applied, refused, duplicate) leave its outbox
 * when the answer arrives. Without this every phone showed 1 for the registration the
 * push had just delivered.
 */
function unsentAfter(req: PushRequest, last: number): number | null {
  if (req.unsent === undefined) return null;
  const settled = req.mutations.filter((m) => m.seq <= last).length;
  return Math.max(0, req.unsent - settled);
}

/** How a push is settled away from the office (venue-hub.md). */
export interface PushOptions {
  /** At a venue hub: what is settled is also queued for upstream, and registration
   * numbers come from the blocks upstream reserved. */
  relay?: boolean;
  /** Upstream, for a hub's relay: the hub, and the numbers it drew, by seq. */
  from?: { hub: string; numbers: ReadonlyMap<number, number> };
}

export function push(
  db: Db,
  device: Device,
  req: PushRequest,
  secret: string,
  opts: PushOptions = {},
): PushResult {
  assertOwnClientId(device, req.clientId);
  for (let i = 1; i < req.mutations.length; i++) {
    if (req.mutations[i]!.seq <= req.mutations[i - 1]!.seq) {
      throw new HttpError('INVALID_REQUEST', 'Mutations must be in ascending seq order');
    }
  }
  const now = new Date();
  const results: MutationResult[] = [];
  let transient = false;

  // A nested better-sqlite3 transaction is a SAVEPOINT: a throw undoes only this mutation.
  // Made once per push, not per mutation (its wrapper showed in the profile).
  const applyOne = db.transaction((ctx: ApplyContext): Outcome => {
    hooks.beforeApply(ctx.mutation.seq);
    return applyMutation(ctx);
  });
  const run = db.transaction(() => {
    // The stream its token was issued with: a device's pushes are numbered there.
    let last = lastSeqOf(db, device.stream);
    const v = nextVersion(db);
    const record = mutationLog(db);
    const queue = opts.relay ? queueWriter(db) : undefined;
    for (const mutation of req.mutations) {
      if (mutation.seq <= last) {
        results.push({ seq: mutation.seq, status: 'duplicate' });
        continue;
      }
      if (mutation.seq > last + 1) break; // a gap: nothing after it (fault 4)
      // A relay's stamps were checked by the hub when its devices sent them; the hub's own
      // clock may drift from ours during days offline, and a relay cannot be re-stamped.
      // Read once: its clock here, its node in applyMutation (which refuses a malformed one).
      const stamp = tryParseHlc(mutation.hlc);
      if (!opts.from && stamp && stamp.wall - now.getTime() > MAX_CLOCK_SKEW_MS) {
        // The one refusal that does not advance lastSeq: the device re-stamps and resends.
        results.push({
          seq: mutation.seq,
          status: 'rejected',
          code: 'CLOCK_SKEW',
          message: 'Stamp ahead of the server clock; correct the offset and re-stamp',
        });
        break;
      }
      let result: MutationResult;
      const numbers = opts.relay
        ? { draw: true as const, drawn: undefined as number | undefined }
        : opts.from && { hub: opts.from.hub, given: opts.from.numbers.get(mutation.seq) };
      try {
        // The same mutation by another path (relayed by a hub, then sent by the device
        // itself after it moved here, renumbered): settled once, the other is a duplicate.
        if (settledBefore(db, mutation.id)) throw new Settled();
        const ctx = {
          ...{ db, device, mutation, stamp, v, now, secret },
          ...(numbers ? { numbers } : {}),
        };
        result = { seq: mutation.seq, ...applyOne(ctx) };
      } catch (e) {
        if (e instanceof Settled) result = { seq: mutation.seq, status: 'duplicate' };
        else if (!(e instanceof Rejection)) {
          transient = true;
          log('error', 'mutation failed; batch stopped', {
            seq: mutation.seq,
            error: (e as Error).name,
          });
          break;
        } else {
          result = { seq: mutation.seq, status: 'rejected', code: e.code, message: e.message };
          if (e.canonicalId) result.canonicalId = e.canonicalId;
          if (e.detail) Object.assign(result, e.detail);
        }
      }
      // The log holds each mutation once: not again when it came by another path.
      if (result.status !== 'duplicate')
        record({
          stream: device.stream,
          seq: mutation.seq,
          id: mutation.id,
          name: mutation.name,
          status: result.status,
          code: result.code ?? null,
          canonicalId: result.canonicalId ?? null,
          v,
          at: now.toISOString(),
          deviceId: device.id,
        });
      // Everything settled goes up, refusals too: upstream keeps the stream's numbering
      // without gaps, and its answer may differ from ours (it wins).
      queue?.({
        stream: device.stream,
        seq: mutation.seq,
        deviceId: device.id,
        mutation,
        // A number drawn by a refused registration went back with its savepoint.
        number:
          numbers && 'draw' in numbers && result.status === 'applied'
            ? (numbers.drawn ?? null)
            : null,
        at: now.toISOString(),
      });
      results.push(result);
      last = mutation.seq;
    }
    saveLastSeq(db, device.stream, last);
    touchDevice(db, device.id, now.toISOString(), unsentAfter(req, last), req.appVersion ?? null);
    return last;
  });

  // Inside a group's transaction (push-group.ts) this is a savepoint, committed with the
  // group; alone, BEGIN IMMEDIATE: one writer, no upgrade deadlock.
  const alone = !db.inTransaction;
  const lastProcessedSeq = run.immediate();
  if (alone) hooks.afterCommit();
  return {
    status: transient ? 503 : 200,
    body: { lastProcessedSeq, serverTime: now.toISOString(), results },
  };
}
