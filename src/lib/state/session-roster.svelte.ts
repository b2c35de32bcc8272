// A trainer's roster for one session: the batch's people with their current status (the
// winning mark), whether and when they checked in at the venue, and the counts; marking
// by tap, by choice, or "everyone who checked in" at once. Every mark goes through the
// outbox, so it works with no signal.
import { nextStatus, suggestedStatus, winningByParticipant } from '#domain/attendance';
import type { AttendanceMark, AttendanceStatus, Session, VenueCheckIn } from '#domain/model';
import { attendanceStatuses } from '#domain/model';
import {
  EMPTY_SHEET,
  markAttendance,
  markMany,
  sessionSheet,
  type SessionSheet,
} from '#db/attendance';
import type { ParticipantRow } from '#db/database';
import { errorReport } from '#state/errors.svelte';
import { LiveQuery } from '#state/live.svelte';

export interface RosterRow {
  person: ParticipantRow;
  /** The winning mark, if anyone marked this person in this session. */
  mark: AttendanceMark | undefined;
  arrival: VenueCheckIn | undefined;
  /** From the venue check-in: hadir, or terlambat when they came after the start. */
  suggested: 'hadir' | 'terlambat' | undefined;
}

export type RosterCounts = Record<AttendanceStatus | 'unmarked', number>;

export class SessionRoster {
  readonly session: Session;
  /** Only those nobody has marked yet. */
  onlyUnmarked = $state(false);
  #sheet: LiveQuery<SessionSheet>;
  #rows: RosterRow[];
  #counts: RosterCounts;

  constructor(session: Session, timezone: string) {
    this.session = session;
    this.#sheet = new LiveQuery(() => sessionSheet(session, timezone), EMPTY_SHEET);
    this.#rows = $derived.by(() => {
      const { people, marks, arrived } = this.#sheet.current;
      const current = winningByParticipant(marks);
      return people.map((person) => {
        const arrival = arrived.get(person.id);
        return {
          person,
          mark: current.get(person.id),
          arrival,
          suggested: suggestedStatus(arrival, session),
        };
      });
    });
    this.#counts = $derived.by(() => {
      const counts = Object.fromEntries(
        [...attendanceStatuses, 'unmarked'].map((s) => [s, 0]),
      ) as RosterCounts;
      for (const r of this.#rows) counts[r.mark?.status ?? 'unmarked']++;
      return counts;
    });
  }

  get loaded(): boolean {
    return this.#sheet.loaded;
  }

  get rows(): RosterRow[] {
    return this.onlyUnmarked ? this.#rows.filter((r) => !r.mark) : this.#rows;
  }

  get counts(): RosterCounts {
    return this.#counts;
  }

  /** Every mark of one person in this session, newest first: who, when, which device. */
  history(participantId: string): AttendanceMark[] {
    return this.#sheet.current.marks.filter((m) => m.participantId === participantId).reverse();
  }

  async mark(participantId: string, status: AttendanceStatus, note?: string): Promise<void> {
    try {
      await markAttendance({
        eventId: this.session.eventId,
        sessionId: this.session.id,
        participantId,
        status,
        ...(note?.trim() ? { note: note.trim() } : {}),
      });
    } catch (e) {
      errorReport.report(e);
    }
  }

  /** One tap: unmarked → hadir → terlambat → izin → sakit → tidak hadir → hadir… */
  cycle(row: RosterRow): Promise<void> {
    return this.mark(row.person.id, nextStatus(row.mark?.status), row.mark?.note);
  }

  /** Everyone unmarked who checked in at the venue gets what the check-in suggests. */
  /** How many were marked; undefined for a second tap while the first is still writing
   * (it would mark everyone twice). */
  async markArrived(): Promise<number | undefined> {
    if (this.#marking) return undefined;
    this.#marking = true;
    const todo = this.#rows.filter((r) => !r.mark && r.suggested);
    try {
      await markMany(
        todo.map((r) => ({
          eventId: this.session.eventId,
          sessionId: this.session.id,
          participantId: r.person.id,
          status: r.suggested!,
        })),
      );
      return todo.length;
    } catch (e) {
      errorReport.report(e);
      return 0;
    } finally {
      this.#marking = false;
    }
  }

  #marking = false;
}
