// Participants: registration and reads. Writes go through the outbox.
import type { Participant } from '#domain/model';
import { db, syncedTables, type ParticipantRow } from '#db/database';
import { commit } from '#db/outbox';

export function participantsOf(eventId: string): Promise<ParticipantRow[]> {
  return db().participants.where('eventId').equals(eventId).sortBy('searchKey');
}

/**
 * An event's people for the desk (they can be 10,000), read in slices by primary key in
 * one read transaction: each slice arrives in its own task, so no single task turns
 * 10,000 stored rows into objects while someone types (one getAll did: 150–240 ms at
 * 12,000). Unordered: the desk ranks its own results.
 */
export function participantsInSlices(eventId: string, slice = 1_000): Promise<ParticipantRow[]> {
  const d = db();
  return d.transaction('r', d.participants, async () => {
    const out: ParticipantRow[] = [];
    let after: string | undefined;
    for (;;) {
      const range =
        after === undefined
          ? d.participants.toCollection()
          : d.participants.where(':id').above(after);
      const rows = await range.limit(slice).toArray();
      for (const r of rows) if (r.eventId === eventId) out.push(r);
      if (rows.length < slice) return out;
      after = rows[rows.length - 1]!.id;
    }
  });
}

export const registerParticipant = (participant: Participant) =>
  commit('participant.register', { participant });

/** Change fields of a registration; each value is stamped for last-writer-wins. */
export async function patchParticipant(
  participantId: string,
  values: Partial<Omit<Participant, 'id' | 'eventId' | 'createdAt' | 'source' | 'ticketCode'>>,
) {
  return commit('participant.patch', (hlc) => ({
    participantId,
    fields: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { v, hlc }])),
  }));
}

/** Move people to another batch, all of them or none (one patch each, one transaction):
 * how a batch is emptied before it is deleted. */
export async function moveParticipants(ids: readonly string[], batchId: string): Promise<void> {
  const d = db();
  await d.transaction('rw', [...Object.values(syncedTables(d)), d.outbox, d.meta], async () => {
    for (const id of ids) await patchParticipant(id, { batchId });
  });
}

export const cancelParticipant = (participantId: string, reason: string) =>
  commit('participant.cancel', { participantId, reason });

/** Organiser only: remove a registration and what was recorded about the person. */
export const deleteParticipant = (participantId: string, reason?: string) =>
  commit('participant.delete', { participantId, ...(reason ? { reason } : {}) });
