// A request as the fuzz built it, ready to send and to judge, and the client id a push
// or a pull declares (its own, another device's, none, junk).
import * as fc from 'fast-check';
import type { Role } from '#sync/protocol';
import type { TestDevice } from '#tests/server/support';
import { junk, MISSING } from '#tests/server/fuzz/junk';
import type { Endpoint, Wire } from '#tests/server/fuzz/wire';
import type { World } from '#tests/server/fuzz/world';

export interface Resolved {
  endpoint: Endpoint;
  wire: Wire;
  /** The body the test built, before serialising (absent for random bytes). */
  body?: unknown;
  /** The device whose token was sent. */
  device?: TestDevice;
  /** What the enrolment code was made for, when it was a fresh valid one. */
  codeRole?: Role;
  note: string;
}

export type ClientIdSpec = 'own' | 'other' | 'missing' | { lit: unknown };
export const clientIdSpec: fc.Arbitrary<ClientIdSpec> = fc.oneof(
  { weight: 80, arbitrary: fc.constant<ClientIdSpec>('own') },
  { weight: 1, arbitrary: fc.constant<ClientIdSpec>('other') },
  { weight: 1, arbitrary: fc.constant<ClientIdSpec>('missing') },
  { weight: 1, arbitrary: junk.map((lit): ClientIdSpec => ({ lit })) },
);

export function clientIdOf(w: World, spec: ClientIdSpec, device: TestDevice): unknown {
  if (spec === 'own') return device.clientId;
  if (spec === 'missing') return MISSING;
  if (spec === 'other') {
    const other = Object.values(w.devices).find((d) => d.clientId !== device.clientId)!;
    return other.clientId;
  }
  return spec.lit;
}
