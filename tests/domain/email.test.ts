import { describe, it, expect } from 'vitest';
import { parseEmail } from '#domain/email';

describe('parseEmail', () => {
  it('trims and lowercases', () => {
    expect(parseEmail('  Siti.Aminah@Gmail.COM ')).toEqual({
      ok: true,
      value: 'siti.aminah@gmail.com',
    });
  });

  it.each([
    'pustakawan@dispersip.kalselprov.go.id',
    'budi+bimtek@yahoo.co.id',
    'a_b-c@sub-domain.example.org',
  ])('accepts %s', (email) => {
    expect(parseEmail(email)).toEqual({ ok: true, value: email });
  });

  it('requires a value', () => {
    expect(parseEmail('   ')).toEqual({ ok: false, code: 'required' });
  });

  it.each([
    'siti.gmail.com', // no @
    'siti@@gmail.com',
    'siti@aminah@gmail.com',
    'siti aminah@gmail.com', // space
    'siti@gmail', // no dot in the domain
    'siti@gmail.', // empty top level
    'siti@gmail..com',
    'siti@.gmail.com',
    'siti@-gmail.com',
    'siti@gmail.c', // one-letter top level
    'siti@gmail.c0m',
    '.siti@gmail.com',
    'siti.@gmail.com',
    'si..ti@gmail.com',
    '@gmail.com',
  ])('rejects %s', (email) => {
    expect(parseEmail(email)).toEqual({ ok: false, code: 'email.format' });
  });

  it('rejects addresses longer than 254 characters', () => {
    expect(parseEmail(`${'a'.repeat(60)}@${'b'.repeat(190)}.com`)).toMatchObject({
      code: 'email.format',
    });
  });
});
