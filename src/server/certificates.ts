// Issuing certificates: the server judges eligibility from its own copy of the event (the
// same credit.ts rules as every device), numbers each eligible participant once, and keeps
// a random verification code per certificate for the public QR check. Re-issuing after a
// correction keeps numbers, refreshes what a certificate states, and revokes those no
// longer eligible (the verification page then says so) rather than deleting them.
import { randomInt, timingSafeEqual } from 'node:crypto';
import { batchFinished } from '#domain/batches';
import { certificateNumber, verifyUrl } from '#domain/certificate';
import { creditByParticipant } from '#domain/credit';
import { byName } from '#domain/search';
import { DEFAULT_CERTIFICATE_PATTERN } from '#domain/model';
import type {
  CertificateList,
  IneligibleEntry,
  IssuedCertificate,
  VerifyResponse,
} from '#sync/certificates';
import { HttpError } from '#server/errors';
import { getMeta, setMeta, type Db } from '#server/store/database';
import { serverReportData } from '#server/reports';

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const newCode = () => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(31)]).join('');

type Stated = Omit<IssuedCertificate, 'verifyUrl' | 'number'>;

interface CertRow {
  participant_id: string;
  seq: number;
  number: string;
  code: string;
  data: string;
  revoked_at: string | null;
}

const publishedKey = (eventId: string) => `certificates.published.${eventId}`;

export function publishedAt(db: Db, eventId: string): string | null {
  return getMeta(db, publishedKey(eventId)) || null;
}

export function setPublished(db: Db, eventId: string, published: boolean): void {
  setMeta(db, publishedKey(eventId), published ? new Date().toISOString() : '');
}

/** Judge every participant at `now`: what an eligible one's certificate states, and why
 * the others get none. People of a batch still running are not judged yet (their sessions
 * are to come): they are counted as `pending`, not listed as falling short. */
function judge(db: Db, eventId: string, issuedDate: string, now: Date) {
  const data = serverReportData(db, eventId);
  if (!data) return undefined;
  const { event } = data;
  const credits = creditByParticipant(data);
  const batches = new Map(data.batches.map((b) => [b.id, b]));
  const finished = new Set(
    data.batches
      .filter((b) => batchFinished(b, data.sessions, now, event.timezone))
      .map((b) => b.id),
  );
  const eligible: (Stated & { batchCode: string })[] = [];
  const ineligible: IneligibleEntry[] = [];
  let pending = 0;
  for (const p of data.participants) {
    const credit = credits.get(p.id)!;
    const batch = batches.get(p.batchId);
    if (p.status !== 'registered') continue; // waitlisted and cancelled never took part
    if (!credit.eligible || !batch) {
      if (batch && !finished.has(batch.id)) {
        pending++;
        continue;
      }
      ineligible.push({
        participantId: p.id,
        fullName: p.fullName,
        batchName: batch?.name ?? '',
        reason: credit.reason ?? 'noSessions',
        jpEarned: credit.jpEarned,
        jpTotal: credit.jpTotal,
        percent: credit.percent,
      });
      continue;
    }
    eligible.push({
      participantId: p.id,
      batchCode: batch.code,
      fullName: p.fullName,
      ...(p.nip ? { nip: p.nip } : {}),
      institution: p.institution,
      eventName: event.name,
      organizer: event.organizer,
      batchName: batch.name,
      startDate: batch.startDate,
      endDate: batch.endDate,
      jp: credit.jpEarned,
      place: event.certificate?.place || event.venue,
      issuedDate,
      ...(event.certificate?.signatory ? { signatory: event.certificate.signatory } : {}),
    });
  }
  // Numbers follow the batch, then the name: the order of the office's lists.
  eligible.sort(
    (a, b) =>
      a.batchCode.localeCompare(b.batchCode, 'en', { numeric: true }) || // A2 before A10
      byName(
        { fullName: a.fullName, id: a.participantId },
        { fullName: b.fullName, id: b.participantId },
      ),
  );
  return { event, eligible, ineligible, pending };
}

const rowsOf = (db: Db, eventId: string) =>
  db
    .prepare('SELECT * FROM certificates WHERE event_id = ? ORDER BY seq')
    .all(eventId) as CertRow[];

/**
 * Issue (or re-issue) the event's certificates; undefined when there is no such event.
 * Throws SIGNATORY_REQUIRED while the event names no certificate signatory: a certificate
 * signed by nobody (or by a demo's "Contoh Kepala Dinas") is not one to hand out.
 */
export function issueCertificates(
  db: Db,
  eventId: string,
  opts: { origin: string; issuedDate: string; now?: string },
): CertificateList | undefined {
  const now = opts.now ?? new Date().toISOString();
  return db.transaction(() => {
    const judged = judge(db, eventId, opts.issuedDate, new Date(now));
    if (!judged) return undefined;
    if (!judged.event.certificate?.signatory?.name.trim()) {
      throw new HttpError(
        'SIGNATORY_REQUIRED',
        'Set the certificate signatory (event.certificate.signatory) before issuing certificates',
      );
    }
    const existing = new Map(rowsOf(db, eventId).map((r) => [r.participant_id, r]));
    let seq = Math.max(0, ...[...existing.values()].map((r) => r.seq));
    const pattern = judged.event.certificate?.numberPattern ?? DEFAULT_CERTIFICATE_PATTERN;
    const insert = db.prepare(
      `INSERT INTO certificates (event_id, participant_id, seq, number, code, data, issued_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = db.prepare(
      'UPDATE certificates SET data = ?, revoked_at = NULL WHERE event_id = ? AND participant_id = ?',
    );
    const keep = new Set<string>();
    for (const { batchCode, ...stated } of judged.eligible) {
      keep.add(stated.participantId);
      const had = existing.get(stated.participantId);
      if (had) {
        // A certificate keeps its number and its first date of issue.
        const first = (JSON.parse(had.data) as Stated).issuedDate;
        update.run(JSON.stringify({ ...stated, issuedDate: first }), eventId, stated.participantId);
        continue;
      }
      seq++;
      const number = certificateNumber(pattern, { seq, issuedDate: opts.issuedDate, batchCode });
      insert.run(
        eventId,
        stated.participantId,
        seq,
        number,
        newCode(),
        JSON.stringify(stated),
        now,
      );
    }
    const revoke = db.prepare(
      'UPDATE certificates SET revoked_at = ? WHERE event_id = ? AND participant_id = ? AND revoked_at IS NULL',
    );
    for (const id of existing.keys()) if (!keep.has(id)) revoke.run(now, eventId, id);
    return listCertificates(db, eventId, opts.origin, judged);
  })();
}

function issued(row: CertRow, origin: string): IssuedCertificate {
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
  judged = judge(db, eventId, '1970-01-01', new Date()),
): CertificateList | undefined {
  if (!judged) return undefined;
  const rows = rowsOf(db, eventId);
  const current = rows.filter((r) => !r.revoked_at).map((r) => issued(r, origin));
  const held = new Set(current.map((c) => c.participantId));
  const earned = new Map(judged.eligible.map((e) => [e.participantId, e.jp]));
  // Only what was issued can be out of date; someone newly eligible is "not issued yet".
  const outdated = current.filter((c) => earned.get(c.participantId) !== c.jp).length;
  const unissued = judged.eligible.filter((e) => !held.has(e.participantId)).length;
  return {
    certificates: current,
    ineligible: judged.ineligible,
    pending: judged.pending,
    revoked: rows.filter((r) => r.revoked_at).length,
    outdated,
    unissued,
    publishedAt: publishedAt(db, eventId),
    threshold: judged.event.certificateThreshold,
  };
}

/** A participant's own certificates (by participant id), when published and not revoked. */
export function certificatesOf(
  db: Db,
  eventId: string,
  participantIds: readonly string[],
  origin: string,
): IssuedCertificate[] {
  if (!publishedAt(db, eventId) || participantIds.length === 0) return [];
  const wanted = new Set(participantIds);
  return rowsOf(db, eventId)
    .filter((r) => wanted.has(r.participant_id) && !r.revoked_at)
    .map((r) => issued(r, origin));
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
): { published: boolean; certificates: IssuedCertificate[] } | undefined {
  const number = proof.number.trim().toUpperCase();
  const found = db
    .prepare(
      `SELECT id, event_id, json_extract(data, '$.ticketCode') AS code FROM rows
       WHERE tbl = 'participants' AND deleted = 0
         AND (id = ? OR json_extract(data, '$.registrationNumber') = ?)`,
    )
    .all(proof.number.trim(), number) as { id: string; event_id: string; code: string }[];
  const given = Buffer.from(proof.ticketCode.toUpperCase());
  const match = found.find((r) => {
    const code = Buffer.from(String(r.code));
    return code.length === given.length && timingSafeEqual(code, given);
  });
  if (!match) return undefined;
  return {
    published: publishedAt(db, match.event_id) !== null,
    certificates: certificatesOf(db, match.event_id, [match.id], origin),
  };
}

/** The public check behind a certificate's QR. */
export function verifyCertificate(db: Db, code: string): VerifyResponse | undefined {
  const row = db.prepare('SELECT * FROM certificates WHERE code = ?').get(code) as
    (CertRow & { event_id: string }) | undefined;
  if (!row) return undefined;
  const s = JSON.parse(row.data) as Stated;
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
    revoked: row.revoked_at !== null,
  };
}
