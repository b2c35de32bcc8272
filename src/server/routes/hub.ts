// Venue hubs. Upstream (the office): a hub pairs with the organiser's hub code, and relays
// what its hall did. At a hub: its organiser sees the uplink (last contact, queue).
import { Hono } from 'hono';
import { enroll } from '#server/auth';
import { HttpError, limit } from '#server/errors';
import { relay } from '#server/hub/upstream';
import type { Uplink } from '#server/hub/uplink';
import { PairRequest, RelayRequest } from '#server/hub/wire';
import {
  authenticated,
  bearer,
  body,
  clientAddress,
  enrolled,
  requireRole,
  type Env,
} from '#server/http';
import type { LiveChannel } from '#server/live';
import { log } from '#server/log';
import { RateLimiter } from '#server/rate-limit';
import type { Db } from '#server/store/database';

export function hubRoutes(db: Db, secret: string, live: LiveChannel, uplink?: Uplink): Hono<Env> {
  const routes = new Hono<Env>();
  const auth = authenticated(db);
  const pairFailures = new RateLimiter(10, 15 * 60_000);

  routes.post('/pair', async (c) => {
    const address = clientAddress(c);
    limit(pairFailures.check(address), 'wrong hub codes');
    const req = await body(c, PairRequest);
    const result = enroll(db, req.hubCode, req.deviceInfo, new Date(), bearer(c), true);
    if (!result) {
      pairFailures.take(address);
      throw new HttpError('ENROLL_CODE_INVALID', 'The hub code is unknown, used or expired');
    }
    log('info', 'hub paired', { device: result.device.id });
    return c.json(enrolled(result));
  });

  routes.post('/relay', auth, async (c) => {
    const hub = requireRole(c, 'hub');
    const req = await body(c, RelayRequest);
    const answer = relay(db, hub, req, secret);
    const changed = answer.streams.some((s) =>
      s.results.some((r) => r.status !== 'duplicate' && r.status !== 'rejected'),
    );
    if (changed) live.poke(hub.eventId);
    return c.json(answer);
  });

  // At a hub: how its uplink stands, for the organiser's console in the hall.
  routes.get('/uplink', auth, (c) => {
    requireRole(c, 'organiser');
    if (!uplink) throw new HttpError('NOT_FOUND', 'This server is not a hub');
    return c.json(uplink.status());
  });

  return routes;
}
