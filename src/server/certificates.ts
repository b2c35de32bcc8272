// Issuing certificates: the server judges eligibility from its own copy of the event (the
// same credit.ts rules as every device), numbers each eligible participant once, and keeps
// a random verification code per certificate for the public QR check. Re-issuing after a
// correction keeps numbers, refreshes what a certificate states, and revokes those no
// longer eligible (the verification page then says so) rather than deleting them.
import { randomInt, timingSafeEqual } from 'node:crypto';
import { certificateNumber, certificateStyle, verifyUrl } from '#domain/certificate';
import { DEFAULT_CERTIFICATE_PATTERN, type Event } from '#domain/model';
import type {
  CertificateList,
  IssuedCertificate,
  MyCertificates,
  VerifyResponse,
} from '#sync/certificates';
import { judge, type Judged, type Stated } from '#server/certificates-judge';
import { HttpError } from '#server/errors';
import { getMeta, setMeta, type Db } from '#server/store/database';
import { getRow, participantsByNumber } from '#server/store/rows';
import {
  certificateByCode,
  certificatesOfEvent,
  certificateWriter,
  type CertificateRow,
} from '#server/store/certificates';

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(31)]).join('');

const publishedKey = (eventId: string) => `certificates.published.${eventId}`;

export function publishedAt(db: Db, eventId: string): string | null {
  return getMeta(db, publishedKey(eventId)) || null;
}

export function setPublished(db: Db, eventId: string, published: boolean): void {
  setMeta(db, publishedKey(eventId), published ? new Date().toISOString() : '');
}

/** Why an event's certificates may not be issued, as the error the route answers. */
function refusal(event: Event): HttpError | undefined {
  if (!event.certificate?.signatory?.name.trim()) {
    return new HttpError(
      'SIGNATORY_REQUIRED',
      'Set the certificate signatory (event.certificate.signatory) before issuing certificates',
    );
  }
  const threshold = event.certificateThreshold;
  if (!(threshold > 0 && threshold <= 100)) {
    return new HttpError(
      'THRESHOLD_INVALID',
      `The certificate threshold (event.certificateThreshold) must be above 0 and at most 100, not ${threshold}`,
    );
  }
  return undefined;
}

/**
 * Issue (or re-issue) the event's certificates; undefined when there is no such event.
 * Throws SIGNATORY_REQUIRED while the event names no certificate signatory (a certificate
 * signed by nobody, or by a demo's "Contoh Kepala Dinas", is not one to hand out) and
 * THRESHOLD_INVALID while its threshold is 0% (everyone would pass). A new certificate is
 * dated by its batch (certificateDay) unless `issuedDate` names a date for all; its number's
 * {year} and {month} follow that date.
 */
export function issueCertificates(
  db: Db,
  eventId: string,
  opts: { origin: string; issuedDate?: string; now?: string },
): CertificateList | undefined {
  const now = opts.now ?? new Date().toISOString();
  return db
    .transaction(() => {
      const judged = judge(db, eventId, new Date(now), opts.issuedDate);
      if (!judged) return undefined;
      const refused = refusal(judged.event);
      if (refused) throw refused;
      const existing = new Map(certificatesOfEvent(db, eventId).map((r) => [r.participantId, r]));
      let seq = Math.max(0, ...[...existing.values()].map((r) => r.seq));
      const pattern = judged.event.certificate?.numberPattern ?? DEFAULT_CERTIFICATE_PATTERN;
      const write = certificateWriter(db);
      const keep = new Set<string>();
      for (const { batchCode, ...stated } of judged.eligible) {
        keep.add(stated.participantId);
        const had = existing.get(stated.participantId);
        if (had) {
          // A certificate keeps its number and its first date of issue.
          const first = (JSON.parse(had.data) as Stated).issuedDate;
          write.restate(
            eventId,
            stated.participantId,
            JSON.stringify({ ...stated, issuedDate: first }),
          );
          continue;
        }
        seq++;
        const number = certificateNumber(pattern, {
          seq,
          issuedDate: stated.issuedDate,
          batchCode,
        });
        const participantId = stated.participantId;
        const data = JSON.stringify(stated);
        write.insert({ eventId, participantId, seq, number, code: newCode(), data }, now);
      }
      for (const id of existing.keys()) if (!keep.has(id)) write.revoke(eventId, id, now);
      return listCertificates(db, eventId, opts.origin, judged);
    })
    .immediate();
}

function issued(row: CertificateRow, origin: string): IssuedCertificate {
  return {
    ...(JSON.parse(row.data) as Stated),
    number: row.number,
    verifyUrl: verifyUrl(origin, row.code),
  };
}

/** The certificates issued so far (revoked ones left out), who has none and why, how many
 * issued ones no longer match the marks (issued before a correction) and how many people
 * earned one that is not issued yet: re-issuing settles both. */
export function listCertificates(
  db: Db,
  eventId: string,
  origin: string,
  /** Right after issuing, that judgement (still current); otherwise judged again here. */
  judged: Judged | undefined = judge(db, eventId, new Date()),
): CertificateList | undefined {
  if (!judged) return undefined;
  const rows = certificatesOfEvent(db, eventId);
  const current = rows.filter((r) => !r.revokedAt).map((r) => issued(r, origin));
  const held = new Set(current.map((c) => c.participantId));
  const earned = new Map(judged.eligible.map((e) => [e.participantId, e.jp]));
  // Only what was issued can be out of date; someone newly eligible is "not issued yet".
  const outdated = current.filter((c) => earned.get(c.participantId) !== c.jp).length;
  const unissued = judged.eligible.filter((e) => !held.has(e.participantId)).length;
  return {
    certificates: current,
    style: judged.style,
    ineligible: judged.ineligible,
    pending: judged.pending,
    revoked: rows.filter((r) => r.revokedAt).length,
    revokedCertificates: rows.filter((r) => r.revokedAt).map((r) => issued(r, origin)),
    outdated,
    unissued,
    publishedAt: publishedAt(db, eventId),
    threshold: judged.event.certificateThreshold,
  };
}

/** A participant's own certificates (by participant id), when published and not revoked. */
function certificatesOf(
  db: Db,
  eventId: string,
  participantIds: readonly string[],
  origin: string,
): IssuedCertificate[] {
  if (!publishedAt(db, eventId) || participantIds.length === 0) return [];
  const wanted = new Set(participantIds);
  return certificatesOfEvent(db, eventId)
    .filter((r) => wanted.has(r.participantId) && !r.revokedAt)
    .map((r) => issued(r, origin));
}

/** What a participant's phone gets: its own certificates while published, and how to draw
 * them (the event's logos, back page, demo mark) only when there are some. */
export function myCertificates(
  db: Db,
  eventId: string,
  participantIds: readonly string[],
  origin: string,
): MyCertificates {
  const certificates = certificatesOf(db, eventId, participantIds, origin);
  const event = getRow<Event>(db, 'events', eventId)?.data;
  return {
    published: publishedAt(db, eventId) !== null,
    certificates,
    ...(certificates.length > 0 && event ? { style: certificateStyle(event) } : {}),
  };
}

/**
 * A person's own certificates by the proof on their ticket: their registration number (or
 * participant id) and its check code. Undefined when no registration has both, so a guess
 * learns nothing about which half was wrong.
 */
export function certificatesByTicket(
  db: Db,
  proof: { number: string; ticketCode: string },
  origin: string,
): MyCertificates | undefined {
  const number = proof.number.trim().toUpperCase();
  const found = participantsByNumber<{ ticketCode?: string }>(db, proof.number.trim(), number);
  const given = Buffer.from(proof.ticketCode.toUpperCase());
  const match = found.find((r) => {
    const code = Buffer.from(String(r.data.ticketCode));
    return code.length === given.length && timingSafeEqual(code, given);
  });
  if (!match) return undefined;
  return myCertificates(db, match.eventId, [match.id], origin);
}

/** The public check behind a certificate's QR. A demo event's certificate answers `demo`:
 * its data is invented, so it is never confirmed as genuine. */
export function verifyCertificate(db: Db, code: string): VerifyResponse | undefined {
  const row = certificateByCode(db, code);
  if (!row) return undefined;
  const s = JSON.parse(row.data) as Stated;
  const revoked = row.revokedAt !== null;
  const demo = getRow<Event>(db, 'events', row.eventId)?.data.demo === true;
  return {
    number: row.number,
    fullName: s.fullName,
    eventName: s.eventName,
    organizer: s.organizer,
    batchName: s.batchName,
    startDate: s.startDate,
    endDate: s.endDate,
    jp: s.jp,
    issuedDate: s.issuedDate,
    revoked,
    state: demo ? 'demo' : revoked ? 'revoked' : 'valid',
    // As printed under the signature; the signatory's NIP is not needed to check it.
    ...(s.signatory ? { signatory: { name: s.signatory.name, title: s.signatory.title } } : {}),
  };
}
