// The attendance matrix as a sheet: participants × sessions, readable when printed. A
// session's column is headed short ("Sen 2/6 08.00") with its full title and JP in a note
// under it, so twelve sessions fit across an A4 page.
import type { AttendanceStatus, Participant, Session } from '#domain/model';
import type { AttendanceMatrix, MatrixCell } from '#domain/recap';
import { localDay, localTime, zoneAbbreviation } from '#domain/time';
import type { Lang } from '#domain/validation';
import { fields, nip, table, type Field, type Options, type Table } from '#domain/exports-table';
import { shortDay, statusWord, word, yesNo } from '#domain/exports-words';

type MatrixParticipant = Pick<
  Participant,
  'id' | 'batchId' | 'status' | 'regionCode' | 'source' | 'certificationIntention' | 'fullName'
> &
  Partial<Pick<Participant, 'nip'>>;
type MatrixSession = Pick<Session, 'id' | 'batchId' | 'jp' | 'start' | 'title'>;

const decimal = (n: number, lang: Lang) =>
  lang === 'id' ? String(n).replace('.', ',') : String(n);

/** "Sen 2/6 08.00" (id) or "Mon 2/6 08:00" (en), in the event's zone. */
function sessionHeader(start: string, timezone: string, lang: Lang): string {
  const clock = localTime(start, timezone);
  return `${shortDay(localDay(start, timezone), lang)} ${lang === 'id' ? clock.replace(':', '.') : clock}`;
}

/** A cell's word: the status; '' unmarked; '—' another batch's session (not theirs to
 * attend); "Batal" for an unmarked session of someone whose registration was cancelled. */
function cellWord(cell: MatrixCell, cancelled: boolean, lang: Lang): string {
  if (cell === null) return '—';
  if (cell === 'unmarked') return cancelled ? word('cancelled', lang) : '';
  return statusWord(cell satisfies AttendanceStatus, lang);
}

/** Participants × sessions from attendanceMatrix, then the credit. Someone not registered
 * (cancelled, waitlisted) is said so in the eligibility column, never a bare "Tidak". */
export function matrixTable<P extends MatrixParticipant, S extends MatrixSession>(
  matrix: AttendanceMatrix<P, S>,
  { lang = 'id', timezone }: Options,
): Table {
  type Row = AttendanceMatrix<P, S>['rows'][number];
  const f = fields<Row>(lang, timezone);
  const sessions = matrix.sessions.map((s, j): Field<Row> => ({
    key: `session:${s.id}`,
    header: sessionHeader(s.start, timezone, lang),
    note: `${s.title} (${decimal(s.jp, lang)} JP)`,
    kind: 'text',
    width: 11,
    cell: (r) => cellWord(r.cells[j] ?? null, r.participant.status === 'cancelled', lang),
  }));
  const eligible = (r: Row) =>
    r.participant.status === 'registered'
      ? yesNo(r.credit.eligible, lang)
      : word(r.participant.status, lang);
  const list = [
    f('no', 5, (_, i) => i + 1, 'number'),
    f('name', 32, (r) => r.participant.fullName),
    f('nip', 23, (r) => nip(r.participant.nip), 'code'),
    ...sessions,
    f('jpEarned', 9, (r) => r.credit.jpEarned, 'number'),
    f('jpTotal', 9, (r) => r.credit.jpTotal, 'number'),
    f('percent', 11, (r) => r.credit.percent, 'number'),
    f('eligible', 13, eligible),
  ];
  const notes = [word('matrixLegend', lang, { zone: zoneAbbreviation(timezone) })];
  return table(word('matrixSheet', lang), matrix.rows, list, { timezone, landscape: true, notes });
}
