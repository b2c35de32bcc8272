// Registration numbers: per batch, from a counter that never goes back. A venue hub
// numbers the hall's registrations from blocks upstream reserved for it, so the two never
// give one number twice (venue-hub.md rule 3).
import type { Participant } from '#domain/model';
import { registrationNumber } from '#domain/regions';
import type { ApplyContext } from '#server/apply/context';
import { getMeta, setMeta, type Db } from '#server/store/database';
import { blocksOf, drawNumber, markNumberUsed } from '#server/store/hub';
import { everRegisteredIn } from '#server/store/people';
import { getRow, participantsByNumber } from '#server/store/rows';

/** Whose blocks a hub draws from: its own, as granted by upstream. */
export const OWN_BLOCKS = 'self';

/** The batch's next registration number, from a counter that never goes back. Away from
 * the office it comes from a block upstream reserved for the hub (none left: upstream
 * numbers it when the relay arrives, and the device pulls the number). */
export function nextNumber(ctx: ApplyContext, p: Participant): string | undefined {
  const batch = getRow<{ code: string }>(ctx.db, 'batches', p.batchId)!;
  const event = getRow<{ provinceCode?: string }>(ctx.db, 'events', p.eventId);
  const format = (n: number) =>
    registrationNumber(event?.data.provinceCode ?? '63', batch.data.code, n);
  const numbers = ctx.numbers;
  if (numbers && 'draw' in numbers) {
    const n = drawNumber(ctx.db, OWN_BLOCKS, p.batchId);
    numbers.drawn = n;
    return n === undefined ? undefined : format(n);
  }
  if (numbers?.given !== undefined) {
    const given = numbers.given;
    const reserved = blocksOf(ctx.db, numbers.hub, p.batchId).some(
      (b) => b.first <= given && given <= b.last,
    );
    const taken = participantsByNumber(ctx.db, p.id, format(given), p.eventId).some(
      (r) => r.id !== p.id,
    );
    if (reserved && !taken) {
      markNumberUsed(ctx.db, numbers.hub, p.batchId, given);
      return format(given);
    }
  }
  const n = counterAfter(ctx.db, p.batchId) + 1;
  setMeta(ctx.db, regNoKey(p.batchId), String(n));
  return format(n);
}

const regNoKey = (batchId: string) => `regno:${batchId}`;

/** The last number the batch's counter gave (without a counter yet, for seeded or
 * imported rows, the count of the batch's rows). */
export function counterAfter(db: Db, batchId: string): number {
  return Number(getMeta(db, regNoKey(batchId)) ?? everRegisteredIn(db, batchId));
}

/** Upstream: move the batch's counter past a block of `size` numbers for a hub. */
export function reserveNumbers(
  db: Db,
  batchId: string,
  size: number,
): { first: number; last: number } {
  const first = counterAfter(db, batchId) + 1;
  const last = first + size - 1;
  setMeta(db, regNoKey(batchId), String(last));
  return { first, last };
}
