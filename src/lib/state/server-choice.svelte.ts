// Where this device syncs: the server that served the app, or (a desk of a venue hub whose
// laptop died) the office server directly, with the same identity: the office refuses a
// gap in the desk's numbering until it has the earlier changes, and the desk resends what
// it keeps, so nothing is lost or doubled (venue-hub.md rule 2). The app itself stays
// where it was installed, and opens offline as before.
import { deleteMeta, getMeta, setMeta } from '#db/meta';
import * as z from 'zod/mini';
import type { Transport } from '#sync/transport';

/** The origin the device's sync talks to. */
export async function syncServerUrl(): Promise<string> {
  return (await getMeta('syncServer')) ?? location.origin;
}

/** What a venue hub adds to its /health answer: the office server it relays to. Read
 * here only, so the registration page's schema does not carry it. */
const HubHealth = z.object({ hub: z.optional(z.object({ upstream: z.string() })) });

/** What a venue hub adds to its pull answers: how much of the hall's work waits for the
 * office server. */
const HubPull = z.object({
  hub: z.optional(z.object({ queued: z.int(), lastContact: z.nullable(z.string()) })),
});
export type HubUplink = NonNullable<z.infer<typeof HubPull>['hub']>;

export class ServerChoice {
  /** The office server of the hub that served this app; undefined elsewhere. */
  upstream = $state<string | undefined>(undefined);
  /** The server chosen instead of the app's own; undefined: the app's own. */
  chosen = $state<string | undefined>(undefined);
  /** Synced with a venue hub: what of the hall's work waits for the office server. */
  hub = $state<HubUplink | undefined>(undefined);

  /** A pull answer arrived (the engine's onPullAnswer): a hub says how its uplink stands. */
  hear(json: unknown): void {
    const answer = HubPull.safeParse(json);
    this.hub = answer.success ? answer.data.hub : undefined;
  }

  /** What is kept, then what the app's own server says now (a dead hub says nothing). */
  async load(own: Transport): Promise<void> {
    this.chosen = await getMeta('syncServer');
    this.upstream = await getMeta('hubUpstream');
    const reply = await own.get('/health');
    const health = HubHealth.safeParse(reply.kind === 'ok' ? reply.json : undefined);
    const upstream = health.success ? health.data.hub?.upstream : undefined;
    if (upstream && upstream !== this.upstream) {
      await setMeta('hubUpstream', upstream);
      this.upstream = upstream;
    }
  }

  /** Sync with the office (or, undefined, with the app's own server again): the engine
   * starts over on the new address, so the page reloads. */
  async choose(server: string | undefined, reload = () => location.reload()): Promise<void> {
    if (server) await setMeta('syncServer', server);
    else await deleteMeta('syncServer');
    // The other server numbers its changes its own way: take its whole copy once.
    await setMeta('cursor', null);
    this.chosen = server;
    reload();
  }
}

export const serverChoice = new ServerChoice();
