// Randomised convergence: five simulated devices (an organiser, three check-in desks and
// a trainer) make thousands of random changes against the real server over real HTTP,
// with offline stretches, server restarts on the same SQLite file and port, and push
// requests delivered twice. At the end every device must hold what the server holds, as
// its role sees it; every device must agree on every attendance state; and every
// mutation any device made must be accounted for, exactly once, on the server.
//
// Seeded and reproducible: HADIR_SEED=<n> replays a run's choices (ids, clocks and thus
// last-writer-wins outcomes come from the real clock and crypto.randomUUID, so only the
// choices repeat). HADIR_CONVERGENCE_OPS=<n> shortens a run while reducing a failure. On
// failure the seed and the path of the full operation log are printed.
//
// The simulation is in tests/sync/convergence/simulation.ts, the oracles in
// tests/sync/convergence/oracles.ts; this file runs one and asks the other.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutboxRow } from '#db/database';
import { saveSession } from '#db/events';
import {
  checkAccounting,
  checkDuplicates,
  checkViews,
  checkWinners,
  localView,
  winners,
  type Table,
  type View,
} from '#tests/sync/convergence/oracles';
import {
  DEVICES,
  OPS,
  SEED,
  TRAINER_SESSION_IDS,
  World,
  type Sim,
} from '#tests/sync/convergence/simulation';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';

let world: World | undefined;

afterAll(async () => {
  await world?.server.stop();
  if (world) rmSync(world.dataDir, { recursive: true, force: true });
});

describe('randomised convergence', () => {
  it(
    `converges: ${DEVICES.length} devices × ${OPS} random operations (seed ${SEED})`,
    { timeout: 300_000 },
    async ({ onTestFailed }) => {
      const started = performance.now();
      const w = await World.start();
      world = w;
      onTestFailed(() => {
        const path = join(tmpdir(), `hadir-convergence-${SEED}.log`);
        writeFileSync(path, w.log.join('\n') + '\n');
        console.error(
          `convergence failed with seed ${SEED} (rerun: HADIR_SEED=${SEED}); ` +
            `operation log: ${path}\nlast operations:\n${w.log.slice(-40).join('\n')}`,
        );
      });

      for (const [name, role] of DEVICES) w.sims.push(await w.addDevice(name, role));
      const org = w.sims.find((s) => s.role === 'organiser')!;
      const trainer = w.sims.find((s) => s.role === 'trainer')!;
      // The organiser assigns three sessions to the trainer's device (its server id).
      await w.sync(org);
      for (const sessionId of TRAINER_SESSION_IDS) {
        const session = (await org.device.act(() => org.device.db.sessions.get(sessionId)))!;
        await org.device.act(() =>
          saveSession({ ...session, trainerDeviceIds: [trainer.device.deviceId] }),
        );
      }
      for (const sim of w.sims) await w.sync(sim);
      w.log.push(`setup: ${trainer.device.deviceId} marks ${TRAINER_SESSION_IDS.join(', ')}`);

      for (let i = 0; i < OPS; i++) await w.step(i);
      const operations = Object.values(w.stats.ops).reduce((s, n) => s + n, 0);
      w.log.push(`end of the random run: ${operations} operations`);

      // Every device online again: push and pull until a whole round moves nothing.
      for (const sim of w.sims) sim.offlineUntil = 0;
      let rounds = 0;
      for (let quiet = false; !quiet;) {
        expect(++rounds, 'devices did not settle in 10 rounds').toBeLessThanOrEqual(10);
        quiet = true;
        for (const sim of w.sims) {
          const run = await w.sync(sim);
          if (run.state !== 'idle' || run.pushed > 0 || run.pulled > 0) quiet = false;
        }
      }
      w.log.push(`settled after ${rounds} rounds`);

      // Fresh devices pull everything from a null cursor (the reset snapshot).
      const observers = [
        await w.addDevice('obs-staff', 'staff'),
        await w.addDevice('obs-trainer', 'trainer'),
      ];
      for (const o of observers) expect((await w.sync(o)).state).toBe('idle');
      const everyone = [...w.sims, ...observers];

      const views = new Map<Sim, View>();
      for (const sim of everyone) views.set(sim, await localView(sim.device));
      const outboxes = new Map<Sim, OutboxRow[]>();
      for (const sim of everyone) {
        outboxes.set(
          sim,
          await sim.device.act(() => sim.device.db.outbox.orderBy('seq').toArray()),
        );
      }
      const accounting = checkAccounting(w.db, outboxes);
      const failures = [
        ...checkViews(w.db, views),
        ...checkWinners(w.db, views),
        ...accounting.failures,
        ...checkDuplicates(w.db, [...outboxes.values()].flat(), w.nips.keys()),
      ];
      expect(
        winners(views.get(trainer)!.marks).size,
        'the trainer sees attendance states',
      ).toBeGreaterThan(0);

      const count = (tbl: Table) =>
        (
          w.db
            .prepare('SELECT count(*) AS n FROM rows WHERE tbl = ? AND event_id = ?')
            .get(tbl, FIXTURE_EVENT_ID) as { n: number }
        ).n;
      const summary = {
        seed: SEED,
        devices: everyone.map((s) => `${s.name}:${s.role}`),
        operations,
        byKind: w.stats.ops,
        nipReuses: w.stats.nipReuses,
        mutations: accounting.total,
        outcomes: accounting.outcomes,
        rejections: accounting.rejections,
        server: {
          participants: count('participants'),
          aliases: count('aliases'),
          checkins: count('checkins'),
          marks: count('marks'),
        },
        syncRuns: w.stats.syncs,
        largestSync: { pushed: w.stats.maxPushed, pulled: w.stats.maxPulled },
        syncNotIdle: w.stats.syncNotIdle,
        offlineWindows: w.stats.offlineWindows,
        restarts: w.stats.restarts,
        replays: `${w.stats.replays} (${w.stats.replayedMutations} mutations)`,
        settleRounds: rounds,
        seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      };
      console.log(`convergence summary ${JSON.stringify(summary, null, 2)}`);
      expect(failures.slice(0, 60), `${failures.length} failures (seed ${SEED})`).toEqual([]);
      expect(operations).toBeGreaterThanOrEqual(OPS * 0.95);
    },
  );
});
