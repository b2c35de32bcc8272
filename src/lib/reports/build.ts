// One report file from one request, as plain data in and bytes out: what the reports worker
// runs (reports-worker.ts), and what the page runs itself where there is no worker
// (worker-client.ts). A request holds only structured-cloneable data, so it can be posted.
// The writers load on first use, as before: in the page's build they stay their own chunks
// (reports-pdf, reports-xlsx); the worker's build carries them in its one file.
import type { CertificateData, CertificateStyle } from '#domain/certificate';
import type { ReportData } from '#domain/event-data';
import { exportFile, type ExportRequest } from '#reports/tables';

export type CertificateFormat = 'one' | 'pdf' | 'zip';

export type ReportJob =
  | {
      type: 'certificates';
      list: CertificateData[];
      /** `one`: the first certificate alone, named after its holder. */
      as: CertificateFormat;
      /** The file's name for `pdf` and `zip`. */
      fileName?: string;
      style?: CertificateStyle;
    }
  | {
      type: 'export';
      data: ReportData;
      req: ExportRequest;
      format: 'xlsx' | 'csv';
      separator?: ',' | ';';
    };

export interface ReportFile {
  /** Alone in its buffer: the worker hands the buffer over, and the page makes the
   * download's Blob straight from it (no copy of a 3 MB PDF on the page's thread). */
  bytes: Uint8Array<ArrayBuffer>;
  name: string;
  mime: string;
}

async function certificateFile(job: Extract<ReportJob, { type: 'certificates' }>) {
  const pdf = await import('#reports/certificate-pdf');
  if (job.as === 'zip') {
    const bytes = pdf.certificatesZip(job.list, job.style);
    return { bytes, name: job.fileName ?? 'sertifikat.zip', mime: 'application/zip' };
  }
  const name =
    job.as === 'one' ? pdf.certificateFileNames(job.list)[0]! : (job.fileName ?? 'sertifikat.pdf');
  return { bytes: pdf.certificatesPdf(job.list, job.style), name, mime: 'application/pdf' };
}

/** The file a job asks for. Throws what the writers throw (no certificates, CSV of `all`,
 * a writer that could not be loaded). */
export async function buildReport(job: ReportJob): Promise<ReportFile> {
  const file =
    job.type === 'certificates'
      ? await certificateFile(job)
      : await exportFile(job.data, job.req, job.format, job.separator);
  return { ...file, bytes: ownBuffer(file.bytes) };
}

/** Bytes that own their whole buffer, so the buffer can be transferred, not copied. */
export function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer;
  return whole ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice();
}

/** What the page posts to the worker: a job and the number its answer carries. */
export interface ReportRequest {
  id: number;
  job: ReportJob;
}

export type ReportReply =
  { id: number; ok: true; file: ReportFile } | { id: number; ok: false; error: string };

/** The worker's answer to one request; never throws (a failure is an answer too). */
export async function answer({ id, job }: ReportRequest): Promise<ReportReply> {
  try {
    return { id, ok: true, file: await buildReport(job) };
  } catch (e) {
    return { id, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
