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
import { BACKGROUND_SYNC_TAG, KEEP_ROLE_CODE, SYNC_WAKE_MESSAGE } from '#sync/wake';

declare const self: ServiceWorkerGlobalScope;

// The report writers (assets/reports-*.js: jsPDF, the XLSX writer, ~150 KB gzip, and the
// reports worker, reports-worker-*.js, which carries its own copy of both in one file) are
// in the build's list but not precached: every participant's phone would download them.
// The organiser's console fetches them when it opens (OrganiserPage; the worker when the
// reports tab opens) and they are kept below; a new version fetches its own at install on
// a device that has used them, so an update followed by an offline venue still exports.
const REPORTS_CACHE = 'hadir-reports';
const isReport = (url: string) => /(^|\/)assets\/reports-[^/]+\.js$/.test(url);
// A role's screens (the desk, a trainer's sessions, the console: marked `role` by the
// build, vite.config.ts) are not precached either: a participant's phone never opens them,
// and on a weak link each file is a round trip before the app is offline-ready. A device
// caches them on first use, and the app fetches its role's screens as soon as it knows
// its role (App.svelte asks this worker), so a desk enrolled online works offline; a new version fetches
// them at install where they were used, like the report writers.
const ROLE_CACHE = 'hadir-role';
type Entry = { url: string; revision?: string | null; role?: boolean };
const entries: Entry[] = self.__WB_MANIFEST.map((e) => (typeof e === 'string' ? { url: e } : e));
const urlsOf = (list: Entry[]) => list.map((e) => new URL(e.url, self.location.href));
const reportUrls = urlsOf(entries.filter((e) => isReport(e.url)));
const roleUrls = urlsOf(entries.filter((e) => e.role));
const rolePaths = new Set(roleUrls.map((u) => u.pathname));
precacheAndRoute(
  entries
    .filter((e) => !isReport(e.url) && !e.role)
    .map(({ url, revision }) => ({ url, revision: revision ?? null })),
);
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

/** This version's files kept on first use: another file of the same name is kept too. */
const thisVersion = new Set([...reportUrls, ...roleUrls].map((u) => u.pathname));

/** Cache first, then network; keeping a file drops its older versions (other hashes, not
 * this version's: two modules may share a name, `decode-Ab12.js` and `decode-Cd34.js`). */
async function keep(cacheName: string, request: Request | URL): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const url = new URL(request instanceof Request ? request.url : request.href);
    for (const old of await cache.keys()) {
      const oldUrl = new URL(old.url);
      if (unhashed(oldUrl) === unhashed(url) && !thisVersion.has(oldUrl.pathname))
        await cache.delete(old);
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
registerRoute(
  ({ url, sameOrigin }) => sameOrigin && rolePaths.has(url.pathname),
  ({ request }) => keep(ROLE_CACHE, request),
);

/** This version's files of a group kept on first use, where the device used the group. */
async function refresh(cacheName: string, urls: URL[]): Promise<void> {
  const cache = await caches.open(cacheName);
  if ((await cache.keys()).length === 0) return; // never used here: nothing to refresh
  // Best effort: a failed fetch leaves the old version, fetched again on first use.
  await Promise.all(urls.map((url) => keep(cacheName, url).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(Promise.all([refresh(REPORTS_CACHE, reportUrls), refresh(ROLE_CACHE, roleUrls)]));
});

// A new version waits until the page says the outbox is empty (state/update.svelte.ts).
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
  // A device that knows its role asks for the role screens (App.svelte): fetched here, so
  // they are kept even when the page imported them before this worker controlled it.
  if (event.data?.type === KEEP_ROLE_CODE) {
    event.waitUntil(
      Promise.all(roleUrls.map((url) => keep(ROLE_CACHE, url).catch(() => undefined))),
    );
  }
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
