// The server's one SQLite file (better-sqlite3, WAL). Migrations are versioned and run
// at start in one transaction each; never edit a released migration, add a new one.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

/** A migration is SQL, or a function for one that must decide row by row. */
type Migration = string | ((db: Db) => void);

/** A device's mutation stream: the key its pushes are numbered under, issued by the server. */
export const newStreamId = (): string => `s-${randomBytes(12).toString('base64url')}`;

const migrations: Migration[] = [
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
  // 4: a device's push sequence is keyed by a stream the server issued with its token,
  // never by the client id a request names (anyone could name another device's). Each
  // existing device gets a stream of its own that goes on from where its client id's
  // sequence stood, so no device loses its place. The earliest device of a client id keeps
  // that id as its stream name (its mutation log stays linked); a later device that named
  // the same client id (a re-enrolled browser, or someone who copied the id) gets a new one.
  (db) => {
    db.exec(`
      ALTER TABLE devices ADD COLUMN stream TEXT;
      ALTER TABLE clients RENAME TO streams;
      ALTER TABLE streams RENAME COLUMN client_id TO id;
      ALTER TABLE mutations RENAME COLUMN client_id TO stream;
      ALTER TABLE mutations ADD COLUMN device_id TEXT;
    `);
    const devices = db
      .prepare('SELECT id, client_id FROM devices ORDER BY created_at, rowid')
      .all() as { id: string; client_id: string | null }[];
    const lastSeq = db.prepare('SELECT last_seq FROM streams WHERE id = ?');
    const setStream = db.prepare('UPDATE devices SET stream = ? WHERE id = ?');
    const addStream = db.prepare('INSERT INTO streams (id, last_seq) VALUES (?, ?)');
    const named = new Set<string>();
    for (const d of devices) {
      const name = d.client_id ?? d.id;
      if (!named.has(name)) {
        named.add(name);
        if (!lastSeq.get(name)) addStream.run(name, 0);
        setStream.run(name, d.id);
        continue;
      }
      const stream = newStreamId();
      const from = lastSeq.get(name) as { last_seq: number } | undefined;
      addStream.run(stream, from?.last_seq ?? 0);
      setStream.run(stream, d.id);
    }
    db.exec('CREATE INDEX devices_stream ON devices (stream)');
  },
  // 5: check-ins taken back (checkin.void): the check-in as it was, who took it back and
  // when. Out of every count and pull; kept for the audit until the person is erased.
  `
  CREATE TABLE checkin_voids (
    checkin_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    data TEXT NOT NULL,
    voided_at TEXT NOT NULL,
    device_id TEXT NOT NULL,
    mutation_id TEXT NOT NULL
  );
  CREATE INDEX checkin_voids_p ON checkin_voids (event_id, participant_id);
  `,
  // 6: venue hubs (venue-hub.md). Upstream: devices a hub enrolled (hub_id), and the
  // registration-number blocks it reserved for each hub. A hub: what the hall did that
  // upstream has not acknowledged (relay_queue, the original mutation as sent), and the
  // blocks it holds. Every server: a mutation's id is looked up, so a mutation that reached
  // it once by one path (a hub's relay) is a duplicate by another (the device itself).
  `
  ALTER TABLE devices ADD COLUMN hub_id TEXT;
  CREATE INDEX mutations_id ON mutations (id);
  CREATE TABLE relay_queue (
    stream TEXT NOT NULL,
    seq INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    mutation TEXT NOT NULL,
    number INTEGER,
    at TEXT NOT NULL,
    PRIMARY KEY (stream, seq)
  );
  CREATE TABLE number_blocks (
    holder TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    next INTEGER NOT NULL,
    PRIMARY KEY (holder, batch_id, first)
  );
  `,
  // 7: seats per batch are counted over registrations only: the index on a row's batch
  // and status holds participants, not every check-in and mark (each of which computed
  // both, for an entry nothing reads: a sixth of a push of marks, issue 20).
  `
  DROP INDEX rows_batch_status;
  CREATE INDEX rows_batch_status ON rows (
    json_extract(data, '$.batchId'), json_extract(data, '$.status')
  ) WHERE tbl = 'participants';
  `,
];

/** The server's database in `dataDir` (another file there: a saved copy to read). */
export function openDatabase(dataDir: string, file = 'hadir.sqlite'): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = reusingStatements(new Database(join(dataDir, file)));
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged push survives power loss, not only a crash of the process.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Statements are compiled once per connection and reused: the store's functions name
 * their SQL where they use it, and compiling it on every call was a fifth of a push's
 * time (profiled). SQL built for a list's length is cached too, so the cache is bounded. */
function reusingStatements(db: Db): Db {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= 500) cache.clear();
      statement = prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  }) as Db['prepare'];
  return db;
}

/** Bring the schema up to `target` (every migration unless a test stops earlier). */
export function migrate(db: Db, target = migrations.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < target; i++) {
    const step = migrations[i]!;
    db.transaction(() => {
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${i + 1}`);
    }).immediate();
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

export function deleteMeta(db: Db, key: string): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(key);
}
