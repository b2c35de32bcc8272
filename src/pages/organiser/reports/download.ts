// Certificates drawn on this device and saved: the organiser's (all, ZIP, one) and a
// participant's own. They are drawn in the reports worker where there is one (the page
// stays responsive through 1,000 pages), else on the page. jsPDF loads on the first call;
// offline before it was ever fetched, that fails, and the caller says so (false).
import type { CertificateStyle } from '#domain/certificate';
import type { IssuedCertificate } from '#sync/certificates';
import { nextTask, reportFile } from '#reports/worker-client';
import { downloadBlob } from '#ui/download.ts';

/** Certificates copied per task. Reading them through Svelte's proxies is the slow part:
 * 50 took 13–21 ms with the CPU slowed 4× (bench/reports.ts); 100 came near 100 ms. */
const SLICE = 50;

/**
 * Plain copies, a slice per task. Callers hold the list in Svelte state: proxies, which
 * cannot be posted to a worker and are slow to read (copying 1,000 in one go held the page
 * for over 100 ms on a slow CPU). It came from the server as JSON, so JSON copies it whole.
 */
async function plainCopies<T>(list: readonly T[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < list.length; i += SLICE) {
    if (i > 0) await nextTask();
    out.push(...(JSON.parse(JSON.stringify(list.slice(i, i + SLICE))) as T[]));
  }
  return out;
}

export async function downloadCertificates(
  list: IssuedCertificate[],
  as: 'one' | 'pdf' | 'zip',
  fileName?: string,
  /** The event's logos, back page and demo mark, as the server's list gives them. */
  style?: CertificateStyle,
): Promise<boolean> {
  try {
    const file = await reportFile({
      type: 'certificates',
      as,
      list: await plainCopies(list),
      ...(style ? { style: JSON.parse(JSON.stringify(style)) as CertificateStyle } : {}),
      ...(fileName ? { fileName } : {}),
    });
    downloadBlob(new Blob([file.bytes], { type: file.mime }), file.name);
    return true;
  } catch {
    return false;
  }
}
