// What `npm start` prints once listening: which address each kind of device opens, and,
// plainly, what does not work. Short: the person reading it is setting up a hall.
import type { RunningServer } from '#server/main';
import { isLoopback, lanAddresses } from '#server/tls/names';
import { origin } from '#server/tls/site';

export interface AnnounceContext {
  /** Where the server listens (HADIR_HOST). */
  host: string;
  /** The event whose registration link participants get. */
  eventId: string;
  publicUrl?: string | undefined;
  /** The LAN addresses (tests); default: the network interfaces the server listens on. */
  lan?: string[];
  now?: Date;
}

const DAY_MS = 86_400_000;
const WHO = {
  organiser: 'Laptop panitia (laptop ini) / organiser (this laptop)',
  hall: "Meja check-in & HP narasumber / desk tablets & trainers' phones",
  everyone: 'Panitia, meja check-in, narasumber / organiser, desks, trainers',
  participants: 'Peserta (tautan pendaftaran) / participants (registration link)',
};

const NO_LAN = [
  '  Tidak ada alamat jaringan lokal: hanya laptop ini yang dapat membukanya.',
  '  No LAN address: only this laptop can open it.',
];

type Announced = Pick<RunningServer, 'port' | 'httpPort' | 'site' | 'caCreated' | 'certNotAfter'>;

export function announce(server: Announced, ctx: AnnounceContext): string[] {
  const register = (base: string) => `${base}/r/${encodeURIComponent(ctx.eventId)}`;
  const publicHttps = ctx.publicUrl?.startsWith('https:') ? ctx.publicUrl : undefined;
  const { site } = server;
  if (!site) return plain(server.port, ctx, register, publicHttps);

  const lines: string[] = [];
  const https = site.httpsOrigins();
  if (site.kind === 'files') {
    const end = server.certNotAfter;
    lines.push(
      `HTTPS: sertifikat kantor / the office certificate, berlaku sampai / valid until ${end?.toISOString().slice(0, 10)}`,
    );
    if (end && end.getTime() - (ctx.now ?? new Date()).getTime() < 30 * DAY_MS) {
      lines.push(
        '  PERINGATAN / WARNING: sertifikat segera berakhir, perbarui / the certificate ends soon: renew it.',
      );
    }
    lines.push(`  ${WHO.everyone}: ${https[0]}`);
    lines.push(`  ${WHO.participants}: ${register(publicHttps ?? https[0]!)}`);
    if (server.httpPort !== undefined) {
      lines.push(
        `  (port ${server.httpPort}: hanya mengalihkan ke HTTPS / only redirects to HTTPS)`,
      );
    }
    return lines;
  }

  const ca = site.ca!;
  lines.push(`HTTPS: sertifikat Hadir sendiri / Hadir's own certificate, "${ca.name}"`);
  lines.push(`  Sidik jari / fingerprint (SHA-256): ${ca.fingerprint256}`);
  if (server.caCreated) {
    lines.push('  CA baru: pasang di setiap perangkat / new CA: install it on every device.');
  }
  lines.push(`  ${WHO.organiser}: ${origin('https', 'localhost', site.state.httpsPort)}`);
  const lan = site.state.lan.filter((a) => site.covers(a));
  if (lan.length === 0) {
    lines.push(
      `    pasang sertifikat dulu / install the certificate first: ${site.installUrl('localhost')}`,
    );
    return [...lines, ...NO_LAN];
  }
  lines.push(`  ${WHO.hall}: ${https[0]}`);
  lines.push(`    pasang sertifikat dulu / install the certificate first: ${site.installUrl()}`);
  const others = https.slice(1, 4).filter((o) => o !== publicHttps);
  if (others.length) lines.push(`    alamat lain / other addresses: ${others.join('  ')}`);
  lines.push(`  ${WHO.participants}: ${register(publicHttps ?? https[0]!)}`);
  return lines;
}

/** Plain HTTP: the addresses, and a warning when the LAN gets nothing better. */
function plain(
  port: number,
  ctx: AnnounceContext,
  register: (base: string) => string,
  publicHttps: string | undefined,
): string[] {
  const lan = (ctx.lan ?? lanAddresses(ctx.host)).filter((a) => !isLoopback(a) && !a.includes(':'));
  const lines = [`  ${WHO.organiser}: ${origin('http', 'localhost', port)}`];
  if (lan.length) {
    const [first, ...others] = lan.map((a) => origin('http', a, port));
    lines.push(`  ${WHO.hall}: ${first}`);
    if (others.length)
      lines.push(`    alamat lain / other addresses: ${others.slice(0, 3).join('  ')}`);
  }
  const base = publicHttps ?? (lan[0] ? origin('http', lan[0], port) : undefined);
  if (base) lines.push(`  ${WHO.participants}: ${register(base)}`);
  if (lan.length === 0 && !publicHttps) lines.push(...NO_LAN);
  // Behind the office's HTTPS proxy the public address is what devices use: nothing to warn.
  if (publicHttps || lan.length === 0) return lines;
  lines.push(
    '',
    'PERINGATAN: di jaringan lokal hanya HTTP biasa. Tablet dan HP tidak dapat bekerja',
    '  offline atau memasang aplikasi tanpa HTTPS. Nyalakan HTTPS: HADIR_TLS=local npm start',
    'WARNING: plain HTTP only on the LAN. Tablets and phones cannot work offline or install',
    '  the app without HTTPS. Turn HTTPS on: HADIR_TLS=local npm start',
  );
  return lines;
}
