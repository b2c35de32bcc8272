// The admin command line: `npm run admin -- <command> [options]` (docs/protocol.md, "Admin
// command line"). It opens the server's own SQLite file (WAL lets it run beside the
// server) so a server can be set up and scripted without the UI. It prints enrolment
// codes, never tokens or password hashes, and logs nothing about people.
//   exit 0: done · 1: a user error (message on stderr) · 2: a usage error
import { pathToFileURL } from 'node:url';
import { DEMO_EVENT_ID } from '#domain/demo';
import {
  createEnrollCode,
  getDevice,
  listDevices,
  revokeDevice,
  setOrganiserPassword,
  type Device,
} from '#server/auth';
import { openDatabase, type Db } from '#server/store/database';
import {
  adminDataDir,
  databaseFile,
  MIN_PASSWORD_LENGTH,
  missingDatabase,
  options,
  readSecret,
  UsageError,
  UserError,
  type AdminIo,
} from '#server/admin-cli';

export type { AdminIo };
import { backupCommand } from '#server/admin-backup';
import { certificatesCommand, checkCommand, exportCommand } from '#server/admin-reports';
import { getRow } from '#server/store/rows';
import { hubCommand } from '#server/admin-hub';
import { hubSettings } from '#server/hub/replica';

export { MIN_PASSWORD_LENGTH };
const ENROLL_ROLES = ['staff', 'trainer', 'organiser', 'hub'] as const;
type EnrollRole = (typeof ENROLL_ROLES)[number];

export const USAGE = `Hadir admin — npm run admin -- <perintah/command> [opsi/options]

Perintah / Commands:
  set-password          Setel kata sandi panitia / Set the organiser password
                        (from HADIR_ADMIN_PASSWORD, else a hidden prompt, else one line
                        of stdin; at least ${MIN_PASSWORD_LENGTH} characters)
  enroll-code --role staff|trainer|organiser|hub [--event ID] [--name NAME] [--json]
                        Buat kode pendaftaran perangkat sekali pakai /
                        Create a one-time device enrolment code (XXXX-XXXX)
                        (--event defaults to ${DEMO_EVENT_ID}, at a hub to its event;
                        hub: the code a venue laptop pairs with, made at the office)
  hub join URL CODE [--name NAME]
                        Jadikan laptop ini hub acara / Make this laptop a venue hub:
                        pair with the office at URL, take the event's data
  hub status [--json]   Uplink hub: kontak terakhir, belum terkirim / The hub's uplink
  hub wipe [--force --export FILE]
                        Hapus data hub setelah acara / Wipe the hub after the event
                        (refused while the office lacks anything, unless forced with
                        a saved copy); stop the server first
  devices [--json]      Daftar perangkat / List devices
  revoke DEVICE_ID      Cabut perangkat / Revoke a device (an older id starting with
                        '-': revoke -- DEVICE_ID)
  export participants|matrix|checkins|recap|all --out FILE [--event ID] [--batch CODE]
         [--format xlsx|csv] [--separator comma|semicolon] [--lang id|en] [--reveal-nik]
                        Ekspor laporan / Export a report (NIK masked unless --reveal-nik;
                        CSV holds one table)
  certificates --out FILE.pdf|FILE.zip --origin URL [--event ID] [--issue]
         [--date YYYY-MM-DD]  Sertifikat (satu PDF atau ZIP) / Certificates as one PDF or a ZIP
                        (--issue issues or re-issues first; --origin: the public address
                        in the QR, else HADIR_PUBLIC_URL; one of them is required)
  check [--event ID] [--json]
                        Periksa NIP/NIK/HP/email/wilayah yang tersimpan dengan aturan terbaru /
                        List stored identifiers that fail the current rules (never deletes)
  backup FILE [--force] Cadangkan basis data, juga saat server berjalan / Back up the
                        database, also while the server runs (SQLite online backup);
                        checked with integrity_check; prints size and row counts;
                        --force replaces an existing FILE
  help                  Bantuan ini / This help

Database: HADIR_DATA_DIR/hadir.sqlite, else data/hadir.sqlite in the project's folder
(wherever the command is typed): the running server's file. Only set-password creates it
when it is missing; every command names the file it used (on stderr).
Exit codes: 0 ok · 1 error · 2 usage error`;

async function setPassword(args: string[], io: AdminIo): Promise<void> {
  options(args, {}, 0);
  const password = await io.readSecret();
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UserError(
      `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter / ` +
        `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  setOrganiserPassword(io.db, password);
  io.out('Kata sandi panitia disimpan / Organiser password set');
}

function enrollCode(args: string[], io: AdminIo): void {
  const { values } = options(
    args,
    {
      role: { type: 'string' },
      event: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
    },
    0,
  );
  const role = values.role as EnrollRole | undefined;
  if (role === undefined) throw new UsageError('--role is required');
  if (!ENROLL_ROLES.includes(role)) {
    throw new UsageError(`--role must be one of ${ENROLL_ROLES.join(', ')}`);
  }
  const eventId =
    (values.event as string | undefined) ?? hubSettings(io.db)?.eventId ?? DEMO_EVENT_ID;
  const event = getRow(io.db, 'events', eventId);
  if (!event || event.deleted) {
    throw new UserError(
      `Acara tidak ditemukan / Unknown event: ${eventId}` +
        (eventId === DEMO_EVENT_ID ? ' (start the server once: it creates the demo event)' : ''),
    );
  }
  const name = (values.name as string | undefined) ?? '';
  if (name.length > 100) throw new UserError('Nama terlalu panjang / Name over 100 characters');
  const { code, expiresAt } = createEnrollCode(io.db, { role, eventId, name });
  if (values.json) {
    io.out(JSON.stringify({ code, role, eventId, expiresAt }));
    return;
  }
  io.out(`Kode pendaftaran / Enrolment code: ${code}`);
  io.out(`  Peran / Role: ${role} · Acara / Event: ${eventId}`);
  io.out(`  Sekali pakai, berlaku sampai / Single use, valid until ${expiresAt}`);
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '-');

function deviceState(d: Device, now: string): string {
  if (d.revokedAt) return 'dicabut/revoked';
  if (d.expiresAt && d.expiresAt < now) return 'kedaluwarsa/expired';
  return 'aktif/active';
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

function devices(args: string[], io: AdminIo): void {
  const { values } = options(args, { json: { type: 'boolean' } }, 0);
  const list = listDevices(io.db);
  const now = new Date().toISOString();
  if (values.json) {
    const json = list.map((d) => ({
      id: d.id,
      role: d.role,
      eventId: d.eventId,
      name: d.name,
      clientId: d.clientId,
      createdAt: d.createdAt,
      expiresAt: d.expiresAt,
      lastSyncAt: d.lastSyncAt,
      unsent: d.unsent,
      appVersion: d.appVersion,
      revoked: d.revokedAt !== null,
      revokedAt: d.revokedAt,
    }));
    io.out(JSON.stringify(json, null, 2));
    return;
  }
  if (list.length === 0) {
    io.out('Belum ada perangkat / No devices yet');
    return;
  }
  const header = ['ID', 'ROLE', 'EVENT', 'NAME', 'LAST SYNC', 'UNSENT', 'APP', 'STATUS'];
  const rows = list.map((d) => [
    d.id,
    d.role,
    d.eventId,
    d.name || '-',
    when(d.lastSyncAt),
    d.unsent === null ? '-' : String(d.unsent),
    d.appVersion ?? '-',
    deviceState(d, now),
  ]);
  table([header, ...rows]).forEach((line) => io.out(line));
}

function revoke(args: string[], io: AdminIo): void {
  const { positionals } = options(args, {}, 1);
  const id = positionals[0];
  if (!id) throw new UsageError('revoke needs a device id (see: devices)');
  const device = getDevice(io.db, id);
  if (!device) throw new UserError(`Perangkat tidak dikenal / Unknown device: ${id}`);
  // Idempotent for scripts: the device ends revoked either way.
  if (!revokeDevice(io.db, id)) {
    io.out(`Perangkat sudah dicabut / Device already revoked (${device.revokedAt}): ${id}`);
    return;
  }
  io.out(`Perangkat dicabut / Device revoked: ${id}`);
}

export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      case 'set-password':
        await setPassword(args, io);
        return 0;
      case 'enroll-code':
        enrollCode(args, io);
        return 0;
      case 'devices':
        devices(args, io);
        return 0;
      case 'revoke':
        revoke(args, io);
        return 0;
      case 'export':
        await exportCommand(args, io);
        return 0;
      case 'certificates':
        await certificatesCommand(args, io);
        return 0;
      case 'check':
        checkCommand(args, io);
        return 0;
      case 'backup':
        await backupCommand(args, io);
        return 0;
      case 'hub':
        await hubCommand(args, io);
        return 0;
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`Perintah salah / Usage error: ${e.message}`);
      io.err('');
      io.err(USAGE);
      return 2;
    }
    io.err(`Galat / Error: ${(e as Error).message}`);
    return 1;
  }
}

async function main(): Promise<void> {
  let db: Db | undefined;
  const dataDir = adminDataDir();
  // `hub join` is the one hub command that may start a database (a new laptop's).
  const command = process.argv[2] === 'hub' ? `hub ${process.argv[3]}` : process.argv[2];
  const io: AdminIo = {
    // Opened on first use, so `help` and usage errors leave no data directory behind.
    get db() {
      if (!db) {
        const missing = missingDatabase(dataDir, command);
        if (missing) throw new UserError(missing);
        // On stderr: `--json` output stays one clean document on stdout.
        process.stderr.write(`Basis data / Database: ${databaseFile(dataDir)}\n`);
        db = openDatabase(dataDir);
      }
      return db;
    },
    dataDir,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readSecret,
  };
  try {
    process.exitCode = await runAdmin(process.argv.slice(2), io);
  } catch (e) {
    process.stderr.write(`Galat / Error: ${(e as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    db?.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
