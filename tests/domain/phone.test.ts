import { describe, it, expect } from 'vitest';
import { formatPhone, parsePhone } from '#domain/phone';

describe('parsePhone', () => {
  it.each([
    ['081234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['6285212345678', '+6285212345678'],
    ['0811234567', '+62811234567'], // 10 digits, the shortest mobile form
    ['0812 3456 78901', '+62812345678901'], // 13 digits, the longest
    ['(0812) 3456.7890', '+6281234567890'],
    ['+62 (0)812-3456-7890', '+6281234567890'],
    ['0062 812 3456 7890', '+6281234567890'],
    ['812-3456-7890', '+6281234567890'], // typed after a +62 shown in front of the field
    ['0895 1234 5678', '+6289512345678'], // Tri
    ['0881-2345-6789', '+6288123456789'], // Smartfren
    ['0838 1234 5678', '+6283812345678'], // Axis
  ])('accepts %s as %s', (input, e164) => {
    expect(parsePhone(input)).toEqual({ ok: true, value: e164 });
  });

  it('requires a value', () => {
    expect(parsePhone('')).toEqual({ ok: false, code: 'required' });
  });

  it('rejects letters, foreign numbers and a plus in the middle', () => {
    expect(parsePhone('0812-3456-789O')).toEqual({ ok: false, code: 'phone.format' });
    expect(parsePhone('+1 202 555 0123')).toEqual({ ok: false, code: 'phone.format' });
    expect(parsePhone('0812+34567890')).toEqual({ ok: false, code: 'phone.format' });
    expect(parsePhone('12')).toEqual({ ok: false, code: 'phone.format' });
  });

  it('rejects numbers that are too long or too short, with the count', () => {
    expect(parsePhone('08123456789012')).toEqual({
      ok: false,
      code: 'phone.length',
      params: { count: 14, min: 10, max: 13 },
    });
    expect(parsePhone('081234567')).toMatchObject({
      code: 'phone.length',
      params: { count: 9 },
    });
  });

  it('rejects 084x, which is not a mobile prefix', () => {
    expect(parsePhone('08412345678')).toEqual({ ok: false, code: 'phone.notMobile' });
    expect(parsePhone('+62 841 2345 678')).toEqual({ ok: false, code: 'phone.notMobile' });
  });

  it('rejects landlines and other non-mobile numbers', () => {
    expect(parsePhone('0511-3352123')).toEqual({ ok: false, code: 'phone.notMobile' });
    expect(parsePhone('(0511) 3352123')).toEqual({ ok: false, code: 'phone.notMobile' });
    expect(parsePhone('0800-1234567')).toEqual({ ok: false, code: 'phone.notMobile' });
  });
});

describe('formatPhone', () => {
  it('groups 4-4-rest', () => {
    expect(formatPhone('+6281234567890')).toBe('0812-3456-7890');
    expect(formatPhone('+628123456789')).toBe('0812-3456-789');
    expect(formatPhone('+62812345678901')).toBe('0812-3456-78901');
  });

  it('groups a 10-digit number 4-3-3', () => {
    expect(formatPhone('+62811234567')).toBe('0811-234-567');
  });

  it('round-trips with parsePhone', () => {
    const parsed = parsePhone('+62 852-1234-5678');
    expect(parsed.ok && formatPhone(parsed.value)).toBe('0852-1234-5678');
  });

  it('leaves anything that is not +62 as it was', () => {
    expect(formatPhone('+12025550123')).toBe('+12025550123');
  });
});
