// `backup FILE [--force]`: a copy of the server's SQLite file, taken while the server runs.
// SQLite's online backup reads one consistent snapshot (WAL: the server's writers go on
// meanwhile), so the copy holds whole pushes only. The copy is written beside FILE under
// a temporary name, checked (integrity_check) and counted from the copy itself, and only
// then given its name: a failed or interrupted backup never leaves a file that looks good.
// Restore (deploy/README.md): stop the server, copy the file over hadir.sqlite, delete
// hadir.sqlite-wal and -shm beside it, start the server.
import Database from 'better-sqlite3';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { options, UsageError, UserError, type AdminIo } from '#server/admin-cli';
import { countLive } from '#server/store/rows';

/**
 * Pages per backup step: all of them. Copied in small steps, a copy restarts whenever
 * the server writes between two steps, and under steady pushes might never finish; one
 * step is one read transaction, which in WAL mode holds no writer back.
 */
const ALL_PAGES = 0x7fffffff;

export interface BackupSummary {
  bytes: number;
  participants: number;
  checkins: number;
  marks: number;
}

/** A path with its directory's symlinks resolved (the directory must exist). */
const real = (path: string) => join(realpathSync(dirname(path)), basename(path));

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Open the copy, make it one self-contained file, check it and count what it holds. */
function verify(copy: string): Omit<BackupSummary, 'bytes'> {
  const db = new Database(copy, { fileMustExist: true });
  try {
    // The source is in WAL mode and so is the copy's header: rollback mode makes the
    // backup a single file; the server turns WAL back on when it opens a restored copy.
    db.pragma('journal_mode = DELETE');
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (problems.join() !== 'ok') {
      throw new UserError(
        `Salinan rusak / The copy fails integrity_check: ${problems.slice(0, 3)}`,
      );
    }
    return {
      participants: countLive(db, 'participants'),
      checkins: countLive(db, 'checkins'),
      marks: countLive(db, 'marks'),
    };
  } finally {
    db.close();
  }
}

/** Back up `io.db` to `file`; refuses to replace a file unless `force`. */
export async function backupDatabase(
  io: AdminIo,
  file: string,
  force: boolean,
): Promise<BackupSummary> {
  const target = resolve(file);
  if (!existsSync(dirname(target))) {
    throw new UserError(`Folder tidak ada / No such directory: ${dirname(target)}`);
  }
  if (existsSync(target) && !force) {
    throw new UserError(`Berkas sudah ada / ${target} exists (--force replaces it)`);
  }
  const source = real(io.db.name);
  if (['', '-wal', '-shm', '-journal'].some((end) => real(target) === source + end)) {
    throw new UserError(`Itu basis data server / That is the server's own database: ${target}`);
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  // The copy holds every person's data and the server's secret: readable by its owner only.
  const umask = process.umask(0o077);
  try {
    await io.db.backup(tmp, { progress: () => ALL_PAGES }).catch((e: Error) => {
      throw new UserError(`Tidak dapat menulis / Cannot write ${tmp}: ${e.message}`);
    });
    const counts = verify(tmp);
    fsyncPath(tmp);
    if (force) {
      // A -wal beside the old FILE would be replayed into the new one when it is opened.
      for (const end of ['-wal', '-shm', '-journal']) rmSync(target + end, { force: true });
      renameSync(tmp, target);
    } else {
      try {
        linkSync(tmp, target); // unlike rename, fails if FILE appeared meanwhile
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        throw new UserError(`Berkas sudah ada / ${target} exists (--force replaces it)`);
      }
    }
    fsyncPath(dirname(target)); // the new name survives a power cut too
    return { bytes: statSync(target).size, ...counts };
  } finally {
    process.umask(umask);
    for (const end of ['', '-journal', '-wal', '-shm']) rmSync(tmp + end, { force: true });
  }
}

function size(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export async function backupCommand(args: string[], io: AdminIo): Promise<void> {
  const { values, positionals } = options(args, { force: { type: 'boolean' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('backup needs a FILE to write (e.g. hadir-2025-06-02.sqlite)');
  // Opening a data directory without a database makes an empty one: a backup of a wrong
  // HADIR_DATA_DIR must fail, not copy nothing every night.
  if (io.dataDir !== undefined && !existsSync(join(io.dataDir, 'hadir.sqlite'))) {
    throw new UserError(
      `Basis data tidak ada / No database at ${join(io.dataDir, 'hadir.sqlite')}`,
    );
  }
  const s = await backupDatabase(io, file, values.force ?? false);
  io.out(`Cadangan / Backup → ${resolve(file)}`);
  io.out(`  Ukuran / Size: ${size(s.bytes)} (${s.bytes} bytes)`);
  io.out(
    `  Peserta / Participants: ${s.participants} · Check-in: ${s.checkins} · ` +
      `Presensi sesi / Session marks: ${s.marks}`,
  );
  io.out('  integrity_check: ok');
}
