// Pulls: cursors recent, ahead, made up or broken; limits in and out of range; bodies
// bent or replaced with random bytes.
import * as fc from 'fast-check';
import { PROTOCOL_VERSION } from '#sync/protocol';
import {
  build,
  contentTypes,
  corrupt,
  corruptions,
  describeBody,
  junk,
  MISSING,
  pick,
  randomBody,
  randomBytes,
  type Corruption,
  type RandomBody,
} from '#tests/server/fuzz/junk';
import {
  clientIdOf,
  clientIdSpec,
  type ClientIdSpec,
  type Resolved,
} from '#tests/server/fuzz/requests';
import { headersFor, json, PATHS } from '#tests/server/fuzz/wire';
import { currentVersion, deviceKeys, type DeviceKey, type World } from '#tests/server/fuzz/world';
import { fixture } from '#tests/support/fixture';

type CursorSpec =
  | { k: 'null' }
  | { k: 'recent'; back: number; key: unknown }
  | { k: 'ahead'; by: number }
  | { k: 'lit'; v: unknown };

export interface PullCase {
  who: DeviceKey;
  clientId: ClientIdSpec;
  cursor: CursorSpec;
  limit: unknown;
  protocolVersion: unknown;
  extra: Record<string, unknown>;
  broken: Corruption[];
  contentType: string | null;
  random: RandomBody | null;
}

export const pullCase: fc.Arbitrary<PullCase> = fc.record({
  who: pick(deviceKeys),
  clientId: clientIdSpec,
  cursor: fc.oneof(
    { weight: 2, arbitrary: fc.constant<CursorSpec>({ k: 'null' }) },
    {
      weight: 6,
      arbitrary: fc.record({
        k: fc.constant('recent' as const),
        back: fc.nat(60),
        key: fc.oneof(
          { weight: 3, arbitrary: fc.constant<unknown>(MISSING) },
          {
            weight: 2,
            arbitrary: pick<unknown>([
              `participants:${fixture.people[0]!.id}`,
              'events:',
              ':',
              '',
              'zzz',
              'aliases:\u0000',
            ]),
          },
          { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 1_000_000 })
        .map((by): CursorSpec => ({ k: 'ahead', by })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          pick<unknown>([
            { v: -1 },
            { v: 1.5 },
            { v: '1' },
            { k: 'x' },
            [],
            { v: 2 ** 53 },
            { v: 1e308 },
            MISSING,
            0,
            '',
          ]),
          junk,
        )
        .map((v): CursorSpec => ({ k: 'lit', v })),
    },
  ),
  limit: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 25 }) as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }) },
    { weight: 2, arbitrary: fc.constant(MISSING) },
    { weight: 2, arbitrary: pick<unknown>([0, 1001, -5, 2.5, '10', null, 1e9]) },
  ),
  protocolVersion: fc.oneof(
    { weight: 6, arbitrary: fc.constant<unknown>(MISSING) },
    { weight: 3, arbitrary: fc.constant<unknown>(PROTOCOL_VERSION) },
    { weight: 1, arbitrary: pick<unknown>([0, 2, '1', null]) },
  ),
  extra: fc.oneof(
    { weight: 5, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), junk, { maxKeys: 3 }) },
  ),
  broken: fc.oneof(
    { weight: 8, arbitrary: fc.constant<Corruption[]>([]) },
    { weight: 1, arbitrary: corruptions(2) },
  ),
  contentType: contentTypes,
  random: fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: randomBody },
  ),
});

export const resolvePull =
  (w: World) =>
  (c: PullCase): Resolved => {
    const device = w.devices[c.who];
    const version = currentVersion(w.db);
    const cursor =
      c.cursor.k === 'null'
        ? null
        : c.cursor.k === 'recent'
          ? build({ v: Math.max(0, version - c.cursor.back), k: c.cursor.key })
          : c.cursor.k === 'ahead'
            ? { v: version + c.cursor.by }
            : c.cursor.v;
    const valid = build({
      ...c.extra,
      clientId: clientIdOf(w, c.clientId, device),
      cursor,
      limit: c.limit,
      protocolVersion: c.protocolVersion,
    });
    const body = corrupt(valid, c.broken);
    return {
      endpoint: 'pull',
      wire: {
        method: 'POST',
        path: PATHS.pull,
        headers: headersFor(c.contentType, device.token),
        body: c.random ? randomBytes(c.random, valid) : json(body),
      },
      ...(c.random ? {} : { body }),
      device,
      note: `pull as ${c.who}${c.random ? ` random ${describeBody(c.random)}` : ''}`,
    };
  };
