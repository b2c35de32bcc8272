// One listening port: plain HTTP or HTTPS, with the slow-client limits, the security
// headers on answers the app never sees, and a shutdown that waits for requests in flight.
import { serve, type ServerType } from '@hono/node-server';
import type { Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { securityHeaders } from '#server/app';
import { StartupError } from '#server/config';
import { originOf } from '#server/proxy';

export interface Timeouts {
  /** The request line and headers must have arrived this long after the first byte. */
  headersMs: number;
  /** The whole request, body included, must have arrived this long after the first byte. */
  requestMs: number;
  /** How often Node looks for requests over those limits (they are not timers). */
  checkMs: number;
  /** How long a connection may sit idle between two requests. */
  keepAliveMs: number;
  /** The TLS handshake must be done this long after the connection opened. */
  handshakeMs: number;
}

/** How long shutdown waits for connections still open before closing them. */
const CLOSE_GRACE_MS = 3_000;

export interface Listening {
  server: Server | HttpsServer;
  port: number;
  /** Stop accepting, let requests in flight finish, then resolve. */
  close(): Promise<void>;
}

export async function listen(opts: {
  fetch: Parameters<typeof serve>[0]['fetch'];
  port: number;
  host: string;
  limits: Timeouts;
  tls?: { cert: string; key: string } | undefined;
}): Promise<Listening> {
  const { limits, tls } = opts;
  const httpOptions = {
    headersTimeout: limits.headersMs,
    requestTimeout: limits.requestMs,
    connectionsCheckingInterval: limits.checkMs,
    keepAliveTimeout: limits.keepAliveMs,
  };
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      {
        fetch: opts.fetch,
        port: opts.port,
        hostname: opts.host,
        ...(tls
          ? {
              createServer: createHttpsServer,
              // The handshake comes before the HTTP limits start counting, and Node's own
              // limit for it is 120 s: a client that opens a socket and says nothing would
              // hold it that long.
              serverOptions: {
                ...httpOptions,
                cert: tls.cert,
                key: tls.key,
                handshakeTimeout: limits.handshakeMs,
              },
            }
          : { serverOptions: httpOptions }),
      },
      () => resolve(s),
    );
    s.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, opts.host, opts.port)));
    // Answers the app never sees (the adapter's own 400 for a request it cannot parse, a
    // 500 when the app throws) carry the security headers too; the app's own answers set
    // them again, to the same values.
    (s as Server).prependListener('request', (req, res) => {
      // HTTPS as the browser used it: the socket, or a trusted proxy's X-Forwarded-Proto.
      for (const [name, value] of Object.entries(securityHeaders(originOf(req).https))) {
        res.setHeader(name, value);
      }
    });
  });
  const http = server as Server;
  let closing: Promise<void> | undefined;
  // Once closing, a kept-alive connection closes as soon as its response is done: else
  // a client that keeps sending on it would hold the server and the database open.
  http.on('request', (_req, res) => {
    res.once('close', () => {
      if (closing) http.closeIdleConnections();
    });
  });
  return {
    server: http,
    port: (server.address() as AddressInfo).port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // A client holding a connection open (a stalled upload, a browser that keeps one
        // for later) must not hold the shutdown: after a grace period, cut what is left.
        const grace = setTimeout(() => http.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        http.closeIdleConnections();
      });
      return closing;
    },
  };
}

function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  if (e.code === 'EADDRINUSE') {
    return new StartupError(
      `Port ${port} di ${host} sudah dipakai program lain / port ${port} on ${host} is already in use.`,
    );
  }
  if (e.code === 'EACCES') {
    return new StartupError(
      `Tidak boleh memakai port ${port} (di bawah 1024 perlu izin khusus) / ` +
        `not allowed to use port ${port} (below 1024 needs special permission).`,
    );
  }
  return e;
}
