// Pushes: near-valid envelopes around fuzzed mutations, bodies that are no push at all,
// and every way a token can be missing, mangled, revoked or someone else's.
import * as fc from 'fast-check';
import { MAX_BATCH_MUTATIONS, PROTOCOL_VERSION } from '#sync/protocol';
import { seqOfDevice } from '#tests/server/support';
import {
  build,
  contentTypes,
  corrupt,
  corruptions,
  describeBody,
  junk,
  MISSING,
  often,
  pick,
  randomBody,
  randomBytes,
  type Corruption,
  type RandomBody,
} from '#tests/server/fuzz/junk';
import { mutationCase, type MutationCase } from '#tests/server/fuzz/mutations';
import {
  clientIdOf,
  clientIdSpec,
  type ClientIdSpec,
  type Resolved,
} from '#tests/server/fuzz/requests';
import { resolveStamps, stampOf } from '#tests/server/fuzz/stamps';
import { headersFor, json, PATHS } from '#tests/server/fuzz/wire';
import { deviceKeys, type DeviceKey, type World } from '#tests/server/fuzz/world';

export interface PushCase {
  who: DeviceKey;
  clientId: ClientIdSpec;
  protocolVersion: unknown;
  schemaVersion: unknown;
  unsent: unknown;
  appVersion: unknown;
  mutations: MutationCase[];
  /** Send the first mutation this many times (200 is the limit, 201 one too many). */
  bulk: number | null;
  broken: Corruption[];
  contentType: string | null;
}

export function pushCase(w: World): fc.Arbitrary<PushCase> {
  return fc.record({
    who: fc.oneof(
      { weight: 3, arbitrary: pick<DeviceKey>(['organiser', 'staff']) },
      { weight: 1, arbitrary: pick<DeviceKey>(['trainer', 'phone', 'phone2']) },
    ),
    clientId: clientIdSpec,
    protocolVersion: often(
      fc.constant<unknown>(PROTOCOL_VERSION),
      pick<unknown>([0, 2, '1', 1.5, null, MISSING]),
      80,
    ),
    schemaVersion: often(fc.constant<unknown>(1), junk, 80),
    unsent: fc.oneof(
      { weight: 20, arbitrary: fc.constant<unknown>(MISSING) },
      { weight: 9, arbitrary: fc.nat() },
      { weight: 1, arbitrary: pick<unknown>([-1, 1.5, 2 ** 53, '3']) },
    ),
    appVersion: fc.oneof(
      { weight: 20, arbitrary: fc.constant<unknown>(MISSING) },
      { weight: 9, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constant('v'.repeat(41)) },
    ),
    mutations: fc.array(mutationCase(w), { minLength: 0, maxLength: 6 }),
    bulk: fc.oneof(
      { weight: 60, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: pick([MAX_BATCH_MUTATIONS, MAX_BATCH_MUTATIONS + 1]) },
    ),
    broken: fc.oneof(
      { weight: 30, arbitrary: fc.constant<Corruption[]>([]) },
      { weight: 1, arbitrary: corruptions(2) },
    ),
    contentType: contentTypes,
  });
}

export const resolvePush =
  (w: World) =>
  (c: PushCase): Resolved => {
    const device = w.devices[c.who];
    const clientId = clientIdOf(w, c.clientId, device);
    const base = seqOfDevice(w.db, device.deviceId) + 1;
    const cases =
      c.bulk && c.mutations[0]
        ? Array.from({ length: c.bulk }, () => c.mutations[0]!)
        : c.mutations;
    const mutations = cases.map((m, i) => {
      const seq = m.seq.k === 'next' ? base + i : m.seq.k === 'rel' ? base + i + m.seq.d : m.seq.v;
      const hlc = stampOf(m.hlc, device.clientId);
      const args = resolveStamps(m.template.args, hlc);
      // Bulk copies get ids of their own, or every copy after the first is a resend.
      const fresh = c.bulk
        ? (JSON.parse(
            JSON.stringify(args).replaceAll(
              /"(checkinId|markId)":"[^"]*"/g,
              `"$1":"bulk-${i}-${base}"`,
            ),
          ) as unknown)
        : args;
      // …and mutation ids of their own: a server settles an id once, by any path.
      const id = c.bulk && typeof m.id === 'string' ? `${m.id.slice(0, 40)}-b${i}` : m.id;
      const mutation = build({
        seq,
        id,
        name: m.name,
        args: corrupt(fresh, m.broken),
        hlc,
        createdAt: m.createdAt,
      });
      return mutation;
    });
    const body = corrupt(
      build({
        protocolVersion: c.protocolVersion,
        schemaVersion: c.schemaVersion,
        clientId,
        mutations,
        unsent: c.unsent,
        appVersion: c.appVersion,
      }),
      c.broken,
    );
    return {
      endpoint: 'push',
      wire: {
        method: 'POST',
        path: PATHS.push,
        headers: headersFor(c.contentType, device.token),
        body: json(body),
      },
      body,
      device,
      note: `push as ${c.who}`,
    };
  };

// --- random bodies to push, and tokens ---

export interface RandomPushCase {
  who: DeviceKey;
  body: RandomBody;
  contentType: string | null;
  chunked: boolean;
}

export const randomPushCase: fc.Arbitrary<RandomPushCase> = fc.record({
  who: pick(deviceKeys),
  body: randomBody,
  contentType: often(fc.constant<string | null>('application/json'), contentTypes, 4),
  chunked: often(fc.constant(false), fc.constant(true), 8),
});

export const resolveRandomPush =
  (w: World) =>
  (c: RandomPushCase): Resolved => {
    const device = w.devices[c.who];
    const valid = {
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: 1,
      clientId: device.clientId,
      mutations: [],
    };
    return {
      endpoint: 'push',
      wire: {
        method: 'POST',
        path: PATHS.push,
        headers: headersFor(c.contentType, device.token),
        body: randomBytes(c.body, valid),
        chunked: c.chunked,
      },
      device,
      note: `push as ${c.who} random ${describeBody(c.body)}${c.chunked ? ' chunked' : ''}`,
    };
  };

type AuthSpec =
  | 'none'
  | 'empty'
  | 'scheme-only'
  | 'two-spaces'
  | 'no-scheme'
  | 'basic'
  | 'token-scheme'
  | 'altered'
  | 'truncated'
  | 'trailing-garbage'
  | 'revoked'
  | 'expired'
  | 'other-device'
  | { garbage: string };

export interface AuthCase {
  endpoint: 'push' | 'pull';
  who: DeviceKey;
  auth: AuthSpec;
}

export const authCase: fc.Arbitrary<AuthCase> = fc.record({
  endpoint: pick<'push' | 'pull'>(['push', 'pull']),
  who: pick(deviceKeys),
  auth: fc.oneof(
    {
      weight: 3,
      arbitrary: pick<AuthSpec>([
        'none',
        'empty',
        'scheme-only',
        'two-spaces',
        'no-scheme',
        'basic',
        'token-scheme',
        'altered',
        'truncated',
        'trailing-garbage',
        'revoked',
        'expired',
        'other-device',
      ]),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.string({ unit: 'grapheme-ascii', maxLength: 100 }),
          fc.base64String({ maxLength: 64 }),
          fc.integer({ min: 1, max: 7000 }).map((n) => 't'.repeat(n)),
          // Latin-1 is what an HTTP header may carry besides ASCII.
          fc.string({
            unit: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)),
            maxLength: 20,
          }),
        )
        .map((garbage): AuthSpec => ({ garbage })),
    },
  ),
});

export const resolveAuth =
  (w: World) =>
  (c: AuthCase): Resolved => {
    const device = w.devices[c.who];
    const t = device.token;
    const header: string | undefined =
      typeof c.auth === 'object'
        ? `Bearer ${c.auth.garbage}`
        : {
            none: undefined,
            empty: '',
            'scheme-only': 'Bearer',
            'two-spaces': `Bearer  ${t}`,
            'no-scheme': t,
            basic: `Basic ${Buffer.from(`${c.who}:${t}`).toString('base64')}`,
            'token-scheme': `Token ${t}`,
            altered: `Bearer ${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`,
            truncated: `Bearer ${t.slice(0, 20)}`,
            'trailing-garbage': `Bearer ${t} x`,
            revoked: `Bearer ${w.revoked.token}`,
            expired: `Bearer ${w.expired.token}`,
            'other-device': `Bearer ${Object.values(w.devices).find((d) => d !== device)!.token}`,
          }[c.auth];
    const body =
      c.endpoint === 'push'
        ? {
            protocolVersion: PROTOCOL_VERSION,
            schemaVersion: 1,
            clientId: device.clientId,
            mutations: [],
          }
        : { clientId: device.clientId, cursor: null, limit: 1 };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (header !== undefined) headers.authorization = header;
    return {
      endpoint: c.endpoint,
      wire: { method: 'POST', path: PATHS[c.endpoint], headers, body: json(body) },
      body,
      note: `${c.endpoint} auth ${typeof c.auth === 'object' ? `garbage(${c.auth.garbage.length})` : c.auth}`,
    };
  };
