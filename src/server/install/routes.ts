// The certificate install page and the CA downloads (on both ports), and the plain-HTTP
// port beside HTTPS, which serves those and sends everything else to HTTPS. The CA's
// certificate is public by nature; its key lives in data/tls and no route here reads it.
import { Hono, type Context } from 'hono';
import { securityHeaders } from '#server/app';
import type { Env } from '#server/http';
import { CSS, CSS_PATH, installPage } from '#server/install/page';
import { appleProfile } from '#server/tls/apple-profile';
import { hostOf, INSTALL_PATH, origin, type Site, type SiteCa } from '#server/tls/site';

/** The same page under an English path, for a link typed from an English manual. */
const INSTALL_PATHS = [INSTALL_PATH, '/install-certificate'];

/** Paths the HTTP port answers itself instead of redirecting. */
const DOWNLOADS = {
  '/hadir-ca.crt': {
    // DER: what Android's certificate installer and Windows' wizard open.
    type: 'application/x-x509-ca-cert',
    body: (ca: SiteCa) => ca.der,
    // Saved, not handed to the browser's own handling: Android 11+ installs a CA from
    // Settings only, and needs the file in Downloads for it.
    attachment: true,
  },
  '/hadir-ca.pem': {
    type: 'application/x-pem-file',
    body: (ca: SiteCa) => ca.pem,
    attachment: true,
  },
  '/hadir-ca.mobileconfig': {
    // Safari hands this type to Settings as a profile to install.
    type: 'application/x-apple-aspen-config',
    body: (ca: SiteCa) => appleProfile(ca.der, ca.name),
    attachment: false,
  },
} as const;

/** A new CA (the data directory was wiped) must be fetched anew at once, never from a cache. */
const NO_CACHE = 'no-cache';

export function installRoutes(site: Site): Hono<Env> {
  const routes = new Hono<Env>();
  // Set in each handler, not by a '*' middleware: mounted at '/', that would reach every
  // route of the app it joins (the PWA's immutable assets, the API's no-store).
  const page = (c: Context) => {
    const ca = site.ca;
    if (!ca) return c.notFound();
    // The QR is for another device: never a loopback name, even when the organiser
    // opened this page on the server laptop itself.
    const host = site.hostFor(hostOf(c.req.header('host')), { lanOnly: true });
    const pageUrl = site.installUrl(host) ?? `${new URL(c.req.url).origin}${INSTALL_PATH}`;
    c.header('Cache-Control', NO_CACHE);
    return c.html(installPage({ ca, httpsOrigins: site.httpsOrigins(), pageUrl }));
  };
  for (const path of INSTALL_PATHS) routes.get(path, page);
  routes.get(CSS_PATH, (c) =>
    c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': NO_CACHE }),
  );
  for (const [path, file] of Object.entries(DOWNLOADS)) {
    routes.get(path, (c) => {
      const ca = site.ca;
      if (!ca) return c.notFound();
      const body = file.body(ca);
      c.header('Content-Type', file.type);
      c.header('Cache-Control', NO_CACHE);
      if (file.attachment)
        c.header('Content-Disposition', `attachment; filename="${path.slice(1)}"`);
      return c.body(typeof body === 'string' ? body : new Uint8Array(body));
    });
  }
  return routes;
}

/**
 * The plain-HTTP port beside HTTPS. A GET or HEAD is moved for good (301), any other
 * method with its body (308). The install page and the downloads stay on HTTP (local
 * TLS only): a tablet cannot open HTTPS before it trusts the CA.
 *
 * The API stays answered here too (`api`, the main app): a browser's data belongs to its
 * address, so a tablet still open on the old plain-HTTP address holds its unsent changes
 * there, and redirecting its pushes to another origin would strand them (nothing a person
 * entered may be lost). Its page tells it to move once they are sent.
 */
export function redirectApp(
  site: Site,
  api?: (request: Request, env: unknown) => Response | Promise<Response>,
): Hono<Env> {
  const app = new Hono<Env>();
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders(false))) c.header(name, value);
  });
  if (site.ca) app.route('/', installRoutes(site));
  if (api) app.all('/api/*', (c) => api(c.req.raw, c.env));
  app.all('*', (c) => {
    const url = new URL(c.req.url);
    const host = site.hostFor(hostOf(c.req.header('host')));
    const to = `${origin('https', host, site.state.httpsPort)}${url.pathname}${url.search}`;
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD';
    // Not cached: a browser keeps a cached 301 for ever, and a server started later without
    // HTTPS would be unreachable from it.
    c.header('Cache-Control', 'no-store');
    // A body sent with the request is never read: close, as the app does for refusals.
    if (!safe) c.header('Connection', 'close');
    return c.redirect(to, safe ? 301 : 308);
  });
  return app;
}
