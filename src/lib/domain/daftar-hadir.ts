// The daftar hadir as data: one sheet per session or day, for the participants, the
// narasumber or the panitia, in the government layout (header kegiatan / hari-tanggal /
// sesi / tempat; No · Nama · NIP · Jabatan/Instansi · Tanda Tangan; the official's block).
// The screen and the PDF both draw this one value, so they cannot disagree about who is
// on the sheet. Per diem and transport are paid against it (accounting evidence), so the
// words are fixed Indonesian whatever the app's language.
import { batchesOn } from '#domain/batches';
import { firstCheckins } from '#domain/checkins';
import type {
  Batch,
  CommitteeMember,
  CommitteeRole,
  Event,
  Participant,
  Session,
  VenueCheckIn,
} from '#domain/model';
import { fileSlug } from '#domain/exports';
import { formatNip } from '#domain/nip';
import { labelOf, positions } from '#domain/reference';
import type { ReportData } from '#domain/event-data';
import { byName, nameSearchKey } from '#domain/search';
import { formatDay, formatDayShort, formatTimeRange, localDay } from '#domain/time';

/** What one sheet is for. A session lists its batch; a day lists everyone expected then. */
export type SheetChoice =
  | { kind: 'participants'; sessionId: string }
  | { kind: 'participants'; day: string }
  | { kind: CommitteeRole; day: string };

export interface SheetRow {
  no: number;
  name: string;
  /** Formatted (`19860926 201505 1 001`); absent for Non-ASN. */
  nip?: string;
  /** Jabatan/Instansi as printed. */
  position: string;
  /** Path data (300×120 box) of the first signature captured that day, if any. */
  signature?: string;
}

export interface SheetFooter {
  /** e.g. "Banjarmasin, 2 Juni 2025". */
  placeAndDate: string;
  title: string;
  name: string;
  /** Formatted, without the "NIP." prefix. */
  nip?: string;
}

export interface SheetData {
  title: string;
  /** [label, value] lines under the title. */
  header: [string, string][];
  /** The column headings, in order: No · Nama · NIP · Jabatan/Instansi · Tanda Tangan. */
  columns: readonly string[];
  rows: SheetRow[];
  footer: SheetFooter;
  /** A file name without extension, e.g. `daftar-hadir-peserta-2025-06-02-sesi-2`. */
  fileName: string;
}

/** The input the sheet reads (marks are not needed). */
export type SheetSource = Omit<ReportData, 'marks'>;

// Fixed Indonesian: an official document, filed as is (see exports.ts for the same choice).
// prettier-ignore
export const SHEET_WORDS = {
  participants: 'DAFTAR HADIR PESERTA', narasumber: 'DAFTAR HADIR NARASUMBER',
  panitia: 'DAFTAR HADIR PANITIA', event: 'Kegiatan', date: 'Hari/tanggal', session: 'Sesi',
  place: 'Tempat', no: 'No', name: 'Nama', nip: 'NIP', position: 'Jabatan/Instansi',
  sign: 'Tanda Tangan',
} as const;

const COLUMNS = [
  SHEET_WORDS.no,
  SHEET_WORDS.name,
  SHEET_WORDS.nip,
  SHEET_WORDS.position,
  SHEET_WORDS.sign,
] as const;

const nipOf = (digits: string | undefined) => (digits ? { nip: formatNip(digits) } : {});

/** "Senin, 2 Juni 2025" without the weekday, as the place-and-date line writes it. */
const dateOnly = (day: string) => formatDayShort(day, 'id');

/** One venue when every batch of the sheet meets at the same one; else the event's. */
function placeOf(event: Event, batches: readonly Batch[]): string {
  const venues = new Set(batches.map((b) => b.venue).filter(Boolean));
  return venues.size === 1 ? [...venues][0]! : event.venue;
}

function participantRows(
  people: readonly Participant[],
  checkins: readonly VenueCheckIn[],
  day: string,
): SheetRow[] {
  // The signature that counts is the first one given that day (a later repeat scan with
  // another scribble does not replace it).
  const signed = firstCheckins(checkins.filter((c) => c.day === day && c.signature));
  return [...people].sort(byName).map((p, i) => {
    const signature = signed.get(p.id)?.signature;
    const position = p.position ? `${labelOf(positions, p.position, 'id')} / ` : '';
    return {
      no: i + 1,
      name: p.fullName,
      ...nipOf(p.nip),
      position: `${position}${p.institution}`,
      ...(signature ? { signature } : {}),
    };
  });
}

/** One row of a committee sheet: a committee member, or a speaker named on a session. */
export type SheetPerson = Pick<CommitteeMember, 'name' | 'nip' | 'position'>;

/** "Dr. Budi Santoso, M.Hum." and "budi santoso" are one person: titles, case, accents
 * and Muhammad's spellings aside. */
const personKey = (name: string) => nameSearchKey(name) || name.trim().toLowerCase();

/**
 * The narasumber of a day: whoever speaks in that day's sessions (Session.speaker, in the
 * order they speak; "A; B" is two people), then the committee's narasumber, each person
 * once. A speaker the committee also lists takes the committee's spelling, NIP and
 * position, so the sheet prints what the organiser entered for them.
 */
export function narasumberOf(
  committee: readonly CommitteeMember[],
  sessions: readonly Pick<Session, 'speaker' | 'start'>[],
): SheetPerson[] {
  const listed = committee.filter((m) => m.role === 'narasumber');
  const byKey = new Map(listed.map((m) => [personKey(m.name), m]));
  const out = new Map<string, SheetPerson>();
  const speakers = [...sessions]
    .sort((a, b) => a.start.localeCompare(b.start))
    .flatMap((s) => s.speaker.split(';'))
    .map((name) => name.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  for (const name of speakers) {
    const key = personKey(name);
    if (!out.has(key)) out.set(key, byKey.get(key) ?? { name, position: '' });
  }
  for (const m of listed) if (!out.has(personKey(m.name))) out.set(personKey(m.name), m);
  return [...out.values()];
}

/** Whether the event names someone to sign its daftar hadir. Without them the sheet is
 * not accounting evidence: the screen says so and neither prints nor makes a PDF. */
export const hasOfficial = (event: Pick<Event, 'official'>): boolean =>
  !!event.official?.name.trim();

/** The sheet for a choice. Throws a RangeError for a session the data does not hold. */
export function attendanceSheet(data: SheetSource, choice: SheetChoice): SheetData {
  const { event } = data;
  const registered = data.participants.filter((p) => p.status === 'registered');
  let day: string;
  let rows: SheetRow[];
  let batches: Batch[];
  let sessionLine: string | undefined;
  let fileName: string;

  if ('sessionId' in choice) {
    const session = data.sessions.find((s) => s.id === choice.sessionId);
    if (!session) throw new RangeError(`Unknown session: ${choice.sessionId}`);
    day = localDay(session.start, event.timezone);
    batches = data.batches.filter((b) => b.id === session.batchId);
    const people = registered.filter((p) => p.batchId === session.batchId);
    rows = participantRows(people, data.checkins, day);
    sessionLine = `${session.title}, ${formatTimeRange(session.start, session.end, event.timezone, 'id')}`;
    const index = data.sessions
      .filter((s) => s.batchId === session.batchId)
      .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))
      .indexOf(session);
    fileName = `daftar-hadir-peserta-${day}-${fileSlug(batches[0]?.code ?? '')}-sesi-${index + 1}`;
  } else {
    day = choice.day;
    batches = batchesOn(day, data.batches, data.sessions, event.timezone);
    if (choice.kind === 'participants') {
      const ids = new Set(batches.map((b) => b.id));
      // Anyone registered who checked in that day is listed too, even from another batch:
      // whoever came must be able to sign.
      const came = new Set(data.checkins.filter((c) => c.day === day).map((c) => c.participantId));
      const people = registered.filter((p) => ids.has(p.batchId) || came.has(p.id));
      rows = participantRows(people, data.checkins, day);
    } else {
      const daySessions = data.sessions.filter((s) => localDay(s.start, event.timezone) === day);
      const people =
        choice.kind === 'narasumber'
          ? narasumberOf(event.committee, daySessions)
          : // The organiser's order (ketua before anggota), not alphabetical.
            event.committee.filter((m) => m.role === 'panitia');
      rows = people.map((m, i) => ({
        no: i + 1,
        name: m.name,
        ...nipOf(m.nip),
        position: m.position,
      }));
    }
    fileName = `daftar-hadir-${choice.kind === 'participants' ? 'peserta' : choice.kind}-${day}`;
  }

  const place = placeOf(event, batches);
  const official = event.official;
  return {
    title: SHEET_WORDS[choice.kind],
    header: [
      [SHEET_WORDS.event, event.name],
      [SHEET_WORDS.date, formatDay(day, 'id')],
      ...(sessionLine ? [[SHEET_WORDS.session, sessionLine] as [string, string]] : []),
      [SHEET_WORDS.place, place],
    ],
    columns: COLUMNS,
    rows,
    footer: {
      placeAndDate: place ? `${place}, ${dateOnly(day)}` : dateOnly(day),
      title: official?.title ?? '',
      name: official?.name ?? '',
      ...nipOf(official?.nip || undefined),
    },
    fileName: fileName.replace(/-+/g, '-'),
  };
}
