// The rule for a person's name, as every form and the server apply it: two letters at
// least, no character the PDFs cannot print, "too long" said rather than the name cut.
import { describe, expect, it } from 'vitest';
import { participantIdentifierIssues } from '#domain/identifiers';
import { validationMessage } from '#domain/messages';
import { Participant } from '#domain/model';
import { MAX_NAME, parsePersonName } from '#domain/names';
import {
  emptyRegistrationForm,
  validateCorrection,
  validateRegistration,
} from '#domain/registration';
import { validateEvent } from '#domain/setup';
import { emptyWalkinForm, validateWalkin } from '#domain/walkin';
import { participant } from '#tests/support/factories';
import { fixture } from '#tests/support/fixture';

const codeOf = (name: string) => {
  const r = parsePersonName(name);
  return r.ok ? 'ok' : r.code;
};

describe('a person’s name', () => {
  it('accepts names with gelar, diacritics, apostrophes, hyphens, brackets, and tidies spaces', () => {
    for (const name of [
      'Dra. Hj. Siti Aminah, S.Hum., M.IP.',
      'Ma’ruf Amin',
      "Ma'ruf Amin",
      'Anak Agung Ngurah Rai-Wijaya',
      'Rina (Iin) Marlina',
      'José Müller',
      'Prof. Dr. Ir. H. Muhammad Nuh, DEA',
      'Ab',
      'Peserta Uji 12, S.IP.', // digits beside letters print fine
    ])
      expect(codeOf(name), name).toBe('ok');
    expect(parsePersonName('  Ahmad   Fauzi,\tS.IP. ')).toEqual({
      ok: true,
      value: 'Ahmad Fauzi, S.IP.',
    });
    // An accent typed as a combining mark is composed, so it prints.
    expect(parsePersonName('Jose\u0301')).toEqual({ ok: true, value: 'José' });
  });

  it('refuses a name without two letters: one letter, digits only', () => {
    for (const name of ['a', 'A.', '12345', '1 2 3 a', '-', '(.)']) {
      expect(codeOf(name), name).toBe('name.letters');
    }
    expect(codeOf('   ')).toBe('required');
  });

  it('refuses characters the documents cannot print, naming the first one', () => {
    expect(parsePersonName('Budi 😀 Santoso')).toEqual({
      ok: false,
      code: 'name.characters',
      params: { char: '😀' },
    });
    expect(codeOf('Ahmad Łukasz')).toBe('name.characters'); // Ł is not in WinAnsi
    expect(codeOf('王小明')).toBe('name.characters');
    expect(codeOf('Budi@Santoso')).toBe('name.characters');
    expect(codeOf('Budi/Santoso')).toBe('name.characters');
    // An invisible character is named by its code point, not shown as nothing.
    expect(parsePersonName('Budi\u200bSantoso')).toEqual({
      ok: false,
      code: 'name.characters',
      params: { char: 'U+200B' },
    });
    expect(validationMessage('name.characters', 'id', { char: '😀' })).toContain('“😀”');
  });

  it('says "too long" past 200 characters instead of cutting', () => {
    expect(codeOf('A'.repeat(MAX_NAME))).toBe('ok');
    expect(parsePersonName('A'.repeat(300))).toEqual({
      ok: false,
      code: 'tooLong',
      params: { max: 200 },
    });
  });
});

describe('the name rule in every form and on the server', () => {
  const form = {
    ...emptyRegistrationForm(),
    employmentStatus: 'non_asn',
    gender: 'P',
    position: 'pengelola_perpustakaan',
    institution: 'SMA Negeri 1 Martapura',
    regionCode: '63.03',
    libraryType: 'sekolah',
    phone: '0812-5123-0001',
    batchId: 'a1',
    certificationIntention: 'ya',
    consent: true,
  };
  const ctx = { collectNik: false, provinceCode: '63', batchIds: ['a1'] };
  const fullNameIssue = (issues: { field: string; code: string }[]) =>
    issues.find((i) => i.field === 'fullName')?.code;

  it('the registration form, a correction and the walk-in form refuse the same names', () => {
    for (const [name, code] of [
      ['a', 'name.letters'],
      ['12345', 'name.letters'],
      ['Nur 🌸 Aisyah', 'name.characters'],
      ['N'.repeat(300), 'tooLong'],
    ] as const) {
      const r = validateRegistration({ ...form, fullName: name }, ctx);
      expect(r.ok ? undefined : fullNameIssue(r.issues), name).toBe(code);
      const c = validateCorrection({
        fullName: name,
        institution: 'SMA Negeri 1',
        phone: '081251230001',
        email: '',
      });
      expect(c.ok ? undefined : fullNameIssue(c.issues), name).toBe(code);
      const w = validateWalkin(
        { ...emptyWalkinForm('a1'), fullName: name, phone: '081251230001', institution: 'X' },
        { provinceCode: '63', batchIds: ['a1'] },
      );
      expect(w.ok ? undefined : fullNameIssue(w.issues), name).toBe(code);
    }
    const ok = validateRegistration({ ...form, fullName: 'Nur Aisyah, S.Pd.' }, ctx);
    expect(ok.ok).toBe(true);
  });

  it('the server’s identifier check names fullName first for a stored name it would refuse', () => {
    const ctx63 = { provinceCode: '63' };
    for (const p of fixture.people) expect(participantIdentifierIssues(p, ctx63)).toEqual([]);
    const stored = (fullName: string) => Participant.parse(participant({ fullName }));
    expect(participantIdentifierIssues(stored('12345'), ctx63)).toEqual([
      { field: 'fullName', code: 'name.letters' },
    ]);
    expect(participantIdentifierIssues(stored('Budi 😀'), ctx63)[0]).toEqual({
      field: 'fullName',
      code: 'name.characters',
      params: { char: '😀' },
    });
  });

  it('the event form refuses a signer’s or committee member’s name the documents cannot print', () => {
    const event = {
      ...validEvent(),
      official: { name: 'Kepala 😀', title: 'Ketua', nip: '' },
      committee: [{ id: 'n', role: 'narasumber' as const, name: 'x', position: '' }],
    };
    expect(validateEvent(event)).toEqual({
      'official.name': 'personName',
      'committee.0.name': 'personName',
    });
  });
});

function validEvent() {
  return {
    id: 'e',
    name: 'Bimtek',
    organizer: 'Dispersip',
    venue: '',
    startDate: '2026-06-01',
    endDate: '2026-06-02',
    timezone: 'Asia/Makassar',
    provinceCode: '63',
    minutesPerJp: 45,
    certificateThreshold: 80,
    lateCountsAsPresent: true,
    collectNik: false,
    signatureAtCheckin: false,
    registrationOpen: true,
    participantsChooseBatch: true,
    privacyNotice: '',
    retentionDays: 365,
    committee: [],
    demo: false,
  };
}
