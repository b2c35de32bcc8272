// Participants: registration and reads. Writes go through the outbox.
import type { Participant } from '#domain/model';
import { db, type ParticipantRow } from '#db/database';
import { commit } from '#db/outbox';

export function participantsOf(eventId: string): Promise<ParticipantRow[]> {
  return db().participants.where('eventId').equals(eventId).sortBy('searchKey');
}

export function getParticipant(id: string): Promise<ParticipantRow | undefined> {
  return db().participants.get(id);
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

export const cancelParticipant = (participantId: string, reason: string) =>
  commit('participant.cancel', { participantId, reason });

/** Organiser only: remove a registration and what was recorded about the person. */
export const deleteParticipant = (participantId: string, reason?: string) =>
  commit('participant.delete', { participantId, ...(reason ? { reason } : {}) });
