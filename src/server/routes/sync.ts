// Push and pull, for any enrolled device (the mutations carry their own role checks), and
// the live "pull now" stream for the hall's working devices.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { PROTOCOL_VERSION, PullRequest, PushRequest } from '#sync/protocol';
import { HttpError } from '#server/errors';
import { authenticated, body, requireRole, type Env } from '#server/http';
import type { LiveChannel } from '#server/live';
import { pull } from '#server/pull';
import { PushGroups } from '#server/push-group';
import type { Db } from '#server/store/database';
import { touchDevice } from '#server/store/devices';
import { stillValid } from '#server/auth';
import type { Uplink } from '#server/hub/uplink';

function speaks(version: number | undefined): void {
  if (version !== undefined && version !== PROTOCOL_VERSION) {
    throw new HttpError('UNSUPPORTED_PROTOCOL', `This server speaks protocol ${PROTOCOL_VERSION}`);
  }
}

/** A comment line every so often keeps proxies and NAT from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;

/** Whether a push changed what other devices see (a duplicate or a refusal does not). */
const changedAnything = (results: readonly { status: string }[]) =>
  results.some((r) => r.status === 'applied' || r.status === 'merged' || r.status === 'conflict');

export function syncRoutes(db: Db, secret: string, live: LiveChannel, uplink?: Uplink): Hono<Env> {
  const routes = new Hono<Env>();
  const pushes = new PushGroups(db, secret);
  const auth = authenticated(db);

  routes.post('/push', auth, async (c) => {
    const req = await body(c, PushRequest, { perMutation: true });
    speaks(req.protocolVersion);
    const device = c.get('device');
    // At a venue hub, what is settled is queued for upstream too.
    const result = await pushes.push(device, req, { relay: uplink !== undefined });
    if (changedAnything(result.body.results)) live.poke(device.eventId, device.id);
    if (uplink && result.body.results.length > 0) uplink.nudge();
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
    if (!uplink) return c.json(page);
    // At a venue hub, the hall's devices learn whether the office has their work yet.
    const { queued, lastContact } = uplink.status();
    return c.json({ ...page, hub: { queued, lastContact } });
  });

  // Desks, trainers and the organiser: told to pull when another device changed the event.
  // Participants' phones poll (nothing another device does is theirs to see).
  routes.get('/live', auth, (c) => {
    // …and venue hubs: upstream's changes come down to the hall at once.
    const device = requireRole(c, 'staff', 'trainer', 'organiser', 'hub');
    // The token was checked when the stream opened; a device revoked (or its session over,
    // or moved to another event) since then hears nothing more, and its stream ends.
    const valid = () => stillValid(db, device.id);
    return streamSSE(c, async (stream) => {
      let close = () => {};
      const closed = new Promise<void>((resolve) => (close = resolve));
      stream.onAbort(close);
      const send = (data: string) => {
        if (stream.aborted || stream.closed || !valid()) return false;
        void stream.writeSSE({ data });
        return true;
      };
      const stop = live.listen(device, send, close);
      const beat = setInterval(() => {
        if (valid()) void stream.write(': \n\n');
        else close();
      }, HEARTBEAT_MS);
      try {
        // Open: the device pulls what it missed while it was not listening.
        await stream.writeSSE({ data: 'open', retry: 3_000 });
        await closed;
      } finally {
        clearInterval(beat);
        stop();
      }
    });
  });

  return routes;
}
