import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '#domain/ids';

describe('newId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes RFC 4122 version 4 ids, all different', () => {
    const ids = Array.from({ length: 2000 }, newId);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('works where crypto.randomUUID does not exist (a plain-HTTP LAN address)', () => {
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    expect(globalThis.crypto.randomUUID).toBeUndefined();
    expect(newId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
