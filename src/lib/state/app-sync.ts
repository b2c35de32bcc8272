// The app's sync and its organiser API, started once the first screen is mounted (main.ts).
import { AdminApi } from '#sync/admin';
import { startSync } from '#state/start-sync';
import { Transport } from '#sync/transport';
import { organiserConsole } from '#state/organiser.svelte';
import { secureContext } from '#state/secure-context.svelte';
import { serverChoice, syncServerUrl } from '#state/server-choice.svelte';

export async function startAppSync(appVersion: string): Promise<void> {
  // The sync server serves this app, so the API is on the same origin, unless a desk of a
  // venue hub chose to send to the office directly (its hub died).
  const own = new Transport({ baseUrl: location.origin });
  const transport = new Transport({ baseUrl: await syncServerUrl() });
  void secureContext.load(own);
  void serverChoice.load(own);
  organiserConsole.attach(new AdminApi(transport));
  startSync({ transport, appVersion, onPullAnswer: (json) => serverChoice.hear(json) });
}
