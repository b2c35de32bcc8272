// The venue hub in the hall (venue-hub.md, "What done looks like"): the office server, a
// hub laptop and the hub's uplink (a TCP proxy) as separate processes on 127.0.0.1; the
// uplink is cut by killing the proxy. Two check-in desks and a trainer as Chromium
// contexts at the hub: the desks see each other's arrivals at once with the uplink cut,
// the trainer marks everyone who checked in, a walk-in registers with the NIP of an online
// registration the hall never saw; the hub is killed with SIGKILL and restarted on its
// address; when the uplink returns the office holds every check-in and mark once and the
// walk-in merged. A desk whose hub died goes on at the office directly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { stripAcademicTitles } from '#domain/search';
import type { Session } from '#domain/model';
import { todayIn } from '#domain/time';
import { createEnrollCode, serverSecret } from '#server/auth';
import { pairHub } from '#server/hub/pair';
import { Uplink } from '#server/hub/uplink';
import { writeEventData } from '#server/seed';
import { openDatabase, type Db } from '#server/store/database';
import { queueSize } from '#server/store/hub';
import { registerParticipant } from '#tests/support/device';
import { fixture, FIXTURE_EVENT_ID } from '#tests/support/fixture';
import {
  killChildren,
  startChildServer,
  tempDataDir,
  type ChildServer,
} from '#tests/support/server';
import { startProxyProcess } from '#tests/support/tcp-proxy';
import { freePort, launchBrowser, openTablet, waitForServiceWorker, type Tablet } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(killChildren);

/** Something done on a server's SQLite file from outside (WAL: beside the running server). */
async function withDb<T>(dir: string, fn: (db: Db) => T | Promise<T>): Promise<T> {
  const db = openDatabase(dir);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

const count = (page: Page, id: string) =>
  page
    .getByTestId(`count-${id}`)
    .textContent()
    .then((t) => Number(t));

/** A desk enrolled at the hub with a code the hub made, on its check-in page (which counts
 * today's batch when one is on, else everyone). */
async function deskAt(
  hub: ChildServer,
  hubDir: string,
  tablet: Tablet,
  registered = fixture.people.length,
): Promise<void> {
  const code = await withDb(
    hubDir,
    (db) => createEnrollCode(db, { role: 'staff', eventId: FIXTURE_EVENT_ID }).code,
  );
  const { page } = tablet;
  await page.goto(`${hub.url}/#/device`);
  await page.getByTestId('enroll-code').fill(code);
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect.poll(() => page.getByTestId('device-role').textContent()).toBe('Petugas check-in');
  // The app opens from the tablet itself from now on, hub or no hub.
  await waitForServiceWorker(page);
  await page.getByRole('link', { name: 'Check-in' }).click();
  await expect.poll(() => count(page, 'registered')).toBe(registered);
}

/** A trainer's device enrolled at the hub for one session, on that session's roster. */
async function trainerAt(hub: ChildServer, hubDir: string, tablet: Tablet, session: Session) {
  const code = await withDb(
    hubDir,
    (db) =>
      createEnrollCode(db, { role: 'trainer', eventId: FIXTURE_EVENT_ID, sessionIds: [session.id] })
        .code,
  );
  const { page } = tablet;
  await page.goto(`${hub.url}/#/device`);
  await page.getByTestId('enroll-code').fill(code);
  await page.getByRole('button', { name: 'Daftarkan' }).click();
  await expect.poll(() => page.getByTestId('device-role').textContent()).toBe('Narasumber');
  await waitForServiceWorker(page);
  await page.getByRole('link', { name: 'Sesi', exact: true }).click();
  await page.getByTestId('session').filter({ hasText: session.title }).click();
  await expect.poll(() => page.getByTestId('roster-row').count()).toBe(3);
}

/** Someone not registered in the hall: the desk registers and checks them in. */
async function walkIn({ page }: Tablet, nip: string): Promise<void> {
  await page.getByTestId('desk-search').fill('Rusmini');
  await page.getByTestId('walkin-open').click();
  const form = page.getByTestId('walkin-form');
  await form.getByLabel('NIP / NI PPPK').fill(nip);
  await form.getByLabel('Nomor HP').fill('0812 5123 9999');
  await form.getByLabel('Instansi / unit kerja').fill('Perpustakaan Kab. Tapin');
  await form.getByLabel('Kabupaten/kota').selectOption('63.05');
  await form.getByRole('button', { name: 'Daftarkan & check-in' }).click();
  await expect.poll(() => form.count()).toBe(0);
}

async function checkIn({ page }: Tablet, fullName: string): Promise<void> {
  // As a person types it: a name, not its title ("Dra.").
  await page.getByTestId('desk-search').fill(stripAcademicTitles(fullName).split(' ')[0]!);
  const row = page.getByTestId('desk-result').filter({ hasText: fullName });
  await row.getByRole('button', { name: 'Check-in' }).click();
  await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain(fullName);
}

/** Angkatan I (P1, P3, P5) is on today in the hall: its day and sessions move to today. */
function batchToday(db: Db): Session {
  const today = todayIn(fixture.event.timezone);
  const from = fixture.batches[0]!;
  const shift = Date.parse(today) - Date.parse(from.startDate);
  const moved = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  const sessions = fixture.sessions
    .filter((s) => s.batchId === from.id)
    .map((s) => ({ ...s, start: moved(s.start), end: moved(s.end) }));
  writeEventData(db, {
    event: { ...fixture.event, endDate: today },
    batches: [{ ...from, startDate: today, endDate: today }],
    sessions,
    participants: [],
  });
  return sessions[2]!;
}

/** The office and a hub laptop paired with it through a proxy, as separate processes;
 * the hub starts (and restarts) on one address, as a laptop in the hall keeps its own.
 * With `today`, Angkatan I's day is today and its third session is returned. */
async function hall(opts: { today?: boolean } = {}) {
  const officeDir = tempDataDir();
  const office = await startChildServer(officeDir);
  const session = opts.today ? await withDb(officeDir, batchToday) : undefined;
  const proxy = await startProxyProcess(office.url);
  const hubCode = await withDb(
    officeDir,
    (db) => createEnrollCode(db, { role: 'hub', eventId: FIXTURE_EVENT_ID }).code,
  );
  const hubDir = tempDataDir();
  await withDb(hubDir, async (db) => {
    await pairHub(db, proxy.url, hubCode, { name: 'Laptop aula' });
    expect(await new Uplink(db, { secret: serverSecret(db) }).syncOnce()).toBe(true);
  });
  const port = String(await freePort());
  const startHub = () => startChildServer(hubDir, undefined, { HADIR_PORT: port });
  return { officeDir, office, proxy, hubDir, startHub, session };
}

describe('a venue hub in the hall', () => {
  it(
    'the hall works with the uplink cut (arrivals seen at once, the trainer marks who came, a walk-in); after kill -9 of the hub the office gets it all once, the walk-in merged',
    { timeout: 240_000 },
    async () => {
      const { officeDir, office, proxy, hubDir, startHub, session } = await hall({ today: true });
      let hub = await startHub();
      const a = await openTablet(browser, 'A');
      const b = await openTablet(browser, 'B');
      const t = await openTablet(browser, 'Narasumber');
      try {
        const batchToday = fixture.people.filter((p) => p.batchId === session!.batchId);
        await deskAt(hub, hubDir, a, batchToday.length);
        await deskAt(hub, hubDir, b, batchToday.length);
        await trainerAt(hub, hubDir, t, session!);

        // The hall loses its internet; the hub stays. Meanwhile a librarian registers
        // online, at the office: the hall never sees it.
        await proxy.stop();
        const { participant: online, res } = await withDb(officeDir, (db) =>
          registerParticipant({ url: office.url, db, eventId: FIXTURE_EVENT_ID }),
        );
        expect(res.results[0]!.status).toBe('applied');

        // Angkatan I's people: P1, P3, P5.
        const [p1, , p3, , p5] = fixture.people;
        await checkIn(a, p1!.fullName);
        // B hears of it from the hub at once ("pull now"), not at its next 15 s pull.
        await expect.poll(() => count(b.page, 'arrived'), { timeout: 3_000 }).toBe(1);
        await checkIn(b, p3!.fullName);
        await expect.poll(() => count(a.page, 'arrived'), { timeout: 3_000 }).toBe(2);
        // The same librarian arrives at the desk as a walk-in, with the NIP she registered.
        await walkIn(b, online.nip!);
        await expect.poll(() => count(a.page, 'arrived'), { timeout: 3_000 }).toBe(3);

        // The trainer marks everyone who checked in: the hub told the phone of all three.
        await expect.poll(() => t.page.getByTestId('roster-row').count()).toBe(4);
        await t.page.getByTestId('mark-arrived').click();
        await expect
          .poll(() => t.page.getByText('3 peserta ditandai dari check-in.').count())
          .toBe(1);

        // A fourth arrival, and the laptop dies as it arrives.
        await checkIn(a, p5!.fullName);
        await hub.kill();
        hub = await startHub();
        await proxy.start();

        // Every check-in and mark reaches the office exactly once, whatever the hub had
        // when it died; the walk-in is the online registration, with her arrival and mark.
        const officeState = () =>
          withDb(officeDir, (db) => {
            const of = (tbl: string) =>
              (
                db
                  .prepare('SELECT data FROM rows WHERE tbl = ? AND event_id = ? AND deleted = 0')
                  .all(tbl, FIXTURE_EVENT_ID) as { data: string }[]
              ).map((r) => JSON.parse(r.data) as { id: string; participantId: string });
            const doubled = db
              .prepare('SELECT id FROM mutations GROUP BY id HAVING count(*) > 1')
              .all();
            const people = (rows: { participantId: string }[]) =>
              rows.map((r) => r.participantId).sort();
            return {
              checkins: people(of('checkins')),
              marks: people(of('marks')),
              withNip: of('participants')
                .filter((p) => (p as { nip?: string }).nip === online.nip)
                .map((p) => p.id),
              aliases: of('aliases').length,
              doubled: doubled.length,
            };
          });
        await expect.poll(officeState, { timeout: 60_000, interval: 500 }).toEqual({
          checkins: [p1!.id, p3!.id, p5!.id, online.id].sort(),
          marks: [p1!.id, p3!.id, online.id].sort(),
          withNip: [online.id],
          aliases: 1,
          doubled: 0,
        });
        for (const tablet of [a, b]) {
          await expect.poll(() => count(tablet.page, 'arrived'), { timeout: 30_000 }).toBe(4);
        }
        // The merge came down to the hall: the desk finds her under the online record.
        await b.page.getByTestId('desk-search').fill(online.nip!);
        await expect
          .poll(() => b.page.getByTestId('desk-result').count(), { timeout: 30_000 })
          .toBe(1);
      } finally {
        for (const tablet of [a, b, t]) await tablet.context.close();
        await proxy.close();
      }
    },
  );

  it(
    'a desk whose hub died sends to the office directly: nothing lost or doubled, also when the hub returns',
    { timeout: 180_000 },
    async () => {
      const { officeDir, proxy, hubDir, startHub } = await hall();
      let hub = await startHub();
      const a = await openTablet(browser, 'A');
      const officeState = () =>
        withDb(officeDir, (db) => {
          const checkins = db
            .prepare("SELECT count(*) AS n FROM rows WHERE tbl = 'checkins' AND deleted = 0")
            .get() as { n: number };
          const doubled = db
            .prepare('SELECT id FROM mutations GROUP BY id HAVING count(*) > 1')
            .all();
          return { checkins: checkins.n, doubled: doubled.length };
        });
      try {
        await deskAt(hub, hubDir, a);
        const [p1, p2, p3] = fixture.people;
        // With the uplink: the desk and its first arrival reach the office through the hub.
        await checkIn(a, p1!.fullName);
        await expect.poll(officeState, { timeout: 30_000 }).toEqual({ checkins: 1, doubled: 0 });
        // The uplink goes; the hub takes a second arrival, then the laptop dies.
        await proxy.stop();
        await checkIn(a, p2!.fullName);
        await expect.poll(() => a.page.getByTestId('sync-badge').textContent()).toMatch(/hub/);
        await hub.kill();
        await checkIn(a, p3!.fullName); // kept on the desk: nobody to send to

        // The desk goes to the office directly, as the device page offers, over the
        // internet it has (here the same loopback path the hub's uplink used: the hub is
        // dead, so that path now carries only the desk).
        await a.page.getByRole('link', { name: 'Perangkat' }).click();
        a.page.once('dialog', (d) => void d.accept());
        await a.page.getByTestId('to-office').click();
        await proxy.start();
        await expect
          .poll(() => a.page.getByTestId('sync-server').textContent(), { timeout: 15_000 })
          .toContain(proxy.url);
        // The office had only the first: the desk sends the second again, then the third.
        await expect.poll(officeState, { timeout: 60_000 }).toEqual({ checkins: 3, doubled: 0 });

        // The hub comes back and relays the second: a duplicate, not a fourth check-in.
        hub = await startHub();
        await expect
          .poll(() => withDb(hubDir, (db) => queueSize(db).count), { timeout: 30_000 })
          .toBe(0);
        expect(await officeState()).toEqual({ checkins: 3, doubled: 0 });
      } finally {
        await a.context.close();
        await proxy.close();
      }
    },
  );
});
