// The event this device works on, with its batches and sessions, live from Dexie.
import type { Batch, Event, Session } from '#domain/model';
import { batchesOf, listEvents, sessionsOf } from '#db/events';
import { LiveQuery } from '#state/live.svelte';

export interface EventView {
  event: Event;
  batches: Batch[];
  sessions: Session[];
}

async function load(): Promise<EventView | null> {
  const [event] = await listEvents();
  if (!event) return null;
  const [batches, sessions] = await Promise.all([batchesOf(event.id), sessionsOf(event.id)]);
  return { event, batches, sessions };
}

export class CurrentEvent {
  #view = new LiveQuery(load, null);

  get view(): EventView | null {
    return this.#view.current;
  }

  get loaded(): boolean {
    return this.#view.loaded;
  }

  get failed(): boolean {
    return this.#view.error !== undefined;
  }
}

export const currentEvent = new CurrentEvent();
