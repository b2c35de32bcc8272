// Finishing a session (session.close) on the real server: a trainer finishes its own
// session and may not reopen it; afterwards only the organiser marks it; an organiser's
// session edit does not reopen it; reopening lets the trainer mark again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  closeSession,
  enrolTrainer,
  enrollDevice,
  mark,
  ofTable,
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

const session = fixture.sessions[0]!;
const p1 = fixture.people[0]!.id;
const outcome = (r: { status: string; code?: string }) =>
  r.status === 'rejected' ? r.code : r.status;

describe('finishing a session', () => {
  it('a trainer finishes its own session; then only the organiser marks, until it reopens', async () => {
    const organiser = await enrollDevice(server, 'organiser');
    const trainer = await enrolTrainer(server, organiser, [session]);
    const other = await enrollDevice(server, 'trainer');
    const staff = await enrollDevice(server, 'staff');

    const send = async (device: typeof trainer, ...drafts: Parameters<typeof trainer.send>) =>
      (await device.send(...drafts)).results.map(outcome);
    expect(await send(other, closeSession(session.id, true))).toEqual(['FORBIDDEN']);
    expect(await send(trainer, mark(session.id, p1), closeSession(session.id, true))).toEqual([
      'applied',
      'applied',
    ]);
    expect(await send(trainer, closeSession(session.id, false))).toEqual(['FORBIDDEN']);
    expect(await send(trainer, mark(session.id, p1))).toEqual(['SESSION_CLOSED']);
    expect(await send(staff, mark(session.id, p1))).toEqual(['SESSION_CLOSED']);
    expect(await send(organiser, mark(session.id, p1))).toEqual(['applied']);

    // An organiser's edit (its copy says "open") leaves it finished.
    await organiser.send(
      upsertSession({
        ...session,
        trainerDeviceIds: [trainer.deviceId],
        title: 'Pembukaan',
        closedAt: null,
      }),
    );
    const [row] = ofTable<{ closedAt?: string | null; title: string }>(
      (await trainer.pullAll(null)).changes,
      'sessions',
    ).filter((s) => (s as unknown as { id: string }).id === session.id);
    expect(row).toMatchObject({ title: 'Pembukaan' });
    expect(row!.closedAt).toEqual(expect.any(String));

    expect(await send(organiser, closeSession(session.id, false))).toEqual(['applied']);
    expect(await send(trainer, mark(session.id, p1))).toEqual(['applied']);
  });
});
