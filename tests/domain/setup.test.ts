import { describe, expect, it } from 'vitest';
import { demoBatches, demoEvent, demoSessions } from '#domain/demo';
import type { CommitteeMember, Event, Session } from '#domain/model';
import {
  canPurge,
  emptySummary,
  jpFromLength,
  overlappingSessions,
  retentionEnds,
  tidyEvent,
  validateBatch,
  validateEvent,
  validateSession,
} from '#domain/setup';
import { fixture } from '#tests/support/fixture';

const batch = fixture.batches[0]!;
const at = (day: string, hhmm: string) => `${day}T${hhmm}:00.000Z`;
const session = (over: Partial<Session>): Session => ({ ...fixture.sessions[0]!, ...over });

describe('validateEvent', () => {
  // The built-in demo must stay valid in the organiser's form: a newcomer edits and saves it.
  it('accepts the demo event', () => {
    expect(validateEvent(demoEvent)).toEqual({});
  });

  it('names each wrong field with its own code', () => {
    expect(
      validateEvent({
        ...fixture.event,
        name: '  ',
        organizer: '',
        startDate: '2025-06-05',
        endDate: '2025-06-01',
        timezone: 'Asia/Nowhere',
        minutesPerJp: 0,
        certificateThreshold: 120,
        retentionDays: 0,
        regionQuotas: { '6371': 10, '6372': -1, '9999': 5 },
      }),
    ).toEqual({
      name: 'required',
      organizer: 'required',
      endDate: 'dayOrder',
      timezone: 'timezone',
      minutesPerJp: 'minutesPerJp',
      certificateThreshold: 'threshold',
      retentionDays: 'retention',
      'quota.6372': 'quota',
      'quota.9999': 'quotaRegion',
    });
  });
});

describe('validateEvent: who signs, the committee, the certificate number', () => {
  const NIP = '197501012000031001';
  const member = (over: Partial<CommitteeMember>): CommitteeMember => ({
    id: 'm',
    role: 'panitia',
    name: 'Rina Wati, S.IP.',
    position: 'Sekretaris, Dispersip Kalsel',
    ...over,
  });
  const withPeople = (over: Partial<Event>): Event => ({ ...fixture.event, ...over });

  it('takes a NIP typed in its printed groups, a PNS NIP or an NI PPPK, or none', () => {
    expect(
      validateEvent(
        withPeople({
          official: { name: 'Drs. Ahmad', title: 'Ketua Panitia', nip: '19750101 200003 1 001' },
          committee: [
            member({ id: 'a', nip: '19900101.202121.1.001' }), // NI PPPK: 21 is no month
            member({ id: 'b', nip: '' }),
            member({ id: 'c' }),
          ],
        }),
      ),
    ).toEqual({});
  });

  it('names the wrong NIP of the official, the signatory and each committee row', () => {
    expect(
      validateEvent(
        withPeople({
          official: { name: 'Drs. Ahmad', title: 'Ketua Panitia', nip: '19750101 200003 1 00' },
          committee: [
            member({ id: 'a', nip: NIP }),
            member({ id: 'b', nip: '1975O1012000031001' }),
          ],
          certificate: {
            numberPattern: '{seq}/SERT/{year}',
            place: 'Banjarbaru',
            // 31 February: 18 digits, but not a NIP.
            signatory: { name: 'Kepala Dinas', title: 'Kepala', nip: '197502312000031001' },
          },
        }),
      ),
    ).toEqual({
      'official.nip': 'nip',
      'committee.1.nip': 'nip',
      'certificate.signatory.nip': 'nipParts',
    });
  });

  it('refuses an appointment date after today, by the given clock', () => {
    const official = { name: 'Ahmad', title: 'B', nip: '199001012026011001' }; // TMT January 2026
    const e = withPeople({ official });
    expect(validateEvent(e, { today: new Date('2025-05-01T00:00:00Z') })).toEqual({
      'official.nip': 'nipParts',
    });
    expect(validateEvent(e, { today: new Date('2026-02-01T00:00:00Z') })).toEqual({});
  });

  it('refuses a signer or committee NIP past retirement or with a wrong PPPK code', () => {
    const today = new Date('2026-12-02T00:00:00Z');
    const e = withPeople({
      official: { name: 'Ahmad', title: 'B', nip: '19611130 198703 1 001' }, // 65 in November 2026
      committee: [member({ id: 'a', nip: '199503142023221001' })], // code 22
    });
    expect(validateEvent(e, { today })).toEqual({
      'official.nip': 'nipParts',
      'committee.0.nip': 'nipParts',
    });
    expect(validateEvent(e, { today: new Date('2026-11-30T00:00:00Z') })).toEqual({
      'committee.0.nip': 'nipParts',
    });
  });

  it('wants a name for every committee row, and for a signer given a title or NIP', () => {
    expect(
      validateEvent(
        withPeople({
          official: { name: ' ', title: 'Ketua Panitia', nip: '' },
          committee: [member({ id: 'a' }), member({ id: 'b', name: '  ' })],
        }),
      ),
    ).toEqual({ 'official.name': 'required', 'committee.1.name': 'required' });
    // All blank is "nobody yet", not an error.
    expect(validateEvent(withPeople({ official: { name: '', title: '', nip: '' } }))).toEqual({});
  });

  it('wants {seq} in the number pattern and at most 120 characters', () => {
    const pattern = (numberPattern: string) =>
      validateEvent(withPeople({ certificate: { numberPattern, place: '' } }));
    expect(pattern('BIMTEK/{year}')).toEqual({ 'certificate.numberPattern': 'certificatePattern' });
    expect(pattern('')).toEqual({ 'certificate.numberPattern': 'certificatePattern' });
    expect(pattern(`{seq}/${'X'.repeat(114)}`)).toEqual({}); // 120
    expect(pattern(`{seq}/${'X'.repeat(115)}`)).toEqual({
      'certificate.numberPattern': 'certificatePattern',
    });
  });
});

describe('tidyEvent', () => {
  it('stores NIPs as digits, drops blank signers and blank member NIPs, keeps row order', () => {
    const tidy = tidyEvent({
      ...fixture.event,
      official: { name: ' Drs. Ahmad ', title: 'Ketua Panitia', nip: '19750101 200003 1 001' },
      committee: [
        { id: 'b', role: 'narasumber', name: 'Budi ', nip: ' ', position: 'Perpusnas' },
        { id: 'a', role: 'panitia', name: 'Ani', nip: '19800315-200501-1-002', position: '' },
      ],
      certificate: {
        numberPattern: ' {seq}/SERT/{year} ',
        place: 'Banjarbaru',
        signatory: { name: '', title: '', nip: '' },
      },
    });
    expect(tidy.official).toEqual({
      name: 'Drs. Ahmad',
      title: 'Ketua Panitia',
      nip: '197501012000031001',
    });
    expect(tidy.committee).toEqual([
      { id: 'b', role: 'narasumber', name: 'Budi', position: 'Perpusnas' },
      { id: 'a', role: 'panitia', name: 'Ani', nip: '198003152005011002', position: '' },
    ]);
    expect(tidy.certificate).toEqual({ numberPattern: '{seq}/SERT/{year}', place: 'Banjarbaru' });
    expect(
      'official' in tidyEvent({ ...fixture.event, official: { name: '', title: '', nip: '' } }),
    ).toBe(false);
  });

  it('leaves a NIP with letters as typed, for the rules to name', () => {
    const official = { name: 'Ahmad', title: 'B', nip: '1975O101 2000031001' };
    const tidy = tidyEvent({ ...fixture.event, official });
    expect(tidy.official?.nip).toBe('1975O101 2000031001');
    expect(validateEvent(tidy)['official.nip']).toBe('nip');
  });
});

describe('validateBatch', () => {
  // The built-in demo must stay valid in the organiser's form: a newcomer edits and saves it.
  it('accepts the demo batches', () => {
    for (const b of demoBatches) expect(validateBatch(b, demoEvent, demoBatches)).toEqual({});
  });

  it('refuses a taken or malformed code, days outside the event, a negative capacity', () => {
    const other = fixture.batches[1]!;
    expect(
      validateBatch(
        { ...batch, code: other.code, startDate: '2000-01-01', capacity: -1 },
        fixture.event,
        fixture.batches,
      ),
    ).toEqual({ code: 'batchCodeTaken', startDate: 'outsideEvent', capacity: 'capacity' });
    expect(validateBatch({ ...batch, code: 'a-1' }, fixture.event, fixture.batches).code).toBe(
      'batchCode',
    );
    expect(
      validateBatch({ ...batch, endDate: '2099-01-01' }, fixture.event, fixture.batches).endDate,
    ).toBe('outsideEvent');
  });
});

describe('validateSession', () => {
  const tz = 'Asia/Makassar';
  // The built-in demo must stay valid in the organiser's form: a newcomer edits and saves it.
  it('accepts the demo sessions', () => {
    for (const s of demoSessions) {
      const b = demoBatches.find((x) => x.id === s.batchId);
      expect(validateSession(s, b, tz)).toEqual({});
    }
  });

  it('refuses an end before the start, a day outside its batch, a missing title', () => {
    expect(
      validateSession(
        session({
          title: '',
          start: at(batch.startDate, '03:00'),
          end: at(batch.startDate, '02:00'),
        }),
        batch,
        tz,
      ),
    ).toEqual({ title: 'required', end: 'timeOrder' });
    expect(
      validateSession(
        session({ start: at('2030-01-01', '01:00'), end: at('2030-01-01', '02:00') }),
        batch,
        tz,
      ),
    ).toEqual({ start: 'outsideBatch' });
    expect(validateSession(session({ jp: 30 }), batch, tz)).toEqual({ jp: 'jp' });
  });
});

describe('overlappingSessions', () => {
  const day = batch.startDate;
  const s = (id: string, from: string, to: string, batchId = batch.id) =>
    session({ id, batchId, start: at(day, from), end: at(day, to) });

  it('finds sessions of one batch that share time, and only those', () => {
    const a = s('a', '01:00', '02:30');
    const b = s('b', '02:00', '03:00'); // overlaps a
    const c = s('c', '03:00', '04:00'); // starts when b ends: no overlap
    const d = s('d', '01:30', '02:00', 'other-batch'); // another batch may run at once
    const e = s('e', '00:30', '05:00'); // covers everything of its batch
    const pairs = overlappingSessions([c, b, a, d, e]).map(([x, y]) => `${x.id}-${y.id}`);
    expect(pairs.sort()).toEqual(['a-b', 'e-a', 'e-b', 'e-c'].sort());
  });

  // The built-in demo's schedule, as a newcomer sees it in the console: no clash warnings.
  it('the demo schedule has no overlaps', () => {
    expect(overlappingSessions(demoSessions)).toEqual([]);
  });
});

describe('retention', () => {
  it('ends retentionDays after the end date, across month and year ends', () => {
    expect(retentionEnds({ endDate: '2025-12-20', retentionDays: 30 })).toBe('2026-01-19');
    expect(retentionEnds({ endDate: '2024-02-28', retentionDays: 1 })).toBe('2024-02-29');
  });

  it('allows a purge from that day on, once', () => {
    const e = { ...fixture.event, endDate: '2025-06-10', retentionDays: 10 };
    expect(canPurge(e, '2025-06-19')).toBe(false);
    expect(canPurge(e, '2025-06-20')).toBe(true);
    const purged = {
      ...e,
      purge: emptySummary('2025-07-01T00:00:00.000Z'),
    };
    expect(canPurge(purged, '2026-01-01')).toBe(false);
  });
});

describe('jpFromLength', () => {
  it('counts whole JP of the event’s length', () => {
    expect(
      jpFromLength({ start: at('2025-06-02', '00:00'), end: at('2025-06-02', '01:30') }, 45),
    ).toBe(2);
    expect(
      jpFromLength({ start: at('2025-06-02', '00:00'), end: at('2025-06-02', '01:29') }, 45),
    ).toBe(1);
  });
});

describe('messages', () => {
  it('every setup code has a message in Indonesian and English', async () => {
    const { setupCodes } = await import('#domain/setup');
    const { hasMessage, translate } = await import('#i18n/translate');
    for (const code of setupCodes) {
      const key = `setup.error.${code}`;
      expect(hasMessage(key), key).toBe(true);
      if (!hasMessage(key)) continue;
      expect(translate('id', key)).not.toBe(translate('en', key));
    }
  });

  it('shows {seq} in the pattern error as written, not as an empty placeholder', async () => {
    const { translate } = await import('#i18n/translate');
    expect(translate('id', 'setup.error.certificatePattern')).toBe(
      'Pola nomor harus memuat {seq} (nomor urut) dan paling banyak 120 karakter, mis. {seq}/BIMTEK/{year}',
    );
    expect(translate('en', 'setup.error.certificatePattern')).toContain('must contain {seq}');
    expect(translate('id', 'setup.error.nip')).toBe(
      'NIP terdiri dari 18 angka (spasi boleh), mis. 19750101 200003 1 001',
    );
  });
});

describe('the documents’ frame', () => {
  const member = (over: Partial<CommitteeMember>): CommitteeMember => ({
    id: 'm1',
    role: 'panitia',
    name: 'Siti Rahmah',
    position: 'Sekretaris',
    ...over,
  });

  it('refuses a 0% threshold, a fiscal year out of range and a wrong approver NIP', () => {
    expect(
      validateEvent({
        ...fixture.event,
        certificateThreshold: 0,
        fiscalYear: 1999,
        approver: { name: 'Drs. H. Ahmad', title: 'KPA', nip: '1234' },
      }),
    ).toEqual({
      certificateThreshold: 'threshold',
      fiscalYear: 'fiscalYear',
      'approver.nip': 'nip',
    });
    expect(
      validateEvent({ ...fixture.event, certificateThreshold: 0.5, fiscalYear: 2025 }),
    ).toEqual({});
  });

  it('wants a panitia member to serve on at least one day when days are chosen', () => {
    expect(validateEvent({ ...fixture.event, committee: [member({ days: [] })] })).toEqual({
      'committee.0.days': 'required',
    });
    expect(
      validateEvent({ ...fixture.event, committee: [member({ days: [fixture.event.startDate] })] }),
    ).toEqual({});
  });

  it('stores the frame tidied: blank letterhead dropped, lines trimmed, days sorted', () => {
    const blank = tidyEvent({
      ...fixture.event,
      city: ' ',
      letterhead: { lines: ['', ' '], address: ' ', logos: [] },
      approver: { name: '', title: '', nip: '' },
    });
    expect(blank.letterhead).toBeUndefined();
    expect(blank.approver).toBeUndefined();
    expect(blank.city).toBe('');
    const full = tidyEvent({
      ...fixture.event,
      city: ' Banjarmasin ',
      letterhead: { lines: [' DINAS PERPUSTAKAAN ', '', 'X'], address: 'Jl. A. Yani', logos: [] },
      committee: [
        member({ days: ['2025-06-10', '2025-06-02'] }),
        member({ id: 'm2', role: 'narasumber', days: ['2025-06-02'] }),
      ],
    });
    expect(full.city).toBe('Banjarmasin');
    expect(full.letterhead).toEqual({
      lines: ['DINAS PERPUSTAKAAN', 'X'],
      address: 'Jl. A. Yani',
      logos: [],
    });
    expect(full.committee[0]!.days).toEqual(['2025-06-02', '2025-06-10']);
    // A narasumber's days follow the sessions they speak in.
    expect(full.committee[1]!.days).toBeUndefined();
  });

  it('dates a batch’s certificates on or after its last day, in the same year', () => {
    const b = { ...batch, startDate: '2025-06-02', endDate: '2025-06-03' };
    const check = (certificateDate: string) =>
      validateBatch({ ...b, certificateDate }, fixture.event, []).certificateDate;
    expect(check('2025-06-02')).toBe('certificateDate');
    expect(check('2026-01-05')).toBe('certificateDate');
    expect(check('2025-06-03')).toBeUndefined();
    expect(check('2025-06-30')).toBeUndefined();
  });
});
