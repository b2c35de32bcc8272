// Small device-wide values: client id, outbox sequence, clock state, sync cursor. Every
// key and the type of its value are named here, so a misspelt key or a wrong value is a
// compile error rather than a value silently never found.
import type { HlcState } from '#domain/hlc';
import { newId } from '#domain/ids';
import { db } from '#db/database';
import type { AppRole } from '#domain/access';

/** This device's enrolment, as the server issued it (kept until sign-out). */
export interface Enrollment {
  deviceId: string;
  token: string;
  role: NonNullable<AppRole>;
  eventId: string;
}

export interface MetaValues {
  /** This device's id in the protocol (see clientId below). */
  clientId: string;
  /** Milliseconds to add to the device clock (from the server's Date). */
  clockOffset: number;
  hlc: HlcState;
  /** The latest stamp seen from another device. */
  hlcSeen: string;
  /** The last outbox seq handed out. */
  outboxSeq: number;
  /** The pull cursor; null: start again from a full snapshot. */
  cursor: { v: number; k?: string } | null;
  enrollment: Enrollment;
  /** A participant phone's event to join once online. */
  pendingJoin: string;
  lastSyncAt: string;
  /** When the outbox was last pruned (ms since the epoch). */
  prunedAt: number;
  /** The event a participant phone opens on. */
  homeEvent: string;
  /** The server this device syncs with when not the one that served the app: a desk of a
   * venue hub whose laptop died sends to the office directly (venue-hub.md rule 2). */
  syncServer: string;
  /** The office server of the venue hub that served the app, as the hub last said. */
  hubUpstream: string;
}

/** Keys with the event id in them: values whose type their owner declares. */
export type EventKey = `${'seats' | 'draft' | 'mine' | 'certificates'}:${string}`;

type KnownKey = keyof MetaValues;

export async function getMeta<K extends KnownKey>(key: K): Promise<MetaValues[K] | undefined>;
export async function getMeta<T>(key: EventKey): Promise<T | undefined>;
export async function getMeta(key: string): Promise<unknown> {
  return (await db().meta.get(key))?.value;
}

export async function setMeta<K extends KnownKey>(key: K, value: MetaValues[K]): Promise<void>;
export async function setMeta(key: EventKey, value: unknown): Promise<void>;
export async function setMeta(key: string, value: unknown): Promise<void> {
  await db().meta.put({ key, value });
}

export async function deleteMeta(key: KnownKey | EventKey): Promise<void> {
  await db().meta.delete(key);
}

/**
 * This device's client id: created once, on first use, and never changed while the
 * local database lives (the server numbers mutations per client id).
 */
export async function clientId(): Promise<string> {
  return db().transaction('rw', db().meta, async () => {
    const existing = await getMeta('clientId');
    if (existing) return existing;
    const id = newId();
    await setMeta('clientId', id);
    return id;
  });
}
