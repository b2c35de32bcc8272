// Issue 6, point 7: two check-in desks with the network cut. Tablet A checks P1 in by
// search and P3 by QR (a keyboard-wedge scanner typing the ticket text and Enter);
// tablet B checks P2 in by search and, not knowing A already did, P1 again. Back online,
// both tablets converge: P1 counts once (A's earlier scan) with one repeat flagged, the
// four counters agree on both desks, and the server holds all four scans.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { firstCheckins, isRepeat } from '#domain/checkins';
import { demoEvent, demoParticipants } from '#domain/demo';
import { ticketPayload } from '#domain/ticket';
import { formatTime, todayIn } from '#domain/time';
import {
  badge,
  cutServer,
  enrolAsStaff,
  launchBrowser,
  restoreServer,
  unreachable,
  openTablet,
  serveApp,
  serverCheckins,
  type Tablet,
} from './support';

/** The scheduler pulls every 15 s (the live poke is faster); allow two periods and a render. */
const CONVERGE_TIMEOUT = 45_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const P1 = demoParticipants[0]!; // Ahmad Fauzi, S.IP.
const P2 = demoParticipants[1]!; // Dra. Siti Rahmah
const P3 = demoParticipants[2]!; // Muhammad Rizky Ramadhan, S.Hum.
const TZ = demoEvent.timezone;

interface Counters {
  registered: number;
  arrived: number;
  expected: number;
  repeats: number;
}

async function counters(page: Page): Promise<Counters> {
  const read = async (id: string) => Number(await page.getByTestId(`count-${id}`).textContent());
  return {
    registered: await read('registered'),
    arrived: await read('arrived'),
    expected: await read('expected'),
    repeats: await read('repeats'),
  };
}

const result = (page: Page, fullName: string) =>
  page.getByTestId('desk-result').filter({ hasText: fullName });
const confirmation = (page: Page) => page.getByTestId('confirmation').textContent();

async function openDesk({ page }: Tablet): Promise<void> {
  await page.getByRole('link', { name: 'Check-in' }).click();
  await expect
    .poll(() => page.getByTestId('count-registered').textContent())
    .toBe(String(demoParticipants.length));
}

/** Whether the confirmation is the amber "already checked in, recorded as a repeat". */
const isRepeatConfirmation = (page: Page) =>
  page.getByTestId('confirmation').evaluate((el) => el.classList.contains('repeat'));

/** Type part of the name, tap the person's Check-in button, see the confirmation. */
async function checkInBySearch(
  { page }: Tablet,
  person: { fullName: string },
  query: string,
): Promise<string> {
  await page.getByTestId('desk-search').fill(query);
  await expect.poll(() => result(page, person.fullName).count()).toBe(1);
  await result(page, person.fullName).getByRole('button', { name: 'Check-in' }).click();
  await expect.poll(() => confirmation(page)).toContain(person.fullName);
  // The field is cleared for the next person.
  expect(await page.getByTestId('desk-search').inputValue()).toBe('');
  return (await confirmation(page))!;
}

/** A keyboard-wedge scanner: the ticket's QR text typed into the field, then Enter. */
async function checkInByQr(
  { page }: Tablet,
  person: { id: string; fullName: string; ticketCode?: string },
): Promise<string> {
  const field = page.getByTestId('desk-search');
  await field.click();
  await field.pressSequentially(ticketPayload(person.id, person.ticketCode!));
  await field.press('Enter');
  await expect.poll(() => confirmation(page)).toContain(person.fullName);
  expect(await page.getByTestId('desk-problem').count()).toBe(0);
  expect(await field.inputValue()).toBe('');
  return (await confirmation(page))!;
}

/** The server stops answering the tablet (the venue's Wi-Fi stays up). */
async function cut({ context }: Tablet): Promise<void> {
  await cutServer(context);
}

/** It answers again; the desk's own "Kirim sekarang" sends at once. The desk may have
 * found the server first by itself (its probe): then the button is gone, nothing waits. */
async function restore({ context, page }: Tablet): Promise<void> {
  await restoreServer(context);
  const sendNow = page.getByTestId('desk-sync').getByTestId('send-now');
  await sendNow.click({ timeout: 5_000 }).catch(async (e: unknown) => {
    if ((await sendNow.count()) > 0) throw e;
  });
}

describe('two check-in desks offline', () => {
  it(
    'check people in by search and by QR, the same person on both, and agree once reconnected',
    { timeout: 180_000 },
    async () => {
      const server = await serveApp();
      const a = await openTablet(browser, 'A');
      const b = await openTablet(browser, 'B');
      try {
        // 1. Two enrolled desks on the same event, both showing the same registered count.
        await enrolAsStaff(a, server);
        await enrolAsStaff(b, server);
        await openDesk(a);
        await openDesk(b);
        const fresh: Counters = {
          registered: demoParticipants.length,
          arrived: 0,
          expected: demoParticipants.length,
          repeats: 0,
        };
        expect(await counters(a.page)).toEqual(fresh);
        expect(await counters(b.page)).toEqual(fresh);

        // 2. The hall's Wi-Fi goes down for both.
        await cut(a);
        await cut(b);

        // 3. Offline check-ins: A takes P1 (search) and P3 (QR); B takes P2 and then P1.
        const day = todayIn(TZ);
        const a1 = await checkInBySearch(a, P1, 'Fauzi');
        expect(a1).toContain('HADIR');
        const a3 = await checkInByQr(a, P3);
        expect(a3).toContain('HADIR');
        await checkInBySearch(b, P2, 'Rahmah');
        // B has not heard of A's scan: for B this is P1's first arrival, not a repeat.
        const b1 = await checkInBySearch(b, P1, 'Fauzi');
        expect(b1).not.toContain('Sudah check-in sebelumnya');
        expect(await isRepeatConfirmation(b.page)).toBe(false);
        for (const t of [a, b]) {
          await expect
            .poll(() => counters(t.page))
            .toEqual({
              registered: demoParticipants.length,
              arrived: 2,
              expected: demoParticipants.length - 2,
              repeats: 0,
            });
          await expect.poll(() => badge(t.page)).toBe(unreachable(2));
          expect(await t.page.getByTestId('desk-sync').textContent()).toContain(unreachable(2));
        }
        expect(serverCheckins(server)).toHaveLength(0);

        // 4. The network comes back.
        await restore(a);
        await restore(b);

        await expect
          .poll(() => serverCheckins(server).length, { timeout: CONVERGE_TIMEOUT })
          .toBe(4);
        const converged: Counters = {
          registered: demoParticipants.length,
          arrived: 3,
          expected: demoParticipants.length - 3,
          repeats: 1,
        };
        for (const t of [a, b]) {
          await expect
            .poll(() => counters(t.page), { timeout: CONVERGE_TIMEOUT })
            .toEqual(converged);
          await expect
            .poll(() => badge(t.page), { timeout: CONVERGE_TIMEOUT })
            .toBe('Semua tersimpan');
        }
        expect(await counters(a.page)).toEqual(await counters(b.page));

        // The server holds every scan: four for today, P1 twice, the earliest (A's) counting.
        const rows = serverCheckins(server);
        expect(rows.map((c) => c.day)).toEqual([day, day, day, day]);
        const of = (p: { id: string }) => rows.filter((c) => c.participantId === p.id);
        expect(of(P1)).toHaveLength(2);
        expect(of(P2)).toHaveLength(1);
        expect(of(P3)).toHaveLength(1);
        expect(of(P3)[0]!.method).toBe('qr');
        expect([...of(P1), ...of(P2)].map((c) => c.method)).toEqual(['search', 'search', 'search']);
        const deviceA = of(P3)[0]!.deviceId;
        const deviceB = of(P2)[0]!.deviceId;
        expect(deviceA).not.toBe(deviceB);
        expect(
          of(P1)
            .map((c) => c.deviceId)
            .sort(),
        ).toEqual([deviceA, deviceB].sort());
        const first = firstCheckins(rows);
        const p1First = first.get(P1.id)!;
        expect(p1First.deviceId).toBe(deviceA); // A scanned P1 before B did
        expect(of(P1).filter((c) => isRepeat(c, first))).toHaveLength(1);
        expect(rows.filter((c) => isRepeat(c, first))).toHaveLength(1);

        // 5. Searching P1 on either desk says when they arrived and at which desk.
        const arrived = `Sudah hadir ${formatTime(p1First.at, TZ, 'id')}`;
        for (const [t, where] of [
          [a, p1First.deviceId === deviceA ? 'di meja ini' : 'di meja lain'],
          [b, p1First.deviceId === deviceB ? 'di meja ini' : 'di meja lain'],
        ] as const) {
          await t.page.getByTestId('desk-search').fill('Fauzi');
          await expect.poll(() => result(t.page, P1.fullName).count()).toBe(1);
          const text = await result(t.page, P1.fullName).textContent();
          expect(text).toContain(arrived);
          expect(text).toContain(where);
        }
      } finally {
        await a.context.close();
        await b.context.close();
        await server.stop();
      }
    },
  );
});
