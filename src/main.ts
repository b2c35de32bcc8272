// Composition root: open the database, mount the app, ask for durable storage, and
// register the service worker.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { standsAlone, ticketPath } from '#domain/access';
import { seedDemoIfEmpty } from '#db/events';
import { ownEventId } from '#db/registration';
import { AdminApi } from '#sync/admin';
import { SyncEngine } from '#sync/engine';
import { SyncScheduler } from '#sync/scheduler';
import { Transport } from '#sync/transport';
import { deviceStatus } from '#state/device.svelte';
import { errorReport } from '#state/errors.svelte';
import { locale } from '#state/locale.svelte';
import { organiserConsole } from '#state/organiser.svelte';
import { router } from '#state/router.svelte';
import { secureContext } from '#state/secure-context.svelte';
import { serverChoice, syncServerUrl } from '#state/server-choice.svelte';
import { syncStatus } from '#state/sync.svelte';
import { updatePrompt } from '#state/update.svelte';

// A participant's phone opened from the home screen belongs on its ticket, which lives
// on the registration page; the staff app is not for it (App.svelte keeps it out of the
// staff screens later too, #state/access). A certificate's QR (the public verification
// page) and the phone's own certificate (linked from its ticket) open here, standing alone.
const home = standsAlone(router.route) ? undefined : await ownEventId().catch(() => undefined);
if (home) location.replace(ticketPath(home));
else await start();

async function start(): Promise<void> {
  document.documentElement.lang = locale.lang;
  seedDemoIfEmpty().catch((e) => errorReport.report(e));
  mount(App, { target: document.getElementById('app')! });
  void deviceStatus.requestPersistence();

  // The sync server serves this app, so the API is on the same origin, unless a desk of a
  // venue hub chose to send to the office directly (its hub died).
  const own = new Transport({ baseUrl: location.origin });
  const transport = new Transport({ baseUrl: await syncServerUrl() });
  void secureContext.load(own);
  void serverChoice.load(own);
  const engine = new SyncEngine({
    transport,
    appVersion: __APP_VERSION__,
    onPullAnswer: (json) => serverChoice.hear(json),
  });
  organiserConsole.attach(new AdminApi(transport));
  const scheduler = new SyncScheduler(engine);
  syncStatus.attach(engine, scheduler);
  scheduler.start();
  if (import.meta.env.PROD) void updatePrompt.start('/sw.js');
}
