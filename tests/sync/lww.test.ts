// Last-writer-wins with clocks that disagree. A change made after seeing a row wins over
// it even when the row was stamped by a fast clock (pulled rows carry their newest stamp,
// and the device's clock moves past it). A change that truly loses to a concurrent,
// newer one does not stay on its device: the server re-versions the row so the next pull
// brings the winning value back, and a lost cancellation is shown to a person.
import { describe, expect, it } from 'vitest';
import { setClockOffset } from '#db/clock';
import { cancelParticipant, patchParticipant, registerParticipant } from '#db/participants';
import { needsAttention } from '#sync/local';
import { enrolApp, type TestDevice } from '#tests/support/device';
import { participant } from '#tests/support/factories';
import { REAL_PARTS, staffDevice, uniqueNip, useTestServer } from '#tests/sync/edge';

const server = useTestServer();

async function organiserDevice(name: string): Promise<TestDevice> {
  const device = await enrolApp(server, 'organiser', { name });
  await device.sync();
  return device;
}

const statusOn = (device: TestDevice, id: string) =>
  device.act(async () => (await device.db.participants.get(id))?.status);

describe('last writer wins across skewed clocks', REAL_PARTS, () => {
  it('a cancel made after seeing a registration from a fast clock still wins', async () => {
    const desk = await staffDevice(server, 'lww-fast-desk');
    const person = participant({ nip: uniqueNip() });
    await desk.act(async () => {
      await setClockOffset(2 * 60_000); // 2 minutes fast: accepted, but ahead of everyone
      await registerParticipant(person);
    });
    expect((await desk.sync()).state).toBe('idle');

    const organiser = await organiserDevice('lww-organiser-1');
    await organiser.act(() => cancelParticipant(person.id, 'batal'));
    expect((await organiser.sync()).state).toBe('idle');
    await desk.sync();

    expect(await statusOn(organiser, person.id)).toBe('cancelled');
    expect(await statusOn(desk, person.id)).toBe('cancelled');
    expect(await organiser.act(needsAttention)).toEqual([]);
  });

  it('a cancel that loses to a concurrent, newer change converges and needs attention', async () => {
    const desk = await staffDevice(server, 'lww-desk-2');
    const person = participant({ nip: uniqueNip() });
    await desk.act(() => registerParticipant(person));
    await desk.sync();
    const organiser = await organiserDevice('lww-organiser-2');

    // Both offline: the organiser cancels; then the desk, whose clock runs 2 minutes
    // fast, re-activates the same person. The desk's stamp is the newer one.
    await organiser.act(() => cancelParticipant(person.id, 'batal'));
    await desk.act(async () => {
      await setClockOffset(2 * 60_000);
      await patchParticipant(person.id, { status: 'registered', institution: 'Aktif lagi' });
    });
    expect((await desk.sync()).state).toBe('idle');
    expect((await organiser.sync()).state).toBe('idle');

    expect(await statusOn(organiser, person.id)).toBe('registered');
    expect(await statusOn(desk, person.id)).toBe('registered');
    const attention = await organiser.act(needsAttention);
    expect(attention.map((r) => [r.name, r.status])).toEqual([['participant.cancel', 'conflict']]);
  });
});
