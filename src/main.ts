// Composition root: open the database, mount the app, ask for durable storage, start
// sync, and register the service worker.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { standsAlone, ticketPath } from '#domain/access';
import { seedDemoIfEmpty } from '#db/events';
import { ownEventId } from '#db/registration';
import { deviceStatus } from '#state/device.svelte';
import { errorReport } from '#state/errors.svelte';
import { locale } from '#state/locale.svelte';
import { router } from '#state/router.svelte';
import { updatePrompt } from '#state/update.svelte';

// A participant's phone opened from the home screen belongs on its ticket, which lives
// on the registration page; the staff app is not for it (App.svelte keeps it out of the
// staff screens later too, #state/access). A certificate's QR (the public verification
// page) and the phone's own certificate (linked from its ticket) open here, standing alone.
const home = standsAlone(router.route) ? undefined : await ownEventId().catch(() => undefined);
if (home) location.replace(ticketPath(home));
else start();

function start(): void {
  document.documentElement.lang = locale.lang;
  seedDemoIfEmpty().catch((e) => errorReport.report(e));
  const target = document.getElementById('app')!;
  target.textContent = ''; // the frame painted by the HTML
  mount(App, { target });
  void deviceStatus.requestPersistence();

  // Sync starts after the first screen is mounted: the engine, the organiser's API and the
  // wire schemas load meanwhile (#state/app-sync).
  void import('#state/app-sync').then((m) => m.startAppSync(__APP_VERSION__));
  if (import.meta.env.PROD) void updatePrompt.start('/sw.js');
}
