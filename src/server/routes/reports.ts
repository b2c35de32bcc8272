// Reports over HTTP: exports for scripting (XLSX or CSV, organiser only), issuing and
// publishing certificates (organiser), a participant's own certificates (participant),
// and the public check behind a certificate's QR (anyone; rate-limited, no NIP).
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { VERIFY_CODE } from '#domain/certificate';
import { registerSource } from '#domain/exports-recap';
import { exportFile, exportKinds, type ExportRequest } from '#reports/tables';
import { IssueRequest, PublishRequest, TicketProof } from '#sync/certificates';
import {
  certificatesByTicket,
  issueCertificates,
  listCertificates,
  myCertificates,
  setPublished,
  verifyCertificate,
} from '#server/certificates';
import { HttpError, limit } from '#server/errors';
import { authenticated, body, clientAddress, requireRole, type Env } from '#server/http';
import { log } from '#server/log';
import { RateLimiter } from '#server/rate-limit';
import { serverReportData } from '#server/reports';
import type { Db } from '#server/store/database';
import { idsOwnedBy } from '#server/store/rows';

const ExportQuery = z.object({
  format: z._default(z.enum(['xlsx', 'csv']), 'xlsx'),
  batch: z.optional(z.string().check(z.maxLength(64))),
  lang: z._default(z.enum(['id', 'en']), 'id'),
  nik: z._default(z.enum(['masked', 'full']), 'masked'),
  separator: z._default(z.enum(['comma', 'semicolon']), 'comma'),
});

export function reportRoutes(db: Db, publicUrl?: string): Hono<Env> {
  /** The address the QR points to: the public one (HADIR_PUBLIC_URL, parsed at start)
   * when the server sits behind a proxy, else the one the request came to. */
  const publicOrigin = (url: string) => publicUrl?.replace(/\/$/, '') ?? new URL(url).origin;
  const routes = new Hono<Env>();
  const auth = authenticated(db);
  const verifies = new RateLimiter(60, 60_000);
  const ticketFailures = new RateLimiter(10, 15 * 60_000);
  // Registration numbers are sequential: guesses at one number from many addresses are
  // counted too (its owner waits an hour at worst; the desk can still help them).
  const ticketFailuresPerNumber = new RateLimiter(20, 60 * 60_000);

  routes.get('/admin/exports/:kind', auth, async (c) => {
    const me = requireRole(c, 'organiser');
    const kind = c.req.param('kind');
    if (kind !== 'all' && !(exportKinds as readonly string[]).includes(kind)) {
      throw new HttpError('NOT_FOUND', `Exports: ${exportKinds.join(', ')} or all`);
    }
    const query = ExportQuery.safeParse(c.req.query());
    if (!query.success) throw new HttpError('INVALID_REQUEST', 'Bad export options');
    const q = query.data;
    const data = serverReportData(db, me.eventId);
    if (!data) throw new HttpError('NOT_FOUND', 'Unknown event');
    // A batch by id or by its code (A1), as a script would name it.
    const batch = q.batch && data.batches.find((b) => b.id === q.batch || b.code === q.batch);
    if (q.batch && !batch) throw new HttpError('NOT_FOUND', 'Unknown batch');
    const req: ExportRequest = {
      kind: kind as ExportRequest['kind'],
      lang: q.lang,
      revealNik: q.nik === 'full',
      ...(batch ? { batchId: batch.id } : {}),
      // The register lists every certificate the server holds, revoked ones flagged (only
      // judged when a register is asked for; the codes need no origin in the CLI).
      ...(kind === 'certificates' || kind === 'all'
        ? {
            certificates: registerSource(
              listCertificates(db, me.eventId, publicOrigin(c.req.url))!,
            ),
          }
        : {}),
    };
    // Who asked for full NIKs is worth knowing later; never which ones.
    log('info', 'export', { by: me.id, kind, format: q.format, fullNik: req.revealNik });
    if (q.format === 'csv' && kind === 'all') {
      throw new HttpError('INVALID_REQUEST', 'CSV holds one table: name one');
    }
    const separator = q.separator === 'semicolon' ? ';' : ',';
    const file = await exportFile(data, req, q.format, separator);
    c.header('Content-Disposition', `attachment; filename="${file.name}"`);
    c.header('Cache-Control', 'no-store');
    return c.body(file.bytes.slice().buffer, 200, { 'Content-Type': file.mime });
  });

  routes.get('/admin/certificates', auth, (c) => {
    const me = requireRole(c, 'organiser');
    const list = listCertificates(db, me.eventId, publicOrigin(c.req.url));
    if (!list) throw new HttpError('NOT_FOUND', 'Unknown event');
    return c.json(list);
  });

  routes.post('/admin/certificates/issue', auth, async (c) => {
    const me = requireRole(c, 'organiser');
    const req = await body(c, IssueRequest);
    // No default of "today": each batch's certificates carry the batch's own date, so a
    // late issue never dates Angkatan I on Angkatan II's last day (nor in the next year).
    const list = issueCertificates(db, me.eventId, {
      origin: publicOrigin(c.req.url),
      ...(req.issuedDate ? { issuedDate: req.issuedDate } : {}),
    });
    if (!list) throw new HttpError('NOT_FOUND', 'Unknown event');
    log('info', 'certificates issued', { by: me.id, count: list.certificates.length });
    return c.json(list);
  });

  routes.post('/admin/certificates/publish', auth, async (c) => {
    const me = requireRole(c, 'organiser');
    const { published } = await body(c, PublishRequest);
    setPublished(db, me.eventId, published);
    log('info', 'certificates published', { by: me.id, published });
    return c.json(listCertificates(db, me.eventId, publicOrigin(c.req.url)));
  });

  // A participant's phone: the certificates of the registrations it created. A phone whose
  // registration was merged into an earlier one (same NIP) gets none of that person's:
  // they use the proof on their first ticket (below).
  routes.get('/certificates/mine', auth, (c) => {
    const me = requireRole(c, 'participant');
    const ids = idsOwnedBy(db, me.id, ['participants'], { liveOnly: true });
    return c.json(myCertificates(db, me.eventId, ids, publicOrigin(c.req.url)));
  });

  // Anyone holding a ticket (a new phone, a laptop): the registration number and the check
  // code printed on it. Wrong guesses are counted per address, as for enrolment codes.
  routes.post('/certificates/ticket', async (c) => {
    const address = clientAddress(c);
    limit(ticketFailures.check(address), 'wrong ticket codes');
    const proof = await body(c, TicketProof);
    const number = proof.number.trim().toUpperCase();
    limit(ticketFailuresPerNumber.check(number), 'wrong ticket codes for this number');
    const found = certificatesByTicket(db, proof, publicOrigin(c.req.url));
    if (!found) {
      ticketFailures.take(address);
      ticketFailuresPerNumber.take(number);
      throw new HttpError('NOT_FOUND', 'No registration with this number and check code');
    }
    return c.json(found);
  });

  routes.get('/verify/:code', (c) => {
    limit(verifies.take(clientAddress(c)), 'verifications from this address');
    const code = c.req.param('code').toUpperCase();
    const found = VERIFY_CODE.test(code) ? verifyCertificate(db, code) : undefined;
    if (!found) throw new HttpError('NOT_FOUND', 'No certificate with this code');
    c.header('Cache-Control', 'no-store');
    return c.json(found);
  });

  return routes;
}
