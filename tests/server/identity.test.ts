// A device's identity is the server's (issue 14, defect 1): the push sequence is keyed by
// the stream issued with the token, so a client id learned from a pulled stamp or a
// check-in's deviceId reaches nothing. Real server, real SQLite, real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHlc } from '#domain/hlc';
import { migrate } from '#server/store/database';
import {
  checkin,
  countRows,
  deviceFor,
  enrollDevice,
  errorCode,
  hlcAt,
  patch,
  seqOfDevice,
  startTestServer,
  type TestDevice,
  type TestServer,
} from '#tests/server/support';
import { fixture } from '#tests/support/fixture';

const [p1, p2] = fixture.people.map((p) => p.id) as [string, string];

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/** The last seq applied on this device's stream (by device, not by its declared id). */
const seqOf = (device: TestDevice) => seqOfDevice(server.db, device.deviceId);

const junk = (n: number) => Array.from({ length: n }, () => ({ name: 'junk.nothing', args: {} }));

/** A device whose outbox numbering starts at `from` (as a browser that enrolled before). */
function continuingAt(device: TestDevice, from: number): TestDevice {
  device.seq = from - 1;
  return device;
}

describe('device identity', () => {
  it('defect 1: joining with the desk’s client id does not reach the desk’s sequence', async () => {
    const desk = await enrollDevice(server, 'staff');
    const organiser = await enrollDevice(server, 'organiser');
    const eight = await desk.send(...Array.from({ length: 8 }, () => checkin(p1)));
    expect(eight.lastProcessedSeq).toBe(8);

    // The attacker read the desk's client id off a pulled check-in and joins with it.
    const pulled = await organiser.pullAll();
    const seen = pulled.changes.find((c) => c.table === 'checkins')!.data!.deviceId as string;
    expect(seen).toBe(desk.clientId);
    const attacker = await enrollDevice(server, 'participant', { clientId: seen });
    expect((await attacker.pull(null)).lastProcessedSeq).toBe(0);
    // Seqs 9–28 find a gap on the attacker's own (new) stream and are not applied…
    const gap = await continuingAt(attacker, 9).send(...junk(20));
    expect(gap).toMatchObject({ lastProcessedSeq: 0, results: [] });
    // …and 1–20 land on that stream alone.
    const own = await continuingAt(attacker, 1).send(...junk(20));
    expect(own.lastProcessedSeq).toBe(20);
    expect(own.results.every((r) => r.status === 'rejected')).toBe(true);
    expect(seqOf(desk)).toBe(8);

    // The desk's real check-in, seq 9, is applied and stored.
    const real = desk.stamp(checkin(p2))[0]!;
    expect(real.seq).toBe(9);
    const reply = await desk.push([real]);
    expect(reply.results).toEqual([{ seq: 9, status: 'applied' }]);
    const stored = server.db
      .prepare("SELECT id FROM rows WHERE tbl = 'checkins' AND id = ?")
      .get((real.args as { checkinId: string }).checkinId);
    expect(stored).toBeDefined();
    expect(seqOf(desk)).toBe(9);

    // Same for the organiser, whose id ends the stamp of every row it writes.
    let h = organiser.tick();
    await organiser.send(patch(p1, { institution: { v: 'Dinas Lama', hlc: h } }, h));
    const edited = (await desk.pullAll()).changes.find((c) => c.id === p1 && c.hlc)!;
    const node = parseHlc(edited.hlc!).node;
    expect(node).toBe(organiser.clientId);
    const second = await enrollDevice(server, 'participant', { clientId: node });
    await second.send(...junk(5));
    h = organiser.tick();
    const fixed = await organiser.send(patch(p1, { institution: { v: 'Dinas Baru', hlc: h } }, h));
    expect(fixed.results).toEqual([{ seq: 2, status: 'applied' }]);
    expect(
      server.db
        .prepare("SELECT json_extract(data, '$.institution') AS i FROM rows WHERE id = ?")
        .get(p1),
    ).toEqual({ i: 'Dinas Baru' });
  });

  it('a push or pull naming another device’s client id is refused, whatever the token', async () => {
    const desk = await enrollDevice(server, 'staff');
    const other = await enrollDevice(server, 'participant');
    const body = { clientId: desk.clientId };
    const push = await other.pushRaw(other.stamp(...junk(1)), body);
    expect([push.status, errorCode(push)]).toEqual([403, 'FORBIDDEN']);
    const pull = await other.pullRaw({ ...body, cursor: null });
    expect([pull.status, errorCode(pull)]).toEqual([403, 'FORBIDDEN']);
    expect(seqOf(desk)).toBe(0);
  });

  it('a stamp in another device’s name is refused; a check-in records its own device', async () => {
    const desk = await enrollDevice(server, 'staff');
    const other = await enrollDevice(server, 'staff');
    const forged = { ...checkin(p1), hlc: hlcAt(other.clientId, Date.now()) };
    const own = checkin(p2);
    const res = await desk.send(forged, own);
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'INVALID_MUTATION' });
    expect(res.results[1]).toEqual({ seq: 2, status: 'applied' });
    const rows = server.db
      .prepare("SELECT json_extract(data, '$.deviceId') AS d FROM rows WHERE tbl = 'checkins'")
      .all();
    expect(rows).toEqual([{ d: desk.clientId }]);
  });

  it('a browser that proves its previous token goes on with its sequence', async () => {
    const first = await enrollDevice(server, 'staff');
    const batch = first.stamp(checkin(p1), checkin(p2));
    await first.push(batch);
    // Re-enrolled (its token expired, say): the answer to seq 2 was lost, so it resends.
    const again = await enrollDevice(server, 'staff', {
      clientId: first.clientId,
      previousToken: first.token,
    });
    const resent = await again.push(batch.slice(1));
    expect(resent.results).toEqual([{ seq: 2, status: 'duplicate' }]);
    expect(countRows(server.db, 'checkins')).toBe(2);
    again.seq = 2;
    expect((await again.send(checkin(p1))).results).toEqual([{ seq: 3, status: 'applied' }]);
  });

  it('without proof a new stream starts where the browser says its outbox stands', async () => {
    const desk = await enrollDevice(server, 'staff', { nextSeq: 41 });
    expect((await desk.pull(null)).lastProcessedSeq).toBe(40);
    const res = await continuingAt(desk, 41).send(checkin(p1));
    expect(res).toMatchObject({ lastProcessedSeq: 41, results: [{ seq: 41, status: 'applied' }] });
    // A token that is no device's proves nothing: a fresh stream.
    const guess = await enrollDevice(server, 'participant', { previousToken: 'not-a-token' });
    expect((await guess.pull(null)).lastProcessedSeq).toBe(0);
  });

  it('an organiser moving to another event keeps its numbering', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    await organiser.send(checkin(p1), checkin(p2));
    const event = { ...seededEventCopy(), id: 'second-event', name: 'Kegiatan Kedua' };
    const reply = await fetch(`${server.url}/api/v1/admin/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${organiser.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event }),
    });
    expect(reply.status).toBe(200);
    const moved = (await reply.json()) as { token: string; deviceId: string };
    const next = deviceFor(server.url, {
      ...moved,
      clientId: organiser.clientId,
      role: 'organiser',
      eventId: 'second-event',
    });
    expect((await next.pull(null)).lastProcessedSeq).toBe(2);
  });
});

function seededEventCopy() {
  const row = server.db.prepare("SELECT data FROM rows WHERE tbl = 'events'").get() as {
    data: string;
  };
  const { purge: _p, ...event } = JSON.parse(row.data) as Record<string, unknown>;
  return event;
}

describe('migration 4: streams', () => {
  it('gives every existing device a stream that goes on where its client id stood', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hadir-migrate-'));
    try {
      const db = new Database(join(dir, 'old.sqlite'));
      migrate(db, 3);
      const device = db.prepare(
        `INSERT INTO devices (id, role, event_id, name, client_id, token_hash, created_at)
         VALUES (?, ?, 'e', '', ?, ?, ?)`,
      );
      device.run('desk', 'staff', 'c-desk', 'h1', '2025-06-01T00:00:00Z');
      device.run('thief', 'participant', 'c-desk', 'h2', '2025-06-01T01:00:00Z');
      device.run('phone', 'participant', 'c-phone', 'h3', '2025-06-01T02:00:00Z');
      db.prepare('INSERT INTO clients (client_id, last_seq) VALUES (?, ?)').run('c-desk', 8);
      db.prepare('INSERT INTO clients (client_id, last_seq) VALUES (?, ?)').run('c-phone', 2);
      migrate(db);
      const streams = db
        .prepare(
          'SELECT d.id, d.stream, s.last_seq FROM devices d JOIN streams s ON s.id = d.stream ORDER BY d.created_at',
        )
        .all() as { id: string; stream: string; last_seq: number }[];
      expect(streams.map((s) => [s.id, s.last_seq])).toEqual([
        ['desk', 8],
        ['thief', 8],
        ['phone', 2],
      ]);
      // The first device keeps the old name (its mutation log stays linked); a later one
      // that named the same client id gets a stream of its own.
      expect(streams[0]!.stream).toBe('c-desk');
      expect(streams[1]!.stream).not.toBe('c-desk');
      expect(streams[2]!.stream).toBe('c-phone');
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
