// Structured logs, one JSON object a line. Only ids, codes, counts and timings: never
// names, NIP, NIK, phone numbers or tokens (UU 27/2022).
export type LogFields = Record<string, string | number | boolean | null | undefined>;

import { processSettings } from '#server/config';

// Read on first use: a test process may set HADIR_LOG before its first line is logged.
let silent: boolean | undefined;

export function setSilent(value: boolean): void {
  silent = value;
}

export function log(level: 'info' | 'warn' | 'error', msg: string, fields: LogFields = {}): void {
  if ((silent ??= processSettings().silentLog)) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}
