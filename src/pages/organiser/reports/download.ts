// Certificates drawn on this device and saved: the organiser's (all, ZIP, one) and a
// participant's own. jsPDF loads on the first call; offline before it was ever fetched,
// that fails, and the caller says so (false).
import type { CertificateStyle } from '#domain/certificate';
import type { IssuedCertificate } from '#sync/certificates';
import { downloadBytes } from '#ui/download.ts';

export async function downloadCertificates(
  list: IssuedCertificate[],
  as: 'one' | 'pdf' | 'zip',
  fileName?: string,
  /** The event's logos, back page and demo mark, as the server's list gives them. */
  style?: CertificateStyle,
): Promise<boolean> {
  try {
    const pdf = await import('#reports/certificate-pdf');
    if (as === 'zip') downloadBytes(pdf.certificatesZip(list, style), fileName!, 'application/zip');
    else {
      const name = as === 'one' ? pdf.certificateFileNames(list)[0]! : fileName!;
      downloadBytes(pdf.certificatesPdf(list, style), name, 'application/pdf');
    }
    return true;
  } catch {
    return false;
  }
}
