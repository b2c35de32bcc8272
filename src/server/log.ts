// Structured logs, one JSON object a line. Only ids, codes, counts and timings: never
// names, NIP, NIK, phone numbers or tokens (UU 27/2022).
export type LogFields = Record<string, string | number | boolean | null | undefined>;

let silent = process.env.HADIR_LOG === 'silent';

export function setSilent(value: boolean): void {
  silent = value;
}

export function log(level: 'info' | 'warn' | 'error', msg: string, fields: LogFields = {}): void {
  if (silent) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}
