// Knowing someone's NIP must not give a phone their registration (UU 27/2022): a phone
// whose self-registration was merged into an existing one learns only that it exists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoParticipants, demoSessions } from '#domain/demo';
import {
  enrollDevice,
  mark,
  ofTable,
  patch,
  person,
  register,
  startTestServer,
  upsertSession,
  type TestServer,
} from '#tests/server/support';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

describe('participant privacy across a NIP merge', () => {
  it('a phone registering with another person’s NIP sees no contact details and cannot change them', async () => {
    const victimPhone = await enrollDevice(server, 'participant');
    const victim = person({ phone: '+6281299990001', email: 'korban@example.org' });
    expect((await victimPhone.send(register(victim))).results[0]!.status).toBe('applied');

    const impostor = await enrollDevice(server, 'participant');
    const copy = person({ nip: victim.nip!, fullName: 'Orang Lain' });
    const res = await impostor.send(register(copy));
    expect(res.results[0]).toMatchObject({ status: 'merged', canonicalId: victim.id });

    const { changes } = await impostor.pullAll(null);
    const seen = ofTable<Record<string, unknown>>(changes, 'participants');
    expect(seen).toEqual([
      {
        id: victim.id,
        eventId: victim.eventId,
        batchId: victim.batchId,
        status: 'registered',
        registrationNumber: expect.stringMatching(/^KS-A1-\d{3}$/), // shown on the ticket
      },
    ]);
    expect(JSON.stringify(changes)).not.toContain('+6281299990001');
    expect(JSON.stringify(changes)).not.toContain(victim.ticketCode);

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
  it('a merged phone that already pulled still receives the redacted registration with its alias', async () => {
    const staff = await enrollDevice(server, 'staff');
    const existing = person();
    await staff.send(register(existing));
    const phone = await enrollDevice(server, 'participant');
    const { cursor } = await phone.pullAll(null); // the phone has seen everything so far
    await phone.send(register(person({ nip: existing.nip! })));
    const { changes } = await phone.pullAll(cursor);
    expect(ofTable(changes, 'aliases')).toHaveLength(1);
    expect(ofTable(changes, 'participants')).toEqual([
      {
        id: existing.id,
        eventId: existing.eventId,
        batchId: existing.batchId,
        status: 'registered',
        registrationNumber: expect.stringMatching(/^KS-A1-\d{3}$/),
      },
    ]);
  });
});

describe('a trainer given a session later', () => {
  it('receives the marks made in it before the assignment', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const staff = await enrollDevice(server, 'staff');
    const trainer = await enrollDevice(server, 'trainer');
    const session = demoSessions[2]!;
    await staff.send(mark(session.id, demoParticipants[0]!.id));
    const { cursor } = await trainer.pullAll(null);
    expect(ofTable((await trainer.pullAll(null)).changes, 'marks')).toHaveLength(0);

    await organiser.send(upsertSession({ ...session, trainerDeviceIds: [trainer.deviceId] }));
    const { changes } = await trainer.pullAll(cursor);
    expect(ofTable(changes, 'marks')).toEqual([
      expect.objectContaining({ sessionId: session.id, participantId: demoParticipants[0]!.id }),
    ]);
  });
});
