// A fixed-window counter per key (IP address), in memory: enough for one small server.
export class RateLimiter {
  #hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  take(key: string, now = Date.now()): boolean {
    const hit = this.#hits.get(key);
    if (!hit || hit.resetAt <= now) {
      if (this.#hits.size > 10_000) this.#hits.clear(); // bound memory under a flood
      this.#hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return true;
    }
    hit.count++;
    return hit.count <= this.limit;
  }
}
