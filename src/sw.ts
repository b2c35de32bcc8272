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

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The public registration link (/r/<event id>) opens its own small page, also offline.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('register.html'), { allowlist: [/^\/r\//] }),
);
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }),
);

// The desk's QR reader (zxing-wasm) is not precached: it would cost every participant's
// phone a megabyte. A desk fetches it when the desk screen opens (decode.ts warmDecoder);
// from then on it comes from this cache, offline too. A new version's file replaces the old.
const WASM_CACHE = 'hadir-wasm';
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && url.pathname.endsWith('.wasm'),
  async ({ request }) => {
    const cache = await caches.open(WASM_CACHE);
    const hit = await cache.match(request);
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok) {
      for (const old of await cache.keys()) await cache.delete(old);
      await cache.put(request, response.clone());
    }
    return response;
  },
);

// The report writers (assets/reports-*.js: jsPDF, the XLSX writer) are not precached
// either (vite.config.ts): the organiser's console fetches them when it opens, and from
// then on they come from here, so exports and PDFs work offline. Each file's older
// versions (same name, another hash) are dropped when a new one is kept.
const REPORTS_CACHE = 'hadir-reports';
const chunkName = (path: string) => path.replace(/-[\w-]{8}\.js$/, '');
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && /^\/assets\/reports-.+\.js$/.test(url.pathname),
  async ({ request, url }) => {
    const cache = await caches.open(REPORTS_CACHE);
    const hit = await cache.match(request);
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok) {
      for (const old of await cache.keys()) {
        if (chunkName(new URL(old.url).pathname) === chunkName(url.pathname))
          await cache.delete(old);
      }
      await cache.put(request, response.clone());
    }
    return response;
  },
);

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
  if (event.tag !== 'hadir-sync') return;
  event.waitUntil(
    self.clients
      .matchAll({ type: 'window' })
      .then((clients) => clients.forEach((c) => c.postMessage({ type: 'hadir-sync-wake' }))),
  );
}) as EventListener);
