// Rules for setting up an event: its fields, its batches (angkatan) and sessions. The
// organiser's form shows these codes next to the field (catalog keys `setup.error.<code>`);
// the server's zod schemas stay the defence, these say *what* is wrong, in words.
import type { Batch, CommitteeMember, Event, PurgeSummary, Session } from '#domain/model';
import { parseAsnNumberAnyKind } from '#domain/nip';
import { parsePersonName } from '#domain/names';
import { findRegion } from '#domain/regions';
import { localDay } from '#domain/time';
import { digitsOnly, onlyDigitsAndSeparators } from '#domain/validation';

export const setupCodes = [
  'required',
  'dayOrder',
  'timeOrder',
  'minutesPerJp',
  'threshold',
  'retention',
  'capacity',
  'quota',
  'quotaRegion',
  'province',
  'batchCode',
  'batchCodeTaken',
  'outsideEvent',
  'outsideBatch',
  'jp',
  'timezone',
  'nip',
  'nipParts',
  'certificatePattern',
  /** A signer's or committee member's name the documents cannot print (names.ts). */
  'personName',
  'fiscalYear',
  'certificateDate',
] as const;
export type SetupCode = (typeof setupCodes)[number];
export type FieldErrors = Partial<Record<string, SetupCode>>;
/** Someone who signs: the daftar hadir's official, the certificates' signatory. */
export type Signer = NonNullable<Event['official']>;

const blank = (s: string | undefined) => !s || s.trim() === '';
const isInt = (n: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isInteger(n) && n >= min && n <= max;

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

interface Schema<T> {
  safeParse(v: unknown): { success: true; data: T } | { success: false };
}

/** The candidate as its schema parses it, when both the rules (no field errors) and the
 * schema accept it; else undefined. */
export function accepted<T>(errors: FieldErrors, schema: Schema<T>, candidate: unknown) {
  if (Object.keys(errors).length > 0) return undefined;
  const parsed = schema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** The schema's limits: the longest certificate number pattern, the most committee rows. */
const MAX_CERTIFICATE_PATTERN = 120;
export const MAX_COMMITTEE = 200;

/** A NIP as typed for an official or a committee member: blank is fine (not everyone is
 * ASN); else a PNS NIP or an NI PPPK, as at the desk (the form does not ask which).
 * Wrong characters or length get their own code: that is the usual slip. */
function nipProblem(nip: string | undefined, today: Date | undefined): SetupCode | undefined {
  if (nip === undefined || blank(nip)) return undefined;
  const parsed = parseAsnNumberAnyKind(nip, today ? { today } : {});
  if (parsed.ok) return undefined;
  return /^(nip|pppk)\.(characters|length)$/.test(parsed.code) ? 'nip' : 'nipParts';
}

/** A name that is there but would print as garbage, or is no name ("a", "12345"). */
const badName = (name: string) => !blank(name) && !parsePersonName(name).ok;

const filled = (o: Partial<Signer> | undefined) =>
  !!o && !(blank(o.name) && blank(o.title) && blank(o.nip));

/** A signer (the official, the certificate's signatory): all blank is "none yet", but a
 * title or NIP without a name would print an unnamed signature block. */
function checkSigner(
  errors: FieldErrors,
  prefix: string,
  o: Signer | undefined,
  today: Date | undefined,
) {
  if (!o || !filled(o)) return;
  if (blank(o.name)) errors[`${prefix}.name`] = 'required';
  else if (badName(o.name)) errors[`${prefix}.name`] = 'personName';
  const nip = nipProblem(o.nip, today);
  if (nip) errors[`${prefix}.nip`] = nip;
}

/** `today` is the clock for the NIP's "appointment not in the future" rule. */
export function validateEvent(e: Event, opts: { today?: Date } = {}): FieldErrors {
  const errors: FieldErrors = {};
  const { today } = opts;
  if (blank(e.name)) errors.name = 'required';
  if (blank(e.organizer)) errors.organizer = 'required';
  if (blank(e.startDate)) errors.startDate = 'required';
  if (blank(e.endDate)) errors.endDate = 'required';
  else if (e.startDate && e.endDate < e.startDate) errors.endDate = 'dayOrder';
  if (!validTimezone(e.timezone)) errors.timezone = 'timezone';
  if (!isInt(e.minutesPerJp, 1, 240)) errors.minutesPerJp = 'minutesPerJp';
  // 0% would make everyone eligible, even someone who attended nothing.
  if (!(e.certificateThreshold > 0 && e.certificateThreshold <= 100)) {
    errors.certificateThreshold = 'threshold';
  }
  if (!isInt(e.retentionDays, 1, 3650)) errors.retentionDays = 'retention';
  for (const [code, quota] of Object.entries(e.regionQuotas ?? {})) {
    if (!findRegion(code)) errors[`quota.${code}`] = 'quotaRegion';
    else if (!isInt(quota, 0)) errors[`quota.${code}`] = 'quota';
  }
  checkSigner(errors, 'official', e.official, today);
  checkSigner(errors, 'approver', e.approver, today);
  if (e.fiscalYear !== undefined && !isInt(e.fiscalYear, 2000, 2100)) {
    errors.fiscalYear = 'fiscalYear';
  }
  e.committee.forEach((m, i) => {
    if (blank(m.name)) errors[`committee.${i}.name`] = 'required';
    else if (badName(m.name)) errors[`committee.${i}.name`] = 'personName';
    const nip = nipProblem(m.nip, today);
    if (nip) errors[`committee.${i}.nip`] = nip;
    if (m.role === 'panitia' && m.days && m.days.length === 0) {
      errors[`committee.${i}.days`] = 'required';
    }
  });
  if (e.certificate) {
    const pattern = e.certificate.numberPattern;
    if (!pattern.includes('{seq}') || pattern.length > MAX_CERTIFICATE_PATTERN) {
      errors['certificate.numberPattern'] = 'certificatePattern';
    }
    checkSigner(errors, 'certificate.signatory', e.certificate.signatory, today);
  }
  return errors;
}

// A NIP is stored as its 18 digits; one with other characters is left as typed, so the
// rules above still see (and name) what is wrong with it.
const storedNip = (nip: string) => (onlyDigitsAndSeparators(nip) ? digitsOnly(nip) : nip.trim());

function tidySigner(o: Signer | undefined): Signer | undefined {
  if (!o || !filled(o)) return undefined;
  return { name: o.name.trim(), title: o.title.trim(), nip: storedNip(o.nip) };
}

function tidyMember(m: CommitteeMember): CommitteeMember {
  const { nip, days, ...rest } = m;
  const tidy: CommitteeMember = { ...rest, name: m.name.trim(), position: m.position.trim() };
  // A narasumber's days follow the sessions they speak in.
  if (m.role === 'panitia' && days) tidy.days = [...days].sort();
  return nip === undefined || blank(nip) ? tidy : { ...tidy, nip: storedNip(nip) };
}

/** The event as it is stored: signers left all blank dropped, names trimmed, NIPs as
 * digits ("19750101 200003 1 001" → "197501012000031001"), a blank member NIP omitted.
 * Committee rows keep their order, so `committee.<i>` errors still point at the row. */
export function tidyEvent(e: Event): Event {
  const { official: _o, approver: _a, certificate: _c, letterhead: _l, ...rest } = e;
  const official = tidySigner(e.official);
  const approver = tidySigner(e.approver);
  const out: Event = {
    ...rest,
    city: (e.city ?? '').trim(),
    fundingSource: (e.fundingSource ?? '').trim(),
    committee: e.committee.map(tidyMember),
  };
  if (official) out.official = official;
  if (approver) out.approver = approver;
  const lh = e.letterhead;
  const lines = (lh?.lines ?? []).map((l) => l.trim()).filter(Boolean);
  if (lh && (lines.length || lh.address.trim() || lh.logos.length)) {
    out.letterhead = { lines, address: lh.address.trim(), logos: lh.logos };
  }
  if (e.certificate) {
    const { signatory: _s, ...cert } = e.certificate;
    const signatory = tidySigner(e.certificate.signatory);
    out.certificate = {
      ...cert,
      numberPattern: cert.numberPattern.trim(),
      place: cert.place.trim(),
      ...(signatory ? { signatory } : {}),
    };
  }
  return out;
}

export function validateBatch(b: Batch, event: Event, others: readonly Batch[]): FieldErrors {
  const errors: FieldErrors = {};
  if (blank(b.name)) errors.name = 'required';
  if (!/^[A-Z0-9]{1,6}$/.test(b.code)) errors.code = 'batchCode';
  else if (others.some((o) => o.id !== b.id && o.code === b.code)) errors.code = 'batchCodeTaken';
  if (blank(b.startDate)) errors.startDate = 'required';
  else if (b.startDate < event.startDate || b.startDate > event.endDate) {
    errors.startDate = 'outsideEvent';
  }
  if (blank(b.endDate)) errors.endDate = 'required';
  else if (b.endDate < b.startDate) errors.endDate = 'dayOrder';
  else if (b.endDate > event.endDate) errors.endDate = 'outsideEvent';
  if (!isInt(b.capacity, 0, 100_000)) errors.capacity = 'capacity';
  // A certificate is dated on or after the batch's last day, within the event's year.
  if (
    b.certificateDate &&
    (b.certificateDate < b.endDate || b.certificateDate.slice(0, 4) !== b.endDate.slice(0, 4))
  ) {
    errors.certificateDate = 'certificateDate';
  }
  return errors;
}

export function validateSession(s: Session, batch: Batch | undefined, tz: string): FieldErrors {
  const errors: FieldErrors = {};
  if (blank(s.title)) errors.title = 'required';
  if (!batch) errors.batchId = 'required';
  if (!(s.end > s.start)) errors.end = 'timeOrder';
  else if (batch) {
    const first = localDay(s.start, tz);
    if (first < batch.startDate || localDay(s.end, tz) > batch.endDate) {
      errors.start = 'outsideBatch';
    }
  }
  if (!(s.jp >= 0 && s.jp <= 24)) errors.jp = 'jp';
  return errors;
}

/** Sessions of one batch whose times overlap: a warning, since two rooms may run at once
 * only in different batches. Pairs are ordered by start. */
export function overlappingSessions(sessions: readonly Session[]): [Session, Session][] {
  const pairs: [Session, Session][] = [];
  const sorted = [...sessions].sort(
    (a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id),
  );
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (b.start >= a.end) break;
      if (a.batchId === b.batchId) pairs.push([a, b]);
    }
  }
  return pairs;
}

/** JP a session is worth when its JP is derived from its length (rounded down). */
export const jpFromLength = (s: Pick<Session, 'start' | 'end'>, minutesPerJp: number) =>
  Math.max(0, Math.floor((Date.parse(s.end) - Date.parse(s.start)) / 60_000 / minutesPerJp));

/** The first day the event's personal data may be purged (end date + retention). */
export function retentionEnds(e: Pick<Event, 'endDate' | 'retentionDays'>): string {
  const end = new Date(`${e.endDate}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + e.retentionDays);
  return end.toISOString().slice(0, 10);
}

export const canPurge = (e: Event, today: string) => !e.purge && today >= retentionEnds(e);

/** Counts of nobody, to add people to one by one. */
export const emptySummary = (at: string): PurgeSummary => ({
  at,
  participants: 0,
  cancelled: 0,
  byBatch: {},
  byRegion: {},
  byGender: {},
  checkedInByDay: {},
  attendance: {},
});
