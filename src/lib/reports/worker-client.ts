// The page's side of the reports worker: a job is posted, the file's bytes come back
// (transferred). Drawing 1,000 certificates on the page's thread froze the console for
// seconds; in the worker the page only gathers the data and saves the file. Where the
// worker cannot help the page builds the file itself, exactly as before: no Worker (an
// old browser, tests), a worker file that cannot be fetched (offline, never cached),
// data that cannot be posted, or a failure inside it. So an error the page then meets
// is the one it always met (offline before the writers were ever fetched: it throws).
import type { ReportFile, ReportJob, ReportReply } from '#reports/build';

interface Waiting {
  resolve: (file: ReportFile) => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, Waiting>();

/** Every job still waiting fails, and the next one starts a fresh worker (maybe online
 * by then). */
function stop(reason: string): void {
  worker?.terminate();
  worker = undefined;
  for (const w of waiting.values()) w.reject(new Error(reason));
  waiting.clear();
}

/** One worker, started on first use and kept: the writers it loaded stay loaded. */
function reportsWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./reports-worker.ts', import.meta.url), {
    type: 'module',
    name: 'reports',
  });
  w.onmessage = (event: MessageEvent<ReportReply>) => {
    const reply = event.data;
    const job = waiting.get(reply.id);
    if (!job) return;
    waiting.delete(reply.id);
    if (reply.ok) job.resolve(reply.file);
    else job.reject(new Error(reply.error));
  };
  // A script that failed to load (or threw outside a job): no answer will ever come.
  w.onerror = (event) => {
    event.preventDefault();
    stop(`reports worker failed: ${event.message || 'not loaded'}`);
  };
  w.onmessageerror = () => stop('reports worker answer could not be read');
  worker = w;
  return w;
}

function inWorker(job: ReportJob): Promise<ReportFile> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    try {
      reportsWorker().postMessage({ id, job });
    } catch (e) {
      // DataCloneError: something in the job is not plain data (a state proxy).
      waiting.delete(id);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/** A new task: what follows does not lengthen the one that gathered the data. */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The report file, built off the page's thread where possible. Rejects as building it on
 * the page would. */
export async function reportFile(job: ReportJob): Promise<ReportFile> {
  // One certificate (a participant's own, on a phone) is drawn at once on the page: the
  // worker's file would be a second copy of the PDF writer to download for one page.
  const small = job.type === 'certificates' && job.as === 'one';
  if (typeof Worker !== 'undefined' && !small) {
    try {
      // Posting copies the job (1,000 people and their marks): a task of its own.
      await nextTask();
      return await inWorker(job);
    } catch {
      // Built here instead, below.
    }
  }
  const { buildReport } = await import('#reports/build');
  return buildReport(job);
}

/** Start the worker before the first click, while online: its file is fetched (and kept
 * by the service worker, for exports offline later) and parsed before it is needed. */
export function warmReportsWorker(): void {
  if (typeof Worker === 'undefined' || !navigator.onLine) return;
  try {
    reportsWorker();
  } catch {
    // Not startable here (a browser's policy): the first job builds on the page.
  }
}
