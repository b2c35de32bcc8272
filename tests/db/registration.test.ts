// The phone's own registration in the local database.
import { beforeEach, describe, expect, it } from 'vitest';
import { deleteMeta } from '#db/meta';
import { ownEventId, ownTicket, registerOwn } from '#db/registration';
import { saveEnrollment } from '#sync/local';
import { person } from '#tests/server/support';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID } from '#tests/support/fixture';

beforeEach(() => {
  freshDb();
});

describe('the phone’s home: its ticket', () => {
  it('is the event it registered for last; each event keeps its own ticket', async () => {
    expect(await ownEventId()).toBeUndefined();
    const a = person({ source: 'self' });
    const b = person({ source: 'self', eventId: 'bimtek-b' });
    await registerOwn(FIXTURE_EVENT_ID, a);
    await registerOwn('bimtek-b', b);
    expect(await ownEventId()).toBe('bimtek-b');
    expect((await ownTicket(FIXTURE_EVENT_ID))?.submitted.fullName).toBe(a.fullName);
    expect((await ownTicket('bimtek-b'))?.submitted.fullName).toBe(b.fullName);
    expect(await ownTicket('lain')).toBeNull();
  });

  it('is never the registration page on a tablet or an organiser’s device', async () => {
    await registerOwn(FIXTURE_EVENT_ID, person({ source: 'self' })); // somebody tried the link
    for (const role of ['staff', 'organiser', 'trainer'] as const) {
      await saveEnrollment({ deviceId: 'd', token: 't', role, eventId: FIXTURE_EVENT_ID });
      expect(await ownEventId(), role).toBeUndefined();
    }
    await saveEnrollment({ deviceId: 'd', token: 't', role: 'participant', eventId: 'x' });
    await deleteMeta('homeEvent');
    expect(await ownEventId()).toBe('x');
  });
});
