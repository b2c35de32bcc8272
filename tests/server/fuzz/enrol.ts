// Enrolments and joins: fresh, used, expired and made-up codes in every spelling,
// device descriptions in and out of bounds, join paths that are barely a path, and source
// addresses of their own (wrong codes and joins are limited per address).
import * as fc from 'fast-check';
import { createEnrollCode } from '#server/auth';
import type { Role } from '#sync/protocol';
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
import type { Resolved } from '#tests/server/fuzz/requests';
import { MINUTE } from '#tests/server/fuzz/stamps';
import { headersFor, json, PATHS } from '#tests/server/fuzz/wire';
import type { World } from '#tests/server/fuzz/world';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';

const deviceInfo = fc
  .record({
    clientId: fc.oneof(
      { weight: 12, arbitrary: fc.uuid().map((u): unknown => `c-fuzz-${u}`) },
      { weight: 1, arbitrary: pick<unknown>(['', 'x'.repeat(64), 'x'.repeat(65), MISSING]) },
      { weight: 1, arbitrary: junk },
    ),
    name: fc.oneof(
      { weight: 4, arbitrary: fc.constant<unknown>(MISSING) },
      { weight: 2, arbitrary: fc.string({ maxLength: 100 }) },
      { weight: 1, arbitrary: pick<unknown>(['n'.repeat(101), 7]) },
    ),
    appVersion: fc.oneof(
      { weight: 4, arbitrary: fc.constant<unknown>(MISSING) },
      { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 1, arbitrary: pick<unknown>(['a'.repeat(41), false]) },
    ),
    userAgent: fc.oneof(
      { weight: 4, arbitrary: fc.constant<unknown>(MISSING) },
      { weight: 2, arbitrary: fc.string({ maxLength: 300 }) },
      { weight: 1, arbitrary: pick<unknown>(['u'.repeat(301)]) },
    ),
  })
  .map(build);

type CodeSpec =
  | { k: 'fresh'; role: Exclude<Role, 'participant'>; form: 'as-is' | 'lower' | 'bare' | 'spaced' }
  | { k: 'used' }
  | { k: 'expired' }
  | { k: 'lit'; v: unknown };

export interface EnrollCase {
  /** Wrong codes are limited per address: most enrolments come from one of their own. */
  shared: boolean;
  code: CodeSpec;
  deviceInfo: unknown;
  extra: Record<string, unknown>;
  broken: Corruption[];
  contentType: string | null;
  random: RandomBody | null;
}

export const enrollCase: fc.Arbitrary<EnrollCase> = fc.record({
  shared: often(fc.constant(false), fc.constant(true), 9),
  code: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        k: fc.constant('fresh' as const),
        role: pick<Exclude<Role, 'participant'>>(['organiser', 'staff', 'trainer']),
        form: pick<'as-is' | 'lower' | 'bare' | 'spaced'>(['as-is', 'lower', 'bare', 'spaced']),
      }),
    },
    { weight: 1, arbitrary: fc.constant<CodeSpec>({ k: 'used' }) },
    { weight: 1, arbitrary: fc.constant<CodeSpec>({ k: 'expired' }) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/) as fc.Arbitrary<unknown>,
          fc.string({ maxLength: 70 }),
          pick<unknown>(['', 'x'.repeat(65), MISSING]),
          junk,
        )
        .map((v): CodeSpec => ({ k: 'lit', v })),
    },
  ),
  deviceInfo: often(
    deviceInfo as fc.Arbitrary<unknown>,
    fc.oneof(junk, fc.constant<unknown>(MISSING)),
    10,
  ),
  extra: fc.oneof(
    { weight: 6, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), junk, { maxKeys: 3 }) },
  ),
  broken: fc.oneof(
    { weight: 8, arbitrary: fc.constant<Corruption[]>([]) },
    { weight: 1, arbitrary: corruptions(2) },
  ),
  contentType: contentTypes,
  random: fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: randomBody },
  ),
});

export const resolveEnroll =
  (w: World) =>
  (c: EnrollCase): Resolved => {
    let code: unknown;
    let codeRole: Role | undefined;
    if (c.code.k === 'fresh') {
      codeRole = c.code.role;
      const made = createEnrollCode(w.db, { role: c.code.role, eventId: FIXTURE_EVENT_ID }).code;
      code =
        c.code.form === 'lower'
          ? made.toLowerCase()
          : c.code.form === 'bare'
            ? made.replace('-', '')
            : c.code.form === 'spaced'
              ? ` ${made.replace('-', ' ')} `
              : made;
    } else if (c.code.k === 'used') code = w.usedCode;
    else if (c.code.k === 'expired') {
      const past = new Date(Date.now() - 25 * 60 * MINUTE);
      code = createEnrollCode(w.db, { role: 'staff', eventId: FIXTURE_EVENT_ID, now: past }).code;
    } else code = c.code.v;
    const valid = build({ ...c.extra, enrollCode: code, deviceInfo: c.deviceInfo });
    const body = corrupt(valid, c.broken);
    return {
      endpoint: 'enroll',
      wire: {
        method: 'POST',
        path: PATHS.enroll,
        headers: headersFor(c.contentType),
        body: c.random ? randomBytes(c.random, valid) : json(body),
        from: c.shared ? '127.0.0.1' : nextAddress(),
      },
      ...(c.random ? {} : { body }),
      ...(codeRole ? { codeRole } : {}),
      note: `enroll ${c.code.k}${c.random ? ` random ${describeBody(c.random)}` : ''}`,
    };
  };

export interface JoinCase {
  prefix: string;
  segment: string;
  suffix: string;
  method: string;
  deviceInfo: unknown;
  broken: Corruption[];
  contentType: string | null;
  random: RandomBody | null;
  /** Most joins come from an address of their own; some share one and meet the limit. */
  shared: boolean;
}

// Percent-encoded, so that the request line stays valid HTTP.
const segment = fc.oneof(
  { weight: 10, arbitrary: fc.constant(FIXTURE_EVENT_ID) },
  {
    weight: 2,
    arbitrary: pick([
      'uji%2Dbimtek', // FIXTURE_EVENT_ID, encoded
      '%75ji-bimtek',
      'UJI-BIMTEK',
      `${FIXTURE_EVENT_ID}%20`,
      `${FIXTURE_EVENT_ID}%00`,
      `${FIXTURE_EVENT_ID}.`,
    ]),
  },
  {
    weight: 2,
    arbitrary: pick([
      '',
      '%',
      '%zz',
      '%E0%A4%A',
      '%C0%AF',
      '%FF',
      '%u0041',
      '..',
      '%2e%2e',
      '%2F',
      'a%2Fb',
      '+',
      'x;y=1',
      '*',
      '%2A',
      'null',
      'undefined',
      '__proto__',
      'constructor',
      '%F0%9F%92%A5',
    ]),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~!$&'()*+,;=:@-]{1,80}$/) },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 6000 }).map((n) => 'e'.repeat(n)) },
);

export const joinCase: fc.Arbitrary<JoinCase> = fc.record({
  prefix: often(
    fc.constant('/api/v1/events/'),
    pick(['/api/v1/events//', '/api/v1//events/', '/api/v1/events/./', '/api/v1/Events/']),
    12,
  ),
  segment,
  suffix: often(
    fc.constant('/join'),
    pick(['/join/', '/JOIN', '/join?x=1', '//join', '/join%20', '/join/..', '', '/join.json']),
    12,
  ),
  method: often(fc.constant('POST'), pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']), 30),
  deviceInfo: often(
    deviceInfo as fc.Arbitrary<unknown>,
    fc.oneof(junk, fc.constant<unknown>(MISSING)),
    10,
  ),
  broken: fc.oneof(
    { weight: 8, arbitrary: fc.constant<Corruption[]>([]) },
    { weight: 1, arbitrary: corruptions(2) },
  ),
  contentType: contentTypes,
  random: fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: randomBody },
  ),
  shared: often(fc.constant(false), fc.constant(true), 9),
});

let addresses = 0;
/** 127.1.0.1, 127.1.0.2, …: every join from an address of its own. */
function nextAddress(): string {
  addresses++;
  return `127.1.${(addresses >> 8) & 255}.${addresses & 255 || 254}`;
}

export function resolveJoin(c: JoinCase): Resolved {
  const valid = build({ deviceInfo: c.deviceInfo });
  const body = corrupt(valid, c.broken);
  return {
    endpoint: 'join',
    wire: {
      method: c.method,
      path: `${c.prefix}${c.segment}${c.suffix}`,
      headers: headersFor(c.contentType),
      body: c.random ? randomBytes(c.random, valid) : json(body),
      from: c.shared ? '127.0.0.1' : nextAddress(),
    },
    ...(c.random ? {} : { body }),
    note: `join ${c.method} ${c.prefix}${c.segment.slice(0, 80)}${c.suffix}${c.random ? ` random ${describeBody(c.random)}` : ''}`,
  };
}
