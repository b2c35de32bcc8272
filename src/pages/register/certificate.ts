// A participant's own certificate on their phone, once the organiser publishes them: asked
// from the server with the phone's own token, drawn here as a PDF. Loaded only when the
// ticket asks (the registration page's first load stays small), jsPDF only on download.
import { getEnrollment } from '#db/sync-store';
import { MyCertificates, type IssuedCertificate } from '#sync/certificates';
import { Transport } from '#sync/transport';
import { downloadBytes } from '#ui/download.ts';

/** The phone's published certificates; empty offline, unpublished or not enrolled. */
export async function myCertificates(): Promise<IssuedCertificate[]> {
  const enrollment = await getEnrollment();
  if (!enrollment || enrollment.role !== 'participant') return [];
  const reply = await new Transport({ baseUrl: location.origin }).get(
    '/certificates/mine',
    enrollment.token,
  );
  if (reply.kind !== 'ok') return [];
  const parsed = MyCertificates.safeParse(reply.json);
  return parsed.success ? parsed.data.certificates : [];
}

export async function downloadCertificate(cert: IssuedCertificate): Promise<void> {
  const { certificateFileNames, certificatesPdf } = await import('#reports/certificate-pdf');
  downloadBytes(certificatesPdf([cert]), certificateFileNames([cert])[0]!, 'application/pdf');
}
