// `npm run admin -- hub join|status|wipe`: a laptop becomes a venue hub for one event, says
// how its uplink stands, and is wiped after the event (venue-hub.md). The hub code itself
// is made at the office: the console's devices panel, or `enroll-code --role hub` there.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { serverSecret } from '#server/auth';
import { backupDatabase } from '#server/admin-backup';
import { options, UsageError, UserError, type AdminIo } from '#server/admin-cli';
import { hubSettings } from '#server/hub/replica';
import { pairHub, UplinkError } from '#server/hub/pair';
import { devicesToRelay, Uplink, lastContact } from '#server/hub/uplink';
import { queueSize } from '#server/store/hub';
import { countLive, getRow } from '#server/store/rows';

async function join_(args: string[], io: AdminIo): Promise<void> {
  const { values, positionals } = options(args, { name: { type: 'string' } }, 2);
  const [url, code] = positionals;
  if (!url || !code) throw new UsageError('hub join needs the office URL and the hub code');
  // The hub's token travels to the office: HTTPS, except to this machine itself (tests,
  // a proxy on the laptop).
  const loopback = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/.test(url);
  if (!url.startsWith('https://') && !loopback) {
    throw new UsageError('the office URL starts with https://');
  }
  try {
    const hub = await pairHub(io.db, url, code, { name: values.name ?? 'Hub' });
    io.out(`Terpasang ke / Paired with ${hub.upstream} · acara / event ${hub.eventId}`);
    // The event's data now, so the hall has it even if the uplink goes before `npm start`.
    const ok = await new Uplink(io.db, { secret: serverSecret(io.db) }).syncOnce();
    const event = getRow<{ name?: string }>(io.db, 'events', hub.eventId);
    io.out(
      `  ${event?.data.name ?? hub.eventId}: ${countLive(io.db, 'participants')} peserta / participants`,
    );
    if (!ok)
      io.out(
        '  Data belum lengkap: npm start melanjutkannya / Not all data yet: npm start goes on',
      );
    io.out('Jalankan / Run: HADIR_TLS=local npm start');
  } catch (e) {
    if (!(e instanceof UplinkError)) throw e;
    throw new UserError(pairFailure(e));
  }
}

function pairFailure(e: UplinkError): string {
  if (e.code === 'ENROLL_CODE_INVALID')
    return 'Kode hub salah, sudah dipakai, atau kedaluwarsa / The hub code is wrong, used or expired';
  if (e.code === 'ALREADY_PAIRED')
    return 'Server ini sudah menjadi hub / This server is already a hub (hub status)';
  if (e.code === 'NOT_EMPTY')
    return 'Folder data ini berisi acara lain: pakai folder baru (HADIR_DATA_DIR) / This data folder holds other events: use a new one';
  if (e.code === 'NETWORK')
    return `Server pusat tidak terjangkau / The office server cannot be reached (${e.message})`;
  return `${e.code}: ${e.message}`;
}

function status(args: string[], io: AdminIo): void {
  const { values } = options(args, { json: { type: 'boolean' } }, 0);
  const hub = hubSettings(io.db);
  if (!hub) throw new UserError('Server ini bukan hub / This server is not a hub');
  const { count, oldest } = queueSize(io.db);
  const report = {
    upstream: hub.upstream,
    eventId: hub.eventId,
    pairedAt: hub.pairedAt,
    lastContact: lastContact(io.db),
    queued: count,
    oldestUnsent: oldest,
    devicesUnsent: devicesToRelay(io.db, hub.eventId).length,
  };
  if (values.json) {
    io.out(JSON.stringify(report));
    return;
  }
  io.out(`Hub untuk acara / Hub for event ${hub.eventId} · pusat / office ${hub.upstream}`);
  io.out(`  Kontak terakhir / Last contact: ${report.lastContact ?? '-'}`);
  io.out(`  Belum terkirim / Unsent: ${count}${oldest ? ` (tertua / oldest ${oldest})` : ''}`);
  io.out(`  Perangkat belum terkirim / Devices not yet at the office: ${report.devicesUnsent}`);
}

/** After the event: the whole data folder goes (the hall's personal data with it), but
 * never while upstream lacks something, unless forced with a saved copy. */
async function wipe(args: string[], io: AdminIo): Promise<void> {
  const { values } = options(args, { force: { type: 'boolean' }, export: { type: 'string' } }, 0);
  if (!io.dataDir) throw new UserError('No data folder');
  const hub = hubSettings(io.db);
  if (!hub) throw new UserError('Server ini bukan hub / This server is not a hub: nothing wiped');
  // Changes, and devices enrolled or revoked here that the office has not taken yet (a
  // revocation lost would leave a tablet's token valid at the office).
  const count = queueSize(io.db).count + devicesToRelay(io.db, hub.eventId).length;
  if (count > 0) {
    if (!values.force || !values.export) {
      throw new UserError(
        `${count} perubahan belum diterima server pusat: tidak dihapus. Sambungkan hub ke ` +
          'internet dan tunggu sampai 0 (hub status), atau --force --export FILE / ' +
          `${count} changes not acknowledged by the office: nothing wiped. Connect the hub ` +
          'and wait for 0 (hub status), or --force --export FILE',
      );
    }
    await backupDatabase(io, values.export, false);
    io.out(`Salinan / Saved copy: ${values.export}`);
  }
  io.db.close();
  for (const entry of readdirSync(io.dataDir)) {
    rmSync(join(io.dataDir, entry), { recursive: true, force: true });
  }
  io.out(`Data hub dihapus / Hub data wiped: ${io.dataDir}`);
}

export async function hubCommand(args: string[], io: AdminIo): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'join') return join_(rest, io);
  if (sub === 'status') return status(rest, io);
  if (sub === 'wipe') return wipe(rest, io);
  throw new UsageError('hub join URL CODE | hub status | hub wipe');
}
