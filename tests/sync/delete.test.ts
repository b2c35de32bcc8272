// The organiser deletes a registration (personal data, UU 27/2022): the server erases it
// and everything recorded about the person, and every device drops it on its next pull.
import { describe, expect, it } from 'vitest';
import { markAttendance } from '#db/attendance';
import { recordCheckin } from '#db/checkins';
import { deleteParticipant, patchParticipant, registerParticipant } from '#db/participants';
import { enrolApp } from '#tests/support/device';
import { participant } from '#tests/support/factories';
import { REAL_PARTS, staffDevice, uniqueNip, useTestServer } from '#tests/sync/edge';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

const server = useTestServer();

const count = (sql: string, ...args: unknown[]) =>
  (server.db.prepare(sql).get(...args) as { n: number }).n;

describe('deleting a participant', REAL_PARTS, () => {
  it('erases the person on the server and on every device; the NIP is free again', async () => {
    const desk = await staffDevice(server, 'delete-desk');
    const person = participant({ nip: uniqueNip(), fullName: 'Hapus Saya, S.IP.' });
    await desk.act(async () => {
      await registerParticipant(person);
      await patchParticipant(person.id, { institution: 'Perpustakaan Lama' });
      await recordCheckin({
        eventId: FIXTURE_EVENT_ID,
        participantId: person.id,
        method: 'search',
        timezone: 'Asia/Makassar',
      });
      await markAttendance({
        eventId: FIXTURE_EVENT_ID,
        sessionId: fixture.sessions[0]!.id,
        participantId: person.id,
        status: 'hadir',
      });
    });
    await desk.sync();

    const organiser = await enrolApp(server, 'organiser', { name: 'delete-organiser' });
    await organiser.sync();
    await organiser.act(() => deleteParticipant(person.id, 'permintaan peserta'));
    expect(await organiser.act(() => organiser.db.participants.get(person.id))).toBeUndefined();
    expect((await organiser.sync()).state).toBe('idle');

    // The server keeps tombstones only: no data, no NIP claim, no audit trail.
    expect(
      count(
        "SELECT count(*) AS n FROM rows WHERE id = ? AND deleted = 1 AND data = '{}'",
        person.id,
      ),
    ).toBe(1);
    expect(
      count(
        "SELECT count(*) AS n FROM rows WHERE deleted = 0 AND json_extract(data, '$.participantId') = ?",
        person.id,
      ),
    ).toBe(0);
    expect(
      count('SELECT count(*) AS n FROM national_ids WHERE participant_id = ?', person.id),
    ).toBe(0);
    expect(
      count('SELECT count(*) AS n FROM participant_audit WHERE participant_id = ?', person.id),
    ).toBe(0);

    // The desk, which pulled the person before, drops them and what it recorded.
    await desk.sync();
    await desk.act(async () => {
      expect(await desk.db.participants.get(person.id)).toBeUndefined();
      expect(await desk.db.checkins.where('participantId').equals(person.id).count()).toBe(0);
      expect(await desk.db.marks.where('participantId').equals(person.id).count()).toBe(0);
    });

    // The same NIP registers afresh instead of merging into the deleted person.
    const again = participant({ nip: person.nip! });
    await desk.act(() => registerParticipant(again));
    await desk.sync();
    expect(await desk.act(() => desk.db.participants.get(again.id))).toMatchObject({
      status: 'registered',
    });
  });
});
