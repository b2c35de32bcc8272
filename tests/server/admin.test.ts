// The admin command line, driven in-process against a real SQLite file, and once as the
// real CLI whose printed code enrols a device on a real server over HTTP. On the database
// of a fresh install, which holds the demo event `npm start` seeds: the CLI's --event
// defaults to it, as its usage says.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_EVENT_ID } from '#domain/demo';
import { runAdmin, USAGE } from '#server/admin';
import { authenticate, checkOrganiserPassword, enroll } from '#server/auth';
import { setSilent } from '#server/log';
import { startServer, type RunningServer } from '#server/main';
import { seedDemo } from '#server/seed';
import { openDatabase, type Db } from '#server/store/database';

const run = promisify(execFile);
const CODE = /\b([A-Z0-9]{4}-[A-Z0-9]{4})\b/;

let dir: string;
let db: Db;

beforeAll(() => setSilent(true));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hadir-admin-'));
  db = openDatabase(dir);
  seedDemo(db);
});

afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function admin(argv: string[], secret = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, {
    db,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readSecret: async () => secret,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function enrolStaff(clientId = 'c1') {
  const { out } = await admin(['enroll-code', '--role', 'staff', '--name', 'Meja 1']);
  const result = enroll(db, CODE.exec(out)![1]!, { clientId, appVersion: '0.1.0' });
  expect(result).toBeDefined();
  return result!;
}

describe('admin CLI, in-process', () => {
  it('prints the usage for help and for no arguments', async () => {
    for (const argv of [[], ['help'], ['--help']]) {
      const r = await admin(argv);
      expect(r.code).toBe(0);
      expect(r.out).toBe(USAGE);
    }
    expect(USAGE).toContain('enroll-code --role staff|trainer|organiser');
  });

  it('answers an unknown command with exit 2 and the usage on stderr', async () => {
    const r = await admin(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('Unknown command: frobnicate');
    expect(r.err).toContain(USAGE);
  });

  it('sets the organiser password', async () => {
    const r = await admin(['set-password'], 'rahasia-panitia');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Organiser password set');
    expect(r.out).not.toContain('rahasia');
    expect(checkOrganiserPassword(db, 'rahasia-panitia')).toBe(true);
    expect(checkOrganiserPassword(db, 'something-else')).toBe(false);
  });

  it('refuses a password under 8 characters with exit 1 and keeps none', async () => {
    const r = await admin(['set-password'], 'short');
    expect(r.code).toBe(1);
    expect(r.err).toContain('at least 8 characters');
    expect(checkOrganiserPassword(db, 'short')).toBe(false);
  });

  it('creates a one-time code for the demo event that enrols once', async () => {
    const r = await admin(['enroll-code', '--role', 'trainer']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Enrolment code: [A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(r.out).toContain(DEMO_EVENT_ID);
    expect(r.out).toMatch(/valid until \d{4}-\d{2}-\d{2}T/);
    const code = CODE.exec(r.out)![1]!;
    const first = enroll(db, code, { clientId: 'c-trainer' });
    expect(first?.device).toMatchObject({ role: 'trainer', eventId: DEMO_EVENT_ID });
    expect(enroll(db, code, { clientId: 'c-other' })).toBeUndefined();
  });

  it('prints the code as JSON with --json', async () => {
    const r = await admin(['enroll-code', '--role', 'organiser', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      code: expect.stringMatching(CODE),
      role: 'organiser',
      eventId: DEMO_EVENT_ID,
    });
  });

  it('refuses an unknown event (exit 1) and a bad or missing role (exit 2)', async () => {
    const unknown = await admin(['enroll-code', '--role', 'staff', '--event', 'no-such-event']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown event: no-such-event');
    expect((await admin(['enroll-code', '--role', 'participant'])).code).toBe(2);
    expect((await admin(['enroll-code'])).code).toBe(2);
    expect((await admin(['enroll-code', '--role', 'staff', '--colour', 'red'])).code).toBe(2);
  });

  it('lists devices as a table and as JSON, without tokens', async () => {
    expect((await admin(['devices'])).out).toContain('No devices yet');
    const { device, token } = await enrolStaff();
    const table = await admin(['devices']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^ID\s+ROLE\s+EVENT\s+NAME\s+LAST SYNC\s+UNSENT\s+APP\s+STATUS$/m);
    expect(table.out).toContain(device.id);
    expect(table.out).toContain('Meja 1');
    expect(table.out).toContain('aktif/active');
    expect(table.out).not.toContain(token);

    const json = await admin(['devices', '--json']);
    expect(json.code).toBe(0);
    expect(json.out).not.toContain(token);
    const list = JSON.parse(json.out) as Record<string, unknown>[];
    expect(list).toEqual([
      expect.objectContaining({
        id: device.id,
        role: 'staff',
        eventId: DEMO_EVENT_ID,
        name: 'Meja 1',
        lastSyncAt: null,
        unsent: null,
        appVersion: '0.1.0',
        revoked: false,
      }),
    ]);
  });

  it("gives no device an id that reads as an option, and revokes an older one after '--'", async () => {
    const ids = await Promise.all(Array.from({ length: 200 }, (_, i) => enrolStaff(`c-${i}`)));
    expect(ids.filter(({ device }) => device.id.startsWith('-'))).toEqual([]);
    // A device enrolled before ids were drawn that way.
    db.prepare('UPDATE devices SET id = ? WHERE id = ?').run('-older', ids[0]!.device.id);
    expect((await admin(['revoke', '-older'])).code).toBe(2);
    const r = await admin(['revoke', '--', '-older']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Device revoked');
  });

  it('revokes a device so that its token answers DEVICE_REVOKED', async () => {
    const { device, token } = await enrolStaff();
    expect(authenticate(db, `Bearer ${token}`).ok).toBe(true);
    const r = await admin(['revoke', device.id]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Device revoked');
    expect(authenticate(db, `Bearer ${token}`)).toEqual({ ok: false, code: 'DEVICE_REVOKED' });

    const again = await admin(['revoke', device.id]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('already revoked');
    const list = JSON.parse((await admin(['devices', '--json'])).out) as { revoked: boolean }[];
    expect(list[0]?.revoked).toBe(true);
  });

  it('refuses to revoke an unknown device (exit 1) or nothing at all (exit 2)', async () => {
    const unknown = await admin(['revoke', 'no-such-device']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown device: no-such-device');
    expect((await admin(['revoke'])).code).toBe(2);
    expect((await admin(['revoke', 'a', 'b'])).code).toBe(2);
  });
});

describe('admin CLI, as a real process beside a real server', () => {
  let server: RunningServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('prints a code that enrols a device over HTTP exactly once', async () => {
    db.close(); // the server opens the same file
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      staticDir: 'dist',
      seed: true,
    });
    const { stdout } = await run(
      'npx',
      ['tsx', 'src/server/admin.ts', 'enroll-code', '--role', 'staff'],
      {
        env: { ...process.env, HADIR_DATA_DIR: dir, HADIR_LOG: 'silent' },
      },
    );
    const code = CODE.exec(stdout)?.[1];
    expect(code).toBeDefined();

    const enrolRequest = () =>
      fetch(`${server!.url}/api/v1/devices/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollCode: code, deviceInfo: { clientId: 'c1' } }),
      });
    const first = await enrolRequest();
    expect(first.status).toBe(200);
    const body = (await first.json()) as { token: string; role: string; eventId: string };
    expect(body.token).toEqual(expect.any(String));
    expect(body.role).toBe('staff');
    expect(body.eventId).toBe(DEMO_EVENT_ID);

    const second = await enrolRequest();
    expect(second.status).toBe(400);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe(
      'ENROLL_CODE_INVALID',
    );
  }, 60_000);
});

// `npm run admin` opens the running server's file, whatever folder it is typed in, and never
// makes a second, empty database by mistake (issue 16). Real child processes, started in
// another folder than the project's.
describe('admin CLI: which database it opens', () => {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const script = resolve('src/server/admin.ts');
  const repoData = resolve('data');
  let elsewhere: string;

  beforeEach(() => {
    db.close();
    elsewhere = mkdtempSync(join(tmpdir(), 'hadir-admin-cwd-'));
  });

  afterEach(() => {
    rmSync(elsewhere, { recursive: true, force: true });
  });

  /** The real CLI run from `cwd`, with HADIR_DATA_DIR as given (unset when undefined). */
  function cli(args: string[], cwd: string, dataDir: string | undefined, extra = {}) {
    const { HADIR_DATA_DIR: _unset, ...env } = process.env;
    return new Promise<{ code: number; out: string; err: string }>((done) => {
      execFile(
        process.execPath,
        ['--import', tsx, script, ...args],
        {
          cwd,
          env: {
            ...env,
            HADIR_LOG: 'silent',
            ...(dataDir === undefined ? {} : { HADIR_DATA_DIR: dataDir }),
            ...extra,
          },
        },
        (error, out, err) => done({ code: error ? Number(error.code ?? -1) : 0, out, err }),
      );
    });
  }

  it('uses the project’s data folder from any folder, and makes no ./data where it is typed', async () => {
    const existed = existsSync(join(repoData, 'hadir.sqlite'));
    const r = await cli(['devices', '--json'], elsewhere, undefined);
    expect(r.err).toContain(join(repoData, 'hadir.sqlite'));
    expect(existsSync(join(elsewhere, 'data'))).toBe(false);
    if (existed) {
      expect(r.code, r.err).toBe(0);
      expect(() => JSON.parse(r.out) as unknown).not.toThrow();
    } else {
      // No server ever ran in this checkout: refused, and nothing was created there either.
      expect(r.code).toBe(1);
      expect(r.err).toContain('No database at');
      expect(existsSync(join(repoData, 'hadir.sqlite'))).toBe(false);
    }
  }, 60_000);

  it('refuses a folder without a database, naming the file, and creates nothing', async () => {
    const empty = mkdtempSync(join(elsewhere, 'kosong-'));
    for (const args of [['devices'], ['enroll-code', '--role', 'staff'], ['check']]) {
      const r = await cli(args, elsewhere, empty);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toContain('Basis data tidak ada / No database at');
      expect(r.err).toContain(join(empty, 'hadir.sqlite'));
      expect(r.out).toBe('');
    }
    expect(existsSync(join(empty, 'hadir.sqlite'))).toBe(false);
    const missing = join(elsewhere, 'tidak-ada');
    expect((await cli(['devices'], elsewhere, missing)).code).toBe(1);
    expect(existsSync(missing)).toBe(false);
  }, 60_000);

  it('names the file it used on stderr, so --json stays clean; a relative HADIR_DATA_DIR is the typed folder’s', async () => {
    const r = await cli(['devices', '--json'], dirname(dir), basename(dir));
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual([]);
    expect(r.err.trim()).toBe(`Basis data / Database: ${join(dir, 'hadir.sqlite')}`);
  }, 60_000);

  it('set-password may set up a new server: it creates the database', async () => {
    const fresh = join(elsewhere, 'server-baru');
    const r = await cli(['set-password'], elsewhere, fresh, {
      HADIR_ADMIN_PASSWORD: 'rahasia-panitia-2025',
    });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(join(fresh, 'hadir.sqlite'));
    const created = openDatabase(fresh);
    try {
      expect(checkOrganiserPassword(created, 'rahasia-panitia-2025')).toBe(true);
    } finally {
      created.close();
    }
  }, 60_000);
});
