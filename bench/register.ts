// `npm run bench` (part 3): the public registration page on a phone over slow mobile data,
// in Debian's Chromium with CDP throttling (400 ms latency, 400 kbit/s each way, CPU 4×
// slower). First visit: bytes, first contentful paint, and time until the form takes
// input (its first field accepts a keystroke). Then the repeat visit with no network,
// served by the service worker.
import type { CDPSession, Page } from 'playwright-core';
import { DEMO_EVENT_ID } from '#domain/demo';
import { launchBrowser } from '#tests/support/chromium';
import { startTestServer } from '#tests/support/server';

/** What we aim for (issue 5), and the limit that fails the run: the CPU slowdown on a
 * shared 2-core machine makes single runs vary by about half a second. */
const USABLE_TARGET_MS = 5_000;
const USABLE_BUDGET_MS = 8_000;
const KBIT = 1000 / 8; // bytes per second in one kbit/s

// Measured on the demo event, as a new install holds it.
const server = await startTestServer({ seed: 'demo' });
const browser = await launchBrowser();

async function throttle(cdp: CDPSession) {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: 400 * KBIT,
    uploadThroughput: 400 * KBIT,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** Milliseconds from navigation until the name field takes a keystroke. */
async function timeToInput(page: Page, navigate: () => Promise<unknown>): Promise<number> {
  const start = Date.now();
  await navigate();
  const field = page.locator('#reg-fullName');
  await field.waitFor({ state: 'visible', timeout: 60_000 });
  // A restored draft may already hold text: what counts is that a keystroke lands.
  const before = await field.inputValue();
  await field.pressSequentially('A');
  await page.waitForFunction(
    (expected) =>
      (document.getElementById('reg-fullName') as HTMLInputElement | null)?.value === expected,
    `${before}A`,
  );
  return Date.now() - start;
}

let failed = false;
try {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await throttle(cdp);
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  const url = `${server.url}/r/${DEMO_EVENT_ID}`;

  const first = await timeToInput(page, () => page.goto(url, { waitUntil: 'commit' }));
  const firstBytes = bytes;
  const firstRequests = requests;
  const fcp = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  );
  // The service worker takes over, then the network goes.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  await context.setOffline(true);
  await context.route('**/*', (r) => r.abort('internetdisconnected'));
  const repeat = await timeToInput(page, () => page.reload({ waitUntil: 'commit' }));
  await context.close();

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('Hadir bench — registration page on a slow phone connection');
  console.log('  (Chromium, 400 ms latency, 400 kbit/s down and up, CPU 4× slower)\n');
  console.log('what'.padEnd(44), 'figure');
  console.log('-'.repeat(60));
  console.log(
    'first visit: bytes transferred'.padEnd(44),
    `${kb(firstBytes)} in ${firstRequests} requests`,
  );
  console.log('first visit: first contentful paint'.padEnd(44), `${(fcp / 1000).toFixed(2)} s`);
  console.log('first visit: form accepts input'.padEnd(44), `${(first / 1000).toFixed(2)} s`);
  console.log(
    'repeat visit, offline: form accepts input'.padEnd(44),
    `${(repeat / 1000).toFixed(2)} s`,
  );
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `\ntarget: form usable on the first visit within ${s(USABLE_TARGET_MS)}; budget ${s(USABLE_BUDGET_MS)}`,
  );
  if (first > USABLE_BUDGET_MS) {
    console.error(`FAIL: ${s(first)}, over budget`);
    failed = true;
  } else if (first > USABLE_TARGET_MS) {
    console.log(`OVER TARGET: ${s(first)} (within budget)`);
  } else console.log(`OK: ${s(USABLE_TARGET_MS - first)} under target`);
} finally {
  await browser.close();
  await server.stop();
}
if (failed) process.exit(1);
