import { statusOf, type ErrorCode } from '#sync/protocol';

/** A request-level failure with a typed code (sync-protocol.md, "Transport"). */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For RATE_LIMITED: seconds until the client may try again (Retry-After). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  get status(): number {
    return statusOf[this.code];
  }
}

/** Throw RATE_LIMITED when a limiter says no. */
export function limit(take: { ok: true } | { ok: false; retryAfterS: number }, what: string): void {
  if (!take.ok)
    throw new HttpError('RATE_LIMITED', `Too many ${what}; try again later`, take.retryAfterS);
}
