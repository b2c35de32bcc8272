// The daftar hadir as data: one sheet per session or day, for the participants, the
// narasumber or the panitia, in the government layout (kop surat; header kegiatan /
// angkatan / hari-tanggal / sesi / tempat / tahun anggaran / sumber dana; the table; the
// count present; "Mengetahui" and the official's block). The screen and the PDF both draw
// this one value, so they cannot disagree about who is on the sheet or what it says of
// them. Per diem, transport and honoraria are paid against it (accounting evidence an
// auditor checks), so the words are fixed Indonesian whatever the app's language.
//
// What the office signs where (README): signatures are captured at the desk only, once a
// day. The day sheet is the arrival record: "Datang 07.42" and the signature given then.
// A session sheet is the trainer's record: Keterangan is that session's mark; the day's
// arrival signature appears only beside a mark of hadir/terlambat, labelled "TTD datang
// 07.42", and the box of izin, sakit or tidak hadir is struck through.
import { batchesOn } from '#domain/batches';
import { committeeRows, NARASUMBER_COLUMNS, PANITIA_COLUMNS } from '#domain/daftar-hadir-committee';
import { dayRows, sessionRows } from '#domain/daftar-hadir-rows';
import {
  PARTICIPANT_COLUMNS,
  SHEET_WORDS,
  type SheetData,
  type SheetRow,
  type SheetSigner,
  type SheetSource,
} from '#domain/daftar-hadir-words';
import type { Batch, Event } from '#domain/model';
import { fileSlug } from '#domain/exports-csv';
import { formatNip } from '#domain/nip';
import { formatDay, formatDayShort, formatTimeRange, localDay } from '#domain/time';

export * from '#domain/daftar-hadir-words';
export {
  narasumberOf,
  type NarasumberEntry,
  type SheetPerson,
} from '#domain/daftar-hadir-committee';

/** What one sheet is for. A session lists its batch; a day lists everyone expected then. */
export type SheetChoice =
  | { kind: 'participants'; sessionId: string }
  | { kind: 'participants'; day: string }
  | { kind: 'narasumber' | 'panitia'; day: string };

/** One venue when every batch of the sheet meets at the same one; else the event's. */
function placeOf(event: Event, batches: readonly Batch[]): string {
  const venues = new Set(batches.map((b) => b.venue).filter(Boolean));
  return venues.size === 1 ? [...venues][0]! : event.venue;
}

const signer = (o: Event['official']): SheetSigner => ({
  title: o?.title ?? '',
  name: o?.name ?? '',
  ...(o?.nip ? { nip: formatNip(o.nip) } : {}),
});

/** Whether the event names someone to sign its daftar hadir. Without them the sheet is
 * not accounting evidence: the screen says so and neither prints nor makes a PDF. */
export const hasOfficial = (event: Pick<Event, 'official'>): boolean =>
  !!event.official?.name.trim();

/** Where the sheet is signed: the city, never the venue's address. A city not yet set
 * leaves a dotted gap to fill in by hand rather than borrowing the venue. */
const placeAndDate = (event: Event, day: string) =>
  `${(event.city ?? '').trim() || '…………………'}, ${formatDayShort(day, 'id')}`;

interface Body {
  day: string;
  batches: Batch[];
  rows: SheetRow[];
  columns: readonly string[];
  /** Rows present; null: nothing recorded yet (a gap to fill in by hand). */
  present?: number | null;
  session?: { line: string; head: string };
  fileName: string;
}

function sessionBody(data: SheetSource, sessionId: string): Body {
  const { event } = data;
  const session = data.sessions.find((s) => s.id === sessionId);
  if (!session) throw new RangeError(`Unknown session: ${sessionId}`);
  const day = localDay(session.start, event.timezone);
  const batches = data.batches.filter((b) => b.id === session.batchId);
  const index = data.sessions
    .filter((s) => s.batchId === session.batchId)
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))
    .indexOf(session);
  const { rows, present } = sessionRows(data, session, day);
  return {
    day,
    batches,
    rows,
    columns: PARTICIPANT_COLUMNS,
    present,
    session: {
      line: `${session.title}, ${formatTimeRange(session.start, session.end, event.timezone, 'id')}`,
      head: `${SHEET_WORDS.session} ${index + 1}: ${session.title}`,
    },
    fileName: `daftar-hadir-peserta-${day}-${fileSlug(batches[0]?.code ?? '')}-sesi-${index + 1}`,
  };
}

function dayBody(data: SheetSource, kind: SheetChoice['kind'], day: string): Body {
  const batches = batchesOn(day, data.batches, data.sessions, data.event.timezone);
  const fileName = `daftar-hadir-${kind === 'participants' ? 'peserta' : kind}-${day}`;
  if (kind === 'participants') {
    const { rows, present } = dayRows(data, batches, day);
    return { day, batches, rows, columns: PARTICIPANT_COLUMNS, present, fileName };
  }
  const rows = committeeRows(data, kind, day);
  const columns = kind === 'narasumber' ? NARASUMBER_COLUMNS : PANITIA_COLUMNS;
  return { day, batches, rows, columns, fileName };
}

/** The sheet for a choice. Throws a RangeError for a session the data does not hold. */
export function attendanceSheet(data: SheetSource, choice: SheetChoice): SheetData {
  const { event } = data;
  const body =
    'sessionId' in choice
      ? sessionBody(data, choice.sessionId)
      : dayBody(data, choice.kind, choice.day);
  const { day, batches } = body;
  const title = SHEET_WORDS[choice.kind];
  const batchNames = batches.map((b) => b.name).join(', ');
  const date = formatDay(day, 'id');
  const funding = (event.fundingSource ?? '').trim();
  const lh = event.letterhead;
  const header: [string, string][] = [
    [SHEET_WORDS.event, event.name],
    ...(batchNames ? [[SHEET_WORDS.batch, batchNames] as [string, string]] : []),
    [SHEET_WORDS.date, date],
    ...(body.session ? [[SHEET_WORDS.session, body.session.line] as [string, string]] : []),
    [SHEET_WORDS.place, placeOf(event, batches)],
    ...(event.fiscalYear
      ? [[SHEET_WORDS.fiscalYear, String(event.fiscalYear)] as [string, string]]
      : []),
    ...(funding ? [[SHEET_WORDS.funding, funding] as [string, string]] : []),
  ];
  const approver = event.approver?.name.trim() ? signer(event.approver) : undefined;
  return {
    title,
    header,
    columns: body.columns,
    rows: body.rows,
    footer: { placeAndDate: placeAndDate(event, day), ...signer(event.official) },
    ...(approver ? { approver } : {}),
    ...(body.present !== undefined
      ? { tally: `${SHEET_WORDS.tally}: ${body.present ?? '……'} ${SHEET_WORDS.people}` }
      : {}),
    ...(lh && (lh.lines.length || lh.address.trim() || lh.logos.length) ? { letterhead: lh } : {}),
    runningHead: [title, batchNames, body.session?.head, date].filter(Boolean).join(' · '),
    demo: event.demo,
    fileName: body.fileName.replace(/-+/g, '-'),
  };
}
