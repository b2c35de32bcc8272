import { statusOf, type ErrorCode } from '#sync/protocol';

/** A request-level failure with a typed code (sync-protocol.md, "Transport"). */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  get status(): number {
    return statusOf[this.code];
  }
}
