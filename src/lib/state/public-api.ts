// The server's public answers a page asks for without the sync engine: a participant's own
// certificates (by this phone's token, or by the number and check code on a ticket) and the
// public check of a certificate. Pages call these; the wire (#sync) stays behind state.
import type { CertificateStyle } from '#domain/certificate';
import { getEnrollment } from '#sync/local';
import { MyCertificates, TicketProof, type IssuedCertificate } from '#sync/certificates';
import { Transport, type Reply } from '#sync/transport';
import { normaliseCode, verifyCertificate, type VerifyOutcome } from '#sync/verify';

export { normaliseCode, type VerifyOutcome };

/** This origin's server, as a page reaches it. */
export const publicTransport = (): Transport => new Transport({ baseUrl: location.origin });

export type MinePhase = 'none' | 'unpublished' | 'offline' | 'failed' | 'ready';

export interface MineAnswer {
  phase: MinePhase;
  certificates: IssuedCertificate[];
  /** The event's logos, back page and demo mark, as the server sends them. */
  style?: CertificateStyle | undefined;
}

const none: MineAnswer = { phase: 'none', certificates: [] };

/** What the server answered, as the page's phase. A refusal (this phone was signed out) or
 * an answer not understood is "failed", never a lost connection. */
function answer(reply: Reply): MineAnswer {
  if (reply.kind === 'network') return { phase: 'offline', certificates: [] };
  const parsed = MyCertificates.safeParse(reply.kind === 'ok' ? reply.json : undefined);
  if (!parsed.success) return { phase: 'failed', certificates: [] };
  const { certificates, style, published } = parsed.data;
  const phase = !published ? 'unpublished' : certificates.length ? 'ready' : 'none';
  return { phase, certificates, style };
}

/** This phone's own certificates, when it is a participant's. */
export async function myCertificates(
  transport = publicTransport(),
): Promise<MineAnswer & { eventId?: string | undefined }> {
  const enrollment = await getEnrollment();
  if (!enrollment || enrollment.role !== 'participant') {
    return { ...none, eventId: enrollment?.eventId };
  }
  const reply = await transport.get('/certificates/mine', enrollment.token);
  return { ...answer(reply), eventId: enrollment.eventId };
}

/** Why a ticket proof found nothing: malformed, no such registration, or too many tries. */
export type ProofRefusal = 'invalid' | 'unknown' | 'limited';

/** Another phone's registration, by the number and check code printed on its ticket. */
export async function certificatesByTicket(
  number: string,
  ticketCode: string,
  transport = publicTransport(),
): Promise<MineAnswer | { refused: ProofRefusal }> {
  const proof = TicketProof.safeParse({ number: number.trim(), ticketCode: ticketCode.trim() });
  if (!proof.success) return { refused: 'invalid' };
  const reply = await transport.post('/certificates/ticket', proof.data);
  if (reply.kind === 'error' && reply.status === 404) return { refused: 'unknown' };
  if (reply.kind === 'error' && reply.status === 429) return { refused: 'limited' };
  return answer(reply);
}

/** The public check of a certificate's code. */
export const checkCertificate = (raw: string, transport = publicTransport()) =>
  verifyCertificate(transport, raw);
