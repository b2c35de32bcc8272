// Certificates (sertifikat): what one states, how its number is made, and where its QR
// points. The server issues the numbers and verification codes (it answers the QR), and
// devices draw the PDF from this data (#reports/certificate-pdf).
import type { Batch, Event } from '#domain/model';
import type { EmploymentStatus } from '#domain/reference';

/** How the 18-digit number under a name is labelled: PPPK hold an NI PPPK, not a NIP. */
export type NipLabel = 'NIP' | 'NI PPPK';

/** One session of the programme a certificate's back page lists. */
export interface Materi {
  title: string;
  /** The day it was held (`YYYY-MM-DD`, in the event's timezone). */
  day: string;
  jp: number;
}

export interface CertificateData {
  /** e.g. `001/BIMTEK-LI/DISPERSIP/2026`. */
  number: string;
  /** Encoded in the QR: the public verification page of this certificate. */
  verifyUrl: string;
  /** With academic titles, as registered. */
  fullName: string;
  /** 18 digits, when the participant has one. */
  nip?: string;
  /** Absent: NIP (certificates issued before the label existed were all printed so). */
  nipLabel?: NipLabel;
  institution: string;
  eventName: string;
  organizer: string;
  batchName: string;
  /** The batch's days, `YYYY-MM-DD`. */
  startDate: string;
  endDate: string;
  /** Where the batch met, as the statement names it ("bertempat di …"). */
  venue?: string;
  /** What the certificate states: the programme's JP or the person's (jpBasis). */
  jp: number;
  /** Where (the city) and when it is signed (`YYYY-MM-DD`). */
  place: string;
  issuedDate: string;
  signatory?: Event['official'];
  /** The sessions the stated JP covers, in order: the back page's list. */
  materi?: Materi[];
}

/** What every certificate of one event looks like, beyond what each states: sent once
 * with a list, never per certificate (a logo is up to ~64 KB). */
export interface CertificateStyle {
  /** data: URLs (PNG/JPEG), drawn in a row at the top. */
  logos: string[];
  /** A second page per certificate listing its materi and JP. */
  backPage: boolean;
  /** The demo event: every page carries the CONTOH mark. */
  demo: boolean;
}

export const PLAIN_STYLE: CertificateStyle = { logos: [], backPage: false, demo: false };

export function certificateStyle(
  event: Pick<Event, 'certificate' | 'letterhead' | 'demo'>,
): CertificateStyle {
  const c = event.certificate;
  return {
    logos: c?.logos ? (event.letterhead?.logos ?? []) : [],
    backPage: c?.backPage ?? false,
    demo: event.demo ?? false,
  };
}

/** PPPK, full- or part-time, hold an NI PPPK; everyone else with a number, a NIP. */
export function nipLabel(status: EmploymentStatus | undefined): NipLabel {
  return status === 'pppk' || status === 'pppk_paruh_waktu' ? 'NI PPPK' : 'NIP';
}

/** The date a batch's certificates carry: the organiser's, else the batch's last day. Per
 * batch, so Angkatan I is never dated on Angkatan II's last day. */
export const certificateDay = (batch: Pick<Batch, 'certificateDate' | 'endDate'>): string =>
  batch.certificateDate ?? batch.endDate;

/** The city where certificates are signed: the certificate's own place, else the event's
 * city; never the venue (an address is not where a letter is signed). */
export const signingPlace = (event: Pick<Event, 'certificate' | 'city'>): string =>
  // `??`: an event stored before these fields existed has neither.
  (event.certificate?.place ?? '').trim() || (event.city ?? '').trim();

// Words an activity's name may start with that already say what kind of activity it is.
const ACTIVITY_KINDS =
  /^(bimbingan teknis|bimtek|pendidikan dan pelatihan|diklat|pelatihan|lokakarya|workshop|seminar|webinar|sosialisasi|orientasi|kursus)\b/i;

/** The activity as the statement names it: "Bimbingan Teknis Literasi Informasi", without
 * doubling a kind the name already states ("Bimtek Literasi…" stays as it is). */
export function activityTitle(eventName: string): string {
  const name = eventName.trim();
  return ACTIVITY_KINDS.test(name) ? name : `Bimbingan Teknis ${name}`;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** The number from the event's pattern: {seq} zero-padded to 3, {year}, {month} in Roman
 * numerals (as Indonesian official letter numbers write it), {batch} the batch code. */
export function certificateNumber(
  pattern: string,
  v: { seq: number; issuedDate: string; batchCode: string },
): string {
  const [year, month] = v.issuedDate.split('-');
  const values: Record<string, string> = {
    seq: String(v.seq).padStart(3, '0'),
    year: year ?? '',
    month: ROMAN[Number(month) - 1] ?? '',
    batch: v.batchCode,
  };
  return pattern.replace(/\{(seq|year|month|batch)\}/g, (_, k: string) => values[k] ?? '');
}

/** Verification codes: 10 characters of an alphabet without look-alikes (0/O, 1/I/L). A
 * guess has a 1 in 31^10 chance, so certificate numbers (sequential) cannot be walked to
 * read people's names from the public page. */
export const VERIFY_CODE = /^[2-9A-HJKMNP-Z]{10}$/;

/** The public page a certificate's QR opens. */
export function verifyUrl(origin: string, code: string): string {
  return `${origin}/#/verify/${code}`;
}

/** The code at the end of a verification URL, printed under the QR for typing by hand. */
export function verifyCodeOf(url: string): string | undefined {
  const code = /\/verify\/([^/?#]+)$/.exec(url)?.[1];
  return code && VERIFY_CODE.test(code) ? code : undefined;
}
