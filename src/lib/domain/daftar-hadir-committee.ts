// The narasumber's and panitia's rows of the daftar hadir, following the schedule: each
// day lists only those who taught or served that day. A narasumber's row says what they
// taught (Materi) and for how long (JP): honoraria are paid against it.
import { SHEET_WORDS, type SheetRow, type SheetSource } from '#domain/daftar-hadir-words';
import type { CommitteeMember, Session } from '#domain/model';
import { formatNip } from '#domain/nip';
import { nameSearchKey } from '#domain/search';
import { localDay } from '#domain/time';

export const NARASUMBER_COLUMNS = [
  SHEET_WORDS.no,
  SHEET_WORDS.name,
  SHEET_WORDS.nip,
  SHEET_WORDS.position,
  SHEET_WORDS.materi,
  SHEET_WORDS.jp,
  SHEET_WORDS.sign,
] as const;

export const PANITIA_COLUMNS = [
  SHEET_WORDS.no,
  SHEET_WORDS.name,
  SHEET_WORDS.nip,
  SHEET_WORDS.position,
  SHEET_WORDS.sign,
] as const;

/** One row of a committee sheet: a committee member, or a speaker named on a session. */
export type SheetPerson = Pick<CommitteeMember, 'name' | 'nip' | 'position'>;

export interface NarasumberEntry extends SheetPerson {
  /** The titles of the sessions they speak in, in order, each once. */
  materi: string[];
  /** Those sessions' JP summed (a session two people teach counts in full for each). */
  jp: number;
}

export type NarasumberSession = Pick<Session, 'speaker' | 'start' | 'title' | 'jp'>;

/** "Dr. Budi Santoso, M.Hum." and "budi santoso" are one person: titles, case, accents
 * and Muhammad's spellings aside. */
const personKey = (name: string) => nameSearchKey(name) || name.trim().toLowerCase();

/** The people a session names as its speaker: "A; B" is two. */
const speakersOf = (s: Pick<Session, 'speaker'>) =>
  s.speaker
    .split(';')
    .map((name) => name.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

/**
 * The narasumber of a day: whoever speaks in that day's `sessions` (Session.speaker, in the
 * order they speak), each person once with what they teach, then the committee's
 * narasumber who speak in none of the event's sessions (`everySession`: the committee
 * names them, the schedule does not, so every day lists them; without it, all the
 * committee's narasumber). A committee narasumber who speaks on other days only is not
 * on this day's sheet. A speaker the committee also lists takes the committee's spelling,
 * NIP and position, so the sheet prints what the organiser entered for them.
 */
export function narasumberOf(
  committee: readonly CommitteeMember[],
  sessions: readonly NarasumberSession[],
  everySession?: readonly Pick<Session, 'speaker'>[],
): NarasumberEntry[] {
  const listed = committee.filter((m) => m.role === 'narasumber');
  const byKey = new Map(listed.map((m) => [personKey(m.name), m]));
  // JP in integer hundredths, as credit.ts sums them: no 0.1 + 0.2 drift on the sheet.
  const out = new Map<string, NarasumberEntry & { hundredths: number }>();
  for (const s of [...sessions].sort((a, b) => a.start.localeCompare(b.start))) {
    for (const name of speakersOf(s)) {
      const key = personKey(name);
      let entry = out.get(key);
      if (!entry) {
        const known = byKey.get(key);
        const person = known
          ? { name: known.name, position: known.position }
          : { name, position: '' };
        entry = {
          ...person,
          ...(known?.nip ? { nip: known.nip } : {}),
          materi: [],
          jp: 0,
          hundredths: 0,
        };
        out.set(key, entry);
      }
      if (!entry.materi.includes(s.title)) entry.materi.push(s.title);
      entry.hundredths += Math.round(s.jp * 100);
    }
  }
  const speaking = everySession && new Set(everySession.flatMap(speakersOf).map(personKey));
  for (const m of listed) {
    const key = personKey(m.name);
    if (out.has(key) || speaking?.has(key)) continue;
    const { name, position } = m;
    out.set(key, {
      name,
      position,
      ...(m.nip ? { nip: m.nip } : {}),
      materi: [],
      jp: 0,
      hundredths: 0,
    });
  }
  return [...out.values()].map(({ hundredths, ...entry }) => ({ ...entry, jp: hundredths / 100 }));
}

/** 3.5 → "3,5" (the Indonesian decimal comma). */
const jpText = (jp: number) => String(jp).replace('.', ',');

/** Whether a panitia member serves on `day`: the days chosen, or every day when none are. */
const serves = (m: CommitteeMember, day: string) => !m.days?.length || m.days.includes(day);

/** The rows of a committee sheet for one day. */
export function committeeRows(
  data: SheetSource,
  kind: 'narasumber' | 'panitia',
  day: string,
): SheetRow[] {
  const { event } = data;
  const row = (m: SheetPerson, i: number): SheetRow => ({
    no: i + 1,
    name: m.name,
    ...(m.nip ? { nip: formatNip(m.nip) } : {}),
    position: m.position,
  });
  if (kind === 'panitia') {
    // The organiser's order (ketua before anggota), not alphabetical.
    return event.committee.filter((m) => m.role === 'panitia' && serves(m, day)).map(row);
  }
  const daySessions = data.sessions.filter((s) => localDay(s.start, event.timezone) === day);
  return narasumberOf(event.committee, daySessions, data.sessions).map((n, i) => ({
    ...row(n, i),
    materi: n.materi.join('; '),
    jp: n.materi.length ? jpText(n.jp) : '',
  }));
}
