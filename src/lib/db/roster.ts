// The check-in desk's view: an event's participants with who has arrived on a day. Kept
// apart from participants.ts so the registration page loads no check-in code.
import { firstCheckins } from '#domain/checkins';
import type { VenueCheckIn } from '#domain/model';
import { checkinsOn } from '#db/checkins';
import type { ParticipantRow } from '#db/database';
import { participantsOf } from '#db/participants';

/** An event's participants with who has arrived on a day (first check-in each). */
export interface Roster {
  participants: ParticipantRow[];
  arrived: ReadonlyMap<string, VenueCheckIn>;
}

export const EMPTY_ROSTER: Roster = { participants: [], arrived: new Map() };

export async function rosterOn(eventId: string, day: string): Promise<Roster> {
  const [participants, checkins] = await Promise.all([
    participantsOf(eventId),
    checkinsOn(eventId, day),
  ]);
  return { participants, arrived: firstCheckins(checkins) };
}
