// Sync started on a page: the engine over `transport`, its scheduler, and the status the
// page shows. Loaded after a page's first screen (main.ts, register.ts): the engine and the
// wire schemas are not needed to paint it, and on a weak link they are bytes it would wait on.
import { SyncEngine, type EngineOptions } from '#sync/engine';
import { SyncScheduler } from '#sync/scheduler';
import { syncStatus } from '#state/sync.svelte';

export function startSync(options: EngineOptions): SyncEngine {
  const engine = new SyncEngine(options);
  const scheduler = new SyncScheduler(engine);
  syncStatus.attach(engine, scheduler);
  scheduler.start();
  return engine;
}
