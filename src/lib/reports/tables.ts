// The four exports of issue 8 by name, built from ReportData: the one place that turns a
// request ("the recap of batch 1, in English") into Tables, whatever writes the file.
import {
  checkinLogTable,
  matrixTable,
  participantsTable,
  recapTable,
  type Table,
} from '#domain/exports';
import { attendanceMatrix, regionRecap } from '#domain/recap';
import type { Lang } from '#domain/validation';
import { forBatch, type ReportData } from '#reports/data';

export const exportKinds = ['participants', 'matrix', 'checkins', 'recap'] as const;
export type ExportKind = (typeof exportKinds)[number];

export interface ExportRequest {
  kind: ExportKind | 'all';
  batchId?: string;
  lang?: Lang;
  /** The organiser asked for full NIKs (UU 27/2022: masked by default). */
  revealNik?: boolean;
}

export function exportTables(data: ReportData, req: ExportRequest): Table[] {
  const d = forBatch(data, req.batchId);
  const lang = req.lang ?? 'id';
  const timezone = d.event.timezone;
  const build: Record<ExportKind, () => Table> = {
    participants: () =>
      participantsTable(d.participants, {
        lang,
        timezone,
        batches: data.batches,
        revealNik: req.revealNik ?? false,
      }),
    matrix: () => matrixTable(attendanceMatrix({ ...d, event: d.event }), { lang, timezone }),
    checkins: () => checkinLogTable(d.checkins, d.participants, { lang, timezone }),
    recap: () => recapTable(regionRecap(d), { lang }),
  };
  const kinds = req.kind === 'all' ? exportKinds : [req.kind];
  return kinds.map((k) => build[k]());
}

/** A file name without spaces or slashes: `hadir-<kind>-<event>[-<batch>].<ext>`. */
export function exportFileName(
  data: Pick<ReportData, 'event' | 'batches'>,
  req: { kind: string; batchId?: string },
  ext: 'xlsx' | 'csv' | 'pdf' | 'zip',
): string {
  const batch = req.batchId ? data.batches.find((b) => b.id === req.batchId)?.code : undefined;
  const slug = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40)
      .toLowerCase();
  return ['hadir', req.kind, slug(data.event.name), batch && slug(batch)]
    .filter(Boolean)
    .join('-')
    .concat(`.${ext}`);
}
