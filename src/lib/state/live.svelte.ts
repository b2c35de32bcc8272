// Bridges Dexie liveQuery (through db/live) into Svelte 5 reactivity. The query runs
// only while something reactive reads `current`, and stops when nothing does.
import { createSubscriber } from 'svelte/reactivity';
import { observe } from '#db/live';

export class LiveQuery<T> {
  #value: T;
  #error = $state<unknown>(undefined);
  #loaded = $state(false);
  #subscribe: () => void;

  constructor(query: () => Promise<T>, initial: T) {
    this.#value = initial;
    this.#subscribe = createSubscriber((update) => {
      const sub = observe(query).subscribe({
        next: (value) => {
          this.#value = value;
          this.#loaded = true;
          this.#error = undefined;
          update();
        },
        error: (e) => {
          this.#error = e;
          update();
        },
      });
      // Not watched, the value may go stale: whoever reads it next waits for a fresh one
      // (a device's role read before another test or a sign-out must not be believed).
      return () => {
        sub.unsubscribe();
        this.#loaded = false;
      };
    });
  }

  get current(): T {
    this.#subscribe();
    return this.#value;
  }

  get loaded(): boolean {
    this.#subscribe();
    return this.#loaded;
  }

  /** Set when the query failed (e.g. storage unreadable); pages must say so, not spin. */
  get error(): unknown {
    this.#subscribe();
    return this.#error;
  }
}
