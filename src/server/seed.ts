// The demo event, written once into a new database so `npm start` shows a real screen.
import { demoBatches, demoEvent, demoParticipants, demoSessions } from '#domain/demo';
import type { SyncedTable } from '#sync/protocol';
import { serverSecret } from '#server/auth';
import { getMeta, setMeta, type Db } from '#server/store/database';
import { nextVersion, putRow } from '#server/store/rows';
import { claimNationalId } from '#server/store/people';
import { nationalIdHmac } from '#server/apply/participants';

export function seedDemo(db: Db): boolean {
  return db.transaction(() => {
    if (getMeta(db, 'demo_seeded')) return false;
    const v = nextVersion(db);
    const put = (tbl: SyncedTable, row: { id: string; eventId?: string }) =>
      putRow(db, { tbl, id: row.id, eventId: row.eventId ?? row.id, owner: null, data: row, v });
    put('events', demoEvent);
    demoBatches.forEach((b) => put('batches', b));
    demoSessions.forEach((s) => put('sessions', s));
    const secret = serverSecret(db);
    for (const p of demoParticipants) {
      put('participants', p);
      if (p.nip) {
        claimNationalId(db, p.eventId, 'nip', nationalIdHmac(secret, 'nip', p.nip), p.id);
      }
    }
    setMeta(db, 'demo_seeded', new Date().toISOString());
    return true;
  })();
}
