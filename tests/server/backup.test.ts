// `npm run admin -- backup FILE`: the real CLI copying the database of a real server (a
// child process) while a device pushes to it over HTTP, the copy checked from its own
// file, and the restore that deploy/README.md describes. The refusals and exit codes run
// in-process against real SQLite files.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin, USAGE } from '#server/admin';
import { openDatabase, type Db } from '#server/store/database';
import {
  checkin,
  deviceFor,
  enrollDevice,
  killChildren,
  mark,
  person,
  register,
  seqOfDevice,
  startChildServer,
  tempDataDir,
} from '#tests/server/support';
import { fixture, seedFixture } from '#tests/support/fixture';

/** The real CLI, as `npm run admin` runs it (minus npm): exit code and output. */
function cli(args: string[], dataDir: string) {
  return new Promise<{ code: number; out: string; err: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/server/admin.ts', ...args],
      { env: { ...process.env, HADIR_DATA_DIR: dataDir, HADIR_LOG: 'silent' } },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? -1) : 0, out, err }),
    );
  });
}

/** What a copy holds, read from its file alone. */
function readCopy(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ids = (tbl: string) =>
      new Set(
        (
          db.prepare('SELECT id FROM rows WHERE tbl = ? AND deleted = 0').all(tbl) as {
            id: string;
          }[]
        ).map((r) => r.id),
      );
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      journal: db.pragma('journal_mode', { simple: true }),
      rows: { participants: ids('participants'), checkins: ids('checkins'), marks: ids('marks') },
    };
  } finally {
    db.close();
  }
}

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hadir-backup-'));
  dirs.push(dir);
  return dir;
};

afterEach(async () => {
  await killChildren();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterAll(killChildren);

describe('backup of a running server', () => {
  it('copies a consistent snapshot while pushes are in flight; the copy restores', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const server = await startChildServer(dataDir);
    const db = openDatabase(dataDir); // for the enrolment code, as the admin CLI would
    const desk = await enrollDevice({ url: server.url, db }, 'staff');
    db.close();
    const session = fixture.sessions.find((s) => s.batchId === fixture.batches[0]!.id)!;

    // A desk registering walk-ins, checking them in and marking them, push after push.
    const written: { seq: number; tbl: 'participants' | 'checkins' | 'marks'; id: string }[] = [];
    let acked = 0;
    let stop = false;
    const pushes = (async () => {
      // Until the backup is done, however long the CLI takes to start on a slow machine.
      for (let n = 0; !stop && n < 5000; n++) {
        const p = person({ source: 'walkin', nip: uniqueNip(n) });
        const visit = [register(p), checkin(p.id), mark(session.id, p.id)];
        const mutations = desk.stamp(...visit);
        const reply = await desk.push(mutations);
        expect(reply.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
        const [c, m] = [visit[1]!.args, visit[2]!.args] as {
          checkinId?: string;
          markId?: string;
        }[];
        written.push(
          { seq: mutations[0]!.seq, tbl: 'participants', id: p.id },
          { seq: mutations[1]!.seq, tbl: 'checkins', id: c!.checkinId! },
          { seq: mutations[2]!.seq, tbl: 'marks', id: m!.markId! },
        );
        acked = reply.lastProcessedSeq;
        await new Promise((r) => setTimeout(r, 5)); // a busy desk, not a flood
      }
    })();
    while (acked < 15 && !stop) await new Promise((r) => setTimeout(r, 10));

    const backups = scratch();
    const file = join(backups, 'hadir-2025-06-02.sqlite');
    const ackedBefore = acked;
    const run = await cli(['backup', file], dataDir);
    const ackedAfter = acked;
    stop = true;
    await pushes;

    expect(run.code, run.err).toBe(0);
    expect(ackedAfter, 'the server kept answering pushes during the backup').toBeGreaterThan(
      ackedBefore,
    );
    const copy = readCopy(file);
    expect(copy.integrity).toBe('ok');
    expect(copy.journal).toBe('delete'); // one self-contained file
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Whole pushes only: the copy's push sequence and its rows tell the same moment.
    const copied = seqInCopy(file, desk.deviceId);
    expect(copied).toBeGreaterThanOrEqual(ackedBefore); // every mutation acknowledged before
    for (const w of written) {
      expect(copy.rows[w.tbl].has(w.id), `${w.tbl} of seq ${w.seq}`).toBe(w.seq <= copied);
    }
    // What it printed is what the copy holds.
    expect(run.out).toContain(`Participants: ${copy.rows.participants.size} `);
    expect(run.out).toContain(`Check-in: ${copy.rows.checkins.size} `);
    expect(run.out).toContain(`Session marks: ${copy.rows.marks.size}`);
    expect(run.out).toContain(`(${statSync(file).size} bytes)`);
    expect(run.out).toContain('integrity_check: ok');

    // Restore as deploy/README.md says, even after an unclean stop: stop, copy over, drop
    // the -wal and -shm beside it, start.
    await server.kill();
    copyFileSync(file, join(dataDir, 'hadir.sqlite'));
    rmSync(join(dataDir, 'hadir.sqlite-wal'), { force: true });
    rmSync(join(dataDir, 'hadir.sqlite-shm'), { force: true });
    const restored = await startChildServer(dataDir);
    // The desk's token is in the copy: it pulls, and the server knows its pushes up to the copy.
    const pulled = await deviceFor(restored.url, desk).pull(null);
    expect(pulled.lastProcessedSeq).toBe(copied);
  }, 60_000);
});

/** A valid NIP per n (born 1991, day and serial from n): no merges among the walk-ins. */
function uniqueNip(n: number): string {
  const day = String(1 + (Math.floor(n / 999) % 28)).padStart(2, '0');
  return `199101${day}2015031${String((n % 999) + 1).padStart(3, '0')}`;
}

/** The last seq of a device's push stream in a copy. */
function seqInCopy(file: string, deviceId: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return seqOfDevice(db, deviceId);
  } finally {
    db.close();
  }
}

describe('backup, refusals and exit codes', () => {
  let dataDir: string;
  let db: Db;

  beforeEach(() => {
    dataDir = scratch();
    db = openDatabase(dataDir);
    seedFixture(db);
  });

  afterEach(() => {
    if (db.open) db.close();
  });

  async function admin(argv: string[], dir: string | undefined = dataDir) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(argv, {
      db,
      ...(dir !== undefined ? { dataDir: dir } : {}),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readSecret: async () => '',
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('is in the usage', () => {
    expect(USAGE).toContain('backup FILE [--force]');
  });

  it('refuses to replace a file without --force, and replaces it with --force', async () => {
    const file = join(scratch(), 'hadir.bak');
    writeFileSync(file, 'yesterday');
    writeFileSync(
      `${file}-wal`,
      'a log of yesterday’s file, never to be replayed into the new one',
    );
    const refused = await admin(['backup', file]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('yesterday');

    const forced = await admin(['backup', file, '--force']);
    expect(forced.code, forced.err).toBe(0);
    expect(readCopy(file).integrity).toBe('ok');
    expect(forced.out).toMatch(/Participants: [1-9]\d* /); // the test event's people
    // Neither a temporary file nor the old file's -wal is left beside it.
    expect(readdirSync(join(file, '..'))).toEqual(['hadir.bak']);
  });

  it('answers usage errors with exit 2', async () => {
    for (const argv of [
      ['backup'],
      ['backup', 'a.sqlite', 'b.sqlite'],
      ['backup', 'a', '--fast'],
    ]) {
      const r = await admin(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(USAGE);
    }
  });

  it('fails with exit 1, writing nothing, for a missing folder or the server’s own file', async () => {
    const missing = await admin(['backup', join(dataDir, 'no-such-folder', 'x.sqlite')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No such directory');
    for (const own of ['hadir.sqlite', 'hadir.sqlite-wal']) {
      const r = await admin(['backup', join(dataDir, own), '--force']);
      expect(r.code, own).toBe(1);
      expect(r.err).toContain("server's own database");
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('never makes an empty database for a wrong data directory', async () => {
    const empty = scratch();
    const r = await admin(['backup', join(scratch(), 'x.sqlite')], empty);
    expect(r.code).toBe(1);
    expect(r.err).toContain('No database at');
    expect(existsSync(join(empty, 'hadir.sqlite'))).toBe(false);
  });

  it('exits 0 and 1 as the real command line', async () => {
    db.close();
    const file = join(scratch(), 'copy.sqlite');
    const first = await cli(['backup', file], dataDir);
    expect(first.code, first.err).toBe(0);
    const again = await cli(['backup', file], dataDir);
    expect(again.code).toBe(1);
    expect(again.err).toContain('exists');
    const usage = await cli(['backup'], dataDir);
    expect(usage.code).toBe(2);
  }, 30_000);
});
