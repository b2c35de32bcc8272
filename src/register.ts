// Composition root of the public registration page (/r/<event id>): a small entry that
// loads no console, check-in or export code. On a first visit the page's HTML carries the
// event (static.ts), so the form shows as soon as this script runs; the database, the
// outbox and the sync engine it shares with the app load right after (RegistrationFlow),
// so a registration made offline is sent like any change.
import { mount } from 'svelte';
import RegisterApp from '#pages/register/RegisterApp.svelte';
import { loadTicket } from '#pages/register/ticket-view.ts';
import './app.css';
import type { PublishedEvent } from '#db/registration';
import { langChoice } from '#state/lang.svelte';
import { RegistrationFlow } from '#state/registration.svelte';

document.documentElement.lang = langChoice.lang;
const eventId = decodeURIComponent(location.pathname.replace(/^\/r\//, '').split('/')[0] ?? '');

/** The event the server put in the page; checked by the store before it is kept. */
function carriedEvent(): PublishedEvent | null {
  try {
    const text = document.getElementById('event-data')?.textContent;
    const carried = text ? (JSON.parse(text) as PublishedEvent) : null;
    return carried?.event?.id === eventId ? carried : null;
  } catch {
    return null;
  }
}

const flow = new RegistrationFlow(eventId, carriedEvent());
const target = document.getElementById('app')!;
target.textContent = ''; // the "loading" line painted by the HTML
mount(RegisterApp, { target, props: { flow } });
// Nothing below competes with what the person waits for: the database and sync engine
// (asked for by the flow as it was made) come first, then the ticket's code, well before
// "Daftar" is pressed. The service worker makes the page open offline next time; it waits
// until the event is on screen. Registered plainly (no update prompt here): a new version
// waits until the phone's Hadir pages are closed, so nothing unsent is reloaded away.
const shown = flow.refresh();
void flow
  .store()
  .then((store) => store.startSync(__APP_VERSION__))
  .finally(() => loadTicket().catch(() => undefined));
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void shown.finally(() => navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
