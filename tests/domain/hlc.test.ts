import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  formatHlc,
  initialHlc,
  isHlc,
  parseHlc,
  receive,
  skewMs,
  tick,
} from '#domain/hlc';

const T = Date.parse('2025-06-02T00:00:00.000Z');

describe('hybrid logical clock', () => {
  it('formats stamps that sort as text in time order', () => {
    const s = formatHlc({ wall: T, counter: 10, node: 'dev-a' });
    expect(s).toBe('2025-06-02T00:00:00.000Z-000a-dev-a');
    expect(parseHlc(s)).toEqual({ wall: T, counter: 10, node: 'dev-a' });
  });

  it('counts up within one millisecond and resets when time moves on', () => {
    let state = initialHlc('a');
    const a = tick(state, T);
    const b = tick(a.state, T);
    const c = tick(b.state, T + 1);
    expect([a.state.counter, b.state.counter, c.state.counter]).toEqual([0, 1, 0]);
    expect(compareHlc(a.stamp, b.stamp)).toBe(-1);
    expect(compareHlc(b.stamp, c.stamp)).toBe(-1);
    state = c.state;
    expect(state.wall).toBe(T + 1);
  });

  it('never goes backwards when the wall clock does', () => {
    const a = tick(initialHlc('a'), T + 5000);
    const b = tick(a.state, T); // clock set back 5 s
    expect(compareHlc(a.stamp, b.stamp)).toBe(-1);
    expect(b.state.wall).toBe(T + 5000);
  });

  it('after receiving a remote stamp, local stamps sort after it', () => {
    const remote = formatHlc({ wall: T + 60_000, counter: 3, node: 'b' });
    const merged = receive(initialHlc('a'), remote, T);
    const next = tick(merged, T);
    expect(compareHlc(remote, next.stamp)).toBe(-1);
  });

  it('breaks ties between devices by node id, deterministically', () => {
    const a = formatHlc({ wall: T, counter: 0, node: 'a' });
    const b = formatHlc({ wall: T, counter: 0, node: 'b' });
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, a)).toBe(1);
    expect(compareHlc(a, a)).toBe(0);
  });

  it('measures how far a stamp runs ahead of a reference clock', () => {
    const twoHoursAhead = formatHlc({ wall: T + 7_200_000, counter: 0, node: 'a' });
    expect(skewMs(twoHoursAhead, T)).toBe(7_200_000);
  });

  it('rejects malformed stamps', () => {
    expect(() => parseHlc('yesterday')).toThrow(/Invalid HLC/);
  });
});

describe('stamps that look right but are not', () => {
  it('rejects impossible or non-canonical dates, which would outrank every real stamp', () => {
    for (const bad of [
      '2025-13-45T00:00:00.000Z-0000-a',
      '9999-99-99T99:99:99.999Z-0000-a',
      '2025-02-30T00:00:00.000Z-0000-a',
    ]) {
      expect(isHlc(bad), bad).toBe(false);
      expect(() => parseHlc(bad)).toThrow(/Invalid HLC/);
    }
    expect(isHlc('2025-06-02T00:00:00.000Z-0000-a')).toBe(true);
  });
});
