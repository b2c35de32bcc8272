// Shared by the benches: seeded bench people, seeding them (or other mutations) through
// the server's own push path, enrolling a browser device, and percentiles.
import { newId } from '#domain/ids';
import type { Page } from 'playwright-core';
import { SCHEMA_VERSION } from '#db/database';
import { DEMO_EVENT_ID, demoBatches } from '#domain/demo';
import { formatHlc } from '#domain/hlc';
import { inLanguage } from '#domain/messages';
import type { Participant } from '#domain/model';
import type { MutationName } from '#domain/mutations';
import { parseNiPppk, parseNip } from '#domain/nip';
import { KALSEL } from '#domain/regions';
import { coreMessages } from '#i18n/core';
import { workMessages } from '#i18n/work';
import { enroll, serverSecret } from '#server/auth';
import { push, type PushOptions } from '#server/push';
import { PROTOCOL_VERSION } from '#sync/protocol';
import { Random } from '#tests/support/random';
import type { TestServer } from '#tests/support/server';

const msg = inLanguage(coreMessages, 'id');
const work = inLanguage(workMessages, 'id');

/** Nearest rank: the value at or below which p% of the values lie. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
export const median = (values: number[]) => percentile(values, 50);

/** `'a | b'` → `['a', 'b']`: long word lists that stay compact in the source. */
export function list(text: string): string[] {
  return text.split('|').map((s) => s.trim());
}
const MEN = list(`Ahmad|Muhammad|M.|Moh.|Muhamad|Rizki|Rizky|Budi|Agus|Fajar|Hendra|Arif|Yusuf
  |Abdul|Rahmat|Syahrul|Fauzi|Irwan|Joko|Bambang|Eko|Aditya|Gusti|Akhmad|Taufik`);
const WOMEN = list(`Siti|Nur|Noor|Dewi|Rina|Sri|Fitri|Aisyah|Rahmah|Nurul|Lestari|Wulan|Maya
  |Yuni|Rini|Fatimah|Halimah|Mariam|Noorhayati|Nor|Raudah|Khairunnisa|Annisa`);
const FAMILY = list(`Rahman|Hidayat|Ramadhan|Saputra|Wijaya|Santoso|Hakim|Maulana|Aminah|Sari
  |Rahmawati|Handayani|Kurniawati|Anwar|Noorhasanah|Rusdiana|Hairani|Syahrani|Fauzan
  |Prasetyo|Lubis|Nasution|Effendi|Hasanah|Zainuddin|Arsyad|Wahyuni`);
const DEGREES = list('S.IP.|S.Hum.|S.Pd.|S.Sos.|S.Kom.|A.Md.|S.E.|S.Ag.');
const MASTERS = list('M.Si.|M.Hum.|M.Pd.|M.AP.|M.IP.');
const SCHOOLS = list('SD Negeri|SMP Negeri|SMA Negeri|SMK Negeri|MTs Negeri|MAN');
const CAMPUSES = list(`Universitas Lambung Mangkurat|UIN Antasari|Politeknik Negeri Banjarmasin
  |Universitas Islam Kalimantan|STIKES Husada Borneo|Universitas Sari Mulia`);
const VILLAGES = list(`Sungai Rangas|Sungai Tabuk|Pematang|Teluk Selong|Handil Bakti|Pasar Lama
  |Tatah Makmur|Gambut Barat|Liang Anggang|Mandiangin`);
const ASN_JOBS = ['pustakawan_ahli_pertama', 'pustakawan_ahli_muda'] as const;
const OTHER_JOBS = ['pengelola_perpustakaan', 'tenaga_perpustakaan'] as const;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `count` people of the demo event, the same every run: realistic names with titles and
 * other spellings, valid unique NIPs and NI PPPK, unique phones, institutions across
 * Kalimantan Selatan. */
export function benchPeople(count: number): Participant[] {
  const r = new Random(20250602);
  const nips = new Set<string>();
  const place = (name: string) => name.replace(/^(Kab\.|Kota) /, '');
  const asnNumber = (pppk: boolean, gender: 'L' | 'P'): string => {
    for (;;) {
      const year = r.int(1965, 2000);
      const birth = `${year}${pad(r.int(1, 12))}${pad(r.int(1, 28))}`;
      const appointed = pppk // an NI PPPK: year of appointment and code 21, not a month
        ? `${r.int(Math.max(2019, year + 20), 2024)}21`
        : `${Math.min(2023, year + r.int(22, 30))}${pad(r.int(1, 12))}`;
      const nip = `${birth}${appointed}${gender === 'L' ? 1 : 2}${pad(r.int(1, 999), 3)}`;
      if (nips.has(nip)) continue;
      const check = (pppk ? parseNiPppk : parseNip)(nip, { gender });
      if (!check.ok) throw new Error(`generated ${nip} is invalid: ${check.code}`);
      nips.add(nip);
      return nip;
    }
  };
  return Array.from({ length: count }, (_, i): Participant => {
    const gender = r.chance(0.55) ? 'P' : 'L';
    const status = r.weighted({ pns: 55, pppk: 20, pppk_paruh_waktu: 5, non_asn: 20 });
    const first = r.pick(gender === 'L' ? MEN : WOMEN);
    const middle = r.chance(0.4) ? ` ${r.pick(gender === 'L' ? MEN.slice(5) : WOMEN)}` : '';
    const honour = r.chance(0.12) ? (gender === 'L' ? 'H. ' : 'Hj. ') : '';
    const old = r.chance(0.06) ? (gender === 'L' ? 'Drs. ' : 'Dra. ') : '';
    const titles = [r.pick(DEGREES), ...(r.chance(0.2) ? [r.pick(MASTERS)] : [])];
    const name = `${honour}${old}${first}${middle} ${r.pick(FAMILY)}`;
    const region = r.pick(KALSEL.regions);
    const libraryType = r.weighted({
      umum_kabkota: 3,
      umum_desa: 1,
      sekolah: 3,
      perguruan_tinggi: 1,
    });
    const institution = {
      umum_kabkota: `Dinas Perpustakaan dan Kearsipan ${region.name}`,
      umum_desa: `Perpustakaan Desa ${r.pick(VILLAGES)}`,
      sekolah: `Perpustakaan ${r.pick(SCHOOLS)} ${r.int(1, 12)} ${place(region.name)}`,
      perguruan_tinggi: `Perpustakaan ${r.pick(CAMPUSES)}`,
    }[libraryType];
    const asn = status !== 'non_asn';
    return {
      id: `bench-p${i + 1}`,
      eventId: DEMO_EVENT_ID,
      batchId: demoBatches[i % demoBatches.length]!.id,
      fullName: old || r.chance(0.1) ? name : `${name}, ${titles.join(', ')}`,
      employmentStatus: status,
      ...(asn ? { nip: asnNumber(status !== 'pns', gender) } : {}),
      gender,
      position: r.pick(asn ? ASN_JOBS : OTHER_JOBS),
      institution,
      regionCode: region.code,
      libraryType,
      // Unique by construction: the index in the last seven digits.
      phone: `+62${r.pick(list('812|813|821|852|878'))}${r.int(10, 99)}${pad(i, 7)}`,
      certificationIntention: r.pick(['ya', 'ya', 'ragu', 'tidak'] as const),
      consentAt: '2025-05-20T02:00:00.000Z',
      source: 'import',
      status: 'registered',
      ticketCode: `B${pad(i + 1, 6)}`,
      needsReview: false,
      createdAt: '2025-05-20T02:00:00.000Z',
      updatedAt: '2025-05-20T02:00:00.000Z',
    };
  });
}

/** Through the server's own push path, as an organiser device's import would arrive. */
export function seedPeople(
  server: TestServer,
  people: Participant[],
  clientId = 'bench-organiser',
): void {
  const register = (participant: Participant) => ({ participant });
  pushMutations(server, 'participant.register', people.map(register), clientId);
}

/** Mutations of one kind pushed by an organiser device (a fresh `clientId` per call);
 * `opts` as the server's push route gives them (at a hub: `{ relay: true }`). */
export function pushMutations(
  server: Pick<TestServer, 'db' | 'code'>,
  name: MutationName,
  argsList: unknown[],
  clientId: string,
  opts: PushOptions = {},
): void {
  const { device } = enroll(server.db, server.code('organiser'), { clientId })!;
  const secret = serverSecret(server.db);
  for (let start = 0; start < argsList.length; start += 200) {
    const wall = Date.now();
    const mutations = argsList.slice(start, start + 200).map((args, i) => ({
      seq: start + i + 1,
      id: newId(),
      name,
      args,
      hlc: formatHlc({ wall, counter: i, node: clientId }),
      createdAt: new Date(wall).toISOString(),
    }));
    const req = { protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION };
    const { results } = push(server.db, device, { ...req, clientId, mutations }, secret, opts).body;
    const bad = results.find((x) => x.status !== 'applied');
    if (bad) throw new Error(`seeding ${name}: ${JSON.stringify(bad)}`);
  }
}

/** Poll until `check` holds (every 50 ms), or fail saying what was awaited. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

/** Enrol (as check-in staff unless told) on the device screen and wait until `total`
 * participants are in IndexedDB; ms from the tap until then, and how many pull pages. */
export async function enrolAndPull(
  page: Page,
  server: TestServer,
  total: number,
  role: 'staff' | 'organiser' = 'staff',
) {
  await page.goto(`${server.url}/#/device`);
  await until(async () => (await text(page, 'sync-state')) === msg['state.unenrolled'], 'app');
  let pages = 0;
  page.on('response', (r) => {
    if (r.url().endsWith('/api/v1/sync/pull')) pages++;
  });
  await page.getByTestId('enroll-code').fill(server.code(role));
  const t0 = Date.now();
  await page.getByRole('button', { name: msg['enroll.submit'] }).click();
  const stored = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('hadir');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result
              .transaction('participants')
              .objectStore('participants')
              .count();
            count.onsuccess = () => (open.result.close(), resolve(count.result));
          };
        }),
    );
  await until(
    async () =>
      (await text(page, 'sync-state')) === msg['state.idle'] && (await stored()) === total,
    `${total} participants in IndexedDB`,
    120_000,
  );
  const ms = Date.now() - t0;
  if ((await text(page, 'device-role')) !== msg[`role.${role}`]) throw new Error(`not ${role}`);
  return { ms, pages };
}

/** Find a person at the desk by NIP and tap their check-in button. */
export async function tapCheckIn(page: Page, person: Participant): Promise<void> {
  await page.getByTestId('desk-search').fill(person.nip!);
  const result = page.getByTestId('desk-result').filter({ hasText: person.fullName });
  await result.getByRole('button', { name: work['desk.checkIn'] }).click();
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const spread = (v: number[]) =>
  `p50 ${ms(median(v))} · p95 ${ms(percentile(v, 95))} · max ${ms(Math.max(...v))}`;

/** A browser bench's figures and budgets: rows as they are measured, then one table. */
export class Report {
  readonly #rows: [string, string][] = [];
  readonly #failures: string[] = [];
  readonly #notes: string[] = [];
  readonly #started = Date.now();

  row(what: string, figure: string): void {
    this.#rows.push([what, figure]);
  }

  /** A time held to its goal; over it by no more than `tolerance` (a share, from the
   * spread between runs) is said, not failed. */
  budget(what: string, value: number, limit: number, tolerance = 0): void {
    if (value <= limit) return;
    const line = `${what} ${ms(value)}, over its ${limit} ms goal`;
    if (value > limit * (1 + tolerance)) this.#failures.push(line);
    else this.#notes.push(`${line} (within the ${tolerance * 100}% tolerance)`);
  }

  /** A rate held to its goal (mutations per second, say). Under the goal by no more than
   * `tolerance` (a share, from the spread of rounds in one run) is said, not failed. */
  atLeast(what: string, value: number, goal: number, unit: string, tolerance = 0): void {
    const n = (x: number) => Math.round(x).toLocaleString('en');
    if (value >= goal) return;
    const line = `${what} ${n(value)} ${unit}, under its goal of ${n(goal)}`;
    if (value < goal * (1 - tolerance)) this.#failures.push(line);
    else this.#notes.push(`${line} (within the ${tolerance * 100}% tolerance)`);
  }

  /**
   * A figure held to its goal relative to a reference measured in the same run (the bare
   * stack doing like work: this shared machine's speed now). `nominal` is the reference's
   * figure on this machine when the goal was set (its constant says how it was measured).
   * The goal scaled to this run is `goal × reference / nominal`, for a time (a slower
   * machine: a longer reference) as for a rate (a lower one); equivalently value/reference
   * is held to goal/nominal. Short of the scaled goal by no more than `tolerance` (a share,
   * from the run-to-run spread of value/reference) is said, not failed; a miss of the
   * absolute goal is said even when the scaled one is met. Adds a row with all of them.
   */
  ratio(
    what: string,
    r: {
      value: number;
      reference: number;
      nominal: number;
      goal: number;
      /** 'ms' for a time (at most the goal), else a rate's unit (at least the goal). */
      unit: string;
      tolerance: number;
      /** A goal not yet met in every run: past its tolerance it is a MISS, and the run
       * fails only past this figure from before the work (scaled like the goal). */
      guard?: number;
    },
  ): void {
    const time = r.unit === 'ms';
    const f = (x: number) => (time ? ms(x) : `${Math.round(x).toLocaleString('en')} ${r.unit}`);
    const scaled = (r.goal * r.reference) / r.nominal;
    const met = (limit: number) => (time ? r.value <= limit : r.value >= limit);
    const side = time ? 'over' : 'under';
    this.row(
      what,
      `${f(r.value)} · reference ${f(r.reference)} · ratio ${(r.value / r.reference).toPrecision(3)} ` +
        `(goal ${time ? '≤' : '≥'} ${(r.goal / r.nominal).toPrecision(3)}) · goal ${f(r.goal)}, ` +
        `scaled to this run ${f(scaled)}`,
    );
    if (!met(scaled)) {
      const line = `${what} ${f(r.value)}, ${side} its goal scaled to this run's reference (${f(scaled)} = ${f(r.goal)} × ${f(r.reference)} / ${f(r.nominal)})`;
      const pct = `${Math.round(r.tolerance * 100)}%`;
      const guard = r.guard === undefined ? undefined : (r.guard * r.reference) / r.nominal;
      if (met(scaled * (time ? 1 + r.tolerance : 1 - r.tolerance))) {
        this.#notes.push(`${line} (within the ${pct} tolerance)`);
      } else if (guard !== undefined && met(guard)) {
        this.#notes.push(`MISS: ${line}, past the ${pct} tolerance (fails past ${f(guard)})`);
      } else this.#failures.push(`${line}, past the ${pct} tolerance`);
    }
    if (!met(r.goal))
      this.#notes.push(`${what} ${f(r.value)}, ${side} its absolute goal of ${f(r.goal)}`);
  }

  /**
   * A goal not yet met in every run: over `goal` is printed as a MISS (the issue stays
   * open), over `guard` fails (a regression: `guard` is the figure before the work, said
   * where it is set). `unit` names what the numbers are.
   */
  goal(what: string, value: number, goal: number, guard: number, unit: string): void {
    const f = (x: number) => `${Number(x.toFixed(2)).toLocaleString('en')} ${unit}`;
    if (value > guard) this.#failures.push(`${what} ${f(value)}, past ${f(guard)} (a regression)`);
    else if (value > goal)
      this.#notes.push(`MISS: ${what} ${f(value)}, over its goal of ${f(goal)}`);
  }

  /** A failure found by the bench itself (a ratio over its goal, say). */
  fail(line: string): void {
    this.#failures.push(line);
  }

  /** Print the table and the budgets; exit 1 when one was exceeded. */
  print(title: string, setting: string, budgets: string): void {
    console.log(title);
    console.log(`  (${setting})\n`);
    const width = Math.max(...this.#rows.map((r) => r[0].length));
    console.log('what'.padEnd(width), ' figure');
    console.log('-'.repeat(width + 40));
    for (const [what, figure] of this.#rows) console.log(what.padEnd(width), '', figure);
    const total = ((Date.now() - this.#started) / 1000).toFixed(0);
    console.log(`\nbudgets: ${budgets}. Total ${total} s.`);
    for (const note of this.#notes) console.log(`NOTE: ${note}`);
    if (this.#failures.length) {
      for (const f of this.#failures) console.error(`FAIL: ${f}`);
      process.exit(1);
    }
    console.log('OK: all within budget');
  }
}
