// HTTP for the sync engine: JSON in and out, a bearer token, a timeout, and failures
// turned into values the engine can decide on (never thrown prose).
import { ErrorBody } from '#sync/protocol';

export const REQUEST_TIMEOUT_MS = 15_000;

export type Reply =
  | { kind: 'ok'; status: number; json: unknown }
  | { kind: 'error'; status: number; code: string; message: string; json: unknown }
  | { kind: 'network'; reason: 'offline' | 'timeout' | 'failed' };

export interface TransportOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class Transport {
  readonly baseUrl: string;
  #fetch: typeof fetch;
  #timeoutMs: number;

  constructor(opts: TransportOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/$/, '');
    this.#fetch = opts.fetch ?? ((...a) => fetch(...a));
    this.#timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  post(path: string, body: unknown, token?: string): Promise<Reply> {
    return this.#request('POST', path, body, token);
  }

  get(path: string, token?: string, timeoutMs?: number): Promise<Reply> {
    return this.#request('GET', path, undefined, token, timeoutMs);
  }

  async #request(
    method: string,
    path: string,
    body: unknown,
    token?: string,
    timeoutMs = this.#timeoutMs,
  ): Promise<Reply> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let res: Response;
    try {
      res = await this.#fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: controller.signal,
      });
    } catch {
      clearTimeout(timer);
      if (controller.signal.aborted) return { kind: 'network', reason: 'timeout' };
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      return { kind: 'network', reason: offline ? 'offline' : 'failed' };
    }
    let json: unknown = null;
    try {
      json = await res.json();
    } catch {
      // A proxy's HTML error page, or a connection cut mid-body: treat as transient.
      clearTimeout(timer);
      if (res.ok) return { kind: 'network', reason: 'failed' };
    }
    clearTimeout(timer);
    if (res.ok) return { kind: 'ok', status: res.status, json };
    const err = ErrorBody.safeParse(json);
    return {
      kind: 'error',
      status: res.status,
      code: err.success ? err.data.error.code : `HTTP_${res.status}`,
      message: err.success ? err.data.error.message : res.statusText,
      json,
    };
  }

  /** A GET whose answer the caller reads itself (the live stream, live.ts). */
  open(path: string, token: string, signal: AbortSignal): Promise<Response> {
    return this.#fetch(`${this.baseUrl}/api/v1${path}`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      signal,
    });
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }
}
