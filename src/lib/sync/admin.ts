// The organiser console's calls to the server: devices of its event, the event list, the
// purge, certificates (issued and verified by the server). Online only: they act on other devices or on the server's whole store, so there
// is nothing useful to queue.
import * as z from 'zod/mini';
import { PurgeSummary } from '#domain/model';
import { getEnrollment } from '#sync/local';
import { CertificateList } from '#sync/certificates';
import { Health } from '#sync/protocol';
import type { Reply, Transport } from '#sync/transport';

export const DeviceSummary = z.object({
  id: z.string(),
  role: z.enum(['organiser', 'hub', 'staff', 'trainer', 'participant']),
  eventId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
  lastSyncAt: z.nullable(z.string()),
  unsent: z.nullable(z.number()),
  appVersion: z.nullable(z.string()),
  /** Enrolled at this venue hub (its device id): relayed by it (venue-hub.md). */
  hubId: z.optional(z.nullable(z.string())),
  /** Participant phones: the registration the phone made, for naming it (a server
   * before this field leaves it out). */
  registration: z.optional(
    z.nullable(
      z.object({
        participantId: z.string(),
        fullName: z.string(),
        registrationNumber: z.optional(z.string()),
      }),
    ),
  ),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;

export const UplinkStatus = z.object({
  upstream: z.string(),
  lastContact: z.nullable(z.string()),
  lastError: z.nullable(z.string()),
  queued: z.int(),
  oldestUnsent: z.nullable(z.string()),
  revoked: z.boolean(),
});
export type UplinkStatus = z.infer<typeof UplinkStatus>;

export const NewCode = z.object({ code: z.string(), expiresAt: z.string(), enrollUrl: z.string() });
export type NewCode = z.infer<typeof NewCode>;

export const EventListItem = z.object({
  id: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  demo: z.boolean(),
  purged: z.boolean(),
});
export type EventListItem = z.infer<typeof EventListItem>;

/** What a new event may take from an earlier one (GET /admin/events/{id}/template): its
 * settings, never who signs, and the size of its schedule. */
export const EventTemplate = z.object({
  settings: z.object({
    organizer: z.string(),
    timezone: z.string(),
    provinceCode: z.string(),
    minutesPerJp: z.int(),
    certificateThreshold: z.number(),
    lateCountsAsPresent: z.boolean(),
    collectNik: z.boolean(),
    signatureAtCheckin: z.boolean(),
    participantsChooseBatch: z.boolean(),
    privacyNotice: z.string(),
    retentionDays: z.int(),
    certificate: z.optional(z.object({ numberPattern: z.string(), place: z.string() })),
  }),
  batches: z.int(),
  sessions: z.int(),
  /** Days from its first day to the end of its schedule. */
  days: z.int(),
});
export type EventTemplate = z.infer<typeof EventTemplate>;

export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: string };

async function call<T>(
  send: (token: string) => Promise<Reply>,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): Promise<AdminResult<T>> {
  const enrollment = await getEnrollment();
  if (!enrollment || enrollment.role !== 'organiser') return { ok: false, error: 'FORBIDDEN' };
  const reply = await send(enrollment.token);
  if (reply.kind === 'network') return { ok: false, error: reply.reason };
  if (reply.kind === 'error') return { ok: false, error: reply.code };
  const parsed = schema.safeParse(reply.json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: 'INVALID_RESPONSE' };
}

export class AdminApi {
  constructor(readonly transport: Transport) {}

  devices(): Promise<AdminResult<{ devices: DeviceSummary[] }>> {
    return call(
      (t) => this.transport.get('/admin/devices', t),
      z.object({ devices: z.array(DeviceSummary) }),
    );
  }

  newCode(req: {
    role: 'staff' | 'trainer' | 'organiser' | 'hub';
    name?: string;
    sessionIds?: string[];
  }) {
    return call((t) => this.transport.post('/admin/devices', req, t), NewCode);
  }

  /** At a venue hub: how its uplink to the office stands (NOT_FOUND elsewhere). */
  uplink(): Promise<AdminResult<UplinkStatus>> {
    return call((t) => this.transport.get('/hub/uplink', t), UplinkStatus);
  }

  events(): Promise<AdminResult<{ events: EventListItem[] }>> {
    return call(
      (t) => this.transport.get('/admin/events', t),
      z.object({ events: z.array(EventListItem) }),
    );
  }

  template(eventId: string): Promise<AdminResult<EventTemplate>> {
    const path = `/admin/events/${encodeURIComponent(eventId)}/template`;
    return call((t) => this.transport.get(path, t), EventTemplate);
  }

  /** Erase the signed-in event's personal data (after its retention period). */
  purge(eventId: string) {
    const path = `/admin/events/${encodeURIComponent(eventId)}/purge`;
    return call((t) => this.transport.post(path, {}, t), z.object({ summary: PurgeSummary }));
  }

  revoke(deviceId: string) {
    const path = `/admin/devices/${encodeURIComponent(deviceId)}/revoke`;
    return call((t) => this.transport.post(path, {}, t), z.object({ ok: z.boolean() }));
  }

  /** The server's own account of where devices should reach it (no token needed). */
  async health(): Promise<AdminResult<Health>> {
    const reply = await this.transport.get('/health');
    if (reply.kind === 'network') return { ok: false, error: reply.reason };
    if (reply.kind === 'error') return { ok: false, error: reply.code };
    const parsed = Health.safeParse(reply.json);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, error: 'INVALID_RESPONSE' };
  }

  /** The certificates issued so far and who has none (the server judges from its data). */
  certificates() {
    return call((t) => this.transport.get('/admin/certificates', t), CertificateList);
  }

  issueCertificates(issuedDate?: string) {
    const body = issuedDate ? { issuedDate } : {};
    return call((t) => this.transport.post('/admin/certificates/issue', body, t), CertificateList);
  }

  publishCertificates(published: boolean) {
    const path = '/admin/certificates/publish';
    return call((t) => this.transport.post(path, { published }, t), CertificateList);
  }
}
