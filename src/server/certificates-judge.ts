// Judging an event for certificates: who earns one and what it states, who does not and
// why, from the server's own copy of the event with the shared credit.ts rules. Issuing
// and listing (certificates.ts) both start here, so a list never disagrees with an issue.
import { batchFinished } from '#domain/batches';
import {
  certificateDay,
  certificateStyle,
  nipLabel,
  signingPlace,
  type CertificateStyle,
  type Materi,
} from '#domain/certificate';
import { countsAsAttended, participantCredit, sessionStatuses } from '#domain/credit';
import type { Batch, Event, Participant, Session } from '#domain/model';
import { byName } from '#domain/search';
import { localDay } from '#domain/time';
import type { IneligibleEntry, IssuedCertificate } from '#sync/certificates';
import { serverReportData } from '#server/reports';
import type { Db } from '#server/store/database';

/** What a certificate states, before it has a number and a verification URL. */
export type Stated = Omit<IssuedCertificate, 'verifyUrl' | 'number'>;

export interface Judged {
  event: Event;
  /** In numbering order: batch code, then name. */
  eligible: (Stated & { batchCode: string })[];
  ineligible: IneligibleEntry[];
  /** Registered people of batches still running, not judged yet. */
  pending: number;
  style: CertificateStyle;
}

/** The sessions a certificate's JP covers: the whole programme of the batch, or (when the
 * certificate states what the person earned) the sessions they attended. */
function materiOf(
  event: Event,
  own: readonly Session[],
  attended: (s: Session) => boolean,
): Materi[] {
  const earned = event.certificate?.jpBasis === 'earned';
  return own
    .filter((s) => s.jp > 0 && (!earned || attended(s)))
    .map((s) => ({ title: s.title, day: localDay(s.start, event.timezone), jp: s.jp }));
}

function stated(
  event: Event,
  batch: Batch,
  p: Participant,
  jp: number,
  materi: Materi[],
  issuedDate: string,
): Stated {
  const signatory = event.certificate?.signatory;
  return {
    participantId: p.id,
    fullName: p.fullName,
    ...(p.nip ? { nip: p.nip, nipLabel: nipLabel(p.employmentStatus) } : {}),
    institution: p.institution,
    eventName: event.name,
    organizer: event.organizer,
    batchName: batch.name,
    startDate: batch.startDate,
    endDate: batch.endDate,
    venue: batch.venue.trim() || event.venue,
    jp,
    place: signingPlace(event),
    issuedDate,
    ...(signatory ? { signatory } : {}),
    materi,
  };
}

/**
 * Judge every participant at `now`: what an eligible one's certificate states, and why the
 * others get none. People of a batch still running are not judged yet (their sessions are
 * to come): they are counted as `pending`, not listed as falling short. Each batch's
 * certificates carry that batch's date (certificateDay) unless `issuedDate` names one.
 */
export function judge(db: Db, eventId: string, now: Date, issuedDate?: string): Judged | undefined {
  const data = serverReportData(db, eventId);
  if (!data) return undefined;
  const { event } = data;
  const statuses = sessionStatuses(data.marks);
  const batches = new Map(data.batches.map((b) => [b.id, b]));
  const finished = new Set(
    data.batches
      .filter((b) => batchFinished(b, data.sessions, now, event.timezone))
      .map((b) => b.id),
  );
  const sessionsOf = new Map<string, Session[]>();
  for (const s of data.sessions) {
    const list = sessionsOf.get(s.batchId);
    if (list) list.push(s);
    else sessionsOf.set(s.batchId, [s]);
  }
  const programme = event.certificate?.jpBasis !== 'earned';
  const eligible: Judged['eligible'] = [];
  const ineligible: IneligibleEntry[] = [];
  let pending = 0;
  for (const p of data.participants) {
    if (p.status !== 'registered') continue; // waitlisted and cancelled never took part
    const credit = participantCredit({ event, sessions: data.sessions, participant: p, statuses });
    const batch = batches.get(p.batchId);
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
    const own = sessionsOf.get(batch.id) ?? [];
    const attended = (s: Session) => {
      const mark = statuses.get(s.id)?.get(p.id);
      return mark !== undefined && countsAsAttended(mark.status, event);
    };
    const jp = programme ? credit.jpTotal : credit.jpEarned;
    const date = issuedDate ?? certificateDay(batch);
    eligible.push({
      batchCode: batch.code,
      ...stated(event, batch, p, jp, materiOf(event, own, attended), date),
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
  return { event, eligible, ineligible, pending, style: certificateStyle(event) };
}
