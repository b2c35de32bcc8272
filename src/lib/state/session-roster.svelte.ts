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
import type { OutboxRow, ParticipantRow } from '#db/database';
import { errorReport } from '#state/errors.svelte';
import { LiveQuery } from '#state/live.svelte';
import { syncStatus } from '#state/sync.svelte';

/** A person's marks in this session that the server refused (a finished session, a role
 * that may not mark): undone on the device, kept in the outbox for a person to act on. */
export interface RefusedMark {
  /** The status the refused mark set (the latest one, when several were refused). */
  status: AttendanceStatus;
  /** The latest refused row: its error says why. */
  row: OutboxRow;
  /** Every refused row of this person here, oldest first. */
  seqs: number[];
}

export interface RosterRow {
  person: ParticipantRow;
  /** The winning mark, if anyone marked this person in this session. */
  mark: AttendanceMark | undefined;
  arrival: VenueCheckIn | undefined;
  /** From the venue check-in: hadir, or terlambat when they came after the start. */
  suggested: 'hadir' | 'terlambat' | undefined;
  /** Marks the server refused, shown on the row where they were made. */
  refused: RefusedMark | undefined;
}

/** The refused marks of one session by person, from the rows needing attention (in seq
 * order, so the last one seen is the latest). */
function refusedMarks(rows: readonly OutboxRow[], sessionId: string): Map<string, RefusedMark> {
  const marks = rows.filter(
    (r): r is OutboxRow<'attendance.mark'> =>
      r.name === 'attendance.mark' &&
      (r as OutboxRow<'attendance.mark'>).args.sessionId === sessionId,
  );
  return new Map(
    marks.map((row) => [
      row.args.participantId,
      {
        status: row.args.status,
        row,
        seqs: marks
          .filter((r) => r.args.participantId === row.args.participantId)
          .map((r) => r.seq),
      },
    ]),
  );
}

export type RosterCounts = Record<AttendanceStatus | 'unmarked', number>;

export class SessionRoster {
  readonly session: Session;
  /** Only those nobody has marked yet. */
  onlyUnmarked = $state(false);
  #sheet: LiveQuery<SessionSheet>;
  #refused: Map<string, RefusedMark>;
  #rows: RosterRow[];
  #counts: RosterCounts;

  constructor(session: Session, timezone: string) {
    this.session = session;
    this.#sheet = new LiveQuery(() => sessionSheet(session, timezone), EMPTY_SHEET);
    this.#refused = $derived(refusedMarks(syncStatus.attention, session.id));
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
          refused: this.#refused.get(person.id),
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

  /** How many people here have a refused mark. */
  get refusedCount(): number {
    return this.#refused.size;
  }

  /** Send the latest refused mark again (the older ones it replaces are dismissed). */
  async retry(refused: RefusedMark): Promise<void> {
    const latest = refused.seqs.at(-1)!;
    try {
      for (const seq of refused.seqs) if (seq !== latest) await syncStatus.dismiss(seq);
      await syncStatus.retry(latest);
    } catch (e) {
      errorReport.report(e);
    }
  }

  /** Accept the refusal: the mark stays as the server has it. */
  async dismiss(refused: RefusedMark): Promise<void> {
    try {
      for (const seq of refused.seqs) await syncStatus.dismiss(seq);
    } catch (e) {
      errorReport.report(e);
    }
  }

  async retryAll(): Promise<void> {
    for (const refused of [...this.#refused.values()]) await this.retry(refused);
  }

  async dismissAll(): Promise<void> {
    for (const refused of [...this.#refused.values()]) await this.dismiss(refused);
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
