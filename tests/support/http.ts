// HTTP to the real server as a client sends it: JSON in, status, headers and body out.
// Nothing here replaces project code; it only drives it.

export interface RawReply {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  /** Sent as is (malformed JSON, huge bodies, streams). */
  raw?: string | ReadableStream<Uint8Array>;
  contentType?: string | null;
}

export async function request(
  baseUrl: string,
  path: string,
  opts: RequestOptions = {},
): Promise<RawReply> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const hasBody = opts.body !== undefined || opts.raw !== undefined;
  if (hasBody && opts.contentType !== null) {
    headers['content-type'] = opts.contentType ?? 'application/json';
  }
  const init: RequestInit & { duplex?: 'half' } = {
    method: opts.method ?? (hasBody ? 'POST' : 'GET'),
    headers,
  };
  if (opts.raw !== undefined) {
    init.body = opts.raw;
    if (typeof opts.raw !== 'string') init.duplex = 'half';
  } else if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
  }
  const res = await fetch(`${baseUrl}${path}`, init);
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (static files)
  }
  return { status: res.status, headers: res.headers, json, text };
}

export function errorCode(reply: RawReply): string | undefined {
  return (reply.json as { error?: { code?: string } } | undefined)?.error?.code;
}
