// What the registration page keeps on the phone and sends: the database, the outbox and
// the sync engine (Dexie, zod, the engine: most of the page's code). Loaded once the form is
// on screen, not before: on a weak link a person can type while it arrives, and what they
// typed is kept by RegistrationFlow until this is here.
import { cancelParticipant, patchParticipant } from '#db/participants';
import {
  cachePublicEvent,
  loadDraft,
  ownTicket,
  publishedEvent,
  registerOwn,
  saveDraft,
  type PublishedEvent,
} from '#db/registration';
import type { Registration, RegistrationForm } from '#domain/registration';
import { PublicEvent } from '#sync/protocol';
import { startSync as startEngine } from '#state/start-sync';
import { Transport } from '#sync/transport';
import { LiveQuery } from '#state/live.svelte';
import { secureContext } from '#state/secure-context.svelte';
import { syncStatus } from '#state/sync.svelte';

let transport: Transport | undefined;
const api = () => (transport ??= new Transport({ baseUrl: location.origin }));

export function registrationStore(eventId: string) {
  return {
    published: new LiveQuery(() => publishedEvent(eventId), null),
    ticket: new LiveQuery(() => ownTicket(eventId), null),
    get unsent(): number {
      return syncStatus.unsent;
    },
    loadDraft: () => loadDraft(eventId),
    saveDraft: (form: RegistrationForm) => saveDraft(eventId, form),
    register: (registration: Registration) => registerOwn(eventId, registration),
    correct: patchParticipant,
    withdraw: cancelParticipant,

    /** Keep the event as the page was given it (checked first), for offline. */
    async keep(published: PublishedEvent): Promise<void> {
      await keepEvent(published);
    },

    /** The event from the server, kept for offline: true when there, false when the server
     * knows no such event, null when unreachable (the cached event, if any, shows). */
    async refresh(): Promise<boolean | null> {
      const reply = await api().get(`/events/${encodeURIComponent(eventId)}`);
      if (reply.kind !== 'ok') return reply.kind === 'error' && reply.status === 404 ? false : null;
      return (await keepEvent(reply.json)) ? true : null;
    },

    startSync,
  };
}

/** An event's public face, kept for offline once it passes the wire schema. */
async function keepEvent(json: unknown): Promise<boolean> {
  const parsed = PublicEvent.safeParse(json);
  if (parsed.success) await cachePublicEvent(parsed.data);
  return parsed.success;
}

export type RegistrationStore = ReturnType<typeof registrationStore>;

/** The page's sync: its registration is sent like any change, and its ticket pulled. */
function startSync(appVersion: string): void {
  void secureContext.load(api());
  startEngine({ transport: api(), appVersion });
}
