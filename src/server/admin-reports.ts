// The admin command line's reports: exports and certificates as files, computed from the
// server's SQLite file exactly as the API route and the organiser's device compute them.
import { writeFileSync } from 'node:fs';
import { DEMO_EVENT_ID } from '#domain/demo';
import { eventIdentifierIssues, invalidRegistrations } from '#domain/identifiers';
import { validationMessage } from '#domain/messages';
import { exportFile, exportKinds, type ExportRequest } from '#reports/tables';
import { registerSource } from '#domain/exports-recap';
import { readConfig } from '#server/config';
import { issueCertificates, listCertificates } from '#server/certificates';
import { options, UsageError, UserError, type AdminIo } from '#server/admin-cli';
import { serverReportData } from '#server/reports';

function dataOf(io: AdminIo, eventId: string | undefined) {
  const id = eventId ?? DEMO_EVENT_ID;
  const data = serverReportData(io.db, id);
  if (!data) throw new UserError(`Acara tidak ditemukan / Unknown event: ${id}`);
  return data;
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], name: string) {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function save(io: AdminIo, out: string, bytes: Uint8Array | string, what: string) {
  try {
    writeFileSync(out, bytes);
  } catch (e) {
    throw new UserError(`Tidak dapat menulis / Cannot write ${out}: ${(e as Error).message}`);
  }
  io.out(`${what} → ${out}`);
}

export async function exportCommand(args: string[], io: AdminIo): Promise<void> {
  const { values, positionals } = options(
    args,
    {
      out: { type: 'string' },
      event: { type: 'string' },
      batch: { type: 'string' },
      format: { type: 'string' },
      separator: { type: 'string' },
      lang: { type: 'string' },
      'reveal-nik': { type: 'boolean' },
    },
    1,
  );
  const kind = pick(positionals[0], [...exportKinds, 'all'] as const, 'kind');
  if (!kind) throw new UsageError(`export needs a report: ${exportKinds.join(', ')} or all`);
  if (!values.out) throw new UsageError('--out FILE is required');
  const format = pick(values.format, ['xlsx', 'csv'] as const, 'format') ?? 'xlsx';
  const separator = pick(values.separator, ['comma', 'semicolon'] as const, 'separator');
  const data = dataOf(io, values.event);
  const batch = values.batch
    ? data.batches.find((b) => b.code === values.batch || b.id === values.batch)
    : undefined;
  if (values.batch && !batch)
    throw new UserError(`Angkatan tidak dikenal / Unknown batch: ${values.batch}`);
  const req: ExportRequest = {
    kind,
    lang: pick(values.lang, ['id', 'en'] as const, 'lang') ?? 'id',
    revealNik: values['reveal-nik'] ?? false,
    ...(batch ? { batchId: batch.id } : {}),
    // The register lists every certificate the server holds, revoked ones flagged (only
    // judged when a register is asked for; the codes need no origin in the CLI).
    ...(kind === 'certificates' || kind === 'all'
      ? { certificates: registerSource(listCertificates(io.db, data.event.id, '')!) }
      : {}),
  };
  if (format === 'csv' && kind === 'all') {
    throw new UsageError('CSV holds one table: name one report, not all');
  }
  const file = await exportFile(data, req, format, separator === 'semicolon' ? ';' : ',');
  save(io, values.out, file.bytes, kind === 'all' ? 'XLSX' : format.toUpperCase());
}

export async function certificatesCommand(args: string[], io: AdminIo): Promise<void> {
  const { values } = options(
    args,
    {
      out: { type: 'string' },
      event: { type: 'string' },
      issue: { type: 'boolean' },
      date: { type: 'string' },
      origin: { type: 'string' },
    },
    0,
  );
  const out = values.out;
  if (!out || !/\.(pdf|zip)$/i.test(out))
    throw new UsageError('--out FILE.pdf or FILE.zip is required');
  if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date))
    throw new UsageError('--date is YYYY-MM-DD');
  const data = dataOf(io, values.event);
  // The QR must open the public address: a localhost default would print dead codes.
  const origin = (values.origin ?? readConfig().publicUrl ?? '').replace(/\/$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
    throw new UsageError(
      '--origin https://… (the address that opens the certificate check) is required, or set HADIR_PUBLIC_URL',
    );
  }
  // Without --date each batch's certificates carry its own date (the batch's certificate
  // date, else its last day); --date overrides it for every newly numbered one.
  const list = values.issue
    ? issueCertificates(io.db, data.event.id, {
        origin,
        ...(values.date ? { issuedDate: values.date } : {}),
      })!
    : listCertificates(io.db, data.event.id, origin)!;
  if (list.certificates.length === 0) {
    throw new UserError(
      'Belum ada sertifikat terbit; tambahkan --issue / No certificates issued yet; add --issue',
    );
  }
  const pdf = await import('#reports/certificate-pdf');
  const bytes = /\.zip$/i.test(out)
    ? pdf.certificatesZip(list.certificates, list.style)
    : pdf.certificatesPdf(list.certificates, list.style);
  save(io, out, bytes, `${list.certificates.length} sertifikat/certificates`);
  if (list.ineligible.length > 0) {
    io.out(`Tidak memenuhi syarat / Not eligible: ${list.ineligible.length}`);
  }
}

/**
 * `check`: the registrations and event settings whose identifiers fail the domain rules
 * (stored before a rule existed). Listed for the organiser to correct, never deleted.
 * Exit code 0 either way: a finding is not a failure of the command.
 */
export function checkCommand(args: string[], io: AdminIo): void {
  const { values } = options(args, { event: { type: 'string' }, json: { type: 'boolean' } }, 0);
  const data = dataOf(io, values.event);
  const today = new Date();
  const invalid = invalidRegistrations(data.participants, {
    provinceCode: data.event.provinceCode,
    today,
  });
  const eventIssues = eventIdentifierIssues(data.event, today);
  if (values.json) {
    const people = invalid.map(({ person, issues }) => ({
      id: person.id,
      registrationNumber: person.registrationNumber ?? null,
      fullName: person.fullName,
      issues,
    }));
    io.out(JSON.stringify({ event: eventIssues, participants: people }, null, 2));
    return;
  }
  if (invalid.length === 0 && eventIssues.length === 0) {
    io.out('Semua identitas lolos pemeriksaan / Every identifier passes the rules');
    return;
  }
  for (const { field, code } of eventIssues) io.out(`Kegiatan / Event  ${field}: ${code}`);
  for (const { person, issues } of invalid) {
    const what = issues.map((i) => `${i.field}: ${validationMessage(i.code, 'id', i.params)}`);
    io.out(`${person.registrationNumber ?? person.id}  ${person.fullName}  ${what.join('; ')}`);
  }
  io.out(
    `${invalid.length} pendaftaran, ${eventIssues.length} isian kegiatan perlu diperbaiki / ` +
      `registrations and event fields to correct`,
  );
}
