// Push and pull, for any enrolled device (the mutations carry their own role checks).
import { Hono } from 'hono';
import { PROTOCOL_VERSION, PullRequest, PushRequest } from '#sync/protocol';
import { HttpError } from '#server/errors';
import { authenticated, body, type Env } from '#server/http';
import { pull } from '#server/pull';
import { push } from '#server/push';
import type { Db } from '#server/store/database';
import { touchDevice } from '#server/store/devices';

function speaks(version: number | undefined): void {
  if (version !== undefined && version !== PROTOCOL_VERSION) {
    throw new HttpError('UNSUPPORTED_PROTOCOL', `This server speaks protocol ${PROTOCOL_VERSION}`);
  }
}

export function syncRoutes(db: Db, secret: string): Hono<Env> {
  const routes = new Hono<Env>();
  const auth = authenticated(db);

  routes.post('/push', auth, async (c) => {
    const req = await body(c, PushRequest, { perMutation: true });
    speaks(req.protocolVersion);
    const result = push(db, c.get('device'), req, secret);
    if (result.status === 503) {
      const error = { code: 'UNAVAILABLE', message: 'Try the rest again later' };
      return c.json({ error, ...result.body }, 503);
    }
    return c.json(result.body);
  });

  routes.post('/pull', auth, async (c) => {
    const req = await body(c, PullRequest);
    speaks(req.protocolVersion);
    const device = c.get('device');
    const page = pull(db, device, req);
    // A tablet that only reads is in sync too: the organiser's device list says so. The
    // pull follows the push, so its count is what the device holds after settling.
    touchDevice(db, device.id, page.serverTime, req.unsent);
    return c.json(page);
  });

  return routes;
}
