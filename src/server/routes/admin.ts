// The organiser's console API: its event's devices (list, new enrolment code, revoke) and
// signing out. Organiser devices only, and only for their own event.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { createEnrollCode, listDevices, revokeDevice } from '#server/auth';
import { HttpError } from '#server/errors';
import { body, requireRole, type Env } from '#server/http';
import { log } from '#server/log';
import type { Db } from '#server/store/database';

export const NewDeviceRequest = z.object({
  role: z.enum(['staff', 'trainer', 'organiser']),
  name: z.optional(z.string().check(z.maxLength(100))),
  sessionIds: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(100))),
});

export function adminRoutes(db: Db): Hono<Env> {
  const routes = new Hono<Env>();

  routes.get('/devices', (c) => {
    const me = requireRole(c, 'organiser');
    const devices = listDevices(db)
      .filter((d) => d.eventId === me.eventId)
      .map(({ clientId: _clientId, ...d }) => d);
    return c.json({ devices });
  });

  routes.post('/devices', async (c) => {
    const me = requireRole(c, 'organiser');
    const req = await body(c, NewDeviceRequest);
    const { code, expiresAt } = createEnrollCode(db, {
      role: req.role,
      eventId: me.eventId,
      ...(req.name ? { name: req.name } : {}),
      ...(req.sessionIds ? { sessionIds: req.sessionIds } : {}),
    });
    log('info', 'enrolment code created', { by: me.id, role: req.role });
    // The QR on the organiser's screen opens this link on the new device.
    const enrollUrl = `${new URL(c.req.url).origin}/#/device?code=${code}`;
    return c.json({ code, expiresAt, enrollUrl });
  });

  routes.post('/devices/:id/revoke', (c) => {
    const me = requireRole(c, 'organiser');
    const target = listDevices(db).find((d) => d.id === c.req.param('id'));
    if (!target || target.eventId !== me.eventId)
      throw new HttpError('NOT_FOUND', 'Unknown device');
    revokeDevice(db, target.id);
    log('info', 'device revoked', { by: me.id, device: target.id });
    return c.json({ ok: true });
  });

  // Signing out ends this device's session on the server too.
  routes.post('/logout', (c) => {
    const me = requireRole(c, 'organiser', 'staff', 'trainer', 'participant');
    revokeDevice(db, me.id);
    return c.json({ ok: true });
  });

  return routes;
}
