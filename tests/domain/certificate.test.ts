// Certificate numbers from the event's pattern, the verification code's alphabet, and what
// a certificate states: the activity's title, the number's label, its date and place, how
// it looks, and who is not issued one while their data is incomplete.
import { describe, expect, it } from 'vitest';
import {
  activityTitle,
  certificateDay,
  certificateNumber,
  certificateStyle,
  nipLabel,
  signingPlace,
  VERIFY_CODE,
  verifyCodeOf,
  verifyUrl,
} from '#domain/certificate';
import { participantCredit, sessionStatuses } from '#domain/credit';
import { demoEvent } from '#domain/demo';
import type { AttendanceMark } from '#domain/model';

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

describe('what a certificate states', () => {
  it('names the activity as a Bimbingan Teknis without doubling a kind already named', () => {
    expect(activityTitle('Literasi Informasi Sertifikasi Pustakawan')).toBe(
      'Bimbingan Teknis Literasi Informasi Sertifikasi Pustakawan',
    );
    for (const named of [
      'Bimbingan Teknis Literasi Informasi',
      'Bimtek Literasi Informasi 2025',
      'BIMTEK Pengelolaan Perpustakaan Sekolah',
      'Pelatihan Katalogisasi',
      'Workshop Literasi Digital',
    ])
      expect(activityTitle(` ${named} `), named).toBe(named);
    // A word that merely starts like a kind is not one.
    expect(activityTitle('Bimtekno Expo')).toBe('Bimbingan Teknis Bimtekno Expo');
  });

  it('labels the number of a PPPK (full- or part-time) NI PPPK, anyone else’s NIP', () => {
    expect(nipLabel('pppk')).toBe('NI PPPK');
    expect(nipLabel('pppk_paruh_waktu')).toBe('NI PPPK');
    expect(nipLabel('pns')).toBe('NIP');
    expect(nipLabel(undefined)).toBe('NIP');
  });

  it('dates a batch’s certificates by its certificate date, else its last day', () => {
    expect(certificateDay({ endDate: '2025-06-03' })).toBe('2025-06-03');
    expect(certificateDay({ endDate: '2025-06-03', certificateDate: '2025-06-10' })).toBe(
      '2025-06-10',
    );
  });

  it('is signed at the certificate’s place, else the event’s city, never the venue', () => {
    const certificate = { numberPattern: '{seq}', place: '' };
    expect(signingPlace({ city: 'Banjarmasin', certificate })).toBe('Banjarmasin');
    expect(
      signingPlace({ city: 'Banjarmasin', certificate: { ...certificate, place: ' Banjarbaru ' } }),
    ).toBe('Banjarbaru');
    expect(signingPlace({ city: '', certificate })).toBe('');
    // A row stored before `city` existed.
    expect(signingPlace({ certificate } as Parameters<typeof signingPlace>[0])).toBe('');
  });

  it('looks as the event says: logos only when asked, the back page, the demo mark', () => {
    const logo = 'data:image/png;base64,AAAA';
    const letterhead = { lines: [], address: '', logos: [logo] };
    const certificate = { numberPattern: '{seq}', place: '' };
    expect(certificateStyle({ demo: false, letterhead, certificate })).toEqual({
      logos: [],
      backPage: false,
      demo: false,
    });
    expect(
      certificateStyle({
        demo: false,
        letterhead,
        certificate: { ...certificate, logos: true, backPage: true },
      }),
    ).toEqual({ logos: [logo], backPage: true, demo: false });
    // The built-in demo event itself: its certificates carry the sample mark.
    expect(certificateStyle(demoEvent).demo).toBe(true);
  });

  it('reads the code back from a verification URL', () => {
    expect(verifyCodeOf('https://hadir.example/#/verify/ABCDEFGHJK')).toBe('ABCDEFGHJK');
    expect(verifyCodeOf('https://hadir.example/#/verify/ABCDEFGHJ0')).toBeUndefined();
    expect(verifyCodeOf('https://hadir.example/')).toBeUndefined();
  });
});

describe('a walk-in not yet completed', () => {
  const sessions = [{ id: 's1', batchId: 'A1', jp: 2 }];
  const marks: AttendanceMark[] = [
    {
      id: 'm1',
      eventId: 'e',
      sessionId: 's1',
      participantId: 'p',
      status: 'hadir',
      at: '2025-06-02T01:00:00.000Z',
      hlc: '2025-06-02T01:00:00.000Z-0000-d1',
      deviceId: 'd1',
    },
  ];
  const credit = (needsReview: boolean, status: 'hadir' | 'tidak_hadir' = 'hadir') =>
    participantCredit({
      event: { certificateThreshold: 80 },
      sessions,
      participant: { id: 'p', batchId: 'A1', status: 'registered', needsReview },
      statuses: sessionStatuses(marks.map((m) => ({ ...m, status }))),
    });

  it('is not eligible, for its data, though it attended everything', () => {
    expect(credit(true)).toMatchObject({ jpEarned: 2, eligible: false, reason: 'incomplete' });
    expect(credit(false)).toMatchObject({ eligible: true, reason: null });
  });

  it('is told the attendance first when that falls short too: completing would not help', () => {
    expect(credit(true, 'tidak_hadir').reason).toBe('belowThreshold');
  });
});
