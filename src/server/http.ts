// Shared pieces of the HTTP layer: the environment type, body parsing with the shared
// schemas, typed error bodies, the caller's address, and the role guard.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { IncomingMessage } from 'node:http';
import type { ErrorCode } from '#sync/protocol';
import { authenticate, bearerToken, type Device } from '#server/auth';
import type { DeviceRole } from '#server/store/devices';
import type { Db } from '#server/store/database';
import { HttpError } from '#server/errors';
import { originOf, type Origin } from '#server/proxy';
import { prototypeKey } from '#domain/validation';

export type Env = { Variables: { device: Device } };

interface Schema<T> {
  safeParse(
    v: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Parse a JSON body with a shared protocol schema: the server's only defence. Prototype
 * keys are refused anywhere, except inside pushed mutations' arguments (`perMutation`),
 * which are refused one by one so the rest of the batch goes on.
 */
export async function body<T>(
  c: Context,
  schema: Schema<T>,
  opts: { perMutation?: boolean } = {},
): Promise<T> {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw new HttpError('INVALID_REQUEST', 'Content-Type must be application/json');
  }
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    throw new HttpError('INVALID_REQUEST', 'Malformed JSON');
  }
  const checked = opts.perMutation ? withoutMutationArgs(json) : json;
  const bad = prototypeKey(checked);
  if (bad) throw new HttpError('INVALID_REQUEST', `${bad}: prototype keys are not accepted`);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(
      'INVALID_REQUEST',
      `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

function withoutMutationArgs(json: unknown): unknown {
  if (
    !json ||
    typeof json !== 'object' ||
    !Array.isArray((json as Record<string, unknown>).mutations)
  )
    return json;
  const body = json as { mutations: unknown[] };
  const mutations = body.mutations.map((m) =>
    m && typeof m === 'object' ? { ...(m as Record<string, unknown>), args: null } : m,
  );
  return { ...body, mutations };
}

export function errorJson(c: Context, code: ErrorCode, message: string, status: number) {
  return c.json({ error: { code, message } }, status as 400);
}

/** Who sent the request and whether over HTTPS, a trusted proxy's headers believed (proxy.ts). */
export function requestOriginOf(c: Context): Origin {
  // No Node request in-process (app.request in tests): 'unknown', not HTTPS.
  return originOf((c.env as { incoming?: IncomingMessage } | undefined)?.incoming);
}

/** The rate-limit key: the client's address, never a header an untrusted peer wrote. */
export const clientAddress = (c: Context): string => requestOriginOf(c).address;

/** The bearer token of the request, if it carries one. */
export const bearer = (c: Context): string | undefined =>
  bearerToken(c.req.header('authorization'));

/** The device token check, declared on each route that needs it (first in its handler
 * list), so what a route requires is read where the route is. */
export const authenticated = (db: Db) =>
  createMiddleware<Env>(async (c, next) => {
    const auth = authenticate(db, c.req.header('authorization'));
    if (!auth.ok) {
      const revoked = auth.code === 'DEVICE_REVOKED';
      const message = revoked ? 'This device was revoked' : 'Missing, unknown or expired token';
      throw new HttpError(auth.code, message);
    }
    c.set('device', auth.device);
    await next();
  });

/** Only these roles may use the route (the device was authenticated before). */
export function requireRole(c: Context<Env>, ...roles: DeviceRole[]): Device {
  const device = c.get('device') as Device | undefined;
  // A route mounted without the token check fails closed, never with a 500.
  if (!device) throw new HttpError('UNAUTHENTICATED', 'A device token is required');
  if (!roles.includes(device.role)) {
    throw new HttpError('FORBIDDEN', `Role ${device.role} may not use this route`);
  }
  return device;
}

/** The answer that makes a browser a device: enrolment, join, sign-in, event switch. */
export const enrolled = (result: { device: Device; token: string }) => ({
  deviceId: result.device.id,
  token: result.token,
  role: result.device.role,
  eventId: result.device.eventId,
});
