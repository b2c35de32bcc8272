// What the desk must tell staff about a person before a check-in. A cancelled
// registration is refused, with its reason. A person of another batch than today's, or
// anyone on a day between batches, and a waitlisted person (no seat confirmed) are
// checked in only on a deliberate second tap: at a two-batch event, Angkatan II arriving
// on Angkatan I's day is a mistake to catch at the desk, not in the SPJ afterwards.
import type { Batch, Participant } from '#domain/model';

export interface DeskDay {
  /** Today in the event's timezone (YYYY-MM-DD). */
  day: string;
  /** The batches whose days include today. */
  today: Batch[];
  /**
   * Today lies between the first batch's start and the last one's end. Outside that span
   * (before the event, after it, the built-in demo opened later) the desk knows no batch
   * to expect: it counts the whole event and warns of no batch.
   */
  inSchedule: boolean;
}

export function deskDay(batches: readonly Batch[], day: string): DeskDay {
  const today = batches.filter((b) => b.startDate <= day && day <= b.endDate);
  const first = batches.reduce((min, b) => (b.startDate < min ? b.startDate : min), '9999');
  const last = batches.reduce((max, b) => (b.endDate > max ? b.endDate : max), '');
  return { day, today, inSchedule: first <= day && day <= last };
}

/** The batches whose people the counters expect today; undefined: the whole event. */
export function expectedBatches(d: DeskDay): ReadonlySet<string> | undefined {
  return d.inSchedule ? new Set(d.today.map((b) => b.id)) : undefined;
}

export type DeskCheck =
  | { kind: 'ok' }
  | { kind: 'cancelled'; reason: string | undefined }
  | {
      kind: 'warn';
      /** On the waiting list: registered, but no seat confirmed. */
      waitlisted: boolean;
      /** Their batch (its id), when it is not one of today's. */
      otherBatch: string | undefined;
    };

export function deskCheck(
  person: Pick<Participant, 'status' | 'batchId' | 'cancelReason'>,
  d: DeskDay,
): DeskCheck {
  if (person.status === 'cancelled') return { kind: 'cancelled', reason: person.cancelReason };
  const otherBatch =
    d.inSchedule && !d.today.some((b) => b.id === person.batchId) ? person.batchId : undefined;
  const waitlisted = person.status === 'waitlisted';
  return waitlisted || otherBatch ? { kind: 'warn', waitlisted, otherBatch } : { kind: 'ok' };
}
