// The public certificate check (GET /verify/:code): anyone holding a printed certificate
// scans its QR and the server says whether it is real. No token, no personal data beyond
// what the certificate itself prints (name, event, JP).
import { VERIFY_CODE } from '#domain/certificate';
import { VerifyResponse } from '#sync/certificates';
import type { Transport } from '#sync/transport';

export type VerifyOutcome =
  | { kind: 'valid'; certificate: VerifyResponse }
  | { kind: 'revoked'; certificate: VerifyResponse }
  /** The demo event's: sample data, never a genuine certificate. */
  | { kind: 'demo'; certificate: VerifyResponse }
  | { kind: 'unknown' }
  | { kind: 'offline' }
  | { kind: 'failed' };

/** A code as people type it: spaces and dashes dropped, upper case. */
export const normaliseCode = (raw: string) => raw.replace(/[\s-]/g, '').toUpperCase();

export async function verifyCertificate(transport: Transport, raw: string): Promise<VerifyOutcome> {
  const code = normaliseCode(raw);
  // A malformed code cannot exist: said at once, without asking the server.
  if (!VERIFY_CODE.test(code)) return { kind: 'unknown' };
  const reply = await transport.get(`/verify/${code}`);
  if (reply.kind === 'network') return { kind: 'offline' };
  if (reply.kind === 'error')
    return reply.code === 'NOT_FOUND' ? { kind: 'unknown' } : { kind: 'failed' };
  const parsed = VerifyResponse.safeParse(reply.json);
  if (!parsed.success) return { kind: 'failed' };
  return { kind: parsed.data.state, certificate: parsed.data };
}
