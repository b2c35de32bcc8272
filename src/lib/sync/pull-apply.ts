// Writing a pulled page: the server's rows, the cursor and the re-applied pending work
// on top (rebase), in one transaction, so a device never shows half a page (the device's
// half of the protocol's pull; storage primitives come from db/).
import { compareHlc, isHlc } from '#domain/hlc';
import type { Participant } from '#domain/model';
import { db, syncedTables, toParticipantRow } from '#db/database';
import { applyEffect } from '#db/mutations';
import { receiveStamp } from '#db/clock';
import { setMeta } from '#db/meta';
import type { Change, Cursor } from '#sync/protocol';

/** A pulled change as the device writes it (the wire's version number is not needed). */
export type PulledChange = Omit<Change, 'v'>;

const WRITE_SLICE = 100;

/** Write one pulled page, its cursor, and re-apply pending work on top, atomically. */
export async function applyPulledPage(page: {
  changes: PulledChange[];
  cursor: Cursor;
  reset?: boolean;
}): Promise<void> {
  const d = db();
  const tables = syncedTables(d);
  await d.transaction('rw', [...Object.values(tables), d.outbox, d.meta], async () => {
    if (page.reset) {
      // A snapshot follows: what this device mirrored before (the local demo included) goes.
      await Promise.all(Object.values(tables).map((t) => t.clear()));
    }
    let newest: string | undefined;
    // Runs of the same table and operation are written in bulk, in page order: a page of
    // 500 people is one request, not 500 (measured: most of a pull's main-thread time).
    let run: { table: PulledChange['table']; op: 'put' | 'del'; items: unknown[] } | undefined;
    const flush = async () => {
      if (!run) return;
      const table = tables[run.table] as typeof tables.events;
      // In slices: each slice's writes run in one go on the main thread, and between
      // slices a keystroke at the desk gets its turn (the transaction stays open).
      for (let i = 0; i < run.items.length; i += WRITE_SLICE) {
        const slice = run.items.slice(i, i + WRITE_SLICE);
        if (run.op === 'del') await table.bulkDelete(slice as string[]);
        else await table.bulkPut(slice as never[]);
      }
      run = undefined;
    };
    for (const c of page.changes) {
      const op = c.op === 'del' || !c.data ? 'del' : 'put';
      if (run && (run.table !== c.table || run.op !== op)) await flush();
      run ??= { table: c.table, op, items: [] };
      if (op === 'del' || !c.data) {
        run.items.push(c.id);
        continue;
      }
      run.items.push(
        c.table === 'participants' ? toParticipantRow(c.data as unknown as Participant) : c.data,
      );
      if (c.table === 'aliases') {
        await flush();
        await repoint(String(c.data.id), String(c.data.canonicalId));
      }
      for (const hlc of [c.hlc, c.data.hlc]) {
        if (typeof hlc === 'string' && isHlc(hlc) && (!newest || compareHlc(hlc, newest) > 0)) {
          newest = hlc;
        }
      }
    }
    await flush();
    if (newest) await receiveStamp(newest);
    await setMeta('cursor', page.cursor);
    // Nothing was overwritten by an empty page: re-applying would only wake every live
    // query (and hold up a desk's check-in) for nothing.
    if (page.changes.length === 0 && !page.reset) return;
    const pending = await d.outbox.where('status').equals('pending').sortBy('seq');
    for (const row of pending) await applyEffect(row, 'rebase');
  });
}

/** A merged registration: move what this device holds for `alias` onto `canonical`. */
async function repoint(alias: string, canonical: string): Promise<void> {
  const d = db();
  await d.participants.delete(alias);
  await d.checkins.where('participantId').equals(alias).modify({ participantId: canonical });
  await d.marks.where('participantId').equals(alias).modify({ participantId: canonical });
}
