// `npm run bench`: what a phone downloads to show the first screen, and what the
// service worker precaches, for the production build in dist/. Fails when the first
// screen's JavaScript exceeds its budget.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = 'dist';
const FIRST_SCREEN_JS_BUDGET_GZIP = 100 * 1024;
/** The public registration page, opened on phones over slow mobile data: issue 20's
 * "≤ 60 KB before it is interactive" (bench/pages.ts measures it in the browser). */
const REGISTRATION_JS_BUDGET_GZIP = 60 * 1024;
/** The route a first visit lands on (App.svelte's default page). */
const FIRST_PAGE = 'src/pages/EventPage.svelte';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;

/** A chunk and everything it imports statically: what loads before it can run. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}

if (!manifest['index.html'] || !manifest['register.html'] || !manifest[FIRST_PAGE]) {
  throw new Error('Run `vite build` first (manifest missing)');
}
const keys = new Set([...closure('index.html'), ...closure(FIRST_PAGE)]);
const js = [...keys].map((k) => manifest[k]!.file);
const css = [...new Set([...keys].flatMap((k) => manifest[k]!.css ?? []))];
const regKeys = closure('register.html');
const regJs = [...regKeys].map((k) => manifest[k]!.file);
const regCss = [...new Set([...regKeys].flatMap((k) => manifest[k]!.css ?? []))];

function sizes(files: string[]) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const f of files) {
    const buf = readFileSync(join(DIST, f));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
    brotli += brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  return { files: files.length, raw, gzip, brotli };
}

// The precache list is injected into sw.js as {"revision":…,"url":"…"} entries.
const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
// The report writers are listed but not precached (sw.ts keeps them apart).
const precached = [...sw.matchAll(/"url":"([^"]+)"/g)]
  .map((m) => m[1]!)
  .filter((url) => !/^assets\/reports-/.test(url));
const precacheBytes = precached.reduce((sum, url) => sum + statSync(join(DIST, url)).size, 0);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const firstJs = sizes(js);
const firstCss = sizes(css);
const html = sizes(['index.html']);
const regFirstJs = sizes(regJs);
const rows = [
  ['first screen JS', firstJs],
  ['first screen CSS', firstCss],
  ['index.html', html],
  ['registration JS', regFirstJs],
  ['registration CSS', sizes(regCss)],
  ['register.html', sizes(['register.html'])],
] as const;

console.log('Hadir bench — production build (dist/)\n');
console.log(
  'what'.padEnd(20),
  'files'.padStart(5),
  'raw'.padStart(10),
  'gzip'.padStart(10),
  'brotli'.padStart(10),
);
for (const [label, s] of rows) {
  console.log(
    label.padEnd(20),
    String(s.files).padStart(5),
    kb(s.raw).padStart(10),
    kb(s.gzip).padStart(10),
    kb(s.brotli).padStart(10),
  );
}
console.log(`\nprecache: ${precached.length} entries, ${kb(precacheBytes)} (uncompressed)`);
console.log(`budget: first screen JS ≤ ${kb(FIRST_SCREEN_JS_BUDGET_GZIP)} gzip`);

console.log(`budget: registration JS ≤ ${kb(REGISTRATION_JS_BUDGET_GZIP)} gzip`);

let failed = false;
for (const [what, s, budget] of [
  ['first screen JS', firstJs, FIRST_SCREEN_JS_BUDGET_GZIP],
  ['registration JS', regFirstJs, REGISTRATION_JS_BUDGET_GZIP],
] as const) {
  if (s.gzip > budget) {
    console.error(`FAIL: ${what} is ${kb(s.gzip)} gzip, over budget`);
    failed = true;
  } else console.log(`OK: ${what} ${kb(s.gzip)} gzip (${kb(budget - s.gzip)} to spare)`);
}
// What the registration page must not load: the console, check-in and export code.
const leaked = regJs.filter((f) => /Organiser|Participants|Device|EventPage/.test(f));
if (leaked.length > 0) {
  console.error(`FAIL: the registration page loads ${leaked.join(', ')}`);
  failed = true;
}
if (failed) process.exit(1);
