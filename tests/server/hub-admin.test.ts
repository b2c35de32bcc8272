// `npm run admin -- hub join|status|wipe` on a laptop, against a real office server on
// 127.0.0.1: pairing takes the event, status tells the uplink, and the wipe after the event
// refuses while the office lacks anything (venue-hub.md rule 6).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAdmin } from '#server/admin';
import { createEnrollCode, enroll } from '#server/auth';
import { openDatabase, type Db } from '#server/store/database';
import { countLive } from '#server/store/rows';
import { queueSize } from '#server/store/hub';
import { enrolStaff } from '#tests/support/device';
import { checkin } from '#tests/support/drafts';
import { fixture, FIXTURE_EVENT_ID } from '#tests/support/fixture';
import { startTestServer, tempDataDir, type TestServer } from '#tests/support/server';
import { startTcpProxy } from '#tests/support/tcp-proxy';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function admin(dataDir: string, argv: string[]) {
  let db: Db | undefined;
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, {
    get db() {
      db ??= openDatabase(dataDir);
      return db;
    },
    dataDir,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readSecret: async () => '',
  });
  if (db?.open) db.close();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function office(): Promise<TestServer> {
  const server = await startTestServer();
  open.push(server);
  return server;
}

const hubCode = (s: TestServer) =>
  createEnrollCode(s.db, { role: 'hub', eventId: FIXTURE_EVENT_ID }).code;

describe('npm run admin -- hub', () => {
  it('joins a laptop to the office’s event with a hub code and reports its uplink', async () => {
    const upstream = await office();
    const dir = tempDataDir();
    const joined = await admin(dir, ['hub', 'join', upstream.url, hubCode(upstream)]);
    expect(joined.err).toBe('');
    expect(joined.code).toBe(0);
    expect(joined.out).toContain(`${fixture.people.length} peserta`);
    const db = openDatabase(dir);
    expect(countLive(db, 'participants')).toBe(fixture.people.length);
    db.close();
    const status = await admin(dir, ['hub', 'status', '--json']);
    expect(JSON.parse(status.out)).toMatchObject({
      upstream: upstream.url,
      eventId: FIXTURE_EVENT_ID,
      queued: 0,
      oldestUnsent: null,
    });
    expect(JSON.parse(status.out).lastContact).toMatch(/^\d{4}-/);
    // An enrolment code made at the hub is for its event, not the demo's.
    const code = await admin(dir, ['enroll-code', '--role', 'staff', '--json']);
    expect(JSON.parse(code.out).eventId).toBe(FIXTURE_EVENT_ID);
  });

  it('says clearly when the code is wrong, and a plain server is no hub', async () => {
    const upstream = await office();
    const dir = tempDataDir();
    const wrong = await admin(dir, ['hub', 'join', upstream.url, 'AAAA-BBBB']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/Kode hub salah/);
    expect((await admin(dir, ['hub', 'status'])).err).toMatch(/bukan hub/);
    expect((await admin(dir, ['hub', 'wipe'])).err).toMatch(/bukan hub/);
    expect((await admin(dir, ['hub', 'join', upstream.url])).code).toBe(2);
    // The hub's token goes to the office: never over plain HTTP to another machine.
    const plain = await admin(dir, ['hub', 'join', 'http://kantor.example', 'AAAA-BBBB']);
    expect(plain.code).toBe(2);
    expect(plain.err).toMatch(/https:\/\//);
  });

  it('refuses to wipe while the office lacks something, unless forced with a saved copy', async () => {
    const upstream = await office();
    const proxy = await startTcpProxy(upstream.url);
    open.push(proxy);
    const dir = tempDataDir();
    expect((await admin(dir, ['hub', 'join', proxy.url, hubCode(upstream)])).code).toBe(0);
    const hub = await startTestServer({ dataDir: dir, seed: 'none', uplinkMs: 50 });
    proxy.cut();
    const desk = await enrolStaff({ url: hub.url, db: hub.db, eventId: FIXTURE_EVENT_ID });
    await desk.send(checkin(fixture.people[0]!.id));
    await hub.close();

    const refused = await admin(dir, ['hub', 'wipe']);
    expect(refused.code).toBe(1);
    // The check-in, and the desk itself (enrolled while the uplink was cut).
    expect(refused.err).toMatch(/2 perubahan belum diterima server pusat/);
    expect((await admin(dir, ['hub', 'wipe', '--force'])).code).toBe(1);
    expect(existsSync(join(dir, 'hadir.sqlite'))).toBe(true);

    const copy = join(tempDataDir(), 'hub-sisa.sqlite');
    const forced = await admin(dir, ['hub', 'wipe', '--force', '--export', copy]);
    expect(forced.code, forced.err).toBe(0);
    expect(existsSync(copy)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    // The saved copy still holds what the office never got.
    const saved = openDatabase(join(copy, '..'), 'hub-sisa.sqlite');
    expect(queueSize(saved).count).toBe(1);
    saved.close();
  });

  it('wipes a drained hub with one command', async () => {
    const upstream = await office();
    const dir = tempDataDir();
    expect((await admin(dir, ['hub', 'join', upstream.url, hubCode(upstream)])).code).toBe(0);
    const wiped = await admin(dir, ['hub', 'wipe']);
    expect(wiped.code, wiped.err).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to wipe while a device enrolled or revoked here has not reached the office', async () => {
    const upstream = await office();
    const dir = tempDataDir();
    expect((await admin(dir, ['hub', 'join', upstream.url, hubCode(upstream)])).code).toBe(0);
    const db = openDatabase(dir);
    const code = createEnrollCode(db, { role: 'staff', eventId: FIXTURE_EVENT_ID }).code;
    expect(enroll(db, code, { clientId: 'c-meja-aula' })).toBeDefined();
    db.close();
    const status = JSON.parse((await admin(dir, ['hub', 'status', '--json'])).out);
    expect(status).toMatchObject({ queued: 0, devicesUnsent: 1 });
    const refused = await admin(dir, ['hub', 'wipe']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/1 perubahan belum diterima server pusat/);
  });
});
