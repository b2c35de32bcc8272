// Certificate numbers from the event's pattern, and the verification code's alphabet.
import { describe, expect, it } from 'vitest';
import { certificateNumber, VERIFY_CODE, verifyUrl } from '#domain/certificate';

describe('certificateNumber', () => {
  it('fills the default pattern: seq padded to 3, the year of issue', () => {
    const n = certificateNumber('{seq}/BIMTEK-LI/DISPERSIP/{year}', {
      seq: 7,
      issuedDate: '2026-03-14',
      batchCode: 'A1',
    });
    expect(n).toBe('007/BIMTEK-LI/DISPERSIP/2026');
  });

  it('writes the month in Roman numerals and the batch code, as official letters do', () => {
    const pattern = '800/{seq}/{batch}/DISPERSIP/{month}/{year}';
    const at = (issuedDate: string) =>
      certificateNumber(pattern, { seq: 12, issuedDate, batchCode: 'A2' });
    expect(at('2026-01-05')).toBe('800/012/A2/DISPERSIP/I/2026');
    expect(at('2026-04-30')).toBe('800/012/A2/DISPERSIP/IV/2026');
    expect(at('2026-09-01')).toBe('800/012/A2/DISPERSIP/IX/2026');
    expect(at('2026-12-31')).toBe('800/012/A2/DISPERSIP/XII/2026');
  });

  it('keeps sequence numbers past 999 whole, and repeats a placeholder used twice', () => {
    const v = { seq: 1234, issuedDate: '2026-06-02', batchCode: 'B' };
    expect(certificateNumber('{seq}-{seq}/{unknown}', v)).toBe('1234-1234/{unknown}');
  });
});

describe('verification codes', () => {
  it('accept the 31-character alphabet and refuse look-alikes and other lengths', () => {
    expect(VERIFY_CODE.test('23456789AB')).toBe(true);
    expect(VERIFY_CODE.test('HJKMNPQRST')).toBe(true);
    for (const bad of [
      '0123456789',
      'ABCDEFGHIJ',
      'ABCDEFGHLK',
      'ABCDEFGHO2',
      'ABCDEFGHJ',
      'abcdefghjk',
    ])
      expect(VERIFY_CODE.test(bad), bad).toBe(false);
    expect(verifyUrl('https://hadir.example', 'ABCDEFGHJK')).toBe(
      'https://hadir.example/#/verify/ABCDEFGHJK',
    );
  });
});
