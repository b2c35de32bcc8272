// The office's side of a venue hub: pairing, and relays. A relay is applied as the push
// of the device that made each mutation, under that device's stream, so a relay resent
// after a lost answer, or the device's own push after it moved here, is a duplicate and
// never a second check-in (venue-hub.md rules 1 and 2).
import { PROTOCOL_VERSION, type MutationResult } from '#sync/protocol';
import { assignSessions, getDevice, type Device } from '#server/auth';
import { reserveNumbers } from '#server/apply/numbers';
import { HttpError } from '#server/errors';
import { push } from '#server/push';
import type { Db } from '#server/store/database';
import { touchDevice } from '#server/store/devices';
import { addBlock, blocksOf, devicesOfHub, revokedAmong, upsertHubDevice } from '#server/store/hub';
import { getRow } from '#server/store/rows';
import { settledAs } from '#server/store/streams';

/** A relayed device's token lasts no longer than one this server issues (180 days). */
const TOKEN_TTL_MS = 180 * 24 * 60 * 60_000;
import { BLOCK_SIZE, type RelayEntry, type RelayRequest, type RelayResponse } from './wire.ts';

/** Consecutive entries of one device: one push each, in the hub's order. */
function runs(entries: readonly RelayEntry[]): RelayEntry[][] {
  const out: RelayEntry[][] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (last && last[0]!.device === e.device) last.push(e);
    else out.push([e]);
  }
  return out;
}

/** The hub's devices, as it knows them: new ones are added (under the hub, in its event),
 * revocations made at the hub are taken. A device id that is another's is refused. */
function takeDevices(db: Db, hub: Device, req: RelayRequest): void {
  const now = new Date();
  db.transaction(() => {
    for (const relayed of req.devices) {
      // The hub says when a device was made and when it ends, within this server's rules:
      // never later than a token made now could last.
      const createdAt =
        relayed.createdAt > now.toISOString() ? now.toISOString() : relayed.createdAt;
      const longest = new Date(Date.parse(createdAt) + TOKEN_TTL_MS).toISOString();
      const expiresAt =
        relayed.expiresAt && relayed.expiresAt < longest ? relayed.expiresAt : longest;
      const d = { ...relayed, createdAt, expiresAt };
      const outcome = upsertHubDevice(db, hub.id, hub.eventId, d);
      if (outcome === 'foreign') {
        throw new HttpError('FORBIDDEN', 'A relayed device belongs to someone else');
      }
      if (outcome === 'inserted' && d.sessionIds.length > 0) {
        assignSessions(db, getDevice(db, d.id)!, d.sessionIds);
      }
    }
  }).immediate();
}

function grantBlocks(db: Db, hub: Device, batchIds: readonly string[]): RelayResponse['blocks'] {
  return db
    .transaction(() => {
      const blocks: RelayResponse['blocks'] = [];
      for (const batchId of new Set(batchIds)) {
        const batch = getRow(db, 'batches', batchId);
        if (!batch || batch.eventId !== hub.eventId) continue;
        // A block nothing was numbered from yet is given again (the hub lost the answer),
        // not a new one: a hub gets another block only by using the last.
        const latest = blocksOf(db, hub.id, batchId).at(-1);
        if (latest && latest.next === latest.first) {
          blocks.push({ batchId, first: latest.first, last: latest.last });
          continue;
        }
        const { first, last } = reserveNumbers(db, batchId, BLOCK_SIZE);
        addBlock(db, { holder: hub.id, batchId, first, last, next: first });
        blocks.push({ batchId, first, last });
      }
      return blocks;
    })
    .immediate();
}

/** A resent relay's mutations are duplicates here; the hub is told what they were (a
 * merge, a refusal), as it may never have heard the first answer. */
function asSettled(db: Db, stream: string, results: MutationResult[]): MutationResult[] {
  return results.map((r) => {
    if (r.status !== 'duplicate') return r;
    const logged = settledAs(db, stream, r.seq);
    if (!logged) return r;
    return {
      seq: r.seq,
      status: logged.status,
      ...(logged.canonicalId ? { canonicalId: logged.canonicalId } : {}),
    };
  });
}

export function relay(db: Db, hub: Device, req: RelayRequest, secret: string): RelayResponse {
  takeDevices(db, hub, req);
  const streams: RelayResponse['streams'] = [];
  let partial = false;
  for (const run of runs(req.entries)) {
    const device = getDevice(db, run[0]!.device);
    if (!device || device.hubId !== hub.id) {
      throw new HttpError('FORBIDDEN', 'A relayed mutation names a device not of this hub');
    }
    const numbers = new Map<number, number>();
    for (const e of run) if (e.number !== undefined) numbers.set(e.mutation.seq, e.number);
    const result = push(
      db,
      device,
      {
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: 0,
        clientId: device.stream,
        mutations: run.map((e) => e.mutation),
      },
      secret,
      { from: { hub: hub.id, numbers } },
    );
    const { lastProcessedSeq, results } = result.body;
    streams.push({
      device: device.id,
      lastProcessedSeq,
      results: asSettled(db, device.stream, results),
    });
    // The hall's order holds: what comes after a run that stopped (a gap, a failure) may
    // depend on it (a check-in of a walk-in registered by another desk).
    if (result.status === 503 || lastProcessedSeq < run[run.length - 1]!.mutation.seq) {
      partial = true;
      break;
    }
  }
  const blocks = grantBlocks(db, hub, req.blocksFor);
  // The office's device list shows what the hub still holds after this relay.
  const settled = streams.reduce((n, s) => n + s.results.length, 0);
  touchDevice(db, hub.id, new Date().toISOString(), Math.max(0, req.queued - settled));
  const revoked = revokedAmong(db, devicesOfHub(db, hub.id));
  return { streams, revoked, blocks, ...(partial ? { partial } : {}) };
}
