// The walk-in form's rules and the likely-duplicate check, against the test event's people and
// hand-made variants of them.
import { describe, expect, it } from 'vitest';
import { Participant } from '#domain/model';
import { emptyWalkinForm, likelyDuplicates, validateWalkin } from '#domain/walkin';
import { fixture } from '#tests/support/fixture';

const ctx = {
  provinceCode: '63',
  batchIds: fixture.batches.map((b) => b.id),
  today: new Date('2025-06-03T00:00:00Z'),
};
const form = (over: Partial<ReturnType<typeof emptyWalkinForm>> = {}) => ({
  ...emptyWalkinForm(fixture.batches[0]!.id),
  fullName: 'Rina Marlina',
  institution: 'Perpustakaan Kab. Tapin',
  regionCode: '63.05',
  ...over,
});
const codes = (r: ReturnType<typeof validateWalkin>) =>
  r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`);

describe('the walk-in form', () => {
  it('needs a name, an institution, a kabupaten/kota, a batch, and a NIP or a phone', () => {
    const r = validateWalkin(emptyWalkinForm(), ctx);
    expect(codes(r)).toEqual([
      'fullName:required',
      'nip:walkin.contact',
      'institution:required',
      'regionCode:required',
      'batchId:required',
    ]);
  });

  it('accepts a phone alone, normalised to +62', () => {
    const r = validateWalkin(form({ phone: '0812 5123 4567' }), ctx);
    expect(r).toEqual({
      ok: true,
      value: {
        fullName: 'Rina Marlina',
        phone: '+6281251234567',
        institution: 'Perpustakaan Kab. Tapin',
        regionCode: '63.05',
        batchId: fixture.batches[0]!.id,
      },
    });
  });

  it('accepts a PNS NIP or an NI PPPK with spaces, and says what is wrong with a bad one', () => {
    const pns = validateWalkin(form({ nip: '19860926 201505 1 001' }), ctx);
    expect(pns.ok && pns.value.nip).toBe('198609262015051001');
    const pppk = validateWalkin(form({ nip: '199201102023211003' }), ctx);
    expect(pppk.ok && pppk.value.nip).toBe('199201102023211003');
    expect(codes(validateWalkin(form({ nip: '1986092620150510' }), ctx))).toEqual([
      'nip:nip.length',
    ]);
    expect(codes(validateWalkin(form({ phone: '12345' }), ctx))[0]).toMatch(/^phone:phone\./);
  });

  it('names the NI PPPK reason for a number with the PPPK code, the NIP reason otherwise', () => {
    // Born 2006, appointed 2023: 17 at most. Code 22 is neither a month nor the PPPK code.
    expect(codes(validateWalkin(form({ nip: '200601102023211003' }), ctx))).toEqual([
      'nip:pppk.tooYoung',
    ]);
    expect(codes(validateWalkin(form({ nip: '199201102023221003' }), ctx))).toEqual([
      'nip:nip.tmt',
    ]);
    expect(codes(validateWalkin(form({ nip: '19900501 200804 1 001' }), ctx))).toEqual([
      'nip:nip.tooYoung',
    ]);
  });

  it('refuses a kabupaten/kota not on the list and an unknown batch', () => {
    const r = validateWalkin(
      form({ phone: '081251234567', regionCode: '64.71', batchId: 'x' }),
      ctx,
    );
    expect(codes(r)).toEqual(['regionCode:choice', 'batchId:choice']);
  });

  it('becomes a valid Participant with only those fields (a walk-in)', () => {
    const r = validateWalkin(form({ phone: '081251234567' }), ctx);
    if (!r.ok) throw new Error('invalid');
    const base = {
      ...r.value,
      id: 'w1',
      eventId: 'e',
      consentAt: null,
      status: 'registered',
      ticketCode: 'ABCDEF',
      needsReview: true,
      createdAt: '2025-06-03T00:00:00.000Z',
      updatedAt: '2025-06-03T00:00:00.000Z',
    };
    expect(Participant.safeParse({ ...base, source: 'walkin' }).success).toBe(true);
    // The same short record is not a self-registration: those need every field.
    expect(Participant.safeParse({ ...base, source: 'self' }).success).toBe(false);
    const { phone: _, ...noContact } = base;
    expect(Participant.safeParse({ ...noContact, source: 'walkin' }).success).toBe(false);
  });
});

describe('likely duplicates of a walk-in', () => {
  const [gusti, masitah, fikri] = fixture.people;

  it('the same NIP or phone, whatever the name', () => {
    expect(
      likelyDuplicates(
        { fullName: 'Orang Lain', institution: 'X', nip: gusti!.nip! },
        fixture.people,
      ),
    ).toEqual([{ person: gusti, reason: 'nip' }]);
    expect(
      likelyDuplicates(
        { fullName: 'Orang Lain', institution: 'X', phone: masitah!.phone },
        fixture.people,
      ),
    ).toEqual([{ person: masitah, reason: 'phone' }]);
  });

  it('a similar name at the same institution: titles, a typo, a spelling of Muhammad, a missing middle name', () => {
    const at = (fullName: string, institution = fikri!.institution) =>
      likelyDuplicates({ fullName, institution }, fixture.people).map((d) => d.person.id);
    expect(at('M. Fikri Maulana')).toEqual([fikri!.id]);
    expect(at('Muhamad Fikry Maulana, S.Hum')).toEqual([fikri!.id]);
    expect(at('Fikri Maulana')).toEqual([fikri!.id]);
    expect(at('muhammad fikri maulana', fikri!.institution.toUpperCase())).toEqual([fikri!.id]);
    // Another person at the same place, or the same name somewhere else, is not flagged.
    expect(at('Rina Marlina')).toEqual([]);
    expect(at('Muhammad Fikri Maulana', 'Perpustakaan Kab. Tapin')).toEqual([]);
  });

  it('ranks a NIP match above a name match', () => {
    const found = likelyDuplicates(
      { fullName: masitah!.fullName, institution: masitah!.institution, nip: gusti!.nip! },
      fixture.people,
    );
    expect(found.map((d) => d.reason)).toEqual(['nip', 'name']);
  });
});
