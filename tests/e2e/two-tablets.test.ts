// Two check-in tablets on one real Hadir server. Tablet A loses its network (the server
// stays up: tablet B keeps using it), checks three people in, and comes back; its queue
// drains, and B sees the three arrivals after its next periodic pull, without a reload.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoParticipants } from '#domain/demo';
import {
  badge,
  cutServer,
  enrolAsStaff,
  launchBrowser,
  openTablet,
  restoreServer,
  serveApp,
  unreachable,
  type AppServer,
  type Tablet,
} from './support';

const ARRIVED = /Hadir \d{2}\.\d{2} WITA/;
/** The scheduler pulls every 15 s; allow two periods plus a push and a render. */
const NEXT_PULL_TIMEOUT = 35_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const row = (page: Page, fullName: string) =>
  page.getByTestId('participant').filter({ hasText: fullName });

async function showParticipants({ page }: Tablet): Promise<void> {
  await page.getByRole('link', { name: 'Peserta' }).click();
  await expect.poll(() => page.getByTestId('participant').count()).toBe(demoParticipants.length);
}

describe('two tablets on one server', () => {
  // Up to two 15 s pull periods on top of enrolment and check-ins: more than the 60 s default.
  it(
    "an offline tablet's check-ins reach the other tablet after it reconnects",
    { timeout: 120_000 },
    async () => {
      const server = await serveApp();
      const a = await openTablet(browser, 'A');
      const b = await openTablet(browser, 'B');
      try {
        await enrolAsStaff(a, server);
        await enrolAsStaff(b, server);
        await showParticipants(a);
        await showParticipants(b);
        // Proof at the end that B never reloaded: a marker on its window survives.
        await b.page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

        // Tablet A loses its network; the server keeps running for B.
        await cutServer(a.context);

        const people = demoParticipants.slice(0, 3).map((p) => p.fullName);
        for (const [i, name] of people.entries()) {
          await row(a.page, name).getByRole('button', { name: 'Check-in' }).click();
          await expect.poll(() => row(a.page, name).textContent()).toMatch(ARRIVED);
          await expect.poll(() => badge(a.page)).toBe(unreachable(i + 1));
        }
        await expect.poll(() => badge(a.page)).toBe(unreachable(3));

        // B is online and up to date, and knows nothing of A's check-ins; the server has none.
        expect(await badge(b.page)).toBe('Semua tersimpan');
        for (const name of people) {
          expect(await row(b.page, name).getByRole('button', { name: 'Check-in' }).count()).toBe(1);
        }
        expect(checkinRows(server)).toBe(0);

        // A reaches the server again: nobody taps anything; its probe (every 15 s at most
        // while changes wait) finds the server and the outbox drains.
        await restoreServer(a.context);
        await expect.poll(() => badge(a.page), { timeout: 25_000 }).toBe('Semua tersimpan');
        expect(checkinRows(server)).toBe(3);

        // B picks the three up on its next periodic pull, without a reload.
        for (const name of people) {
          await expect
            .poll(() => row(b.page, name).textContent(), { timeout: NEXT_PULL_TIMEOUT })
            .toMatch(ARRIVED);
        }
        const others = demoParticipants.slice(3).map((p) => p.fullName);
        for (const name of others)
          expect(await row(b.page, name).textContent()).not.toMatch(ARRIVED);
        expect(await b.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(
          42,
        );
        expect(await badge(b.page)).toBe('Semua tersimpan');

        // Exactly three check-ins on the server, one per person, all sent by one device (A).
        expect(checkinRows(server)).toBe(3);
        const perPerson = server.db
          .prepare(
            `SELECT json_extract(data, '$.participantId') AS p, count(*) AS n FROM rows
           WHERE tbl = 'checkins' GROUP BY p ORDER BY p`,
          )
          .all() as { p: string; n: number }[];
        const senders = server.db
          .prepare("SELECT DISTINCT owner FROM rows WHERE tbl = 'checkins'")
          .all();
        expect(senders).toHaveLength(1);
        expect(perPerson).toEqual(
          demoParticipants
            .slice(0, 3)
            .map((p) => ({ p: p.id, n: 1 }))
            .sort((x, y) => (x.p < y.p ? -1 : 1)),
        );
      } finally {
        await a.context.close();
        await b.context.close();
        await server.stop();
        rmSync(server.dataDir, { recursive: true, force: true });
      }
    },
  );
});

function checkinRows(server: AppServer): number {
  const { n } = server.db
    .prepare("SELECT count(*) AS n FROM rows WHERE tbl = 'checkins'")
    .get() as { n: number };
  return n;
}
