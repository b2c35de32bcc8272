// Knowing someone's NIP must not give a phone their registration (UU 27/2022): a phone
// whose self-registration was merged into an existing one learns only that the NIP is
// registered, on every route (issue 14, defect 2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Participant } from '#domain/model';
import { MyCertificates } from '#sync/certificates';
import {
  enrollDevice,
  errorCode,
  mark,
  ofTable,
  patch,
  person,
  register,
  registerParticipant,
  request,
  startTestServer,
  upsertSession,
  type TestServer,
} from '#tests/server/support';
import { fixture } from '#tests/support/fixture';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('participant privacy across a NIP merge', () => {
  it('a phone registering with another person’s NIP learns only that the NIP is registered and cannot change them', async () => {
    const registered = await registerParticipant(server, {
      phone: '+6281299990001',
      email: 'korban@example.org',
    });
    const { phone: victimPhone, participant: victim } = registered;
    expect(registered.res.results[0]!.status).toBe('applied');

    const copied = await registerParticipant(server, { nip: victim.nip!, fullName: 'Orang Lain' });
    const { phone: impostor, participant: copy, res } = copied;
    expect(res.results[0]).toEqual({ seq: 1, status: 'merged' });

    // Not the registration, not its number, not its id, not the alias that names it.
    const { changes } = await impostor.pullAll(null);
    expect(ofTable(changes, 'participants')).toEqual([]);
    expect(ofTable(changes, 'aliases')).toEqual([]);
    expect(JSON.stringify(changes)).not.toContain(victim.id);

    const h1 = impostor.tick();
    const h2 = impostor.tick();
    const attempts = await impostor.send(
      patch(copy.id, { phone: { v: '+6281200000000', hlc: h1 } }, h1),
      patch(victim.id, { phone: { v: '+6281200000000', hlc: h2 } }, h2),
      { name: 'participant.cancel', args: { participantId: victim.id, reason: 'x' } },
    );
    expect(attempts.results.map((r) => r.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);

    // The owner still sees everything of their own registration.
    const own = ofTable<Record<string, unknown>>(
      (await victimPhone.pullAll(null)).changes,
      'participants',
    );
    expect(own).toEqual([expect.objectContaining({ id: victim.id, phone: '+6281299990001' })]);
  });

  it('defect 2: typing someone’s NIP does not get you their certificate; their ticket does', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const registered = await registerParticipant(server, { fullName: 'Korban Sertifikat, S.IP.' });
    const { phone: victimPhone, participant: victim } = registered;
    const { phone: impostor } = await registerParticipant(server, {
      nip: victim.nip!,
      fullName: 'Orang Lain',
    });
    const a1 = fixture.sessions.filter((x) => x.batchId === victim.batchId);
    await organiser.send(...a1.map((x) => mark(x.id, victim.id)));
    for (const path of ['/api/v1/admin/certificates/issue', '/api/v1/admin/certificates/publish'])
      expect(
        (await request(server.url, path, { token: organiser.token, body: { published: true } }))
          .status,
      ).toBe(200);

    const mine = (device: { token: string }) =>
      request(server.url, '/api/v1/certificates/mine', { token: device.token });
    const stolen = await mine(impostor);
    expect(stolen.json).toEqual({ published: true, certificates: [] });
    expect(stolen.text).not.toContain(victim.nip!);
    const own = MyCertificates.parse((await mine(victimPhone)).json);
    expect(own.certificates.map((c) => c.nip)).toEqual([victim.nip]);

    // The person on a new phone: the number and check code printed on their ticket.
    const number = ofTable<Participant>(
      (await organiser.pullAll(null)).changes,
      'participants',
    ).find((x) => x.id === victim.id)!.registrationNumber!;
    const byTicket = (body: unknown) =>
      request(server.url, '/api/v1/certificates/ticket', { body });
    const found = await byTicket({ number, ticketCode: victim.ticketCode });
    expect(found.status, found.text).toBe(200);
    expect(MyCertificates.parse(found.json).certificates.map((c) => c.fullName)).toEqual([
      victim.fullName,
    ]);
    expect(found.headers.get('cache-control')).toContain('no-store');
    // The NIP is not a proof, nor a wrong code; both answer the same.
    for (const wrong of [
      { number: victim.nip, ticketCode: victim.ticketCode },
      { number, ticketCode: 'ZZZZZZ' },
    ]) {
      const reply = await byTicket(wrong);
      expect([reply.status, errorCode(reply)]).toEqual([404, 'NOT_FOUND']);
      expect(reply.text).not.toContain(victim.fullName);
    }
  });

  it('a merged phone cannot register a second person', async () => {
    const first = await enrollDevice(server, 'participant');
    const someone = person();
    await first.send(register(someone));
    const phone = await enrollDevice(server, 'participant');
    await phone.send(register(person({ nip: someone.nip! })));
    const again = await phone.send(register(person()));
    expect(again.results[0]).toMatchObject({ status: 'rejected', code: 'ALREADY_REGISTERED' });
  });

  it('after a NIP correction the old NIP no longer merges into that person', async () => {
    const staff = await enrollDevice(server, 'staff');
    const p = person();
    await staff.send(register(p));
    const corrected = person().nip!;
    const h = staff.tick();
    const fix = await staff.send(patch(p.id, { nip: { v: corrected, hlc: h } }, h));
    expect(fix.results[0]!.status).toBe('applied');
    const newcomer = person({ nip: p.nip! });
    expect((await staff.send(register(newcomer))).results[0]!.status).toBe('applied');
    const dup = person({ nip: corrected });
    expect((await staff.send(register(dup))).results[0]).toMatchObject({
      status: 'merged',
      canonicalId: p.id,
    });
  });
});

describe('rows that become visible after the cursor passed them', () => {
  it('a merged phone that already pulled learns nothing of the registration later either', async () => {
    const staff = await enrollDevice(server, 'staff');
    const existing = person();
    await staff.send(register(existing));
    const phone = await enrollDevice(server, 'participant');
    const { cursor } = await phone.pullAll(null); // the phone has seen everything so far
    await phone.send(register(person({ nip: existing.nip! })));
    const { changes } = await phone.pullAll(cursor);
    expect(ofTable(changes, 'aliases')).toEqual([]);
    expect(ofTable(changes, 'participants')).toEqual([]);
  });

  it('a page carries each row once', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const staff = await enrollDevice(server, 'staff');
    const trainer = await enrollDevice(server, 'trainer');
    const session = fixture.sessions[2]!;
    await staff.send(...fixture.people.slice(0, 3).map((p) => mark(session.id, p.id)));
    const { cursor } = await trainer.pullAll(null);
    // The assignment and the marks it unlocks, in one page: the marks are scanned too.
    await organiser.send(upsertSession({ ...session, trainerDeviceIds: [trainer.deviceId] }));
    await staff.send(mark(session.id, fixture.people[3]!.id));
    const page = await trainer.pull(cursor);
    const keys = page.changes.map((c) => `${c.table}:${c.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(page.changes.filter((c) => c.table === 'marks')).toHaveLength(4);
  });
});

describe('a trainer given a session later', () => {
  it('receives the marks made in it before the assignment', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const staff = await enrollDevice(server, 'staff');
    const trainer = await enrollDevice(server, 'trainer');
    const session = fixture.sessions[2]!;
    await staff.send(mark(session.id, fixture.people[0]!.id));
    const { cursor } = await trainer.pullAll(null);
    expect(ofTable((await trainer.pullAll(null)).changes, 'marks')).toHaveLength(0);

    await organiser.send(upsertSession({ ...session, trainerDeviceIds: [trainer.deviceId] }));
    const { changes } = await trainer.pullAll(cursor);
    expect(ofTable(changes, 'marks')).toEqual([
      expect.objectContaining({ sessionId: session.id, participantId: fixture.people[0]!.id }),
    ]);
  });
});
