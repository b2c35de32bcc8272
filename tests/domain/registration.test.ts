import { describe, expect, it } from 'vitest';
import { validationMessage } from '#domain/messages';
import {
  emptyRegistrationForm,
  validateCorrection,
  validateRegistration,
  type RegistrationForm,
} from '#domain/registration';

const ctx = {
  collectNik: false,
  provinceCode: '63',
  batchIds: ['a1', 'a2'],
  today: new Date('2026-11-26T00:00:00Z'),
};

const valid = (over: Partial<RegistrationForm> = {}): RegistrationForm => ({
  ...emptyRegistrationForm(),
  fullName: '  Ahmad   Fauzi, S.IP. ',
  employmentStatus: 'pns',
  nip: '19860926 201505 1 001',
  gender: 'L',
  position: 'pustakawan_ahli_pertama',
  institution: 'Dinas Perpustakaan Kota Banjarmasin',
  regionCode: '6371',
  libraryType: 'umum_kabkota',
  phone: '0812-5123-0001',
  email: ' Ahmad@Example.ID ',
  batchId: 'a1',
  certificationIntention: 'ya',
  consent: true,
  ...over,
});

describe('registration form rules', () => {
  it('accepts a complete PNS registration and normalises every field', () => {
    const r = validateRegistration(valid(), ctx);
    expect(r).toEqual({
      ok: true,
      value: {
        fullName: 'Ahmad Fauzi, S.IP.',
        employmentStatus: 'pns',
        nip: '198609262015051001',
        gender: 'L',
        position: 'pustakawan_ahli_pertama',
        institution: 'Dinas Perpustakaan Kota Banjarmasin',
        regionCode: '63.71',
        libraryType: 'umum_kabkota',
        phone: '+6281251230001',
        email: 'ahmad@example.id',
        batchId: 'a1',
        certificationIntention: 'ya',
      },
    });
  });

  it('cross-checks the NIP gender digit against the chosen gender', () => {
    const r = validateRegistration(valid({ gender: 'P' }), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ field: 'nip', code: 'nip.genderMismatch' }]);
    expect(validationMessage(r.issues[0]!.code, 'id')).toMatch(/jenis kelamin/i);
  });

  it('uses the NI PPPK rules for PPPK (digits 13–14 are not a month)', () => {
    const pppk = valid({ employmentStatus: 'pppk', nip: '199201102023211003' });
    expect(validateRegistration(pppk, ctx).ok).toBe(true);
    const asPns = valid({ employmentStatus: 'pns', nip: '199201102023211003' });
    const r = validateRegistration(asPns, ctx);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['nip.tmt']);
  });

  it('asks PPPK for the code 21 in digits 13–14, but not PPPK Paruh Waktu', () => {
    const issues = (employmentStatus: string, nip: string) => {
      const r = validateRegistration(valid({ employmentStatus, nip }), ctx);
      return r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`);
    };
    expect(issues('pppk', '199201102023221003')).toEqual(['nip:pppk.code']);
    expect(issues('pppk_paruh_waktu', '199201102023221003')).toEqual([]);
    expect(issues('pppk_paruh_waktu', '200601102023221003')).toEqual(['nip:pppk.tooYoung']);
  });

  it('refuses a NIP and a NIK that do not fit an adult at work', () => {
    const r = validateRegistration(
      valid({ nip: '19900501 200804 1 001', nik: '6371051212120001' }),
      { ...ctx, collectNik: true },
    );
    expect(r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'nip:nip.tooYoung',
      'nik:nik.child',
    ]);
  });

  it('needs no NIP from a Non-ASN participant and ignores one typed by mistake', () => {
    const r = validateRegistration(valid({ employmentStatus: 'non_asn', nip: '123' }), ctx);
    expect(r.ok).toBe(true);
    expect(r.ok ? r.value.nip : 'not ok').toBeUndefined();
  });

  it('asks for NIK only when the event collects it, with the +40 rule for women', () => {
    expect(validateRegistration(valid(), ctx).ok).toBe(true);
    const nikCtx = { ...ctx, collectNik: true };
    const missing = validateRegistration(valid(), nikCtx);
    expect(missing.ok ? [] : missing.issues).toEqual([{ field: 'nik', code: 'required' }]);
    const woman = valid({
      gender: 'P',
      nip: '196803151993032002',
      nik: '6371 0155 0368 0002',
    });
    const r = validateRegistration(woman, nikCtx);
    expect(r.ok && r.value.nik).toBe('6371015503680002');
  });

  it('reports every problem in form order so the first invalid field can take focus', () => {
    const r = validateRegistration(
      {
        ...emptyRegistrationForm(),
        fullName: 'Siti',
        employmentStatus: 'pns',
        nip: '1986092620150510',
        phone: '0511 3301234',
        regionCode: '64.71',
        batchId: 'zz',
      },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'nip:nip.length',
      'gender:required',
      'position:required',
      'institution:required',
      'regionCode:choice',
      'libraryType:required',
      'phone:phone.notMobile',
      'batchId:choice',
      'certificationIntention:required',
      'consent:consent',
    ]);
    expect(r.issues[0]!.params).toEqual({ count: 16 });
  });

  it('refuses a kabupaten/kota of another province than the event’s', () => {
    const otherProvince = { ...ctx, provinceCode: '64' };
    const r = validateRegistration(valid(), otherProvince);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['region.outside']);
  });

  it('limits free text length', () => {
    const r = validateRegistration(valid({ institution: 'x'.repeat(201) }), ctx);
    expect(r.ok ? [] : r.issues).toEqual([
      { field: 'institution', code: 'tooLong', params: { max: 200 } },
    ]);
  });
});

describe('validateCorrection', () => {
  const ok = {
    fullName: '  Siti   Aminah, S.IP. ',
    institution: 'Dispersip Kalsel',
    phone: '0812-3456-7890',
    email: '',
  };

  it('cleans what is kept and normalises the phone', () => {
    expect(validateCorrection(ok)).toEqual({
      ok: true,
      value: {
        fullName: 'Siti Aminah, S.IP.',
        institution: 'Dispersip Kalsel',
        phone: '+6281234567890',
      },
    });
  });

  it('names each wrong field with the shared codes', () => {
    const result = validateCorrection({
      fullName: ' ',
      institution: '',
      phone: '0812',
      email: 'a@',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'fullName:required',
      'institution:required',
      'phone:phone.length',
      'email:email.format',
    ]);
  });
});
