// The organiser's console API: its event's devices (list, new enrolment code, revoke) and
// signing out. Organiser devices only, and only for their own event.
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { eventSettings, plusDays, scheduleDays, shiftedSchedule } from '#domain/event-template';
import { eventIdentifierIssues } from '#domain/identifiers';
import { newId } from '#domain/ids';
import { Event, id } from '#domain/model';
import {
  createEnrollCode,
  listDevices,
  revokeDevice,
  switchOrganiser,
  type Device,
} from '#server/auth';
import { deviceList } from '#server/device-list';
import { createEvent, listEvents, purgeEvent, scheduleOf } from '#server/events';
import type { LiveChannel } from '#server/live';
import { HttpError } from '#server/errors';
import {
  authenticated,
  body,
  enrolled,
  requestOriginOf,
  requireRole,
  type Env,
} from '#server/http';
import { log } from '#server/log';
import type { Db } from '#server/store/database';

export const NewDeviceRequest = z.object({
  role: z.enum(['staff', 'trainer', 'organiser', 'hub']),
  name: z.optional(z.string().check(z.maxLength(100))),
  sessionIds: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(100))),
});

export const NewEventRequest = z.object({
  event: Event,
  /** An event whose batches and sessions the new one copies, moved to its dates. */
  copyScheduleFrom: z.optional(id()),
});

/** The batches and sessions of `from`, moved into `event`; refused when they would not fit
 * in its dates (the organiser lengthens the event or copies less). */
function copiedSchedule(db: Db, event: Event, from: string | undefined) {
  if (from === undefined) return undefined;
  const source = scheduleOf(db, from);
  if (!source) throw new HttpError('NOT_FOUND', 'copyScheduleFrom: unknown event');
  const copy = shiftedSchedule(source, event, newId);
  const days = scheduleDays(source.event, source.batches, source.sessions);
  const lastDay = plusDays(event.startDate, days - 1);
  if (lastDay > event.endDate) {
    throw new HttpError('INVALID_REQUEST', `event.endDate: the copied schedule runs to ${lastDay}`);
  }
  return copy;
}

/** An organiser of this server itself: one enrolled at a venue hub (relayed here) works in
 * the hub's event only, never on the office's other events or its devices. */
function officeOrganiser(c: Context<Env>): Device {
  const me = requireRole(c, 'organiser');
  if (me.hubId) {
    throw new HttpError('FORBIDDEN', 'A device of a venue hub works in the hub’s event only');
  }
  return me;
}

export function adminRoutes(db: Db, live: LiveChannel): Hono<Env> {
  const routes = new Hono<Env>();
  const auth = authenticated(db);
  const switched = (me: Device, eventId: string) => enrolled(switchOrganiser(db, me, eventId));

  routes.get('/devices', auth, (c) => {
    const me = requireRole(c, 'organiser');
    return c.json({ devices: deviceList(db, me.eventId) });
  });

  routes.post('/devices', auth, async (c) => {
    const me = officeOrganiser(c);
    const req = await body(c, NewDeviceRequest);
    const { code, expiresAt } = createEnrollCode(db, {
      role: req.role,
      eventId: me.eventId,
      ...(req.name ? { name: req.name } : {}),
      ...(req.sessionIds ? { sessionIds: req.sessionIds } : {}),
    });
    log('info', 'enrolment code created', { by: me.id, role: req.role });
    // The QR on the organiser's screen opens this link on the new device.
    // As the organiser's browser reached us: behind the office's proxy, its https address.
    const url = new URL(c.req.url);
    const scheme = requestOriginOf(c).https ? 'https' : url.protocol.slice(0, -1);
    const enrollUrl = `${scheme}://${url.host}/#/device?code=${code}`;
    return c.json({ code, expiresAt, enrollUrl });
  });

  routes.post('/devices/:id/revoke', auth, (c) => {
    const me = requireRole(c, 'organiser');
    const target = listDevices(db).find((d) => d.id === c.req.param('id'));
    if (!target || target.eventId !== me.eventId)
      throw new HttpError('NOT_FOUND', 'Unknown device');
    revokeDevice(db, target.id);
    log('info', 'device revoked', { by: me.id, device: target.id });
    return c.json({ ok: true });
  });

  routes.get('/events', auth, (c) => {
    officeOrganiser(c);
    return c.json({ events: listEvents(db) });
  });

  // What a new event may take from this one: its settings, never who signs, and the size
  // of its schedule (for "copy the batches and sessions too").
  routes.get('/events/:id/template', auth, (c) => {
    officeOrganiser(c);
    const source = scheduleOf(db, c.req.param('id'));
    if (!source) throw new HttpError('NOT_FOUND', 'Unknown event');
    return c.json({
      settings: eventSettings(source.event),
      batches: source.batches.length,
      sessions: source.sessions.length,
      days: scheduleDays(source.event, source.batches, source.sessions),
    });
  });

  // A new event (online: it is a new scope for tokens), and the organiser moves to it.
  routes.post('/events', auth, async (c) => {
    const me = officeOrganiser(c);
    const { event, copyScheduleFrom } = await body(c, NewEventRequest);
    const wrong = eventIdentifierIssues(event)[0];
    if (wrong) throw new HttpError('INVALID_REQUEST', `event.${wrong.field}: ${wrong.code}`);
    const schedule = copiedSchedule(db, event, copyScheduleFrom);
    if (!createEvent(db, event, me.id, schedule)) {
      throw new HttpError('INVALID_REQUEST', 'event.id: an event with this id exists');
    }
    log('info', 'event created', { by: me.id, event: event.id, copyScheduleFrom });
    return c.json(switched(me, event.id));
  });

  // The organiser works on another event: a session for it replaces this one.
  routes.post('/events/:id/open', auth, (c) => {
    const me = officeOrganiser(c);
    const id = c.req.param('id');
    if (!listEvents(db).some((e) => e.id === id)) throw new HttpError('NOT_FOUND', 'Unknown event');
    return c.json(switched(me, id));
  });

  // Erase the event's personal data after its retention period; only counts remain.
  routes.post('/events/:id/purge', auth, (c) => {
    const me = officeOrganiser(c);
    const id = c.req.param('id');
    if (id !== me.eventId) throw new HttpError('FORBIDDEN', 'Purge the event you are signed in to');
    const result = purgeEvent(db, id);
    if (!result.ok && result.reason === 'NOT_FOUND')
      throw new HttpError('NOT_FOUND', 'Unknown event');
    if (!result.ok) {
      throw new HttpError(
        'FORBIDDEN',
        result.reason === 'TOO_EARLY' ? `Retention lasts until ${result.until}` : 'Already purged',
      );
    }
    log('info', 'event purged', { by: me.id, event: id });
    live.poke(id); // devices drop the erased people now, not at their next periodic pull
    return c.json({ summary: result.summary });
  });

  // Signing out ends this device's session on the server too.
  routes.post('/logout', auth, (c) => {
    const me = requireRole(c, 'organiser', 'staff', 'trainer', 'participant');
    revokeDevice(db, me.id);
    return c.json({ ok: true });
  });

  return routes;
}
