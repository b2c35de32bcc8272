// Fault injection for the protocol's fault-case tests, read once from HADIR_TEST_HOOKS
// (comma-separated, parsed by config.ts). Inert unless that variable is set; never set it in production.
//   slow-apply:MS        wait MS inside the transaction before each mutation (kill -9 mid-batch)
//   crash-after-commit   exit the process after a push commits, before it answers
//   fail-at-seq:N        a transient failure when applying seq N (503 with the prefix)
import { processSettings } from '#server/config';

const spec = processSettings().testHooks;
const entries = new Map(
  spec
    .split(',')
    .filter(Boolean)
    .map((e) => {
      const [k, v = ''] = e.split(':');
      return [k!, v] as const;
    }),
);

const pause = new Int32Array(new SharedArrayBuffer(4));

export const hooks = {
  active: entries.size > 0,
  beforeApply(seq: number): void {
    const ms = Number(entries.get('slow-apply') ?? 0);
    if (ms > 0) Atomics.wait(pause, 0, 0, ms); // synchronous: we are inside a SQLite transaction
    if (entries.has('fail-at-seq') && Number(entries.get('fail-at-seq')) === seq) {
      throw new Error('injected transient failure');
    }
  },
  afterCommit(): void {
    if (entries.has('crash-after-commit')) process.exit(99);
  },
};
