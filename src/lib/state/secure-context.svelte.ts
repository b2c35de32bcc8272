// Opened from a plain-HTTP address (a laptop's LAN address without HTTPS), the browser
// gives the app no service worker (no offline start, no install), no Web Locks and no
// crypto.randomUUID. Writes still work (ids come from #domain/ids); what cannot work is
// said on screen, with the HTTPS address the server offers (it tells the app, /health).
import type { Transport } from '#sync/transport';

export class SecureContextNotice {
  /** False in a secure context (HTTPS, localhost, 127.0.0.1) and outside a browser. */
  readonly insecure = typeof window !== 'undefined' && window.isSecureContext === false;
  /** The HTTPS address to open instead, when the server serves one. */
  httpsUrl = $state<string | undefined>(undefined);
  /** Where a device gets the server's certificate (local HTTPS in the hall). */
  installUrl = $state<string | undefined>(undefined);

  async load(transport: Transport): Promise<void> {
    if (!this.insecure) return;
    // The wire schemas (zod) load here, not with the page: a registration page shows its
    // form before them (register.ts); the app has them already.
    const [{ Health }, reply] = await Promise.all([
      import('#sync/protocol'),
      transport.get('/health'),
    ]);
    const health = Health.safeParse(reply.kind === 'ok' ? reply.json : undefined);
    if (!health.success) return;
    this.httpsUrl = health.data.httpsUrl;
    this.installUrl = health.data.installUrl;
  }
}

export const secureContext = new SecureContextNotice();
