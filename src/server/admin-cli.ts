// Shared pieces of the admin command line: its I/O, option parsing and its two errors.
import { parseArgs } from 'node:util';
import type { Db } from '#server/store/database';

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
