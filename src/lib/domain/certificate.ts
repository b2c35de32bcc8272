// Certificates (sertifikat): what one states, how its number is made, and where its QR
// points. The server issues the numbers and verification codes (it answers the QR), and
// devices draw the PDF from this data (#reports/certificate-pdf).
import type { Event } from '#domain/model';

export interface CertificateData {
  /** e.g. `001/BIMTEK-LI/DISPERSIP/2026`. */
  number: string;
  /** Encoded in the QR: the public verification page of this certificate. */
  verifyUrl: string;
  /** With academic titles, as registered. */
  fullName: string;
  /** 18 digits, when the participant has one. */
  nip?: string;
  institution: string;
  eventName: string;
  organizer: string;
  batchName: string;
  /** The batch's days, `YYYY-MM-DD`. */
  startDate: string;
  endDate: string;
  /** JP earned (what the certificate states). */
  jp: number;
  /** Where and when it is signed (`YYYY-MM-DD`). */
  place: string;
  issuedDate: string;
  signatory?: Event['official'];
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
