// The venue hub in the hall (venue-hub.md, "What done looks like"): the office server, a
// hub laptop and the hub's uplink (a TCP proxy) as separate processes on 127.0.0.1; the
// uplink is cut by killing the proxy. Two check-in desks as Chromium contexts at the hub
// see each other's arrivals at once with the uplink cut; the hub is killed with SIGKILL
// and restarted on its address; when the uplink returns the office holds every check-in
// once. A desk whose hub died goes on at the office directly.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { stripAcademicTitles } from '#domain/search';
import { createEnrollCode, serverSecret } from '#server/auth';
import { pairHub } from '#server/hub/pair';
import { Uplink } from '#server/hub/uplink';
import { openDatabase, type Db } from '#server/store/database';
import { queueSize } from '#server/store/hub';
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

/** A desk enrolled at the hub with a code the hub made, on its check-in page. */
async function deskAt(hub: ChildServer, hubDir: string, tablet: Tablet): Promise<void> {
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
  await expect.poll(() => count(page, 'registered')).toBe(fixture.people.length);
}

async function checkIn({ page }: Tablet, fullName: string): Promise<void> {
  // As a person types it: a name, not its title ("Dra.").
  await page.getByTestId('desk-search').fill(stripAcademicTitles(fullName).split(' ')[0]!);
  const row = page.getByTestId('desk-result').filter({ hasText: fullName });
  await row.getByRole('button', { name: 'Check-in' }).click();
  await expect.poll(() => page.getByTestId('confirmation').textContent()).toContain(fullName);
}

/** The office and a hub laptop paired with it through a proxy, as separate processes;
 * the hub starts (and restarts) on one address, as a laptop in the hall keeps its own. */
async function hall() {
  const officeDir = tempDataDir();
  const office = await startChildServer(officeDir);
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
  return { officeDir, office, proxy, hubDir, startHub };
}

describe('a venue hub in the hall', () => {
  it(
    'desks see each other’s arrivals at once with the uplink cut; after kill -9 of the hub the office gets it all once',
    { timeout: 180_000 },
    async () => {
      const { officeDir, proxy, hubDir, startHub } = await hall();
      let hub = await startHub();
      const a = await openTablet(browser, 'A');
      const b = await openTablet(browser, 'B');
      try {
        await deskAt(hub, hubDir, a);
        await deskAt(hub, hubDir, b);

        // The hall loses its internet; the hub stays.
        await proxy.stop();
        const [p1, p2, p3] = fixture.people;
        await checkIn(a, p1!.fullName);
        // B hears of it from the hub at once ("pull now"), not at its next 15 s pull.
        await expect.poll(() => count(b.page, 'arrived'), { timeout: 3_000 }).toBe(1);
        await checkIn(b, p2!.fullName);
        await expect.poll(() => count(a.page, 'arrived'), { timeout: 3_000 }).toBe(2);

        // A third arrival, and the laptop dies as it arrives.
        await checkIn(a, p3!.fullName);
        await hub.kill();
        hub = await startHub();
        await proxy.start();

        // Every check-in reaches the office exactly once, whatever the hub had when it died.
        const office3 = () =>
          withDb(officeDir, (db) => {
            const ids = db
              .prepare(
                "SELECT id FROM rows WHERE tbl = 'checkins' AND event_id = ? AND deleted = 0",
              )
              .all(FIXTURE_EVENT_ID) as { id: string }[];
            const doubled = db
              .prepare('SELECT id FROM mutations GROUP BY id HAVING count(*) > 1')
              .all();
            return { checkins: ids.length, doubled: doubled.length };
          });
        await expect
          .poll(office3, { timeout: 60_000, interval: 500 })
          .toEqual({ checkins: 3, doubled: 0 });
        for (const t of [a, b]) {
          await expect.poll(() => count(t.page, 'arrived'), { timeout: 30_000 }).toBe(3);
        }
      } finally {
        await a.context.close();
        await b.context.close();
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
