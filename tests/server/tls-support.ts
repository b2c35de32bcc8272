// Real HTTP and HTTPS requests for the TLS and install-page tests: node:http / node:https
// (fetch cannot trust one extra CA, set a Host header or keep a path verbatim), always to
// 127.0.0.1; and readers for what the install page serves (its QR, the Apple profile's
// XML). Nothing here replaces project code.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import jsQR from 'jsqr';
import { expect } from 'vitest';
import { SECURITY_HEADERS } from '#server/app';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface Ask {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** HTTPS: the only CA trusted (PEM); and the name the certificate must carry. */
  ca?: string;
  servername?: string;
}

/** One request to `base` (http:// or https://, always 127.0.0.1 here), path sent verbatim. */
export function ask(base: string, path: string, opts: Ask = {}): Promise<Answer> {
  const url = new URL(base);
  const tls = url.protocol === 'https:';
  const options = {
    host: url.hostname,
    port: url.port,
    path,
    method: opts.method ?? 'GET',
    // A body always with its length: Node sends none for a DELETE without it.
    headers: {
      ...opts.headers,
      ...(opts.body !== undefined
        ? { 'content-length': String(Buffer.byteLength(opts.body)) }
        : {}),
    },
    agent: false as const,
    ...(tls ? { ca: opts.ca, servername: opts.servername } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (tls ? httpsRequest : httpRequest)(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body, text: body.toString() });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The certificate the HTTPS port presents, as the client saw it (trusting `ca`). */
export function peerCertificate(
  base: string,
  opts: { ca: string; servername?: string },
): Promise<PeerCertificate> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect(
      { host: url.hostname, port: Number(url.port), ca: opts.ca, servername: opts.servername },
      () => {
        const cert = socket.getPeerCertificate();
        socket.end();
        resolve(cert);
      },
    );
    socket.on('error', reject);
  });
}

/** Every security header with its value; HSTS exactly when the answer came over TLS. */
export function expectSecure(answer: Answer, tls: boolean, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect(answer.headers[name.toLowerCase()], `${name} on ${what}`).toBe(value);
  }
  const hsts = answer.headers['strict-transport-security'];
  if (tls) expect(hsts, `HSTS on ${what}`).toBe('max-age=31536000');
  else expect(hsts, `no HSTS on ${what}`).toBeUndefined();
}

/** The base64 body of a PEM, on one line: what a leak of it would contain. */
export function pemBody(pem: string): string {
  return pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
}

/** Decode the page's inline SVG QR: rebuild its modules as pixels and read them with jsQR. */
export function readQr(html: string): string | undefined {
  const svg = /<svg[^>]*viewBox="0 0 (\d+) \d+"[\s\S]*?<path d="([^"]+)"/.exec(html);
  expect(svg).not.toBeNull();
  const size = Number(svg![1]);
  const scale = 6;
  const side = size * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y] of svg![2]!.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const at = ((Number(y) * scale + dy) * side + Number(x) * scale + dx) * 4;
        rgba.fill(0, at, at + 3);
      }
    }
  }
  return jsQR(rgba, side, side)?.data;
}

/** Every element of an XML document closed in order (the plist has no comments or CDATA). */
export function balanced(xml: string): boolean {
  const open: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>\s*<!DOCTYPE[^>]*>/, '');
  for (const [, close, name, selfClosing] of body.matchAll(/<(\/?)([\w:-]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!close) open.push(name!);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}
