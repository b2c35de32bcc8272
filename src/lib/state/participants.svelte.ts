// Participants of the current event with today's arrivals, and the check-in action.
import { todayIn } from '#domain/time';
import { recordCheckin } from '#db/checkins';
import type { ParticipantRow } from '#db/database';
import { EMPTY_ROSTER, rosterOn, type Roster } from '#db/roster';
import { errorReport } from '#state/errors.svelte';
import { LiveQuery } from '#state/live.svelte';

export type { ParticipantRow, Roster };

export class ParticipantList {
  #eventId: string;
  #timezone: string;
  #roster: LiveQuery<Roster>;

  constructor(eventId: string, timezone: string) {
    this.#eventId = eventId;
    this.#timezone = timezone;
    this.#roster = new LiveQuery(() => rosterOn(eventId, todayIn(timezone)), EMPTY_ROSTER);
  }

  get roster(): Roster {
    return this.#roster.current;
  }

  get loaded(): boolean {
    return this.#roster.loaded;
  }

  /** Check a person in from the list; returns whether it was saved on the device. */
  async checkIn(participant: ParticipantRow): Promise<boolean> {
    try {
      await recordCheckin({
        eventId: this.#eventId,
        participantId: participant.id,
        method: 'search',
        timezone: this.#timezone,
      });
      return true;
    } catch (e) {
      errorReport.report(e);
      return false;
    }
  }
}
