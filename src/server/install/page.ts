// "Pasang sertifikat": the page a tablet opens over plain HTTP to trust the local CA, then
// move to HTTPS. No script and no inline style (the app's CSP holds here too), nothing
// from outside: the hall has no internet. Indonesian first, English below.
import { qrMatrix } from '#reports/qr';
import type { SiteCa } from '#server/tls/site';

export const CSS_PATH = '/pasang-sertifikat.css';

export const CSS = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1b1b1b;background:#fafafa}
main{max-width:42rem;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem;margin:1.25rem 0 .25rem}
code{font-size:.95rem;word-break:break-all;background:#eee;padding:.1rem .3rem;border-radius:.2rem}
.downloads a,.open a{font-size:1.15rem;font-weight:600}
.downloads li,.open li{margin:.5rem 0}
.qr{text-align:center;margin:2rem 0}.qr svg{width:14rem;height:14rem}
section[lang=en]{margin-top:3rem;border-top:1px solid #ccc;color:#333}
`;

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The QR as inline SVG: one path of dark modules, drawn without script or style. */
function qrSvg(value: string): string {
  const { size, dark } = qrMatrix(value);
  let d = '';
  dark.forEach((row, y) =>
    row.forEach((on, x) => {
      if (on) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" ` +
    `aria-label="QR" shape-rendering="crispEdges"><rect width="${size}" height="${size}" ` +
    `fill="#fff"/><path d="${d}" fill="#000"/></svg>`
  );
}

export interface InstallPageData {
  ca: SiteCa;
  /** HTTPS origins to open once the CA is trusted, the preferred first. */
  httpsOrigins: string[];
  /** This page's own address on the network, for the QR another device scans. */
  pageUrl: string;
}

interface Text {
  lang: 'id' | 'en';
  title: string;
  lead: string;
  fingerprint: string;
  compare: string;
  download: string;
  files: [string, string, string];
  install: string;
  steps: (ca: string) => [string, string[]][];
  open: string;
  lock: string;
  scan: string;
}

const ID: Text = {
  lang: 'id',
  title: 'Pasang sertifikat Hadir',
  lead:
    'Pasang sekali di setiap tablet, HP dan laptop yang memakai Hadir di aula. Setelah itu ' +
    'Hadir terbuka lewat HTTPS, bekerja tanpa sinyal, dan dapat dipasang di layar utama. ' +
    'Tidak perlu internet.',
  fingerprint: 'Sidik jari sertifikat',
  compare: 'Cocokkan dengan yang tampil di perangkat sebelum memercayainya.',
  download: '1. Unduh',
  files: ['Android, Windows', 'iPad, iPhone (buka di Safari)', 'macOS, Linux, Firefox'],
  install: '2. Pasang',
  steps: (ca) => [
    [
      'Android',
      [
        'Ketuk <b>hadir-ca.crt</b> di atas; berkas tersimpan di Unduhan.',
        'Buka <b>Setelan</b> dan cari <b>sertifikat CA</b> (biasanya Keamanan → Enkripsi &amp; kredensial → Instal sertifikat → Sertifikat CA).',
        'Ketuk <b>Tetap instal</b>, masukkan PIN layar, lalu pilih <b>hadir-ca.crt</b>.',
        'Buka Hadir dengan <b>Chrome</b>.',
      ],
    ],
    [
      'iPad / iPhone',
      [
        'Di <b>Safari</b>, ketuk <b>hadir-ca.mobileconfig</b>, lalu <b>Izinkan</b>.',
        `Pengaturan → Umum → VPN &amp; Manajemen Perangkat → <b>${ca}</b> → <b>Instal</b>.`,
        `Pengaturan → Umum → Mengenai → Pengaturan Kepercayaan Sertifikat → nyalakan <b>${ca}</b> (kepercayaan penuh).`,
      ],
    ],
    [
      'Windows',
      [
        'Buka <b>hadir-ca.crt</b> → Install Certificate → Current User → Next.',
        'Place all certificates in the following store → Browse → <b>Trusted Root Certification Authorities</b> → OK → Next → Finish → Yes.',
        'Tutup semua jendela peramban, lalu buka lagi.',
      ],
    ],
    [
      'macOS',
      [
        'Buka <b>hadir-ca.pem</b>: Keychain Access (Akses Rantai Kunci) menyimpannya.',
        `Klik dua kali <b>${ca}</b> → Trust → When using this certificate: <b>Always Trust</b>; tutup jendela dan masukkan sandi.`,
      ],
    ],
    [
      'Firefox (komputer)',
      [
        'Settings → Privacy &amp; Security → Certificates → View Certificates → Authorities → Import → <b>hadir-ca.pem</b> → centang "Trust this CA to identify websites".',
      ],
    ],
  ],
  open: '3. Buka Hadir',
  lock: 'Tanpa peringatan keamanan berarti sertifikat sudah terpasang.',
  scan: 'Pindai untuk membuka halaman ini di perangkat lain:',
};

const EN: Text = {
  lang: 'en',
  title: 'Install the Hadir certificate',
  lead:
    'Install it once on every tablet, phone and laptop that uses Hadir in the hall. Hadir then ' +
    'opens over HTTPS, works without a signal and can be added to the home screen. No ' +
    'internet needed.',
  fingerprint: 'Certificate fingerprint',
  compare: 'Compare it with the one the device shows before you trust it.',
  download: '1. Download',
  files: ['Android, Windows', 'iPad, iPhone (open in Safari)', 'macOS, Linux, Firefox'],
  install: '2. Install',
  steps: (ca) => [
    [
      'Android',
      [
        'Tap <b>hadir-ca.crt</b> above; it is saved in Downloads.',
        'Open <b>Settings</b> and search for <b>CA certificate</b> (usually Security → Encryption &amp; credentials → Install a certificate → CA certificate).',
        'Tap <b>Install anyway</b>, enter the screen PIN, choose <b>hadir-ca.crt</b>.',
        'Open Hadir in <b>Chrome</b>.',
      ],
    ],
    [
      'iPad / iPhone',
      [
        'In <b>Safari</b>, tap <b>hadir-ca.mobileconfig</b>, then <b>Allow</b>.',
        `Settings → General → VPN &amp; Device Management → <b>${ca}</b> → <b>Install</b>.`,
        `Settings → General → About → Certificate Trust Settings → turn on <b>${ca}</b> (full trust).`,
      ],
    ],
    [
      'Windows',
      [
        'Open <b>hadir-ca.crt</b> → Install Certificate → Current User → Next.',
        'Place all certificates in the following store → Browse → <b>Trusted Root Certification Authorities</b> → OK → Next → Finish → Yes.',
        'Close every browser window and open it again.',
      ],
    ],
    [
      'macOS',
      [
        'Open <b>hadir-ca.pem</b>: Keychain Access keeps it.',
        `Double-click <b>${ca}</b> → Trust → When using this certificate: <b>Always Trust</b>; close and enter your password.`,
      ],
    ],
    [
      'Firefox (desktop)',
      [
        'Settings → Privacy &amp; Security → Certificates → View Certificates → Authorities → Import → <b>hadir-ca.pem</b> → tick "Trust this CA to identify websites".',
      ],
    ],
  ],
  open: '3. Open Hadir',
  lock: 'No security warning means the certificate is installed.',
  scan: 'Scan to open this page on another device:',
};

function section(t: Text, d: InstallPageData, h: 'h1' | 'h2'): string {
  const ca = esc(d.ca.name);
  const files = (['hadir-ca.crt', 'hadir-ca.mobileconfig', 'hadir-ca.pem'] as const)
    .map((f, i) => `<li><a href="/${f}">${f}</a> — ${t.files[i]}</li>`)
    .join('');
  const steps = t
    .steps(ca)
    .map(([os, list]) => `<h3>${os}</h3><ol>${list.map((s) => `<li>${s}</li>`).join('')}</ol>`)
    .join('');
  const open = d.httpsOrigins.map((o) => `<li><a href="${esc(o)}/">${esc(o)}</a></li>`).join('');
  return `<section lang="${t.lang}">
<${h}>${t.title}</${h}>
<p>${t.lead}</p>
<h2>${t.fingerprint}</h2>
<p>${t.compare}</p>
<p><b>${ca}</b></p>
<p>SHA-256: <code>${esc(d.ca.fingerprint256)}</code></p>
<p>SHA-1 (Windows “Thumbprint”): <code>${esc(d.ca.fingerprint)}</code></p>
<h2>${t.download}</h2>
<ul class="downloads">${files}</ul>
<h2>${t.install}</h2>
${steps}
<h2>${t.open}</h2>
<ul class="open">${open}</ul>
<p>${t.lock}</p>
</section>`;
}

export function installPage(d: InstallPageData): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ID.title} · ${EN.title}</title>
<link rel="stylesheet" href="${CSS_PATH}">
</head>
<body>
<main>
${section(ID, d, 'h1')}
<figure class="qr">${qrSvg(d.pageUrl)}<figcaption>${ID.scan} / ${EN.scan}<br><code>${esc(d.pageUrl)}</code></figcaption></figure>
${section(EN, d, 'h2')}
</main>
</body>
</html>
`;
}
