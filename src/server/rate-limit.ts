// Fixed-window counters per key (an IP address, an event), in memory: enough for one
// small server. A refusal says when to come back (Retry-After).

export type Take = { ok: true } | { ok: false; retryAfterS: number };

export class RateLimiter {
  #hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Count one hit for `key`. */
  take(key: string, now = Date.now()): Take {
    const hit = this.#hits.get(key);
    if (!hit || hit.resetAt <= now) {
      if (this.#hits.size > 10_000) this.#prune(now); // bound memory under a flood
      this.#hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return { ok: true };
    }
    hit.count++;
    return hit.count <= this.limit
      ? { ok: true }
      : { ok: false, retryAfterS: Math.ceil((hit.resetAt - now) / 1000) };
  }

  /** Whether `key` is over its limit now, without counting (for failure-only limits). */
  check(key: string, now = Date.now()): Take {
    const hit = this.#hits.get(key);
    if (!hit || hit.resetAt <= now || hit.count < this.limit) return { ok: true };
    return { ok: false, retryAfterS: Math.ceil((hit.resetAt - now) / 1000) };
  }

  #prune(now: number): void {
    for (const [key, hit] of this.#hits) if (hit.resetAt <= now) this.#hits.delete(key);
    if (this.#hits.size > 10_000) this.#hits.clear();
  }
}
