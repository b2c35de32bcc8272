/// <reference lib="webworker" />
// The service worker: precache the app shell so Hadir opens with no network, and
// answer every navigation with index.html (hash routes), or register.html for /r/…. It is NOT the sync queue
// (sync-protocol.md): the outbox in IndexedDB is; this worker may only wake it.
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { BACKGROUND_SYNC_TAG, SYNC_WAKE_MESSAGE } from '#sync/wake';

declare const self: ServiceWorkerGlobalScope;

// The report writers (assets/reports-*.js: jsPDF, the XLSX writer, ~150 KB gzip) are in
// the build's list but not precached: every participant's phone would download them.
// The organiser's console fetches them when it opens (OrganiserPage) and they are kept
// below; a new version fetches its own at install on a device that has used them, so an
// update followed by an offline venue still exports.
const REPORTS_CACHE = 'hadir-reports';
const isReport = (url: string) => /(^|\/)assets\/reports-[^/]+\.js$/.test(url);
const entries = self.__WB_MANIFEST.map((e) => (typeof e === 'string' ? { url: e } : e));
const reportUrls = entries
  .filter((e) => isReport(e.url))
  .map((e) => new URL(e.url, self.location.href));
precacheAndRoute(entries.filter((e) => !isReport(e.url)));
cleanupOutdatedCaches();
// The public registration link (/r/<event id>) opens its own small page, also offline.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('register.html'), { allowlist: [/^\/r\//] }),
);
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }),
);

/** Name of a built file without its content hash: `reports-pdf-Ab12Cd34.js` → `reports-pdf`. */
const unhashed = (url: URL) => url.pathname.replace(/-[\w-]{8}(\.\w+)$/, '$1');

/** Cache first, then network; keeping a file drops its older versions (other hashes). */
async function keep(cacheName: string, request: Request | URL): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const url = new URL(request instanceof Request ? request.url : request.href);
    for (const old of await cache.keys()) {
      if (unhashed(new URL(old.url)) === unhashed(url)) await cache.delete(old);
    }
    await cache.put(request, response.clone());
  }
  return response;
}

// The desk's QR reader (zxing-wasm) is not precached either: a megabyte for every phone.
// A desk fetches it when the desk screen opens (decode.ts warmDecoder); from then on it
// comes from this cache, offline too.
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname.endsWith('.wasm'),
  ({ request }) => keep('hadir-wasm', request),
);
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && isReport(url.pathname),
  ({ request }) => keep(REPORTS_CACHE, request),
);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(REPORTS_CACHE);
      if ((await cache.keys()).length === 0) return; // never used here: nothing to refresh
      // Best effort: a failed fetch leaves the old version, fetched again on first use.
      await Promise.all(reportUrls.map((url) => keep(REPORTS_CACHE, url).catch(() => undefined)));
    })(),
  );
});

// A new version waits until the page says the outbox is empty (state/update.svelte.ts).
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The very first install takes control at once so the first visit is already offline-ready.
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

// Background Sync (Chromium): the browser fires this once it is online again. The worker
// does not send anything itself; it wakes open pages, whose engine holds the Web Lock.
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== BACKGROUND_SYNC_TAG) return;
  event.waitUntil(
    self.clients
      .matchAll({ type: 'window' })
      .then((clients) => clients.forEach((c) => c.postMessage({ type: SYNC_WAKE_MESSAGE }))),
  );
}) as EventListener);
