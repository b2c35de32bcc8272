// Export tables for the office's accounting (SPJ) and the laporan kegiatan: one neutral
// Table of plain cells built from the domain data, then written by a format writer (CSV in
// exports-csv.ts, XLSX in #reports/xlsx), so both files carry the same columns and values.
// Headers and words are in Indonesian by default (the office files them) or English.
// This module holds the participant list and the check-in log and is the one address of
// the rest: the matrix (exports-matrix.ts), the recaps (exports-recap.ts), CSV, the words.
import { shortId } from '#domain/ids';
import { firstCheckins, isRepeat } from '#domain/checkins';
import type { Batch, Participant, VenueCheckIn } from '#domain/model';
import { maskNik } from '#domain/nik';
import { formatPhone } from '#domain/phone';
import {
  certificationIntentions,
  employmentStatuses,
  labelOf,
  libraryTypes,
  positions,
  type ReferenceItem,
} from '#domain/reference';
import type { Lang } from '#domain/validation';
import { fields, nip, regionLabel, table, type Options, type Table } from '#domain/exports-table';
import { word, yesNo } from '#domain/exports-words';

export * from '#domain/exports-table';
export { statusWord, word, shortDay, type Word } from '#domain/exports-words';
export * from '#domain/exports-matrix';
export * from '#domain/exports-recap';
export * from '#domain/exports-csv';

// labelOf, never choiceLabel: a document prints the label alone, without a form's hint.
const label = (list: readonly ReferenceItem[], code: string | undefined, lang: Lang) =>
  code ? labelOf(list, code, lang) : null;

/** Every registration field, one participant a row, in the order given. The ticket code is
 * left out on purpose: it is the QR secret, and a shared sheet must not let anyone forge a
 * ticket. NIK is masked unless `revealNik` (UU 27/2022: lists mask NIK). */
export function participantsTable(
  participants: readonly Participant[],
  opts: Options & { batches: readonly Pick<Batch, 'id' | 'name'>[]; revealNik?: boolean },
): Table {
  const { lang = 'id', timezone, batches, revealNik = false, provinceCode } = opts;
  const batchName = new Map(batches.map((b) => [b.id, b.name]));
  const f = fields<Participant>(lang, timezone);
  const list = [
    f('no', 5, (_, i) => i + 1, 'number'),
    f('registrationNumber', 14, (p) => p.registrationNumber ?? null, 'code'),
    f('fullName', 36, (p) => p.fullName),
    f('nip', 24, (p) => nip(p.nip), 'code'),
    f('nik', 18, (p) => (p.nik ? (revealNik ? p.nik : maskNik(p.nik)) : null), 'code'),
    f('gender', 12, (p) => (p.gender ? word(p.gender, lang) : null)),
    f('employmentStatus', 18, (p) => label(employmentStatuses, p.employmentStatus, lang)),
    f('position', 30, (p) => label(positions, p.position, lang)),
    f('rank', 20, (p) => p.rank || null),
    f('institution', 40, (p) => p.institution),
    f('region', 24, (p) => regionLabel(p.regionCode, provinceCode, lang)),
    f('libraryType', 30, (p) => label(libraryTypes, p.libraryType, lang)),
    // As people write it (0812-3456-7890): it keeps the leading 0.
    f('phone', 16, (p) => (p.phone ? formatPhone(p.phone) : null), 'code'),
    f('email', 28, (p) => p.email || null),
    f('intention', 14, (p) => label(certificationIntentions, p.certificationIntention, lang)),
    f('batch', 14, (p) => batchName.get(p.batchId) ?? p.batchId),
    f('status', 12, (p) => word(p.status, lang)),
    f('cancelReason', 24, (p) => p.cancelReason || null),
    f('source', 16, (p) => word(p.source, lang)),
    f('needsReview', 10, (p) => yesNo(p.needsReview, lang)),
    f('consentAt', 20, (p) => p.consentAt, 'datetime'),
    f('createdAt', 20, (p) => p.createdAt, 'datetime'),
  ];
  return table(word('participantsSheet', lang), participants, list, { timezone, landscape: true });
}

/** The desk as people call it ("Meja 1"); a check-in stored before the server kept names,
 * or from a device without one, by the end of its id: short, and still tells desks apart. */
const deviceLabel = (c: Pick<VenueCheckIn, 'deviceId' | 'deviceName'>, lang: Lang) =>
  c.deviceName || `${word('device', lang)} ${shortId(c.deviceId)}`;

/** Every check-in (repeats included: a scan is a fact) in time order. A repeat ("check-in
 * ulang") is any but the first check-in of that person on that day, the desk's rule. */
export function checkinLogTable(
  checkins: readonly VenueCheckIn[],
  participants: readonly Pick<Participant, 'id' | 'fullName' | 'nip' | 'source'>[],
  { lang = 'id', timezone }: Options,
): Table {
  const people = new Map(participants.map((p) => [p.id, p]));
  const byDay = new Map<string, VenueCheckIn[]>();
  for (const c of checkins) {
    if (!byDay.has(c.day)) byDay.set(c.day, []);
    byDay.get(c.day)!.push(c);
  }
  const firstByDay = new Map([...byDay].map(([day, list]) => [day, firstCheckins(list)]));
  const sorted = [...checkins].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  // A person may be missing (merged away or purged): the scan stays, with empty cells.
  const who = (c: VenueCheckIn) => people.get(c.participantId);
  const f = fields<VenueCheckIn>(lang, timezone);
  const list = [
    f('time', 20, (c) => c.at, 'datetime'),
    f('day', 12, (c) => c.day, 'date'),
    f('name', 36, (c) => who(c)?.fullName ?? null),
    f('nip', 24, (c) => nip(who(c)?.nip), 'code'),
    f('method', 16, (c) => word(c.method, lang)),
    f('repeat', 10, (c) => yesNo(isRepeat(c, firstByDay.get(c.day)!), lang)),
    f('walkin', 10, (c) => (who(c) ? yesNo(who(c)?.source === 'walkin', lang) : null)),
    f('signed', 10, (c) => yesNo(Boolean(c.signature), lang)),
    f('deviceId', 20, (c) => deviceLabel(c, lang)),
  ];
  return table(word('checkinSheet', lang), sorted, list, { timezone, landscape: true });
}
