// deploy/: the systemd units and the Caddyfile, checked with the real tools where this
// machine has them. The units' commands run as written (paths moved to temp folders);
// Caddy, from Debian's `caddy` package, runs deploy/Caddyfile on loopback ports in front
// of a real Hadir started with hadir.service's environment, and the test checks what
// reaches Hadir through it: the client's address (the join limit), HTTPS (HSTS) and the
// live "pull now" stream, unbuffered. Hadir runs as deployed, on the demo event it seeds on
// its first start.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVENT_ID, demoParticipants } from '#domain/demo';
import { formatHlc } from '#domain/hlc';
import { seedDemo } from '#server/seed';
import { createEnrollCode } from '#server/auth';
import { openDatabase } from '#server/store/database';
import { killChildren, startChildServer, tempDataDir } from '#tests/server/support';

type Unit = Map<string, Map<string, string[]>>;

/** A unit file as systemd reads it: sections of keys, a key may repeat. */
function readUnit(name: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | undefined;
  for (const line of readFileSync(join('deploy', name), 'utf8').split('\n')) {
    const text = line.trim();
    if (!text || text.startsWith('#') || text.startsWith(';')) continue;
    const header = /^\[(\w+)\]$/.exec(text);
    if (header) {
      section = new Map();
      unit.set(header[1]!, section);
      continue;
    }
    const kv = /^([A-Za-z]+)=(.*)$/.exec(text);
    if (!kv || !section) throw new Error(`${name}: not a unit line: ${text}`);
    section.set(kv[1]!, [...(section.get(kv[1]!) ?? []), kv[2]!]);
  }
  return unit;
}

const value = (unit: Unit, section: string, key: string): string[] =>
  unit.get(section)?.get(key) ?? [];

/** Environment=K=V lines as an object. */
const environment = (unit: Unit) =>
  Object.fromEntries(value(unit, 'Service', 'Environment').map((e) => e.split(/=(.*)/s, 2)));

/** A command line from a unit with systemd's escapes undone and paths moved. */
const command = (line: string, moves: Record<string, string>) =>
  Object.entries(moves).reduce(
    (cmd, [from, to]) => cmd.replaceAll(from, to),
    line.replaceAll('%%', '%').replaceAll('$$', '$'),
  );

const has = (tool: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const sh = (script: string, env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number; out: string; err: string }>((resolve) => {
    execFile('/bin/sh', ['-c', script], { env: { ...process.env, ...env } }, (e, out, err) =>
      resolve({ code: e ? Number(e.code ?? -1) : 0, out, err }),
    );
  });

const UNITS = ['hadir.service', 'hadir-backup.service', 'hadir-backup.timer'];

const dirs: string[] = [];
const scratch = () => {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('deploy/ systemd units', () => {
  it('are what the server and the backup need', () => {
    const hadir = readUnit('hadir.service');
    expect(value(hadir, 'Service', 'User')).toEqual(['hadir']);
    expect(value(hadir, 'Service', 'WorkingDirectory')).toEqual(['/opt/hadir']);
    expect(environment(hadir)).toMatchObject({
      HADIR_DATA_DIR: '/var/lib/hadir',
      HADIR_HOST: '127.0.0.1',
      HADIR_PORT: '8080',
      HADIR_TRUST_PROXY: '127.0.0.1',
    });
    // The way support.ts's child server (and `npm run server`) runs main.ts, minus npm.
    expect(value(hadir, 'Service', 'ExecStart')).toEqual([
      '/usr/bin/node --import tsx src/server/main.ts',
    ]);
    expect(existsSync('src/server/main.ts')).toBe(true);
    expect(value(hadir, 'Service', 'Restart')).toEqual(['on-failure']);
    for (const [key, want] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ReadWritePaths', '/var/lib/hadir'],
      ['PrivateTmp', 'yes'],
      ['ProtectHome', 'yes'],
    ]) {
      expect(value(hadir, 'Service', key!), key).toEqual([want]);
    }
    expect(value(hadir, 'Install', 'WantedBy')).toEqual(['multi-user.target']);

    const backup = readUnit('hadir-backup.service');
    expect(value(backup, 'Service', 'Type')).toEqual(['oneshot']);
    expect(value(backup, 'Service', 'User')).toEqual(['hadir']);
    expect(value(backup, 'Service', 'ExecStart')[0]).toContain('src/server/admin.ts backup');
    expect(value(backup, 'Service', 'ReadWritePaths')[0]!.split(' ')).toEqual([
      '/var/lib/hadir',
      '/var/backups/hadir',
    ]);
    const timer = readUnit('hadir-backup.timer');
    expect(value(timer, 'Timer', 'OnCalendar')).toHaveLength(1);
    expect(value(timer, 'Timer', 'Persistent')).toEqual(['yes']);
    expect(value(timer, 'Install', 'WantedBy')).toEqual(['timers.target']);
  });

  // systemd-analyze exits 0 on unknown keys and bad values: its silence is the check.
  it.skipIf(!has('systemd-analyze'))('pass systemd-analyze verify without a word', () => {
    const out = execFileSync('systemd-analyze', ['verify', ...UNITS.map((u) => `./${u}`)], {
      cwd: 'deploy',
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe('');
    const calendar = value(readUnit('hadir-backup.timer'), 'Timer', 'OnCalendar')[0]!;
    expect(execFileSync('systemd-analyze', ['calendar', calendar], { encoding: 'utf8' })).toMatch(
      /Next elapse/,
    );
  });

  it('back up into a dated file each night and keep a week', async () => {
    const unit = readUnit('hadir-backup.service');
    const [dataDir, backups] = [scratch(), scratch()];
    const db = openDatabase(dataDir);
    seedDemo(db);
    db.close();
    // Nine older nightly files, oldest first.
    for (let day = 1; day <= 9; day++) {
      const old = join(backups, `hadir-2025-01-0${day}.sqlite`);
      writeFileSync(old, 'old');
      const when = new Date(Date.UTC(2025, 0, day));
      utimesSync(old, when, when);
    }
    const moves = {
      '/var/lib/hadir': dataDir,
      '/var/backups/hadir': backups,
      '/usr/bin/node': process.execPath,
    };
    const env = { ...environment(unit), HADIR_DATA_DIR: dataDir };
    const start = command(value(unit, 'Service', 'ExecStart')[0]!, moves);
    const first = await sh(start, env);
    expect(first.code, first.err).toBe(0);
    const again = await sh(start, env); // a second run the same night replaces that file
    expect(again.code, again.err).toBe(0);
    const post = await sh(command(value(unit, 'Service', 'ExecStartPost')[0]!, moves), env);
    expect(post.code, post.err).toBe(0);

    const kept = readdirSync(backups).sort();
    const tonight = kept.filter((f) => !f.startsWith('hadir-2025-01-'));
    expect(tonight).toHaveLength(1);
    expect(tonight[0]).toMatch(/^hadir-\d{4}-\d{2}-\d{2}\.sqlite$/);
    expect(kept).toHaveLength(7);
    expect(kept.filter((f) => f.startsWith('hadir-2025-01-'))).toEqual(
      [4, 5, 6, 7, 8, 9].map((d) => `hadir-2025-01-0${d}.sqlite`),
    );
    const copy = new Database(join(backups, tonight[0]!), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  }, 30_000);
});

// ---------------------------------------------------------------------------------------
// Caddy in front of Hadir

const CADDY = has('caddy');

/** A free port on 127.0.0.1 (closed again; Caddy binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** One request on its own connection from `from`, plain or over Caddy's HTTPS. */
function send(
  url: string,
  opts: { from: string; ca?: Buffer; headers?: Record<string, string>; body?: unknown },
): Promise<Reply> {
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: body ? 'POST' : 'GET',
        localAddress: opts.from,
        agent: false,
        ...(opts.ca ? { ca: opts.ca } : {}),
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.skipIf(!CADDY)(
  `Caddy in front of Hadir${CADDY ? '' : ' — SKIPPED: no caddy binary (apt-get install -y caddy)'}`,
  () => {
    const dir = scratch();
    let caddy: ChildProcess | undefined;
    let caddyLog = '';
    let plain = '';
    let secure = '';
    let hadirData = '';

    beforeAll(async () => {
      // Hadir as hadir.service runs it (its environment; ports and folders of a test).
      const unit = readUnit('hadir.service');
      hadirData = scratch();
      const hadir = await startChildServer(hadirData, undefined, environment(unit));
      const [httpPort, httpsPort] = [await freePort(), await freePort()];
      // deploy/Caddyfile as it is, after global options for loopback (no ACME, no admin
      // port, its own CA for 127.0.0.1 that this test trusts, never the system's store).
      const global = `{
  admin off
  auto_https disable_redirects
  local_certs
  skip_install_trust
}
`;
      const upstream = new URL(hadir.url).host;
      const caddyfile = readFileSync('deploy/Caddyfile', 'utf8');
      expect(caddyfile).toContain('reverse_proxy 127.0.0.1:8080');
      writeFileSync(
        join(dir, 'Caddyfile'),
        global + caddyfile.replace('reverse_proxy 127.0.0.1:8080', `reverse_proxy ${upstream}`),
      );
      plain = `http://127.0.0.1:${httpPort}`;
      secure = `https://127.0.0.1:${httpsPort}`;
      caddy = spawn(
        'caddy',
        ['run', '--adapter', 'caddyfile', '--config', join(dir, 'Caddyfile')],
        {
          env: {
            ...process.env,
            HADIR_DOMAIN: `${plain}, ${secure}`,
            HOME: dir,
            XDG_DATA_HOME: join(dir, 'data'),
            XDG_CONFIG_HOME: join(dir, 'config'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      caddy.stdout!.on('data', (d: Buffer) => (caddyLog += d.toString()));
      caddy.stderr!.on('data', (d: Buffer) => (caddyLog += d.toString()));
      for (let i = 0; ; i++) {
        const up = await send(`${plain}/api/v1/health`, { from: '127.0.0.1' }).catch(() => null);
        if (up?.status === 200) break;
        if (i > 100 || caddy.exitCode !== null)
          throw new Error(`Caddy did not start:\n${caddyLog}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }, 30_000);

    afterAll(async () => {
      if (caddy && caddy.exitCode === null) {
        const exited = new Promise((r) => caddy!.once('exit', r));
        caddy.kill('SIGTERM');
        await exited;
      }
      await killChildren();
    });

    it('the real Caddyfile passes caddy validate', () => {
      execFileSync(
        'caddy',
        ['validate', '--adapter', 'caddyfile', '--config', 'deploy/Caddyfile'],
        {
          env: {
            ...process.env,
            HADIR_DOMAIN: 'hadir.example.go.id',
            HOME: dir,
            XDG_DATA_HOME: join(dir, 'data-validate'),
            XDG_CONFIG_HOME: join(dir, 'config-validate'),
          },
          stdio: 'ignore',
        },
      );
    });

    it('Hadir counts each phone by its own address, and a spoofed header by the real one', async () => {
      const join = (from: string, spoof: string) =>
        send(`${plain}/api/v1/events/${DEMO_EVENT_ID}/join`, {
          from,
          headers: { 'x-forwarded-for': spoof },
          body: { deviceInfo: { clientId: `c-${crypto.randomUUID()}` } },
        });
      const statuses: number[] = [];
      for (let i = 1; i <= 21; i++)
        statuses.push((await join('127.0.0.9', `198.51.100.${i}`)).status);
      // Caddy replaced the spoofed header with 127.0.0.9: its 21st join in a minute waits.
      expect(statuses).toEqual([...Array<number>(20).fill(200), 429]);
      // Another phone through the same Caddy is not held back by the first one's limit.
      expect((await join('127.0.0.10', '198.51.100.1')).status).toBe(200);
    });

    it('HSTS reaches the browser once over HTTPS, never over plain HTTP', async () => {
      const ca = readFileSync(
        join(dir, 'data', 'caddy', 'pki', 'authorities', 'local', 'root.crt'),
      );
      const overTls = await send(`${secure}/api/v1/health`, { from: '127.0.0.9', ca });
      expect(overTls.status).toBe(200);
      expect(overTls.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(overTls.headers['content-security-policy']).toContain("default-src 'self'");
      const overHttp = await send(`${plain}/api/v1/health`, {
        from: '127.0.0.9',
        headers: { 'x-forwarded-proto': 'https' }, // a client's claim: Caddy replaces it
      });
      expect(overHttp.status).toBe(200);
      expect(overHttp.headers['strict-transport-security']).toBeUndefined();
    });

    it('the live "pull now" stream passes through at once, not held by compression', async () => {
      const db = openDatabase(hadirData);
      const codes = [1, 2].map(() =>
        createEnrollCode(db, { role: 'staff', eventId: DEMO_EVENT_ID }),
      );
      db.close();
      const desks: { token: string; clientId: string }[] = [];
      for (const { code } of codes) {
        const clientId = crypto.randomUUID();
        const res = await fetch(`${plain}/api/v1/devices/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ enrollCode: code, deviceInfo: { clientId } }),
        });
        desks.push({ token: ((await res.json()) as { token: string }).token, clientId });
      }
      const controller = new AbortController();
      const live = await fetch(`${plain}/api/v1/sync/live`, {
        headers: { authorization: `Bearer ${desks[0]!.token}`, 'accept-encoding': 'gzip' },
        signal: controller.signal,
      });
      expect(live.status).toBe(200);
      const reader = live.body!.pipeThrough(new TextDecoderStream()).getReader();
      const next = async () => {
        let text = '';
        while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
        return text;
      };
      const within = <T>(p: Promise<T>) =>
        Promise.race([
          p,
          new Promise<never>((_, no) => setTimeout(() => no(new Error('held back')), 3_000)),
        ]);
      expect(await within(next())).toContain('data: open');
      // Another desk's check-in: the word comes through Caddy at once.
      const { token, clientId } = desks[1]!;
      const at = new Date().toISOString();
      const push = await fetch(`${plain}/api/v1/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          protocolVersion: 1,
          schemaVersion: 1,
          clientId,
          mutations: [
            {
              seq: 1,
              id: crypto.randomUUID(),
              name: 'checkin.record',
              hlc: formatHlc({ wall: Date.now(), counter: 0, node: clientId }),
              createdAt: at,
              args: {
                checkinId: crypto.randomUUID(),
                eventId: DEMO_EVENT_ID,
                participantId: demoParticipants[0]!.id,
                day: '2025-06-02',
                at,
                method: 'search',
              },
            },
          ],
        }),
      });
      expect(push.status).toBe(200);
      expect(await within(next())).toContain('data: pull');
      controller.abort();
    });
  },
);
