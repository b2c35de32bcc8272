// Completing a walk-in (#domain/completion): the form starts from what the desk has and is
// judged by the registration form's rules. Separate from the dashboard's tests, as the
// rules are separate from the statistics; a2 is the dashboard fixture's walk-in to complete.
import { describe, expect, it } from 'vitest';
import { completionForm, validateCompletion } from '#domain/completion';
import type { Participant } from '#domain/model';

const NIP_L = '198609262015051001'; // digit 15 = 1: a man
// A walk-in as the desk leaves it: name, institution, kabupaten/kota, batch and phone only.
const a2: Participant = {
  id: 'a2',
  eventId: 'e',
  batchId: 'A',
  fullName: 'Akhmad Fauzi',
  institution: 'Dinas Perpustakaan Kota Banjarmasin.',
  regionCode: '63.71',
  phone: '+6281251230002',
  consentAt: null,
  source: 'walkin',
  status: 'registered',
  ticketCode: 'TA2',
  needsReview: true,
  createdAt: '2025-06-02T01:00:00.000Z',
  updatedAt: '2025-05-20T02:00:00.000Z',
};

describe('completing a walk-in', () => {
  const today = new Date('2025-06-23T00:00:00Z');

  it('starts from what the desk has', () => {
    expect(completionForm(a2)).toEqual({
      employmentStatus: '',
      nip: '',
      gender: '',
      position: '',
      libraryType: '',
      phone: '0812-5123-0002',
      certificationIntention: '',
    });
  });

  it('asks for every field the registration form asks for', () => {
    const r = validateCompletion(a2, completionForm(a2), today);
    expect(r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'employmentStatus:required',
      'gender:required',
      'position:required',
      'libraryType:required',
      'certificationIntention:required',
    ]);
  });

  const filled = {
    ...completionForm(a2),
    employmentStatus: 'pns',
    nip: NIP_L,
    gender: 'L',
    position: 'pustakawan_ahli_pertama',
    libraryType: 'umum_kabkota',
    certificationIntention: 'ya',
  };

  it('checks the NIP of an ASN against the gender chosen, and the phone', () => {
    const r = validateCompletion(a2, { ...filled, gender: 'P', phone: '0511 3252 123' }, today);
    expect(r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'nip:nip.genderMismatch',
      'phone:phone.notMobile',
    ]);
    const noNip = validateCompletion(a2, { ...filled, nip: '' }, today);
    expect(noNip.ok ? [] : noNip.issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'nip:required',
    ]);
  });

  it('gives the cleaned values, with the NIP only for an ASN', () => {
    expect(validateCompletion(a2, filled, today)).toEqual({
      ok: true,
      value: {
        employmentStatus: 'pns',
        nip: NIP_L,
        gender: 'L',
        position: 'pustakawan_ahli_pertama',
        libraryType: 'umum_kabkota',
        phone: '+6281251230002',
        certificationIntention: 'ya',
      },
    });
    const nonAsn = validateCompletion(a2, { ...filled, employmentStatus: 'non_asn' }, today);
    expect(nonAsn.ok).toBe(true);
    expect(nonAsn.ok && nonAsn.value).not.toHaveProperty('nip');
  });
});
