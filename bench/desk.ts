// `npm run bench` (part 4): the check-in desk with 10,000 people on the tablet (issue 6).
// The real server on 127.0.0.1 holds 10,000 participants of the demo event (seeded through
// its own push path); a 1024×768 Chromium tablet enrols as check-in staff and pulls them
// into IndexedDB. Then: the desk loaded cold (service worker, IndexedDB and code cache
// warm), search time per keystroke, and tap-to-durable check-in time (until the check-in
// and its outbox row are committed, as measured by the desk itself).
// Each goal is held against a reference measured in the same page of the same run
// (bench/reference.ts), interleaved with what it is held against: a plain loop scanning
// the 10,000 people's names and institutions after each keystroke (the searches, and the
// long tasks while typing during the pull); a bare Dexie put awaited until committed
// after each check-in. Tails against tails: each p95 against the reference's p95.
import type { BrowserContext, Page } from 'playwright-core';
import { demoParticipants } from '#domain/demo';
import type { Participant } from '#domain/model';
import { formatPhone } from '#domain/phone';
import { launchBrowser } from '#tests/support/chromium';
import { startTestServer } from '#tests/support/server';
import { installPageReference, type PageReference } from './reference';
import {
  benchPeople,
  enrolAndPull,
  list,
  median,
  ms,
  percentile,
  Report,
  seedPeople,
  spread,
  tapCheckIn,
  until,
} from './support';

const TOTAL = 10_000; // the demo's 6 people and 9,994 generated ones
const LATE = 2_000; // registered on the server while the desk is open: a pull brings them
// The goals of issue 20. The longest main-thread task while that pull lands: no long task
// at all (none over 50 ms); measured 0 since the pull writes while asking for more.
const LONG_TASK_BUDGET_MS = 50;
const SEARCH_BUDGET_MS = 8; // p95 per keystroke
const FIRST_KEY_BUDGET_MS = 16; // p95 of a query's first keystroke (the full scan)
/** Not met in every run yet (search by name and by registration number at the median, a
 * first keystroke's tail now and then): a MISS is said, and the run fails past the figures
 * from before issue 20's work (its text: 10–11.5 ms, 19–33 ms), scaled like the goal. */
const SEARCH_BEFORE_MS = 11.5;
const FIRST_KEY_BEFORE_MS = 33;
const CHECKIN_BUDGET_MS = 20; // p95 tap to durable
/** The references' p95s (ms) on this machine unshared, which is what the goals are for:
 * medians of 3 runs of this bench on 2026-12-03 at 19:37–19:41 UTC, when no other session
 * was running (range in brackets). Three more while another session ran tests on the same
 * 2 cores: scans 5.6–8.7 ms, puts 7.8–12.6 ms. */
const NOMINAL = {
  scan: 4.1, // a scan of 10,000 strings [3.2–7.4]
  put: 6.1, // a bare put until committed [6.0–11.9]
};
/** Over the scaled goal by no more than this share is said, not failed: the spread of the
 * ratios over those six runs (search by name −11% to +32% about their median, first
 * keystroke −26% to +22%, check-in −25% to +22%; the smaller sets of phone and
 * registration numbers −16% to +72% and −39% to +58%). The long task has no spread of
 * its own (none seen in six runs): the first keystroke's. */
const TOLERANCE = { search: 0.3, firstKey: 0.25, longTask: 0.25, checkin: 0.25 };
// Median desk cold load, usable with all 10,000 people: about 2 s here, 3.1 s once with
// the CI runner shared; the budget is the point where a desk would feel broken.
const COLD_BUDGET_MS = 4_000;
const COLD_RUNS = 5;
const CHECKINS = 50;
const PACE_MS = 1_000; // from one check-in to the next person's search
const ROUNDS = 2; // each query typed this many times
// Typed a character at a time: names with titles and other spellings, NIP and phone
// digits, institutions and kabupaten/kota.
const QUERIES = list(`siti | muhammad | m. rizki | hj. nur | 1985 | 0812 | banjar | perpustakaan
  | ahmad fauzi | dinas perpustakaan kota | noorhayati | tabalong`);
// Whole phone numbers of bench people, in each way people write or say one (the people
// are picked across the list; their numbers are unique, see benchPeople).
const phoneQueries = (people: Participant[]) =>
  [101, 2_345, 4_567, 6_789, 8_901, 9_876].map((i, k) => {
    const e164 = people[i]!.phone!;
    const national = `0${e164.slice(3)}`;
    const spaced = `${e164.slice(3, 6)} ${e164.slice(6, 10)} ${e164.slice(10)}`;
    return [
      national, // 081234567890
      formatPhone(e164), // 0812-3456-7890
      formatPhone(e164).replace(/-/g, ' '), // 0812 3456 7890
      `+62 ${spaced}`, // +62 812 3456 7890
      e164.slice(1), // 6281234567890
      `+62 (0)${spaced}`,
    ][k]!;
  });
// Registration numbers as on the ticket, with and without the province, any case (the
// server numbers each batch's people from 001; 5,000 a batch here).
const REG_QUERIES = list('KS-A1-042 | ks-a2-1234 | A1-4321 | a2 777 | KSA1999 | A2-015');

// ---------------------------------------------------------------------------------------
// The tablet

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

/** A new page on the desk: ms from navigation start to the field shown, and to the desk
 * ready (the field focused, which it is once the people are loaded, and 10,000 counted). */
async function coldLoad(context: BrowserContext, url: string) {
  const page = await context.newPage();
  await page.goto(`${url}/#/checkin`, { waitUntil: 'commit' });
  // The first frame (rAF polling) in which it holds, in ms since navigation start.
  const at = (fn: (total: number) => number) =>
    page.waitForFunction(fn, TOTAL, { polling: 'raf', timeout: 30_000 }).then((h) => h.jsonValue());
  const shown = await at(() =>
    document.querySelector('[data-testid="desk-search"]') ? performance.now() : 0,
  );
  const ready = await at((total) => {
    const field = document.querySelector('[data-testid="desk-search"]');
    const count = document.querySelector('[data-testid="count-registered"]')?.textContent;
    const all = count?.trim() === String(total);
    return field && document.activeElement === field && all ? performance.now() : 0;
  });
  const fromWorker = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  return { page, shown, ready, fromWorker };
}

interface Keystroke {
  query: string;
  n: number;
  dom: number;
  layout: number;
  frame: number;
  results: number;
  /** A scan of the reference (bench/reference.ts) just after, once it is on the page. */
  reference?: number;
}

/** Each query typed a character at a time; per keystroke, ms from the input event until
 * the results are in the DOM, until they are laid out, and until the next frame. */
function typeQueries(page: Page, queries: string[]): Promise<Keystroke[]> {
  return page.evaluate(async (queries) => {
    const field = document.querySelector<HTMLInputElement>('[data-testid="desk-search"]')!;
    // A macrotask after Svelte's microtask flush; MessageChannel is not clamped like timers.
    const task = () =>
      new Promise<void>((r) => {
        const c = new MessageChannel();
        c.port1.onmessage = () => r();
        c.port2.postMessage(null);
      });
    const frame = () =>
      new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));
    const type = (value: string) => {
      field.value = value;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    const out: Keystroke[] = [];
    for (const query of queries) {
      for (let n = 1; n <= query.length; n++) {
        const t0 = performance.now();
        type(query.slice(0, n));
        await task();
        const dom = performance.now() - t0;
        void document.body.offsetHeight; // style and layout of the new results, forced
        const layout = performance.now() - t0;
        const next = (await frame()) - t0;
        const results = document.querySelectorAll('[data-testid="desk-result"]').length;
        const g = globalThis as { reference?: { scan(times: number): number[] } };
        const reference = g.reference?.scan(1)[0];
        out.push({ query, n, dom, layout, frame: next, results, reference });
        await new Promise((r) => setTimeout(r, 40)); // a fast typist's pace
      }
      type('');
      await task();
      await frame();
    }
    return out;
  }, queries);
}

/**
 * While the desk is open and someone types, a pull brings `LATE` more people. Long tasks
 * (over 50 ms: the page could not answer a keystroke) are recorded from the sync's start
 * until all of them are on the desk; the typing's latency is measured meanwhile.
 */
async function pullWhileTyping(page: Page, total: number) {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    window.dispatchEvent(new Event('online')); // sync now, rather than at the next pull
  });
  const t0 = Date.now();
  const typing = typeQueries(page, QUERIES);
  await until(
    async () => (await text(page, 'count-registered'))?.trim() === String(total),
    `${total} people on the desk`,
    60_000,
  );
  const landed = Date.now() - t0;
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  return { landed, tasks, keys: await typing };
}

/** Find each person by NIP and tap their check-in button; the desk's own measures, and
 * after each a bare put (the reference), before the pause. */
async function checkIns(page: Page, people: Participant[]) {
  const puts: number[] = [];
  for (const [i, p] of people.entries()) {
    await tapCheckIn(page, p);
    await page.waitForFunction((n) => performance.getEntriesByName('hadir:checkin').length > n, i);
    puts.push(await inPage(page, (reference) => reference.put()));
    // The next person steps up, at a brisk desk's pace.
    await page.waitForTimeout(PACE_MS);
  }
  const taps = await page.evaluate(() =>
    performance.getEntriesByName('hadir:checkin').map((e) => e.duration),
  );
  return { taps, puts };
}

const inPage = <T>(page: Page, fn: (reference: PageReference) => T | Promise<T>) =>
  page.evaluate(`(${fn.toString()})(globalThis.reference)`) as Promise<T>;
/** The reference's scans made between the keystrokes. */
const scansOf = (keys: Keystroke[]) => keys.map((k) => k.reference!);

// ---------------------------------------------------------------------------------------

const report = new Report();
const row = report.row.bind(report);
const budget = report.budget.bind(report);

const everyone = benchPeople(TOTAL - demoParticipants.length + LATE);
const people = everyone.slice(0, TOTAL - demoParticipants.length);
// Measured on the demo event, as a new install holds it.
const server = await startTestServer({ seed: 'demo' });
const browser = await launchBrowser();
try {
  const t0 = Date.now();
  seedPeople(server, people);
  const seeded = `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  row(`seed ${people.length.toLocaleString('en')} people on the server (push path)`, seeded);

  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  // tsx keeps function names with a `__name` helper, which functions sent to the page lack.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const first = await context.newPage();
  const pull = await enrolAndPull(first, server, TOTAL);
  row(
    `enrol + pull ${TOTAL.toLocaleString('en')} into IndexedDB`,
    `${(pull.ms / 1000).toFixed(2)} s, ${pull.pages} pages`,
  );
  await first.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await first.close();

  const loads: Awaited<ReturnType<typeof coldLoad>>[] = [];
  let page: Page | undefined;
  for (let i = 0; i < COLD_RUNS; i++) {
    await page?.close();
    const load = await coldLoad(context, server.url);
    if (!load.fromWorker) throw new Error('the desk was not served by the service worker');
    loads.push(load);
    page = load.page;
  }
  const ready = median(loads.map((l) => l.ready));
  row(
    `desk cold load: search field shown (median of ${COLD_RUNS})`,
    ms(median(loads.map((l) => l.shown))),
  );
  row(
    `desk cold load: usable with ${TOTAL} people (median)`,
    `${ms(ready)}  [${loads.map((l) => l.ready.toFixed(0)).join(', ')}]`,
  );
  budget('desk cold load', ready, COLD_BUDGET_MS);

  await installPageReference(
    page!,
    [...demoParticipants, ...people].map((p) => `${p.fullName} ${p.institution}`),
  );

  const keys = await typeQueries(page!, Array.from({ length: ROUNDS }, () => QUERIES).flat());
  const empty = QUERIES.filter(
    (q) => !keys.some((k) => k.query === q && k.n === q.length && k.results > 0),
  );
  if (empty.length) throw new Error(`no results for ${empty.join(', ')}`);
  const dom = keys.map((k) => k.dom);
  const firsts = keys.filter((k) => k.n === 1).map((k) => k.dom);
  row(`search, input to results in the DOM (${keys.length} keystrokes)`, spread(dom));
  row('  first keystroke of a query (full scan)', spread(firsts));
  row('  the rest (narrowing, or a number)', spread(keys.filter((k) => k.n > 1).map((k) => k.dom)));
  row('  input to results laid out', spread(keys.map((k) => k.layout)));
  row('  input to the next frame', spread(keys.map((k) => k.frame)));
  for (const q of QUERIES) {
    const own = keys.filter((k) => k.query === q);
    const worst = own.reduce((a, b) => (b.dom > a.dom ? b : a));
    row(
      `    "${q}"`,
      `worst ${ms(worst.dom)} at "${q.slice(0, worst.n)}", ${own.at(-1)!.results} shown at the end`,
    );
  }
  // Tail against tail: each set's p95 against the p95 of the scans made between its
  // keystrokes (a query's first keystroke: against those of the names typed).
  const names = scansOf(keys);
  row('  reference: a scan of 10,000 strings, after each keystroke', spread(names));
  const searches: [string, number[], number[]][] = [['search p95 per keystroke', dom, names]];

  // Identifiers typed as people give them: the same frame as a name.
  for (const [what, queries] of [
    ['phone numbers', phoneQueries(people)],
    ['registration numbers', REG_QUERIES],
  ] as const) {
    const typed = await typeQueries(page!, Array.from({ length: ROUNDS }, () => queries).flat());
    const none = queries.filter(
      (q) => !typed.some((k) => k.query === q && k.n === q.length && k.results > 0),
    );
    if (none.length) throw new Error(`no results for ${none.join(', ')}`);
    const found = typed.filter((k) => k.n === k.query.length).map((k) => k.results);
    const times = typed.map((k) => k.dom);
    row(`search by ${what}, input to DOM (${typed.length} keystrokes)`, spread(times));
    row(`  whole ${what} typed: results shown`, `${Math.min(...found)}–${Math.max(...found)}`);
    row('  reference: a scan of 10,000 strings, after each keystroke', spread(scansOf(typed)));
    searches.push([`search p95 per keystroke, ${what}`, times, scansOf(typed)]);
  }
  for (const [what, times, scans] of searches) {
    report.ratio(what, {
      value: percentile(times, 95),
      reference: percentile(scans, 95),
      nominal: NOMINAL.scan,
      goal: SEARCH_BUDGET_MS,
      unit: 'ms',
      tolerance: TOLERANCE.search,
      guard: SEARCH_BEFORE_MS,
    });
  }
  report.ratio('search p95, first keystroke', {
    value: percentile(firsts, 95),
    reference: percentile(names, 95),
    nominal: NOMINAL.scan,
    goal: FIRST_KEY_BUDGET_MS,
    unit: 'ms',
    tolerance: TOLERANCE.firstKey,
    guard: FIRST_KEY_BEFORE_MS,
  });

  seedPeople(server, everyone.slice(people.length), 'bench-organiser-late');
  const late = await pullWhileTyping(page!, TOTAL + LATE);
  const around = scansOf(late.keys);
  const longest = Math.max(0, ...late.tasks);
  row(
    `a pull of ${LATE.toLocaleString('en')} more while typing: all on the desk after`,
    `${(late.landed / 1000).toFixed(2)} s`,
  );
  row(
    '  long tasks meanwhile (> 50 ms)',
    `${late.tasks.length}, longest ${ms(longest)}, blocking ${ms(
      late.tasks.reduce((sum, d) => sum + d - 50, 0),
    )}`,
  );
  row('  search during the pull, input to DOM', spread(late.keys.map((k) => k.dom)));
  row('  reference: a scan of 10,000 strings, after each keystroke', spread(around));
  report.ratio('longest task during a pull', {
    value: longest,
    reference: percentile(around, 95),
    nominal: NOMINAL.scan,
    goal: LONG_TASK_BUDGET_MS,
    unit: 'ms',
    tolerance: TOLERANCE.longTask,
  });

  const withNip = people.filter((p) => p.nip);
  const targets = Array.from({ length: CHECKINS }, (_, i) => withNip[i * 97]!);
  const { taps, puts } = await checkIns(page!, targets);
  row(`tap to durable check-in (${taps.length} people)`, spread(taps));
  row('  reference: a bare put, after each', spread(puts));
  report.ratio('check-in p95', {
    value: percentile(taps, 95),
    reference: percentile(puts, 95),
    nominal: NOMINAL.put,
    goal: CHECKIN_BUDGET_MS,
    unit: 'ms',
    tolerance: TOLERANCE.checkin,
  });
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}

report.print(
  `Hadir bench — the check-in desk with ${TOTAL.toLocaleString('en')} people`,
  'Chromium, 1024×768 tablet, no throttling; IndexedDB and service worker warm',
  `search p95 ${SEARCH_BUDGET_MS} ms per keystroke (names, phone and registration numbers)` +
    `, ${FIRST_KEY_BUDGET_MS} ms on a query's first · check-in p95 ${CHECKIN_BUDGET_MS} ms` +
    ` · longest task during a pull ${LONG_TASK_BUDGET_MS} ms (the goals, scaled by this run's` +
    ` references) · desk cold load ${COLD_BUDGET_MS} ms (median)`,
);
