// The fuzz's oracles: what every answer of the sync API must be, whatever was sent, written
// down from docs/protocol.md ("Errors", "Mutations", "What each role sees") and not read
// from src/. One Judge per server sends each request, checks the answer and keeps the
// tallies the run prints at the end.
import { expect } from 'vitest';
import { mutationNames } from '#domain/mutations';
import {
  EnrollResponse,
  ErrorBody,
  PROTOCOL_VERSION,
  PullResponse,
  PushResponse,
  errorCodes,
  rejectionCodes,
  statusOf,
} from '#sync/protocol';
import { seqOfDevice } from '#tests/server/support';
import { MAY_SEND } from '#tests/support/permissions';
import { PARTICIPANT_TABLES, TRAINER_PARTICIPANT_FIELDS } from '#tests/support/visibility';
import type { Resolved } from '#tests/server/fuzz/requests';
import { isRealStamp } from '#tests/server/fuzz/stamps';
import { send, type Reply, type Target } from '#tests/server/fuzz/wire';
import {
  currentVersion,
  fingerprinter,
  type Fingerprint,
  type World,
} from '#tests/server/fuzz/world';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';

function show(r: Resolved, reply?: Reply): string {
  const body = r.wire.body ?? Buffer.alloc(0);
  const text =
    body.length > 600
      ? `${body.subarray(0, 600).toString()}… (${body.length} bytes)`
      : body.toString();
  return [
    `${r.note}`,
    `${r.wire.method} ${r.wire.path.slice(0, 300)}${r.wire.from ? ` from ${r.wire.from}` : ''}`,
    `headers ${JSON.stringify(r.wire.headers).slice(0, 400)}`,
    `body ${text}`,
    reply ? `→ ${reply.status} ${reply.text.slice(0, 600)}` : '',
  ].join('\n');
}

interface SentMutation {
  seq?: unknown;
  name?: unknown;
  hlc?: unknown;
  args?: unknown;
}

function sentMutations(r: Resolved): SentMutation[] {
  const m = (r.body as { mutations?: unknown } | undefined)?.mutations;
  return Array.isArray(m) ? (m.filter((x) => x && typeof x === 'object') as SentMutation[]) : [];
}

export class Judge {
  readonly stats = new Map<string, Map<number, number>>();
  readonly rejections = new Map<string, number>();
  readonly outcomes = new Map<string, number>();
  sentTotal = 0;
  /** The last requests, newest first. */
  readonly #history: string[] = [];
  readonly #fingerprint: () => Fingerprint;

  constructor(
    readonly world: World,
    readonly to: Target,
  ) {
    this.#fingerprint = fingerprinter(this.world.db);
  }

  #count(endpoint: string, status: number): void {
    const m = this.stats.get(endpoint) ?? new Map<number, number>();
    m.set(status, (m.get(status) ?? 0) + 1);
    this.stats.set(endpoint, m);
    this.sentTotal++;
  }

  async health(): Promise<void> {
    const reply = await send({ method: 'GET', path: '/api/v1/health', headers: {} }, this.to);
    expect(reply.status, 'the server still answers /health').toBe(200);
    expect(reply.json).toEqual({ ok: true, protocolVersion: PROTOCOL_VERSION });
  }

  async exercise(r: Resolved): Promise<void> {
    const before = this.#fingerprint();
    let reply: Reply;
    try {
      reply = await send(r.wire, this.to);
    } catch (e) {
      const last = this.#history.map((h) => `\n--- before that:\n${h}`).join('');
      throw new Error(`no HTTP answer (${(e as Error).message}):\n${show(r)}${last}`, { cause: e });
    }
    const after = this.#fingerprint();
    this.#count(r.endpoint, reply.status);
    const where = show(r, reply);
    // The last few requests, for a connection that breaks because of an earlier one.
    this.#history.unshift(where);
    if (this.#history.length > 5) this.#history.pop();

    expect(reply.status, `not a final HTTP status:\n${where}`).toBeGreaterThanOrEqual(200);
    expect(reply.status, `a 5xx answer:\n${where}`).toBeLessThan(500);
    // A CORS preflight (a hub's desk calling the office) is answered without a body, and
    // changes nothing.
    if (r.wire.method === 'OPTIONS' && reply.status === 204) {
      expect(after, `a preflight changed the database:\n${where}`).toEqual(before);
      return;
    }
    expect(reply.contentType, `not JSON:\n${where}`).toMatch(/^application\/json/);

    if (reply.status < 200 || reply.status >= 300) {
      const parsed = ErrorBody.safeParse(reply.json);
      expect(parsed.success, `a refusal without { error: { code, message } }:\n${where}`).toBe(
        true,
      );
      const { code, message } = parsed.data!.error;
      expect(errorCodes as readonly string[], `an unknown error code:\n${where}`).toContain(code);
      expect(
        statusOf[code as (typeof errorCodes)[number]],
        `status does not match the code:\n${where}`,
      ).toBe(reply.status);
      expect(message.length, `an empty message:\n${where}`).toBeGreaterThan(0);
      expect(after, `a refused request changed the database:\n${where}`).toEqual(before);
      return;
    }

    expect(reply.status, where).toBe(200);
    if (r.endpoint === 'push') this.#checkPush(r, reply, before, after, where);
    else if (r.endpoint === 'pull') this.#checkPull(r, reply, where);
    else this.#checkEnrolled(r, reply, where);
  }

  #checkPush(
    r: Resolved,
    reply: Reply,
    before: Fingerprint,
    after: Fingerprint,
    where: string,
  ): void {
    const parsed = PushResponse.safeParse(reply.json);
    expect(parsed.success, `a push answer off the schema:\n${where}`).toBe(true);
    const res = parsed.data!;
    const device = r.device!;
    const sent = sentMutations(r);
    const bySeq = new Map(sent.map((m) => [m.seq, m]));
    let previous = -Infinity;
    let effective = 0;
    let recorded = 0;
    for (const result of res.results) {
      expect(result.seq, `results out of order:\n${where}`).toBeGreaterThan(previous);
      previous = result.seq;
      const m = bySeq.get(result.seq);
      expect(m, `a result for a seq that was not sent:\n${where}`).toBeDefined();
      this.outcomes.set(result.status, (this.outcomes.get(result.status) ?? 0) + 1);
      if (result.status === 'duplicate') continue;
      if (result.status === 'rejected') {
        expect(
          rejectionCodes as readonly string[],
          `an unknown rejection code:\n${where}`,
        ).toContain(result.code);
        this.rejections.set(result.code!, (this.rejections.get(result.code!) ?? 0) + 1);
        if (result.code === 'CLOCK_SKEW') {
          // The one rejection that does not advance lastSeq and ends the batch.
          expect(result, `CLOCK_SKEW is the last result:\n${where}`).toBe(
            res.results[res.results.length - 1],
          );
          expect(res.lastProcessedSeq, where).toBeLessThan(result.seq);
        } else recorded++;
      } else {
        recorded++;
        effective++;
        const name = String(m!.name);
        expect(mutationNames as string[], `an unknown mutation was applied:\n${where}`).toContain(
          name,
        );
        // A mutation added after this test was written is at least a known one.
        const roles = MAY_SEND[name] ?? [device.role];
        expect(roles, `a role applied a mutation it may not send:\n${where}`).toContain(
          device.role,
        );
        const hlc = m!.hlc;
        expect(
          typeof hlc === 'string' && isRealStamp(hlc),
          `a malformed stamp was applied:\n${where}`,
        ).toBe(true);
      }
    }
    expect(res.lastProcessedSeq, `lastProcessedSeq is not what the server stored:\n${where}`).toBe(
      seqOfDevice(this.world.db, device.deviceId),
    );
    // Every processed mutation (not duplicates, not CLOCK_SKEW) is accounted for.
    const m0 = before.mutations as { n: number };
    const m1 = after.mutations as { n: number };
    expect(m1.n - m0.n, `the mutation log does not match the results:\n${where}`).toBe(recorded);
    if (effective === 0) {
      expect(after.rows, `a push that applied nothing changed rows:\n${where}`).toEqual(
        before.rows,
      );
      expect(after.nationalIds, `a push that applied nothing changed national ids:\n${where}`).toBe(
        before.nationalIds,
      );
      expect(after.audit, `a push that applied nothing wrote audit rows:\n${where}`).toEqual(
        before.audit,
      );
    }
  }

  #checkPull(r: Resolved, reply: Reply, where: string): void {
    const parsed = PullResponse.safeParse(reply.json);
    expect(parsed.success, `a pull answer off the schema:\n${where}`).toBe(true);
    const page = parsed.data!;
    const device = r.device!;
    expect(page.lastProcessedSeq, where).toBe(seqOfDevice(this.world.db, device.deviceId));
    expect(page.cursor.v, where).toBeLessThanOrEqual(currentVersion(this.world.db));
    const owned = new Set(
      (
        this.world.db
          .prepare("SELECT id FROM rows WHERE tbl = 'participants' AND owner = ?")
          .all(device.deviceId) as { id: string }[]
      ).map((x) => x.id),
    );
    const mySessions = new Set(
      (
        this.world.db.prepare("SELECT id, data FROM rows WHERE tbl = 'sessions'").all() as {
          id: string;
          data: string;
        }[]
      )
        .filter((s) =>
          ((JSON.parse(s.data) as { trainerDeviceIds?: string[] }).trainerDeviceIds ?? []).includes(
            device.deviceId,
          ),
        )
        .map((s) => s.id),
    );
    for (const change of page.changes) {
      const data = change.data ?? {};
      const eventId = change.table === 'events' ? change.id : data.eventId;
      if (change.op === 'put')
        expect(eventId, `a row of another event:\n${where}`).toBe(device.eventId);
      if (device.role === 'trainer') {
        if (change.table === 'participants') {
          for (const k of Object.keys(data))
            expect(TRAINER_PARTICIPANT_FIELDS, `a trainer saw ${k}:\n${where}`).toContain(k);
        }
        if (change.table === 'checkins') expect(data, where).not.toHaveProperty('signature');
        // A `del` carries no data: a deleted session's marks reach every trainer that way.
        if (change.table === 'marks' && change.op === 'put')
          expect(mySessions.has(String(data.sessionId)), where).toBe(true);
      }
      if (device.role === 'participant') {
        expect(PARTICIPANT_TABLES, `a phone saw ${change.table}:\n${where}`).toContain(
          change.table,
        );
        if (change.table === 'participants' && change.op === 'put')
          expect(owned.has(change.id), `a phone saw another person:\n${where}`).toBe(true);
        if (change.table === 'sessions' && change.op === 'put')
          expect(data.trainerDeviceIds, `a phone saw device ids:\n${where}`).toEqual([]);
      }
    }
  }

  #checkEnrolled(r: Resolved, reply: Reply, where: string): void {
    const parsed = EnrollResponse.safeParse(reply.json);
    expect(parsed.success, `an enrol answer off the schema:\n${where}`).toBe(true);
    const enrolled = parsed.data!;
    expect(enrolled.eventId, where).toBe(FIXTURE_EVENT_ID);
    if (r.endpoint === 'join') expect(enrolled.role, where).toBe('participant');
    else expect(enrolled.role, where).toBe(r.codeRole);
  }

  /** What was sent and answered, for the log. */
  report(seed: number): string {
    const table = [...this.stats].map(
      ([endpoint, byStatus]) =>
        `  ${endpoint.padEnd(7)} ${[...byStatus.values()].reduce((a, b) => a + b, 0)}  ${[
          ...byStatus,
        ]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
    );
    return [
      `fuzz: ${this.sentTotal} requests (seed ${seed})`,
      ...table,
      `  push results: ${[...this.outcomes].map(([c, n]) => `${c}×${n}`).join(' ')}`,
      `  rejected mutations: ${[...this.rejections].map(([c, n]) => `${c}×${n}`).join(' ')}`,
    ].join('\n');
  }
}
