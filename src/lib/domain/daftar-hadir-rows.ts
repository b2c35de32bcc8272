// The participants' rows of the daftar hadir: for a session (the trainer's marks decide
// Keterangan, and whether the day's arrival signature may stand beside a name) and for a
// whole day (the desk's arrivals). Linear in people, check-ins and marks: the sheet of a
// 1,000-person day is built in one pass over each.
import { firstCheckins } from '#domain/checkins';
import { sessionStatuses } from '#domain/credit';
import {
  SHEET_WORDS,
  STATUS_WORDS,
  type SheetRow,
  type SheetSource,
} from '#domain/daftar-hadir-words';
import type { AttendanceStatus, Batch, Participant, Session, VenueCheckIn } from '#domain/model';
import { formatNip } from '#domain/nip';
import { labelOf, positions } from '#domain/reference';
import { nameSearchKey } from '#domain/search';
import { localDay, localTime } from '#domain/time';

export interface Rows {
  rows: SheetRow[];
  /** How many rows count as present; null when nothing was recorded (a blank to fill in). */
  present: number | null;
}

/** The order of search.ts byName, each name's key worked out once: a 1,000-person sheet
 * would otherwise derive keys and a collator in every one of ~10,000 comparisons. */
function byNameOnce(people: readonly Participant[]): Participant[] {
  const collator = new Intl.Collator('id');
  return people
    .map((p) => ({ p, key: nameSearchKey(p.fullName) }))
    .sort(
      (a, b) =>
        collator.compare(a.key, b.key) ||
        collator.compare(a.p.fullName, b.p.fullName) ||
        a.p.id.localeCompare(b.p.id),
    )
    .map(({ p }) => p);
}

const PRESENT: ReadonlySet<AttendanceStatus> = new Set(['hadir', 'terlambat']);

/** "07.42": Indonesian wall-clock time in the event's zone. */
const clock = (iso: string, tz: string) => localTime(iso, tz).replace(':', '.');

function baseRow(p: Participant, i: number): SheetRow {
  const position = p.position ? `${labelOf(positions, p.position, 'id')} / ` : '';
  return {
    no: i + 1,
    name: p.fullName,
    ...(p.nip ? { nip: formatNip(p.nip) } : {}),
    position: `${position}${p.institution}`,
  };
}

interface Day {
  /** The first check-in per person that day: when they arrived. */
  arrived: Map<string, VenueCheckIn>;
  /** The first check-in per person that day that carries a signature: the one that counts
   * (a later repeat scan with another scribble does not replace it). */
  signed: Map<string, VenueCheckIn>;
}

function dayOf(checkins: readonly VenueCheckIn[], day: string): Day {
  const today = checkins.filter((c) => c.day === day);
  return { arrived: firstCheckins(today), signed: firstCheckins(today.filter((c) => c.signature)) };
}

/**
 * A session's sheet: the batch's registered people (and anyone registered the trainer
 * marked in it), Keterangan their mark. Only a mark of hadir or terlambat lets the day's
 * arrival signature stand beside the name, labelled as such with its time; izin, sakit and
 * tidak hadir strike the box through. When nobody has been marked yet the sheet is a blank
 * form for wet ink: Keterangan empty, the count left to fill in.
 */
export function sessionRows(data: SheetSource, session: Session, day: string): Rows {
  const tz = data.event.timezone;
  const marks = sessionStatuses((data.marks ?? []).filter((m) => m.sessionId === session.id)).get(
    session.id,
  );
  const people = data.participants.filter(
    (p) => p.status === 'registered' && (p.batchId === session.batchId || marks?.has(p.id)),
  );
  const { signed } = dayOf(data.checkins, day);
  let present = 0;
  const rows = byNameOnce(people).map((p, i): SheetRow => {
    const row = baseRow(p, i);
    const status = marks?.get(p.id)?.status;
    if (!status) return marks ? { ...row, note: SHEET_WORDS.unmarked } : row;
    const note = STATUS_WORDS[status];
    if (!PRESENT.has(status)) return { ...row, note, struck: true };
    present++;
    const sign = signed.get(p.id);
    return sign?.signature
      ? {
          ...row,
          note,
          signature: sign.signature,
          signatureLabel: `${SHEET_WORDS.signedAt} ${clock(sign.at, tz)}`,
        }
      : { ...row, note };
  });
  return { rows, present: marks ? present : null };
}

/**
 * A day's sheet: everyone registered in a batch meeting that day, and anyone registered
 * who checked in (whoever came must be able to sign). Keterangan is the arrival time; the
 * signature is the one given at the desk. Someone who did not come and was marked izin,
 * sakit or tidak hadir in every session of their batch that day has that said and the box
 * struck through; anyone else not checked in keeps an empty box for wet ink.
 */
export function dayRows(data: SheetSource, batches: readonly Batch[], day: string): Rows {
  const tz = data.event.timezone;
  const ids = new Set(batches.map((b) => b.id));
  const { arrived, signed } = dayOf(data.checkins, day);
  const people = data.participants.filter(
    (p) => p.status === 'registered' && (ids.has(p.batchId) || arrived.has(p.id)),
  );
  const daySessions = new Map<string, string[]>();
  // In the order they run, so Keterangan lists statuses in the day's order.
  const ordered = data.sessions
    .filter((s) => ids.has(s.batchId) && localDay(s.start, tz) === day)
    .sort((a, b) => a.start.localeCompare(b.start));
  for (const s of ordered) {
    const list = daySessions.get(s.batchId);
    if (list) list.push(s.id);
    else daySessions.set(s.batchId, [s.id]);
  }
  const statuses = sessionStatuses(data.marks ?? []);
  /** The statuses of someone absent from every session of their batch that day. */
  const absence = (p: Participant): string | undefined => {
    const list = daySessions.get(p.batchId) ?? [];
    const seen = list.map((id) => statuses.get(id)?.get(p.id)?.status);
    if (!list.length || seen.some((s) => !s || PRESENT.has(s))) return undefined;
    return [...new Set(seen.map((s) => STATUS_WORDS[s!]))].join(', ');
  };
  const rows = byNameOnce(people).map((p, i): SheetRow => {
    const row = baseRow(p, i);
    const came = arrived.get(p.id);
    if (!came) {
      const absent = absence(p);
      return absent ? { ...row, note: absent, struck: true } : row;
    }
    const sign = signed.get(p.id)?.signature;
    return {
      ...row,
      note: `${SHEET_WORDS.arrived} ${clock(came.at, tz)}`,
      ...(sign ? { signature: sign } : {}),
    };
  });
  return { rows, present: people.filter((p) => arrived.has(p.id)).length };
}
