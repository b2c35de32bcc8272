import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId, shortId } from '#domain/ids';

describe('newId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes RFC 9562 version 7 ids, all different', () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts with the time in milliseconds, so later ids sort after earlier ones', () => {
    const at = Date.UTC(2026, 5, 2, 0, 30, 0, 123);
    expect(newId(at).replace(/-/g, '').slice(0, 12)).toBe(at.toString(16).padStart(12, '0'));
    const earlier = Array.from({ length: 50 }, (_, i) => newId(at + i * 1000));
    expect([...earlier].sort()).toEqual(earlier);
  });

  it('works where crypto.randomUUID does not exist (a plain-HTTP LAN address)', () => {
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    expect(globalThis.crypto.randomUUID).toBeUndefined();
    expect(newId()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is shortened from its random end: ids made the same second stay apart', () => {
    const at = Date.now();
    const short = Array.from({ length: 200 }, () => shortId(newId(at)));
    expect(new Set(short).size).toBeGreaterThan(195);
    expect(shortId('0192ab34-5678-7abc-8def-0123456789ab')).toBe('6789ab');
  });
});
