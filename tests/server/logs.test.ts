// No personal data in the server's logs (UU 27/2022; src/server/log.ts promises "only
// ids, codes, counts and timings"). A real server process runs with logging on, and a
// whole event day goes through it: devices of every role enrol, phones join and
// register, the desk registers a walk-in, people are corrected, checked in and marked,
// organisers work the console, and plenty goes wrong (bad JSON, 413, bad and revoked
// tokens, rejected mutations, personal data in URLs). Then everything the process wrote
// to stdout and stderr is searched for every personal value and every secret it saw.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FullParticipant, Participant } from '#domain/model';
import { setOrganiserPassword } from '#server/auth';
import { getMeta, openDatabase, type Db } from '#server/store/database';
import { EnrollResponse, MAX_BODY_BYTES, PROTOCOL_VERSION, type Role } from '#sync/protocol';
import {
  checkin,
  deviceFor,
  hlcAt,
  mark,
  patch,
  person,
  register,
  request,
  tempDataDir,
  type RawReply,
  type TestDevice,
} from '#tests/server/support';
import { FIXTURE_EVENT_ID, fixture, seedFixture } from '#tests/support/fixture';

// ---------------------------------------------------------------------------------------
// The people of this test day. Every name part is long and rare, so that finding one in
// the log cannot be a coincidence with a random id.

const wahyu = person({
  fullName: 'Dra. Wahyuningsih Sulistyowati, M.Hum.',
  nip: '198703152010122004',
  nik: '6371055703870002',
  gender: 'P',
  phone: '+6281351234567',
  email: 'wahyuningsih.sulis@perpusbanjar.example.id',
  ticketCode: 'TKWQ7X2M9',
  source: 'self',
});
const bahar = person({
  fullName: 'Baharuddin Lamatenggo, S.IP.',
  nip: '199112072019031008',
  phone: '+6285246813579',
  email: 'baharuddin.lmt@contoh.example.org',
  ticketCode: 'TKBH4R8D',
  source: 'self',
});
// A walk-in at the desk (Non-ASN, no NIP, but a NIK).
const endang = person({
  fullName: 'Endang Purnamasari',
  employmentStatus: 'non_asn',
  nip: undefined,
  nik: '6303044512920001',
  gender: 'P',
  phone: '+6287812340987',
  email: 'endang.purnama@sekolah.example.sch.id',
  ticketCode: 'TKEN9P3S',
  source: 'walkin',
});
// Someone registering with Wahyuningsih's NIP: merged, must not learn or leak anything.
const impostor = person({
  fullName: 'Kurniawati Handayani',
  nip: wahyu.nip!,
  gender: 'P',
  phone: '+6282157924680',
  email: 'kurniawati.handayani@contoh.example.net',
  ticketCode: 'TKKH5N2W',
  source: 'self',
});
/** Values the day writes later: corrections, a new phone, a new email. */
const corrected = {
  wahyuName: 'Dra. Wahyuningsih Sulistyowati Rahmadani, M.Hum.',
  baharPhone: '+6281299887766',
  baharEmail: 'bahar.baharuddin.baru@contoh.example.co.id',
  endangNik: '6303044512920009',
};
const SIGNATURE = 'M112 40l18 -18 21 -13 7 5 3 9 -2 8 -41 17 66 -23 -9 31';
const PASSWORD = 'Rahasia-Panitia-Kalsel-2025';
const people: FullParticipant[] = [wahyu, bahar, endang, impostor];

// ---------------------------------------------------------------------------------------
// The server process, logging as in production

let child: ChildProcess | undefined;
let exited: Promise<number | string>;
let closed: Promise<void>;
let dataDir: string;
let url: string;
let db: Db;
let stdout = '';
let stderr = '';

/** Everything the session saw that must never reach a log. */
const secrets = {
  tokens: new Set<string>(),
  codes: new Set<string>(),
};
/** Statuses the session provoked: each must show up in the request log. */
const provoked = new Set<number>();

async function startLoggingServer(): Promise<void> {
  dataDir = tempDataDir();
  // `npm start` seeds its demo; the day below runs on the test event, written first.
  const seeding = openDatabase(dataDir);
  seedFixture(seeding);
  seeding.close();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HADIR_PORT: '0',
    HADIR_HOST: '127.0.0.1',
    HADIR_DATA_DIR: dataDir,
    HADIR_STATIC_DIR: 'dist',
  };
  delete env.HADIR_LOG; // logging on (tests/server/support.ts turned it off for itself)
  delete env.HADIR_TEST_HOOKS;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.cwd(),
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  exited = new Promise((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  closed = new Promise((resolve) => proc.once('close', () => resolve()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      // A fresh server prints its address, then the first organiser's enrolment code.
      const m = /running at (http:\/\/\S+)[\s\S]*organiser enrolment code: \S+\n/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${stdout}\n${stderr}`)),
    );
  });
}

/** SIGTERM, as an operator stops it; resolves once every byte it wrote has been read. */
async function stopLoggingServer(): Promise<number | string> {
  if (!child) return -1;
  child.kill('SIGTERM');
  const code = await exited;
  await closed;
  child = undefined;
  return code;
}

// ---------------------------------------------------------------------------------------
// HTTP helpers

function note(reply: RawReply): RawReply {
  provoked.add(reply.status);
  return reply;
}

async function api(path: string, opts: Parameters<typeof request>[2] = {}): Promise<RawReply> {
  return note(await request(url, path, opts));
}

/** One request on a connection of its own, with exactly these bytes and headers. */
function raw(
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
  method = 'POST',
): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      {
        host: hostname,
        port,
        method,
        path,
        headers: { ...headers, 'content-length': String(payload.length) },
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          answered = true;
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          const status = res.statusCode ?? 0;
          provoked.add(status);
          resolve({ status, headers: new Headers(), json, text });
        });
      },
    );
    // A 413 may hang up on the rest of the body once it has answered.
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    req.end(payload);
  });
}

async function enrolWith(
  code: string,
  role: Exclude<Role, 'participant'>,
  name: string,
): Promise<TestDevice> {
  const clientId = `c-${role}-${crypto.randomUUID()}`;
  const reply = await api('/api/v1/devices/enroll', {
    body: {
      enrollCode: code,
      deviceInfo: { clientId, name, appVersion: '0.1.0', userAgent: `Hadir (${name})` },
    },
  });
  expect(reply.status, reply.text).toBe(200);
  const enrolled = EnrollResponse.parse(reply.json);
  expect(enrolled.role).toBe(role);
  secrets.tokens.add(enrolled.token);
  return deviceFor(url, { ...enrolled, clientId });
}

async function joinAs(p: Participant): Promise<TestDevice> {
  const clientId = `c-phone-${crypto.randomUUID()}`;
  const reply = await api(`/api/v1/events/${FIXTURE_EVENT_ID}/join`, {
    body: { deviceInfo: { clientId, name: `HP ${p.fullName}`, userAgent: `Android; ${p.email}` } },
  });
  expect(reply.status, reply.text).toBe(200);
  const enrolled = EnrollResponse.parse(reply.json);
  secrets.tokens.add(enrolled.token);
  return deviceFor(url, { ...enrolled, clientId });
}

async function newCode(
  organiser: TestDevice,
  body: { role: Exclude<Role, 'participant'>; name: string; sessionIds?: string[] },
): Promise<string> {
  const reply = await api('/api/v1/admin/devices', { token: organiser.token, body });
  expect(reply.status, reply.text).toBe(200);
  const { code } = reply.json as { code: string };
  secrets.codes.add(code);
  return code;
}

const pushBody = (device: TestDevice, mutations: unknown[]) => ({
  protocolVersion: PROTOCOL_VERSION,
  schemaVersion: 1,
  clientId: device.clientId,
  mutations,
});

// ---------------------------------------------------------------------------------------
// The day

async function eventDay(): Promise<void> {
  // The organiser's tablet takes the one-time code the server printed at its first start.
  const bootstrap = /organiser enrolment code: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(stdout)?.[1];
  expect(bootstrap, stdout).toBeDefined();
  secrets.codes.add(bootstrap!);
  const organiser = await enrolWith(bootstrap!, 'organiser', `Tablet ${wahyu.fullName}`);
  // The same code a second time, and a made-up one: refused.
  const reused = await api('/api/v1/devices/enroll', {
    body: { enrollCode: bootstrap, deviceInfo: { clientId: 'c-again', name: bahar.fullName } },
  });
  expect(reused.status).toBe(400);

  // The console: a desk tablet, a trainer's phone for the first session, a spare.
  const staff = await enrolWith(
    await newCode(organiser, { role: 'staff', name: `Meja 1 ${endang.fullName}` }),
    'staff',
    `Meja registrasi ${endang.fullName}`,
  );
  const trainer = await enrolWith(
    await newCode(organiser, {
      role: 'trainer',
      name: `Narasumber ${bahar.fullName}`,
      sessionIds: [fixture.sessions[0]!.id],
    }),
    'trainer',
    `HP narasumber ${bahar.fullName}`,
  );
  const spare = await enrolWith(
    await newCode(organiser, { role: 'staff', name: `Cadangan ${impostor.fullName}` }),
    'staff',
    'Cadangan',
  );
  expect((await api('/api/v1/admin/devices', { token: organiser.token })).status).toBe(200);

  // The organiser also signs in with the password on a laptop (and mistypes it once).
  db = openDatabase(dataDir);
  setOrganiserPassword(db, PASSWORD);
  const wrong = await api('/api/v1/admin/login', {
    body: {
      password: `${PASSWORD}x`,
      eventId: FIXTURE_EVENT_ID,
      deviceInfo: { clientId: 'c-laptop', name: `Laptop ${wahyu.fullName}` },
    },
  });
  expect(wrong.status).toBe(401);
  const login = await api('/api/v1/admin/login', {
    body: {
      password: PASSWORD,
      eventId: FIXTURE_EVENT_ID,
      deviceInfo: { clientId: 'c-laptop', name: `Laptop ${wahyu.fullName}` },
    },
  });
  expect(login.status, login.text).toBe(200);
  secrets.tokens.add(EnrollResponse.parse(login.json).token);

  // Phones open the registration link and register themselves.
  const wahyuPhone = await joinAs(wahyu);
  const baharPhone = await joinAs(bahar);
  const impostorPhone = await joinAs(impostor);
  expect((await wahyuPhone.send(register(wahyu))).results[0]!.status).toBe('applied');
  expect((await baharPhone.send(register(bahar))).results[0]!.status).toBe('applied');
  // The phone is told only that the NIP is registered.
  expect((await impostorPhone.send(register(impostor))).results[0]).toEqual({
    seq: 1,
    status: 'merged',
  });
  // The desk registers a walk-in.
  expect((await staff.send(register(endang))).results[0]!.status).toBe('applied');

  // Corrections: the owner fixes her name; the desk updates a phone and an email; an
  // older edit of the name loses and comes back as a conflict with the server's value.
  // The organiser's own clock, a second behind: a device stamps only with its own node.
  const older = hlcAt(organiser.clientId, Date.now() - 1000);
  let h = wahyuPhone.tick();
  const renamed = await wahyuPhone.send(
    patch(wahyu.id, { fullName: { v: corrected.wahyuName, hlc: h } }, h),
  );
  expect(renamed.results[0]!.status).toBe('applied');
  h = staff.tick();
  const desk = await staff.send(
    patch(
      bahar.id,
      { phone: { v: corrected.baharPhone, hlc: h }, email: { v: corrected.baharEmail, hlc: h } },
      h,
    ),
    patch(endang.id, { nik: { v: corrected.endangNik, hlc: h } }, h),
  );
  expect(desk.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  const late = await organiser.send(
    patch(wahyu.id, { fullName: { v: wahyu.fullName, hlc: older } }, older),
  );
  expect(late.results[0]!.status).toBe('conflict');

  // Check-ins (one with a signature), a repeat scan, and marks.
  const checkins = await staff.send(
    checkin(wahyu.id, { signature: SIGNATURE }),
    checkin(bahar.id, { method: 'search' }),
    checkin(endang.id, { method: 'walkin' }),
    checkin(impostor.id), // the alias: lands on Wahyuningsih
  );
  expect(checkins.results.every((r) => r.status === 'applied')).toBe(true);
  const marks = await trainer.send(
    mark(fixture.sessions[0]!.id, wahyu.id, 'hadir'),
    mark(fixture.sessions[0]!.id, bahar.id, 'terlambat', {
      note: `Datang terlambat, diantar ${endang.fullName} (${endang.phone})`,
    }),
    mark(fixture.sessions[1]!.id, endang.id, 'hadir'), // not this trainer's session
  );
  expect(marks.results.map((r) => r.code ?? r.status)).toEqual(['applied', 'applied', 'FORBIDDEN']);
  const cancelled = await organiser.send({
    name: 'participant.cancel',
    args: {
      participantId: bahar.id,
      reason: `${bahar.fullName} pindah tugas; hubungi ${corrected.baharPhone}, ${corrected.baharEmail}`,
    },
  });
  expect(cancelled.results[0]!.status).toBe('applied');

  // Mutations the server refuses, full of personal data.
  const refused = await impostorPhone.send(
    checkin(wahyu.id), // a phone may not check in
    {
      name: 'participant.patch',
      args: {
        participantId: wahyu.id,
        fields: { phone: { v: impostor.phone, hlc: impostorPhone.tick() } },
      },
    },
  );
  expect(refused.results.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  const invalid = await staff.send(
    register({ ...bahar, id: crypto.randomUUID(), nip: `${bahar.nip!.slice(0, 17)}A` }),
    register({
      ...endang,
      id: crypto.randomUUID(),
      phone: '0812-9988-7766',
      nik: `NIK ${endang.nik}`,
    }),
    { name: 'participant.register', args: { participant: { ...wahyu, eventId: 'another-event' } } },
    { name: 'participant.erase', args: { fullName: wahyu.fullName, nip: wahyu.nip } },
  );
  expect(invalid.results.map((r) => r.code)).toEqual([
    'INVALID_MUTATION',
    'INVALID_MUTATION',
    'EVENT_MISMATCH',
    'UNKNOWN_MUTATION',
  ]);

  // Requests that fail before any mutation is looked at.
  const personal = JSON.stringify({
    fullName: wahyu.fullName,
    nip: wahyu.nip,
    nik: wahyu.nik,
    phone: wahyu.phone,
    email: wahyu.email,
  });
  const json = { 'content-type': 'application/json', authorization: `Bearer ${staff.token}` };
  expect((await raw('/api/v1/sync/push', `${personal.slice(0, -3)}`, json)).status).toBe(400);
  expect(
    (await raw('/api/v1/sync/push', personal, { ...json, 'content-type': 'text/plain' })).status,
  ).toBe(400);
  const huge = Buffer.from(personal.repeat(Math.ceil((MAX_BODY_BYTES + 1) / personal.length)));
  expect((await raw('/api/v1/sync/push', huge, json)).status).toBe(413);
  const stolen = {
    seq: 1,
    id: crypto.randomUUID(),
    name: 'participant.register',
    args: { participant: wahyu },
    hlc: staff.tick(),
    createdAt: new Date().toISOString(),
  };
  const foreign = await api('/api/v1/sync/push', {
    token: staff.token,
    body: pushBody(organiser, [stolen]), // another device's clientId
  });
  expect(foreign.status).toBe(403);
  const oldVersion = await api('/api/v1/sync/push', {
    token: staff.token,
    body: { ...pushBody(staff, []), protocolVersion: 0 },
  });
  expect(oldVersion.status).toBe(426);
  // Tokens: garbage (it looks like a NIK), someone else's, none; a revoked device.
  for (const token of [wahyu.nik!, `${staff.token}x`, 'Bearer', undefined]) {
    if (token) secrets.tokens.add(token);
    const reply = await api('/api/v1/sync/pull', {
      ...(token ? { token } : {}),
      body: { clientId: staff.clientId, cursor: null },
    });
    expect(reply.status).toBe(401);
  }
  const revoked = await api(`/api/v1/admin/devices/${encodeURIComponent(spare.deviceId)}/revoke`, {
    token: organiser.token,
    body: {},
  });
  expect(revoked.status, revoked.text).toBe(200);
  expect(
    (
      await api('/api/v1/sync/pull', {
        token: spare.token,
        body: { clientId: spare.clientId, cursor: null },
      })
    ).status,
  ).toBe(403);
  // Personal data in URLs: a NIP in an unknown route, an email in a query, a phone as an event.
  expect(
    (await api(`/api/v1/participants/${wahyu.nip}?email=${encodeURIComponent(wahyu.email!)}`))
      .status,
  ).toBe(404);
  expect(
    (
      await api(`/api/v1/events/${encodeURIComponent(bahar.phone)}/join`, {
        body: { deviceInfo: { clientId: 'c-x', name: bahar.fullName } },
      })
    ).status,
  ).toBe(404);
  expect(
    (
      await api(`/api/v1/sync/push/${encodeURIComponent(endang.fullName)}`, {
        token: staff.token,
        body: {},
      })
    ).status,
  ).toBe(404);

  // Everyone pulls what they may see.
  for (const device of [organiser, staff, trainer, wahyuPhone, baharPhone, impostorPhone]) {
    const { changes } = await device.pullAll(null, 7);
    expect(changes.length).toBeGreaterThan(0);
  }
  expect((await api('/api/v1/health')).status).toBe(200);

  // The trainer signs out; its token stops working.
  expect((await api('/api/v1/admin/logout', { token: trainer.token, body: {} })).status).toBe(200);
  expect(
    (
      await api('/api/v1/sync/pull', {
        token: trainer.token,
        body: { clientId: trainer.clientId, cursor: null },
      })
    ).status,
  ).toBe(403);
}

// ---------------------------------------------------------------------------------------
// Looking for the needles

/** What each value looks like when it leaks: the value, its parts, its other spellings. */
function needles(): { what: string; needle: string | RegExp }[] {
  const out: { what: string; needle: string | RegExp }[] = [];
  const add = (what: string, needle: string | RegExp) => out.push({ what, needle });
  const names = [...people.map((p) => p.fullName), corrected.wahyuName];
  for (const name of names) {
    add('a full name', name);
    for (const part of name.match(/\p{L}{4,}/gu) ?? []) add(`a name part of "${name}"`, part);
  }
  for (const p of people) {
    if (p.nip) add('a NIP', p.nip);
    if (p.nik) add('a NIK', p.nik);
    add('a ticket code', p.ticketCode);
  }
  add('a NIK', corrected.endangNik);
  const phones = [...people.map((p) => p.phone), corrected.baharPhone];
  for (const phone of phones) {
    const national = phone.replace(/^\+62/, ''); // 81351234567: in +62…, 62…, 08…, spaced
    add('a phone number', national);
    add('a phone number', `0${national}`);
  }
  for (const email of [...people.map((p) => p.email!), corrected.baharEmail]) {
    add('an email address', email);
    add('the name part of an email address', email.split('@')[0]!);
  }
  add('a signature', SIGNATURE);
  add('the organiser password', PASSWORD);
  for (const token of secrets.tokens) add('a token', token);
  for (const code of secrets.codes) {
    add('an enrolment code', code);
    add('an enrolment code', code.replace('-', ''));
  }
  return out;
}

/** A line with separators between digits removed: "0813 5123-4567" → "081351234567". */
const digitsJoined = (line: string) => line.replace(/(?<=\d)[\s.\-()/]+(?=\d)/g, '');

function leaks(lines: string[], needle: string | RegExp): string[] {
  if (needle instanceof RegExp) return lines.filter((l) => needle.test(l));
  const lower = needle.toLowerCase();
  const digits = /^\d+$/.test(needle);
  return lines.filter(
    (l) => l.toLowerCase().includes(lower) || (digits && digitsJoined(l).includes(needle)),
  );
}

// ---------------------------------------------------------------------------------------

describe('server logs hold no personal data', () => {
  let exitCode: number | string;
  let lines: string[];

  beforeAll(async () => {
    await startLoggingServer();
    try {
      await eventDay();
      // The secret behind every NIP/NIK HMAC must not leak either.
      const secret = getMeta(db, 'secret');
      expect(secret).toBeDefined();
      secrets.tokens.add(secret!);
    } finally {
      db?.close();
      exitCode = await stopLoggingServer();
    }
    lines = `${stdout}\n${stderr}`.split('\n').filter((l) => l.trim() !== '');
  }, 120_000);

  afterAll(async () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await closed;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('logging was on: every request, failed ones included, is in the log; the server stopped cleanly', () => {
    expect(exitCode).toBe(0);
    const logged = lines
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = logged.filter((e) => e.msg === 'request');
    expect(requests.length).toBeGreaterThan(50);
    const statuses = new Set(requests.map((e) => e.status));
    for (const status of provoked)
      expect(statuses, `no request logged with ${status}`).toContain(status);
    expect([...provoked].sort()).toEqual(
      expect.arrayContaining([200, 400, 401, 403, 404, 413, 426]),
    );
    expect(logged.some((e) => e.msg === 'shutting down')).toBe(true);
  });

  it('every log line that looks like JSON is one structured entry: t, level, msg and flat fields', () => {
    for (const line of lines.filter((l) => l.trimStart().startsWith('{'))) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`a log line that is not JSON: ${line}`);
      }
      expect(typeof entry.t, line).toBe('string');
      expect(new Date(entry.t as string).toISOString(), line).toBe(entry.t);
      expect(['info', 'warn', 'error'], line).toContain(entry.level);
      expect(typeof entry.msg, line).toBe('string');
      for (const [key, value] of Object.entries(entry)) {
        expect(value === null || typeof value !== 'object', `${key} is nested: ${line}`).toBe(true);
      }
    }
    // The structured log is the whole of stderr; stdout adds only the start-up banner.
    for (const line of stderr.split('\n').filter((l) => l.trim() !== '')) {
      expect(line.startsWith('{'), `stderr line: ${line}`).toBe(true);
    }
  });

  it('no name, NIP, NIK, phone number, email, signature, token, code or password anywhere in the output', () => {
    const found: string[] = [];
    // The bootstrap code is printed once for the operator (README): in that banner line
    // and nowhere else, never in a structured entry.
    const banner = /organiser enrolment code: [A-Z0-9]{4}-[A-Z0-9]{4}$/;
    const searched = lines.filter((l) => !banner.test(l));
    expect(lines.length - searched.length).toBe(1);
    for (const { what, needle } of needles()) {
      for (const line of leaks(searched, needle))
        found.push(`${what} (${String(needle)}) in: ${line}`);
    }
    expect(found).toEqual([]);
  });
});
