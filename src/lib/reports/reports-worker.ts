/// <reference lib="webworker" />
// The reports worker: certificates and spreadsheets drawn off the page's thread, so the
// console stays responsive while 1,000 certificates are drawn. Its file is named
// `reports-…` so the service worker treats it as a report writer (sw.ts): not precached
// for every phone, kept on an organiser's device once used.
import { answer, type ReportRequest } from '#reports/build';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<ReportRequest>) => {
  const reply = await answer(event.data);
  // The bytes are handed over, not copied: a 1,000-page PDF is megabytes.
  self.postMessage(reply, reply.ok ? [reply.file.bytes.buffer] : []);
};
