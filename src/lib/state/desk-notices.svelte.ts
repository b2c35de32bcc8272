// What the desk shows after a tap or a scan: the confirmation, a refusal, a warning that
// needs a second tap, a ticket it could not accept. Each belongs to one person, so each
// goes as soon as the next person is searched or scanned, and a confirmation also goes by
// itself after a few seconds: a green HADIR left on screen would be read as the next
// person's.
import type { DeskCheck } from '#domain/desk-day';
import type { VenueCheckIn } from '#domain/model';
import { UNDO_MS } from '#db/checkins';
import type { ParticipantRow } from '#db/database';

export interface Confirmation {
  person: ParticipantRow;
  checkinId: string;
  at: string;
  /** The person had already arrived today: recorded as a repeat. */
  repeatOf: VenueCheckIn | undefined;
  /** The event asks for signatures and this one was skipped (signs on paper). */
  unsigned: boolean;
  walkin: boolean;
  /** Checked in over a warning (another batch, waitlisted): never shown as a plain HADIR. */
  override: Extract<DeskCheck, { kind: 'warn' }> | undefined;
}

/** A check-in held back until staff confirm it (or not) with a second, explicit tap. */
export interface Warning {
  person: ParticipantRow;
  method: 'search' | 'qr';
  check: Extract<DeskCheck, { kind: 'warn' }>;
}

/** A cancelled registration the desk would not check in. */
export interface Refusal {
  person: ParticipantRow;
  reason: string | undefined;
}

export type DeskProblem = 'unknownTicket' | 'wrongCode' | 'undoTooLate' | 'mergedTicket';

/** How long a confirmation stays: longer than the undo offer, so the undo button never
 * outlives the confirmation it belongs to. */
const CONFIRM_MS = Math.max(6_000, UNDO_MS + 1_000);

export class DeskNotices {
  confirmation = $state.raw<Confirmation | undefined>(undefined);
  /** The last check-in can still be taken back (a checkin.void, offered for UNDO_MS). */
  canUndo = $state(false);
  /** Whose check-in was just taken back, for the "undone" notice. */
  undone = $state<string | undefined>(undefined);
  problem = $state<DeskProblem | undefined>(undefined);
  refused = $state.raw<Refusal | undefined>(undefined);
  warning = $state.raw<Warning | undefined>(undefined);
  /** The check-in an undo takes back: kept when its confirmation is cleared early. */
  last = $state.raw<Confirmation | undefined>(undefined);
  #confirmTimer: ReturnType<typeof setTimeout> | undefined;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  /** The next person: whatever was shown for the previous one goes. An undo still
   * possible stays offered (as `last`), apart from any confirmation. */
  clear(): void {
    clearTimeout(this.#confirmTimer);
    this.confirmation = undefined;
    this.undone = undefined;
    this.problem = undefined;
    this.refused = undefined;
    this.warning = undefined;
  }

  confirm(c: Confirmation, undoable: boolean): void {
    this.clear();
    this.confirmation = c;
    this.#expire(() => {
      if (this.confirmation === c) this.confirmation = undefined;
    });
    clearTimeout(this.#undoTimer);
    this.last = undoable ? c : undefined;
    this.canUndo = undoable;
    if (undoable) this.#undoTimer = setTimeout(() => this.endUndo(), UNDO_MS);
  }

  /** The undo is over (used, or its time ran out). */
  endUndo(): void {
    clearTimeout(this.#undoTimer);
    this.canUndo = false;
    this.last = undefined;
  }

  undid(name: string): void {
    this.clear();
    this.undone = name;
    this.#expire(() => {
      if (this.undone === name) this.undone = undefined;
    });
  }

  #expire(then: () => void): void {
    clearTimeout(this.#confirmTimer);
    this.#confirmTimer = setTimeout(then, CONFIRM_MS);
  }

  stop(): void {
    clearTimeout(this.#confirmTimer);
    clearTimeout(this.#undoTimer);
  }
}
