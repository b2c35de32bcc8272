// Composition root of the public registration page (/r/<event id>): a small entry that
// loads no console, check-in or export code. It shares the database, the outbox and the
// sync engine with the app, so a registration made offline is sent like any change.
import { mount } from 'svelte';
import RegisterApp from '#pages/register/RegisterApp.svelte';
import { loadTicket } from '#pages/register/ticket-view.ts';
import './app.css';
import { SyncEngine } from '#sync/engine';
import { SyncScheduler } from '#sync/scheduler';
import { Transport } from '#sync/transport';
import { langChoice } from '#state/lang.svelte';
import { RegistrationFlow } from '#state/registration.svelte';
import { secureContext } from '#state/secure-context.svelte';
import { syncStatus } from '#state/sync.svelte';

document.documentElement.lang = langChoice.lang;
const eventId = decodeURIComponent(location.pathname.replace(/^\/r\//, '').split('/')[0] ?? '');
const transport = new Transport({ baseUrl: location.origin });
void secureContext.load(transport);
const flow = new RegistrationFlow(eventId);
const target = document.getElementById('app')!;
target.textContent = ''; // the "loading" line painted by the HTML
mount(RegisterApp, { target, props: { flow } });
// The service worker makes the page open offline next time. Its precache download waits
// until the event is on screen: on a slow link it would compete with what the person is
// waiting for. Registered plainly (no update prompt here): a new version waits until the
// phone's Hadir pages are closed, so nothing unsent is ever reloaded away.
const shown = flow.refresh(transport);
// The ticket's code, fetched once the event is on screen (not before: on a slow link it
// would compete with what the person waits for), well before "Daftar" is pressed.
void shown.finally(() => loadTicket().catch(() => undefined));

const engine = new SyncEngine({ transport, appVersion: __APP_VERSION__ });
const scheduler = new SyncScheduler(engine);
syncStatus.attach(engine, scheduler);
scheduler.start();
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void shown.finally(() => navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
