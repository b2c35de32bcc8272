import { describe, it, expect } from 'vitest';
import { validationMessage, validationMessages } from '#domain/messages';
import { validationCodes } from '#domain/validation';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('validationMessages', () => {
  it('has a message for exactly the validation codes', () => {
    expect(Object.keys(validationMessages).sort()).toEqual([...validationCodes].sort());
  });

  it.each(validationCodes)('%s has non-empty Indonesian and English text', (code) => {
    const { id, en } = validationMessages[code];
    expect(id.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(id).not.toBe(en);
    // Both languages need the same parameters, or one of them shows "{count}".
    expect(placeholders(id)).toEqual(placeholders(en));
  });

  it('is specific about NIP problems', () => {
    expect(validationMessages['nip.length'].id).toBe('NIP harus 18 digit (sekarang {count} digit)');
    expect(validationMessages['nip.birthDate'].id).toContain('Tanggal lahir pada NIP tidak valid');
    expect(validationMessages['nip.genderMismatch'].id).toBe(
      'Jenis kelamin pada NIP (digit ke-15) tidak sesuai dengan jenis kelamin yang dipilih',
    );
  });
});

describe('validationMessage', () => {
  it('substitutes placeholders', () => {
    expect(validationMessage('nip.length', 'id', { count: 17 })).toBe(
      'NIP harus 18 digit (sekarang 17 digit)',
    );
    expect(validationMessage('nik.length', 'en', { count: 15 })).toBe(
      'NIK must have 16 digits (now 15)',
    );
    expect(validationMessage('phone.length', 'id', { count: 14, min: 10, max: 13 })).toBe(
      'Nomor HP harus 10–13 digit dalam format 08… (sekarang 14 digit)',
    );
  });

  it('returns text without placeholders unchanged', () => {
    expect(validationMessage('required', 'id')).toBe('Wajib diisi');
    expect(validationMessage('email.format', 'en', { count: 1 })).toBe(
      validationMessages['email.format'].en,
    );
  });

  it('leaves a missing parameter visible rather than printing undefined', () => {
    expect(validationMessage('nip.length', 'id')).toBe(
      'NIP harus 18 digit (sekarang {count} digit)',
    );
  });
});
