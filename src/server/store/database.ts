// The server's one SQLite file (better-sqlite3, WAL). Migrations are versioned and run
// at start in one transaction each; never edit a released migration, add a new one.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

const migrations: string[] = [
  // 1: devices, enrolment, the synced rows, identity, audit, mutation log.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    event_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    client_id TEXT,
    token_hash TEXT UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT,
    last_sync_at TEXT,
    unsent INTEGER,
    app_version TEXT
  );
  CREATE INDEX devices_client ON devices (client_id);

  -- Exactly-once, in-order apply: the last seq applied per client id. Kept apart from
  -- devices so a re-enrolled browser (same client id) keeps its numbering.
  CREATE TABLE clients (client_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL DEFAULT 0);

  CREATE TABLE enroll_codes (
    code_hash TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    event_id TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    device_id TEXT
  );

  -- Every synced row of every table, one change log: pull reads (v, tbl, id) > cursor.
  -- owner: the device that created it (a participant may read its own registration).
  -- hlcs: per-field HLC stamps for last-writer-wins; never sent to devices.
  CREATE TABLE rows (
    tbl TEXT NOT NULL,
    id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    owner TEXT,
    data TEXT NOT NULL,
    hlcs TEXT NOT NULL DEFAULT '{}',
    v INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tbl, id)
  );
  CREATE INDEX rows_v ON rows (v, tbl, id);
  CREATE INDEX rows_event ON rows (event_id, tbl);
  -- Seats taken per batch, counted at every self-registration.
  CREATE INDEX rows_batch_status ON rows (
    tbl, json_extract(data, '$.batchId'), json_extract(data, '$.status')
  );

  -- National ids (NIP, NIK) compared through an HMAC: first committed wins.
  CREATE TABLE national_ids (
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    hmac TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    PRIMARY KEY (event_id, kind, hmac)
  );

  CREATE TABLE participant_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    old_hlc TEXT,
    new_value TEXT,
    new_hlc TEXT NOT NULL,
    client_id TEXT NOT NULL,
    mutation_id TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX participant_audit_p ON participant_audit (participant_id);

  -- What happened to every mutation any device sent: accounting, never pulled.
  CREATE TABLE mutations (
    client_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    code TEXT,
    canonical_id TEXT,
    v INTEGER NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (client_id, seq)
  );
  `,
  // 2: a trainer's enrolment code names the sessions the new device may mark.
  `
  ALTER TABLE enroll_codes ADD COLUMN session_ids TEXT NOT NULL DEFAULT '[]';
  `,
  // 3: issued certificates. data: what the certificate states (a snapshot, so the public
  // check shows what was printed); code: the random verification code in its QR.
  `
  CREATE TABLE certificates (
    event_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    number TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    revoked_at TEXT,
    PRIMARY KEY (event_id, participant_id),
    UNIQUE (event_id, seq)
  );
  `,
];

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'hadir.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged push survives power loss, not only a crash of the process.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < migrations.length; i++) {
    db.transaction(() => {
      db.exec(migrations[i]!);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
