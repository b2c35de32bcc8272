// References measured in the same run as the figure they are held against: this shared
// 2-core machine's speed moves by a third from one hour to the next, so a goal is held
// as a ratio to what the bare stack does on it right now (see Report.ratio).
//
// The server's: a bare `node:http` server in its own process (as our server runs), taking
// the same JSON push bodies and inserting each mutation as a row of a SQLite table
// (better-sqlite3, WAL, synchronous=FULL as src/server/store/database.ts opens ours), one
// transaction per batch with a prepared statement: the floor of "SQLite + HTTP" here.
// Run as `node --import tsx bench/reference.ts serve <dir>`; startReferenceServer does.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';

export interface ReferenceServer {
  url: string;
  stop(): Promise<void>;
}

/** The bare server in a process of its own, its database in `dataDir`. */
export async function startReferenceServer(dataDir: string): Promise<ReferenceServer> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/reference.ts', 'serve', dataDir],
    {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let output = '';
  proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /listening at (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`reference server exited:\n${output}`)));
  });
  return {
    url,
    async stop() {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    },
  };
}

/** Every POST: `{ mutations: [{ seq, id, args, ... }] }` in, one row a mutation, one
 * transaction; answered `{ lastProcessedSeq, results: [] }` (what bench/wire.ts checks). */
function serve(dataDir: string): void {
  const db = new Database(join(dataDir, 'reference.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // No key: the floor (and (d) sends the same pushes to it twice).
  db.exec('CREATE TABLE IF NOT EXISTS rows (id TEXT NOT NULL, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (id, data) VALUES (?, ?)');
  type Item = { seq: number; id: string; args: unknown };
  const write = db.transaction((items: Item[]) => {
    for (const m of items) insert.run(m.id, JSON.stringify(m.args));
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { mutations } = JSON.parse(Buffer.concat(chunks).toString()) as { mutations: Item[] };
      write(mutations);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ lastProcessedSeq: mutations.at(-1)!.seq, results: [] }));
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    console.log(`listening at http://127.0.0.1:${address.port}`);
  });
}

if (process.argv[2] === 'serve' && import.meta.url === pathToFileURL(process.argv[1]!).href) {
  serve(process.argv[3]!);
}

// ---------------------------------------------------------------------------------------
// In a page of the app (bench/desk.ts): the machine's speed where the desk runs.

/** What `installPageReference` puts on the page's `globalThis.reference`. */
export interface PageReference {
  /** `times` scans of the page's strings (a plain loop looking for five substrings in
   * each, allocating nothing: no garbage left for the measured work to collect), ms each. */
  scan(times: number): number[];
  /** One row put in a readwrite transaction of a database of its own (Dexie, as the app
   * writes), awaited until committed; ms. */
  put(): Promise<number>;
}

/** Dexie (its UMD build) and the reference's work on `page`, over `strings`. */
export async function installPageReference(page: Page, strings: string[]): Promise<void> {
  const dexie = readFileSync('node_modules/dexie/dist/dexie.min.js', 'utf8')
    .replace(/\/\/# sourceMappingURL=.*$/m, '')
    .trim()
    .replace(/;$/, '');
  await page.evaluate(dexie);
  const lower = strings.map((s) => s.toLowerCase());
  await page.evaluate(async (strings) => {
    type Db = {
      version(n: number): { stores(s: Record<string, string>): void };
      open(): Promise<unknown>;
      transaction(mode: string, table: unknown, fn: () => Promise<unknown>): Promise<unknown>;
      table(name: string): { put(row: unknown): Promise<unknown> };
    };
    const g = globalThis as unknown as {
      Dexie: new (name: string) => Db;
      reference: PageReference;
    };
    const db = new g.Dexie('hadir-reference');
    db.version(1).stores({ checkins: 'id, participantId, [eventId+day]' });
    await db.open();
    const checkins = db.table('checkins');
    let n = 0;
    let hits = 0; // the scans' result, kept where nobody reads it
    g.reference = {
      scan(times) {
        const out: number[] = [];
        for (let k = 0; k < times; k++) {
          const t0 = performance.now();
          for (const q of ['nur', 'siti', 'ahmad', 'perpus', 'banjar']) {
            for (const s of strings) if (s.includes(q)) hits++;
          }
          out.push(performance.now() - t0);
        }
        Object.assign(g, { referenceHits: hits });
        return out;
      },
      async put() {
        const at = new Date().toISOString();
        const row = {
          id: `reference-${++n}`,
          participantId: `p${n}`,
          eventId: 'e',
          day: at.slice(0, 10),
          at,
        };
        const t0 = performance.now();
        await db.transaction('rw', checkins, () => checkins.put(row));
        return performance.now() - t0;
      },
    };
    g.reference.scan(10); // warmed up
  }, lower);
}
