// The identifier rules of stored participants and events, as the server applies them.
import { describe, expect, it } from 'vitest';
import { demoEvent, demoParticipants } from '#domain/demo';
import { eventIdentifierIssues, participantIdentifierIssues } from '#domain/identifiers';
import { Participant, type Event } from '#domain/model';
import { fixture } from '#tests/support/fixture';

const today = new Date('2026-12-02T00:00:00Z');
const ctx = { provinceCode: '63', today };
const gusti = fixture.people[0]!; // PNS, NIP 19870412 201403 1 001, male, Kota Banjarmasin

/** A schema-valid stored participant: Gusti with some fields changed. */
const stored = (over: Partial<Participant> = {}): Participant =>
  Participant.parse({ ...gusti, ...over });

/** A walk-in as the desk stores it: name, NIP or phone, institution, region, batch. */
function walkin(over: Partial<Participant> = {}): Participant {
  const { employmentStatus: _s, gender: _g, position: _p, libraryType: _l, ...rest } = gusti;
  const { certificationIntention: _c, nip: _n, ...short } = rest;
  return Participant.parse({ ...short, source: 'walkin', needsReview: true, ...over });
}

const codes = (issues: { field: string; code: string }[]) =>
  issues.map((i) => `${i.field}:${i.code}`);

describe('participantIdentifierIssues', () => {
  // The built-in demo's people, checked on the event's day and today: a newcomer's
  // first screens must never show them as wrong.
  it('finds nothing wrong with the demo participants, then or now', () => {
    for (const p of demoParticipants) {
      expect(participantIdentifierIssues(p, ctx), p.fullName).toEqual([]);
      const then = new Date('2025-06-02T00:00:00Z');
      expect(participantIdentifierIssues(p, { provinceCode: '63', today: then })).toEqual([]);
    }
  });

  it('checks a PNS NIP as a NIP, with the participant’s gender', () => {
    expect(codes(participantIdentifierIssues(stored({ nip: '199503142023211001' }), ctx))).toEqual([
      'nip:nip.tmt',
    ]);
    expect(codes(participantIdentifierIssues(stored({ gender: 'P' }), ctx))).toEqual([
      'nip:nip.genderMismatch',
    ]);
    expect(codes(participantIdentifierIssues(stored({ nip: '199001012007051001' }), ctx))).toEqual([
      'nip:nip.tooYoung',
    ]);
  });

  it('asks PPPK for the code 21, but not PPPK Paruh Waktu', () => {
    const pppk = (employmentStatus: Participant['employmentStatus'], nip: string) =>
      codes(participantIdentifierIssues(stored({ employmentStatus, nip }), ctx));
    expect(pppk('pppk', '199503142023211001')).toEqual([]);
    expect(pppk('pppk', '199503142023221001')).toEqual(['nip:pppk.code']);
    expect(pppk('pppk_paruh_waktu', '199503142023221001')).toEqual([]);
    expect(pppk('pppk_paruh_waktu', '200512312022221001')).toEqual(['nip:pppk.tooYoung']);
  });

  it('takes either kind of number from a walk-in without a status, and from Non-ASN', () => {
    expect(participantIdentifierIssues(walkin({ nip: '199503142023211001' }), ctx)).toEqual([]);
    expect(participantIdentifierIssues(walkin({ nip: '198609262015051001' }), ctx)).toEqual([]);
    expect(codes(participantIdentifierIssues(walkin({ nip: '199013452015001000' }), ctx))).toEqual([
      'nip:nip.birthDate',
    ]);
    const nonAsn = stored({ employmentStatus: 'non_asn', nip: '196111302022211001' });
    expect(codes(participantIdentifierIssues(nonAsn, ctx))).toEqual(['nip:pppk.retired']);
  });

  it('applies the injected clock to every date rule', () => {
    const retiring = stored({ nip: '196111151987031001' }); // 65 in November 2026
    expect(
      participantIdentifierIssues(retiring, { ...ctx, today: new Date('2026-11-30') }),
    ).toEqual([]);
    expect(codes(participantIdentifierIssues(retiring, ctx))).toEqual(['nip:nip.retired']);
    const recent = stored({ nip: '199001012026121001' }); // TMT December 2026
    expect(
      codes(participantIdentifierIssues(recent, { ...ctx, today: new Date('2026-11-30') })),
    ).toEqual(['nip:nip.tmtFuture']);
    expect(participantIdentifierIssues(recent, ctx)).toEqual([]);
  });

  it('checks a NIK with the gender, its region and the holder’s age', () => {
    expect(participantIdentifierIssues(stored({ nik: '6371052609860001' }), ctx)).toEqual([]);
    expect(participantIdentifierIssues(stored({ nik: '6473052609860001' }), ctx)).toEqual([]);
    const issues = (nik: string, over: Partial<Participant> = {}) =>
      codes(participantIdentifierIssues(stored({ nik, ...over }), ctx));
    expect(issues('6371056609860002')).toEqual(['nik:nik.genderMismatch']);
    expect(issues('6345052609860001')).toEqual(['nik:nik.region']);
    expect(issues('6371051212120001')).toEqual(['nik:nik.child']);
  });

  it('wants the phone a mobile number in exactly the stored E.164 form', () => {
    expect(codes(participantIdentifierIssues(stored({ phone: '+62841234567' }), ctx))).toEqual([
      'phone:phone.notMobile',
    ]);
    // parsePhone reads '+62 0812…' too, but the form stores '+62812…'.
    expect(codes(participantIdentifierIssues(stored({ phone: '+6208125123001' }), ctx))).toEqual([
      'phone:phone.format',
    ]);
    // A landline (Jakarta 021) cannot receive WhatsApp.
    expect(codes(participantIdentifierIssues(stored({ phone: '+62212345678' }), ctx))).toEqual([
      'phone:phone.notMobile',
    ]);
    expect(codes(participantIdentifierIssues(walkin({ phone: '+6281251230001' }), ctx))).toEqual(
      [],
    );
  });

  it('checks an email only when there is one', () => {
    expect(codes(participantIdentifierIssues(stored({ email: 'ahmad@gmail' }), ctx))).toEqual([
      'email:email.format',
    ]);
    expect(participantIdentifierIssues(stored({ email: 'ahmad@gmail.com' }), ctx)).toEqual([]);
    expect(participantIdentifierIssues(stored({ email: '' }), ctx)).toEqual([]);
  });

  it('wants a known kabupaten/kota of the event’s province, as the form stores it', () => {
    const region = (regionCode: string, provinceCode = '63') =>
      codes(participantIdentifierIssues(stored({ regionCode }), { provinceCode, today }));
    expect(region('63.72')).toEqual([]);
    expect(region('99.99')).toEqual(['regionCode:choice']);
    expect(region('6371')).toEqual(['regionCode:choice']);
    expect(region('63.71', '64')).toEqual(['regionCode:region.outside']);
  });

  it('lists every wrong identifier in field order', () => {
    const p = stored({
      regionCode: '99.99',
      email: 'x@y',
      phone: '+62841234567',
      nik: '6345052609860001',
      nip: '198609262015131001',
    });
    expect(participantIdentifierIssues(p, ctx)).toEqual([
      { field: 'nip', code: 'nip.tmt' },
      { field: 'nik', code: 'nik.region' },
      { field: 'phone', code: 'phone.notMobile' },
      { field: 'email', code: 'email.format' },
      { field: 'regionCode', code: 'choice' },
    ]);
  });
});

describe('eventIdentifierIssues', () => {
  const event = (over: Partial<Event>): Event => ({ ...fixture.event, ...over });

  // The built-in demo's signers, on the event's day and today (see above).
  it('finds nothing wrong with the demo event', () => {
    expect(eventIdentifierIssues(demoEvent, today)).toEqual([]);
    expect(eventIdentifierIssues(demoEvent, new Date('2025-06-02T00:00:00Z'))).toEqual([]);
  });

  it('wants a known province: in regions.ts or in the NIK table', () => {
    expect(eventIdentifierIssues(event({ provinceCode: '64' }), today)).toEqual([]);
    expect(eventIdentifierIssues(event({ provinceCode: '99' }), today)).toEqual([
      { field: 'provinceCode', code: 'province' },
    ]);
  });

  it('checks the NIPs of the official, the signatory and each committee row, by validateEvent’s rule', () => {
    const e = event({
      name: '',
      official: { name: 'Drs. Ahmad', title: 'Ketua Panitia', nip: '19611130 198703 1 001' },
      committee: [
        { id: 'a', role: 'panitia', name: 'Ani', position: '', nip: '198003152005011002' },
        { id: 'b', role: 'narasumber', name: '', position: '', nip: '199503142023221001' },
      ],
      certificate: {
        numberPattern: '{seq}/SERT/{year}',
        place: 'Banjarbaru',
        signatory: { name: 'Kepala Dinas', title: 'Kepala', nip: '1970010119950310' },
      },
    });
    // The blank name and committee name are validateEvent's, not identifier issues.
    expect(eventIdentifierIssues(e, today)).toEqual([
      { field: 'official.nip', code: 'nipParts' },
      { field: 'committee.1.nip', code: 'nipParts' },
      { field: 'certificate.signatory.nip', code: 'nip' },
    ]);
    expect(eventIdentifierIssues(e, new Date('2026-11-30T00:00:00Z'))).toEqual([
      { field: 'committee.1.nip', code: 'nipParts' },
      { field: 'certificate.signatory.nip', code: 'nip' },
    ]);
    // A 0% threshold would make everyone eligible: refused like a wrong identifier.
    expect(eventIdentifierIssues(event({ certificateThreshold: 0 }), today)).toEqual([
      { field: 'certificateThreshold', code: 'threshold' },
    ]);
    // The daftar hadir's "Mengetahui" signatory is checked the same way.
    const approved = event({ approver: { name: 'Drs. Rizani', title: 'KPA', nip: '12345' } });
    expect(eventIdentifierIssues(approved, today)).toEqual([
      { field: 'approver.nip', code: 'nip' },
    ]);
  });

  it('wants quota keys that are known kabupaten/kota, spelled as participants store them', () => {
    const e = event({ regionQuotas: { '63.71': 10, '6372': 5, '99.99': 1, '63.05': -1 } });
    expect(eventIdentifierIssues(e, today)).toEqual([
      { field: 'quota.99.99', code: 'quotaRegion' },
      { field: 'quota.6372', code: 'quotaRegion' },
    ]);
  });
});
