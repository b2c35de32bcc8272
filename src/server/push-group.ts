// Pushes that arrive together are committed together: each push runs as it always does
// (in order, exactly once, its own savepoint), and one COMMIT makes them all durable.
// With 50 desks pushing at once, a commit per push (and its fsync, with synchronous=FULL)
// was most of the server's time and queued every desk behind the others (issue 20). A
// push answered has been committed: nothing is acknowledged before it is on disk.
import type { Device } from '#server/auth';
import { hooks } from '#server/hooks';
import { push, type PushOptions, type PushResult } from '#server/push';
import type { Db } from '#server/store/database';
import type { PushRequest } from '#sync/protocol';

/** A group stops growing here (its first push always goes): one transaction of a few
 * thousand mutations holds the event loop for tens of milliseconds, not seconds. */
const GROUP_MUTATIONS = 2_000;

interface Waiting {
  device: Device;
  req: PushRequest;
  opts: PushOptions;
  resolve(result: PushResult): void;
  reject(error: unknown): void;
}

export class PushGroups {
  readonly #db: Db;
  readonly #secret: string;
  #waiting: Waiting[] = [];
  #scheduled = false;

  constructor(db: Db, secret: string) {
    this.#db = db;
    this.#secret = secret;
  }

  /** Apply a device's push with whatever else arrived meanwhile; settles once committed. */
  push(device: Device, req: PushRequest, opts: PushOptions = {}): Promise<PushResult> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ device, req, opts, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // After the requests already read from their sockets have queued here too.
    setImmediate(() => {
      this.#scheduled = false;
      this.#commit();
    });
  }

  #commit(): void {
    let size = 0;
    let take = 0;
    while (take < this.#waiting.length && (take === 0 || size < GROUP_MUTATIONS)) {
      size += this.#waiting[take]!.req.mutations.length;
      take++;
    }
    const group = this.#waiting.splice(0, take);
    if (this.#waiting.length > 0) this.#schedule();
    const answers: (() => void)[] = [];
    try {
      this.#db
        .transaction(() => {
          for (const w of group) {
            // Inside the group's transaction a push is a savepoint: one that fails (a
            // device's own request refused) is undone alone.
            try {
              const result = push(this.#db, w.device, w.req, this.#secret, w.opts);
              answers.push(() => w.resolve(result));
            } catch (e) {
              answers.push(() => w.reject(e));
            }
          }
        })
        .immediate();
    } catch (e) {
      for (const w of group) w.reject(e); // nothing of the group was committed
      return;
    }
    hooks.afterCommit();
    for (const answer of answers) answer();
  }
}
