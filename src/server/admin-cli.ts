// Shared pieces of the admin command line: its I/O, option parsing, its two errors, and
// which database it opens.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Db } from '#server/store/database';
import { processSettings } from '#server/config';

export const MIN_PASSWORD_LENGTH = 8;

/** The project's own folder (two up from src/server), wherever the command runs from. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The server's data directory: HADIR_DATA_DIR when set (relative to the current folder,
 * as a shell gives it), else the project's ./data, which is where `npm start` keeps it,
 * not ./data of whatever folder the command was typed in.
 */
export function adminDataDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const set = env.HADIR_DATA_DIR;
  return set ? resolve(cwd, set) : join(REPOSITORY_ROOT, 'data');
}

export const databaseFile = (dataDir: string): string => join(dataDir, 'hadir.sqlite');

/** The one command that may start a database: setting the password is the first step of
 * setting up a server (README). Everything else needs the server's existing file: opening
 * a wrong folder must fail, not answer from an empty second database. */
const CREATES_DATABASE: ReadonlySet<string> = new Set(['set-password', 'hub join']);

/** Why the command stops before opening a database that is not there. */
export function missingDatabase(dataDir: string, command: string | undefined): string | undefined {
  const file = databaseFile(dataDir);
  if (existsSync(file) || (command !== undefined && CREATES_DATABASE.has(command)))
    return undefined;
  return (
    `Basis data tidak ada / No database at ${file}. ` +
    'Jalankan server sekali (npm start) atau setel HADIR_DATA_DIR ke folder data server / ' +
    'Start the server once (npm start) or set HADIR_DATA_DIR to the server’s data folder.'
  );
}

export interface AdminIo {
  db: Db;
  /** The data directory, when known: backup refuses to open (so create) a missing database. */
  dataDir?: string;
  out(line: string): void;
  err(line: string): void;
  /** The new organiser password (environment, hidden prompt or one line of stdin). */
  readSecret(): Promise<string>;
}

export class UsageError extends Error {}
export class UserError extends Error {}

export function options<T extends Record<string, { type: 'string' | 'boolean' }>>(
  args: string[],
  spec: T,
  positionals: number,
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`Unexpected argument: ${parsed.positionals[positionals]}`);
  }
  return parsed;
}

/** A line typed without echo (raw mode), for a person at a terminal. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (fn: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      fn();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(value));
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) {
          return finish(() => reject(new Error('Dibatalkan / Cancelled')));
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
    process.stdin.destroy();
  }
}

/** The new organiser password: HADIR_ADMIN_PASSWORD, else a hidden prompt typed twice on a
 * terminal, else one line of stdin. */
export async function readSecret(): Promise<string> {
  const fromEnv = processSettings().adminPassword;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) return readLine();
  const first = await promptHidden('Kata sandi baru / New password: ');
  if (first.length < MIN_PASSWORD_LENGTH) return first; // runAdmin explains the rule
  const again = await promptHidden('Ulangi / Repeat: ');
  if (again !== first) throw new Error('Kata sandi tidak sama / The passwords differ');
  return first;
}
