// POST /sync/push: apply a device's mutations exactly once and in order, in one SQLite
// transaction with the device's lastSeq and the batch's version (sync-protocol.md).
import { parseHlc } from '#domain/hlc';
import {
  MAX_CLOCK_SKEW_MS,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '#sync/protocol';
import type { Device } from '#server/auth';
import { applyMutation, Rejection } from '#server/apply/index';
import type { Outcome } from '#server/apply/context';
import type { Db } from '#server/store/database';
import { nextVersion } from '#server/store/rows';
import { touchDevice } from '#server/store/devices';
import { lastSeqOf, mutationLog, saveLastSeq } from '#server/store/streams';
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

function isSkewed(hlc: string, now: Date): boolean {
  try {
    return parseHlc(hlc).wall - now.getTime() > MAX_CLOCK_SKEW_MS;
  } catch {
    return false; // a malformed stamp is rejected as an invalid mutation below
  }
}

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

export function push(db: Db, device: Device, req: PushRequest, secret: string): PushResult {
  assertOwnClientId(device, req.clientId);
  for (let i = 1; i < req.mutations.length; i++) {
    if (req.mutations[i]!.seq <= req.mutations[i - 1]!.seq) {
      throw new HttpError('INVALID_REQUEST', 'Mutations must be in ascending seq order');
    }
  }
  const now = new Date();
  const results: MutationResult[] = [];
  let transient = false;

  const run = db.transaction(() => {
    // The stream its token was issued with: a device's pushes are numbered there.
    let last = lastSeqOf(db, device.stream);
    const v = nextVersion(db);
    const record = mutationLog(db);
    for (const mutation of req.mutations) {
      if (mutation.seq <= last) {
        results.push({ seq: mutation.seq, status: 'duplicate' });
        continue;
      }
      if (mutation.seq > last + 1) break; // a gap: nothing after it (fault 4)
      if (isSkewed(mutation.hlc, now)) {
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
      try {
        const ctx = { db, device, mutation, v, now, secret };
        // A nested better-sqlite3 transaction is a SAVEPOINT: a throw undoes only this one.
        const outcome: Outcome = db.transaction(() => {
          hooks.beforeApply(mutation.seq);
          return applyMutation(ctx);
        })();
        result = { seq: mutation.seq, ...outcome };
      } catch (e) {
        if (!(e instanceof Rejection)) {
          transient = true;
          log('error', 'mutation failed; batch stopped', {
            seq: mutation.seq,
            error: (e as Error).name,
          });
          break;
        }
        result = { seq: mutation.seq, status: 'rejected', code: e.code, message: e.message };
        if (e.canonicalId) result.canonicalId = e.canonicalId;
        if (e.detail) Object.assign(result, e.detail);
      }
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
      results.push(result);
      last = mutation.seq;
    }
    saveLastSeq(db, device.stream, last);
    touchDevice(db, device.id, now.toISOString(), unsentAfter(req, last), req.appVersion ?? null);
    return last;
  });

  const lastProcessedSeq = run.immediate(); // BEGIN IMMEDIATE: one writer, no upgrade deadlock
  hooks.afterCommit();
  return {
    status: transient ? 503 : 200,
    body: { lastProcessedSeq, serverTime: now.toISOString(), results },
  };
}
