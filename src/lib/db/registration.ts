// A participant's own phone: the event as the public page shows it (cached for offline),
// the form's draft, and the one registration made here with what became of it.
import { newId } from '#domain/ids';
import { Participant, type Batch, type Event, type Session } from '#domain/model';
import type { Registration, RegistrationForm } from '#domain/registration';
import { newTicketCode } from '#domain/ticket';
import { db, syncedTables, type OutboxStatus } from '#db/database';
import { deleteMeta, getMeta, setMeta } from '#db/meta';
import { commit } from '#db/outbox';

export interface PublishedEvent {
  event: Event;
  batches: Batch[];
  sessions: Session[];
  /** As last heard from the server; undefined when never heard. */
  seatsLeft: Record<string, number> | undefined;
}

const seatsKey = (eventId: string) => `seats:${eventId}` as const;
const draftKey = (eventId: string) => `draft:${eventId}` as const;
const mineKey = (eventId: string) => `mine:${eventId}` as const;
/** The event this phone last registered for: its home screen opens that ticket. */
const HOME = 'homeEvent' as const;

/** Keep what the public page showed, so it opens offline next time. */
export async function cachePublicEvent(p: Required<PublishedEvent>): Promise<void> {
  const d = db();
  await d.transaction('rw', [d.events, d.batches, d.sessions, d.meta], async () => {
    await d.events.put(p.event);
    await d.batches.bulkPut(p.batches);
    await d.sessions.bulkPut(p.sessions);
    await setMeta(seatsKey(p.event.id), p.seatsLeft);
  });
}

export async function publishedEvent(eventId: string): Promise<PublishedEvent | null> {
  const d = db();
  const event = await d.events.get(eventId);
  if (!event) return null;
  const [batches, sessions, seatsLeft] = await Promise.all([
    d.batches.where('eventId').equals(eventId).sortBy('startDate'),
    d.sessions.where('eventId').equals(eventId).sortBy('start'),
    getMeta<Record<string, number>>(seatsKey(eventId)),
  ]);
  return { event, batches, sessions, seatsLeft };
}

export const loadDraft = (eventId: string) => getMeta<RegistrationForm>(draftKey(eventId));
export const saveDraft = (eventId: string, form: RegistrationForm) =>
  setMeta(draftKey(eventId), form);

/**
 * Register this phone's person: the registration, its outbox row, the note of which one
 * is ours, and "join this event when online" commit together; the draft goes.
 */
export async function registerOwn(eventId: string, registration: Registration): Promise<void> {
  const now = new Date().toISOString();
  const participant = Participant.parse({
    ...registration,
    id: newId(),
    eventId,
    consentAt: now, // the consent box was ticked: validateRegistration requires it
    source: 'self',
    status: 'registered',
    ticketCode: newTicketCode(),
    needsReview: false,
    createdAt: now,
    updatedAt: now,
  });
  const d = db();
  await d.transaction('rw', [...Object.values(syncedTables(d)), d.outbox, d.meta], async () => {
    const row = await commit('participant.register', { participant });
    await setMeta(mineKey(eventId), { participant, seq: row.seq });
    await setMeta(HOME, eventId);
    await setMeta('pendingJoin', participant.eventId);
    await deleteMeta(draftKey(participant.eventId));
  });
}

export interface OwnTicket {
  /** As submitted on this phone (the name and details shown on the ticket). */
  submitted: Participant;
  /** The server's copy when pulled: status, registration number, corrections. */
  server: Partial<Participant> | undefined;
  /** The server found the same NIP/NIK registered before: this registration became that
   * one, which the phone is not told anything about (knowing a NIP proves nothing). */
  merged: boolean;
  /** The register mutation's state in the outbox (pruned rows count as acked). */
  delivery: OutboxStatus | 'acked';
  rejectedCode: string | undefined;
  /** The domain rule a refused registration broke (e.g. `nip.retired`), with its values. */
  rejectedReason?: { reason: string; params?: Record<string, string | number> };
}

export async function ownTicket(eventId: string): Promise<OwnTicket | null> {
  const mine = await getMeta<{ participant: Participant; seq: number }>(mineKey(eventId));
  if (!mine) return null;
  const d = db();
  const row = await d.outbox.get(mine.seq);
  const merged = row?.result?.status === 'merged';
  // The row with this id on the phone is its own: until the server's copy is pulled, the
  // one written locally (without a registration number).
  const server = merged ? undefined : await d.participants.get(mine.participant.id);
  return {
    submitted: mine.participant,
    server,
    merged,
    delivery: row?.status ?? 'acked',
    rejectedCode: row?.error?.code,
    ...(row?.error?.reason
      ? { rejectedReason: { reason: row.error.reason, params: row.error.params } }
      : {}),
  };
}

/** The event whose registration page is this phone's home: it registered there last, or
 * it joined as a participant. Undefined on a tablet, an organiser's or a fresh device. */
export async function ownEventId(): Promise<string | undefined> {
  const enrollment = await getMeta('enrollment');
  // A tablet or organiser that once tried the link stays the app.
  if (enrollment && enrollment.role !== 'participant') return undefined;
  return (await getMeta(HOME)) ?? enrollment?.eventId;
}
