// Pairing a venue hub with its event upstream (venue-hub.md), and the one HTTP call the
// hub makes to upstream, with failures as codes the uplink and the admin command decide on.
import { randomBytes } from 'node:crypto';
import { DEMO_EVENT_ID } from '#domain/demo';
import type { Db } from '#server/store/database';
import { dropRowsNotOf, eventIdsHeld } from '#server/store/rows';
import { hubSettings, saveHubSettings, type HubSettings } from './replica.ts';

const TIMEOUT_MS = 20_000;

export class UplinkError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UplinkError';
  }
}

export type Fetch = typeof fetch;

export async function call(
  fetcher: Fetch,
  url: string,
  body: unknown,
  token?: string,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetcher(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new UplinkError('NETWORK', `Upstream unreachable: ${(e as Error).message}`);
  }
  const json = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string };
  } | null;
  if (!res.ok) {
    throw new UplinkError(json?.error?.code ?? `HTTP_${res.status}`, json?.error?.message ?? '');
  }
  return json;
}

/** Pair this (fresh) server with an event upstream using the organiser's hub code. */
export async function pairHub(
  db: Db,
  upstream: string,
  code: string,
  opts: { name?: string; fetch?: Fetch } = {},
): Promise<HubSettings> {
  if (hubSettings(db)) throw new UplinkError('ALREADY_PAIRED', 'This server is already a hub');
  const held = eventIdsHeld(db).filter((id) => id !== DEMO_EVENT_ID);
  if (held.length > 0) {
    throw new UplinkError(
      'NOT_EMPTY',
      'This server holds events of its own: use a new data folder',
    );
  }
  const base = upstream.replace(/\/+$/, '');
  const clientId = `hub-${randomBytes(9).toString('base64url')}`;
  const answer = (await call(opts.fetch ?? fetch, `${base}/api/v1/hub/pair`, {
    hubCode: code,
    deviceInfo: { clientId, name: opts.name ?? 'Hub' },
  })) as { deviceId: string; token: string; eventId: string };
  const settings: HubSettings = {
    upstream: base,
    token: answer.token,
    deviceId: answer.deviceId,
    clientId,
    eventId: answer.eventId,
    pairedAt: new Date().toISOString(),
  };
  db.transaction(() => {
    dropRowsNotOf(db, settings.eventId);
    saveHubSettings(db, settings);
  }).immediate();
  return settings;
}
