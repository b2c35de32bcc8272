// "Pull now": after a push changes an event, every device of that event listening on
// GET /sync/live is told to pull, so a check-in at one desk reaches the other desks and
// the trainers' rosters within a second instead of at their next periodic pull. The
// stream carries no data, only the word to pull: what a device may see still comes from
// its own pull, shaped for its role. Polling stays the fallback.
import type { Device } from '#server/store/devices';

/** A listener's way to write one server-sent event; false once its stream has closed. */
export type Send = (event: string) => boolean;

/** Streams per device (two tabs of the console, say); a third closes the oldest. */
const PER_DEVICE = 2;
/** Streams in all: past this a new one closes the oldest (the device polls meanwhile). */
const TOTAL = 5_000;

interface Listener {
  device: Device;
  send: Send;
  close: () => void;
}

export class LiveChannel {
  #byEvent = new Map<string, Set<Listener>>();
  #all: Listener[] = [];

  /** Add a device's stream; returns what removes it. */
  listen(device: Device, send: Send, close: () => void): () => void {
    const mine = this.#all.filter((l) => l.device.id === device.id);
    if (mine.length >= PER_DEVICE) mine[0]!.close();
    if (this.#all.length >= TOTAL) this.#all[0]!.close();
    const listener: Listener = { device, send, close };
    this.#all.push(listener);
    let set = this.#byEvent.get(device.eventId);
    if (!set) this.#byEvent.set(device.eventId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#byEvent.delete(device.eventId);
      const i = this.#all.indexOf(listener);
      if (i >= 0) this.#all.splice(i, 1);
    };
  }

  /** Tell every device of the event to pull (the one that pushed pulls on its own). */
  poke(eventId: string, exceptDeviceId?: string): void {
    for (const l of this.#byEvent.get(eventId) ?? []) {
      if (l.device.id !== exceptDeviceId && !l.send('pull')) l.close();
    }
  }

  /** End every stream (the server is stopping). */
  closeAll(): void {
    for (const l of [...this.#all]) l.close();
  }

  get size(): number {
    return this.#all.length;
  }
}
