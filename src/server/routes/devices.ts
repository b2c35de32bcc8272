// Becoming a device: redeeming an enrolment code, joining an event's public registration
// link, and the organiser's password sign-in. All three are guessing targets, so all
// three are rate-limited; failures are counted per address. A browser that was a device
// before sends that token as `Authorization`: its push sequence then goes on (auth.ts).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { DeviceInfo, EnrollRequest, JoinRequest } from '#sync/protocol';
import { checkOrganiserPassword, enroll, joinAsParticipant, signInOrganiser } from '#server/auth';
import { HttpError, limit } from '#server/errors';
import { defaultEventId, publicEvent } from '#server/events';
import { bearer, body, clientAddress, enrolled, type Env } from '#server/http';
import { log } from '#server/log';
import { RateLimiter } from '#server/rate-limit';
import type { Db } from '#server/store/database';
import { getRow } from '#server/store/rows';

const LoginRequest = z.object({
  password: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Absent: the latest event (a fresh device knows no event yet). */
  eventId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  deviceInfo: DeviceInfo,
});

/** Reads of an event's public face per address, shared with the registration page that
 * carries the event in its HTML (static.ts). */
export const publicReadLimiter = () => new RateLimiter(120, 60_000);

export function deviceRoutes(db: Db, readsPerAddress = publicReadLimiter()): Hono<Env> {
  const routes = new Hono<Env>();
  const joinsPerAddress = new RateLimiter(20, 60_000);
  const joinsPerEvent = new RateLimiter(300, 60_000);
  // Wrong codes and passwords, per address: 10 per 15 minutes.
  const enrollFailures = new RateLimiter(10, 15 * 60_000);
  const loginFailures = new RateLimiter(5, 15 * 60_000);

  routes.post('/devices/enroll', async (c) => {
    const address = clientAddress(c);
    limit(enrollFailures.check(address), 'wrong enrolment codes');
    const req = await body(c, EnrollRequest);
    const result = enroll(db, req.enrollCode, req.deviceInfo, new Date(), bearer(c));
    if (!result) {
      enrollFailures.take(address);
      throw new HttpError('ENROLL_CODE_INVALID', 'The enrolment code is unknown, used or expired');
    }
    log('info', 'device enrolled', { device: result.device.id, role: result.device.role });
    return c.json(enrolled(result));
  });

  // The public registration page: the event, its batches and sessions, seats left. No
  // token and no personal data; read often, so limited more loosely than joins.
  routes.get('/events/:eventId', (c) => {
    limit(readsPerAddress.take(clientAddress(c)), 'reads from this address');
    const published = publicEvent(db, c.req.param('eventId'));
    if (!published) throw new HttpError('NOT_FOUND', 'Unknown event');
    return c.json(published);
  });

  routes.post('/events/:eventId/join', async (c) => {
    const eventId = c.req.param('eventId');
    limit(joinsPerAddress.take(clientAddress(c)), 'registrations from this address');
    const req = await body(c, JoinRequest);
    const event = getRow<{ registrationOpen?: boolean }>(db, 'events', eventId);
    if (!event || event.deleted) throw new HttpError('NOT_FOUND', 'Unknown event');
    // Counted only for well-formed joins of a real event, so junk cannot close it.
    limit(joinsPerEvent.take(eventId), 'registrations for this event');
    if (event.data.registrationOpen === false) {
      throw new HttpError('FORBIDDEN', 'Registration is closed');
    }
    const { device, token } = joinAsParticipant(
      db,
      event.id,
      req.deviceInfo,
      new Date(),
      bearer(c),
    );
    return c.json(enrolled({ device, token }));
  });

  routes.post('/admin/login', async (c) => {
    const address = clientAddress(c);
    limit(loginFailures.check(address), 'wrong passwords');
    const req = await body(c, LoginRequest);
    if (!checkOrganiserPassword(db, req.password)) {
      loginFailures.take(address);
      throw new HttpError('UNAUTHENTICATED', 'Wrong password');
    }
    const eventId = req.eventId ?? defaultEventId(db);
    if (!eventId || !getRow(db, 'events', eventId))
      throw new HttpError('NOT_FOUND', 'Unknown event');
    const { device, token } = signInOrganiser(db, eventId, req.deviceInfo, new Date(), bearer(c));
    log('info', 'organiser signed in', { device: device.id });
    return c.json(enrolled({ device, token }));
  });

  return routes;
}
