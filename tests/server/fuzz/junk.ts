// Generators any request of the fuzz draws on: junk values, corruptions of a valid body,
// content types and bodies that have nothing to do with the endpoint.
import * as fc from 'fast-check';
import { MAX_BODY_BYTES } from '#sync/protocol';
import { json } from '#tests/server/fuzz/wire';

/** Names every plain object inherits: a classic way to reach code through a lookup table. */
export const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype);

export const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
export const often = <T>(usual: fc.Arbitrary<T>, other: fc.Arbitrary<T>, weight = 25) =>
  fc.oneof({ weight, arbitrary: usual }, { weight: 1, arbitrary: other });

export const MISSING = Symbol('missing');

/** Set `key` unless the generator chose to leave it out. */
export function build(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== MISSING));
}

export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 2, maxKeys: 4 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      -0,
      2 ** 53,
      -(2 ** 63),
      Number.MAX_VALUE,
      '',
      ' ',
      '0',
      'null',
      'x'.repeat(301),
      '\u0000',
      '\ud800',
      '💥🇮🇩',
      "'; DROP TABLE rows; --",
      '../../etc/passwd',
      [],
      {},
      [null],
      { v: 1 },
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
);

/** Break a JSON value in a few places: set, delete, add, wrap or stringify a member. */
export interface Corruption {
  at: number;
  op: 'set' | 'delete' | 'add' | 'wrap' | 'stringify';
  value: unknown;
}

export const corruptions = (maxLength: number): fc.Arbitrary<Corruption[]> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant<Corruption[]>([]) },
    {
      weight: 2,
      arbitrary: fc.array(
        fc.record({
          at: fc.nat(),
          op: fc.constantFrom<Corruption['op']>('set', 'delete', 'add', 'wrap', 'stringify'),
          value: junk,
        }),
        { minLength: 1, maxLength },
      ),
    },
  );

type Key = string | number;
type Container = Record<Key, unknown>;

function pathsOf(v: unknown, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  if (v && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      const key = Array.isArray(v) ? Number(k) : k;
      out.push([...prefix, key]);
      pathsOf(child, [...prefix, key], out);
    }
  }
  return out;
}

export function corrupt(value: unknown, ops: Corruption[]): unknown {
  if (ops.length === 0) return value;
  let root = structuredClone(value);
  for (const op of ops) {
    // A copy: generated values (constants above all) are shared between runs, and a
    // later operation may write into what this one inserted.
    const inserted = structuredClone(op.value);
    const paths = pathsOf(root);
    const path = paths[op.at % Math.max(paths.length, 1)];
    if (!path) {
      root = inserted;
      continue;
    }
    let parent = root as Container;
    for (const k of path.slice(0, -1)) parent = parent[k] as Container;
    const key = path[path.length - 1]!;
    if (op.op === 'set') parent[key] = inserted;
    else if (op.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (op.op === 'add') {
      if (Array.isArray(parent)) parent.push(inserted);
      else parent[`x${op.at % 5}`] = inserted;
    } else if (op.op === 'wrap') parent[key] = [parent[key]];
    else parent[key] = JSON.stringify(parent[key]) ?? 'undefined';
  }
  return root;
}

export const contentTypes = fc.oneof(
  { weight: 24, arbitrary: fc.constant<string | null>('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | null>(
      null,
      '',
      'application/json; charset=utf-8',
      'application/json;charset=UTF-16',
      'APPLICATION/JSON',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/jsonp',
      'application/json-patch+json',
      'application/vnd.api+json',
      '*/*',
    ),
  },
);

/** Bodies that have nothing to do with the endpoint. Kept as a recipe, built when sent,
 * so a failure report does not print megabytes. */
export type RandomBody =
  | { k: 'json'; text: string }
  | { k: 'value'; value: unknown }
  | { k: 'text'; text: string }
  | { k: 'bytes'; bytes: Uint8Array }
  | { k: 'deep'; depth: number; open: '[' | '{"a":'; closed: boolean }
  | { k: 'huge'; length: number; shape: 'raw' | 'string' | 'field' }
  | { k: 'cut'; at: number }
  | { k: 'empty' };

export const randomBody: fc.Arbitrary<RandomBody> = fc.oneof(
  { weight: 4, arbitrary: fc.json({ maxDepth: 4 }).map((text) => ({ k: 'json' as const, text })) },
  {
    weight: 4,
    arbitrary: fc.anything({ maxDepth: 4 }).map((value) => ({ k: 'value' as const, value })),
  },
  {
    weight: 3,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 400 })
      .map((text) => ({ k: 'text' as const, text })),
  },
  {
    weight: 2,
    arbitrary: fc.uint8Array({ maxLength: 3000 }).map((bytes) => ({ k: 'bytes' as const, bytes })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('deep' as const),
      depth: fc.integer({ min: 50, max: 120_000 }),
      open: fc.constantFrom<'[' | '{"a":'>('[', '{"a":'),
      closed: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('huge' as const),
      length: fc.constantFrom(
        MAX_BODY_BYTES - 200,
        MAX_BODY_BYTES,
        MAX_BODY_BYTES + 1,
        MAX_BODY_BYTES + 100_000,
        3 * MAX_BODY_BYTES,
      ),
      shape: fc.constantFrom<'raw' | 'string' | 'field'>('raw', 'string', 'field'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('cut' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ k: 'empty' as const }) },
);

export function randomBytes(b: RandomBody, valid: unknown): Buffer {
  switch (b.k) {
    case 'json':
    case 'text':
      return Buffer.from(b.text);
    case 'value':
      return json(b.value);
    case 'bytes':
      return Buffer.from(b.bytes);
    case 'deep':
      return Buffer.from(
        b.open.repeat(b.depth) +
          (b.open === '[' ? '' : '1') +
          (b.closed ? (b.open === '[' ? ']' : '}').repeat(b.depth) : ''),
      );
    case 'huge': {
      if (b.shape === 'raw') return Buffer.alloc(b.length, 'x');
      if (b.shape === 'string') return Buffer.from(`"${'y'.repeat(Math.max(0, b.length - 2))}"`);
      // A valid envelope with one enormous member.
      const base = JSON.stringify({ ...(valid as object), pad: '' });
      return Buffer.from(
        base.replace('"pad":""', `"pad":"${'z'.repeat(Math.max(0, b.length - base.length))}"`),
      );
    }
    case 'cut': {
      const text = JSON.stringify(valid);
      return Buffer.from(text.slice(0, b.at % text.length));
    }
    case 'empty':
      return Buffer.alloc(0);
  }
}

export function describeBody(b: RandomBody): string {
  if (b.k === 'huge' || b.k === 'deep' || b.k === 'cut' || b.k === 'empty')
    return JSON.stringify(b);
  if (b.k === 'bytes') return `bytes(${b.bytes.length})`;
  return b.k;
}
