// Issue 16: the console holds a real event. In Chromium at 1024 px, with 150 people and
// 40 devices (35 participant phones among 4 desks and a trainer): the participants tab
// shows a hundred at a time without scrolling sideways, finds a person and filters by
// batch; the devices tab puts the desks right after the panitia, in order, and a phone is
// named by its registration. Real server, real built app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_EVENT_ID, demoBatches, demoParticipants } from '#domain/demo';
import { createEnrollCode, joinAsParticipant, setOrganiserPassword } from '#server/auth';
import { rowsOfEvent } from '#server/store/rows';
import { EnrollResponse } from '#sync/protocol';
import {
  deviceFor,
  enrollDevice,
  person,
  register,
  request,
  type TestDevice,
} from '#tests/server/support';
import { launchBrowser, serveApp, type AppServer } from './support';

const PASSWORD = 'rahasia-panitia-2025';
const PHONES = 35;
const IMPORTED = 150 - demoParticipants.length - PHONES;

let browser: Browser;
let server: AppServer;
let named: { fullName: string; id: string };

async function desk(name: string): Promise<TestDevice> {
  const { code } = createEnrollCode(server.db, { role: 'staff', eventId: DEMO_EVENT_ID, name });
  const clientId = `c-${crypto.randomUUID()}`;
  const reply = await request(server.url, '/api/v1/devices/enroll', {
    body: { enrollCode: code, deviceInfo: { clientId } },
  });
  return deviceFor(server.url, { ...EnrollResponse.parse(reply.json), clientId });
}

/** A phone that joined through the public link (made in-process: 35 joins from one
 * address would meet the join rate limit, which is not under test here). */
function participantPhone(): TestDevice {
  const clientId = `c-phone-${crypto.randomUUID()}`;
  const { device, token } = joinAsParticipant(server.db, DEMO_EVENT_ID, { clientId });
  return deviceFor(server.url, {
    token,
    deviceId: device.id,
    clientId,
    role: 'participant',
    eventId: DEMO_EVENT_ID,
  });
}

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), serveApp()]);
  setOrganiserPassword(server.db, PASSWORD);
  // The way a real event fills up: phones register first, then the desks and a trainer.
  for (let i = 0; i < PHONES; i++) {
    const phone = participantPhone();
    const p = person({
      eventId: DEMO_EVENT_ID,
      batchId: demoBatches[i % 2]!.id,
      phone: `+62812${5_000_000 + i}`,
      ...(i === 7 ? { fullName: 'Dra. Hj. Aminah Rahmawati, M.Hum.' } : {}),
    });
    await phone.send(register(p));
    if (i === 7) named = { fullName: p.fullName, id: p.id };
  }
  for (const name of ['Meja 3', 'Meja 1', 'Meja 4', 'Meja 2']) await desk(name);
  await enrollDevice(server, 'trainer');
  const office = await enrollDevice(server, 'organiser');
  const imported = Array.from({ length: IMPORTED }, (_, i) =>
    register(person({ eventId: DEMO_EVENT_ID, batchId: demoBatches[i % 2]!.id, source: 'import' })),
  );
  await office.send(...imported);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the console with a real event', () => {
  it('participants and devices stay usable at 1024 px', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    try {
      const o = await context.newPage();
      o.setDefaultTimeout(20_000);
      await o.goto(`${server.url}/#/organiser`);
      await o.getByTestId('organiser-password').fill(PASSWORD);
      await o.getByRole('button', { name: 'Masuk' }).click();
      await o.getByRole('button', { name: 'Peserta', exact: true }).click();

      await expect.poll(() => o.getByTestId('people-count').textContent()).toContain('150');
      expect(await o.getByTestId('person').count()).toBe(100);
      const sideways = () =>
        o.evaluate(
          () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
        );
      expect(await sideways()).toBe(false);

      await o.getByTestId('people-search').fill('aminah rahma');
      await expect.poll(() => o.getByTestId('person').count()).toBe(1);
      await o.getByTestId('people-search').fill('');
      await o.getByTestId('people-filter-batch').selectOption(demoBatches[1]!.id);
      const inA2 = rowsOfEvent<{ batchId: string }>(
        server.db,
        DEMO_EVENT_ID,
        'participants',
      ).filter((p) => p.data.batchId === demoBatches[1]!.id).length;
      await expect
        .poll(() => o.getByTestId('people-count').textContent())
        .toBe(`${inA2} dari 150 peserta`);
      expect(await sideways()).toBe(false);

      await o.getByRole('button', { name: 'Perangkat', exact: true }).click();
      const groups = o.getByTestId('device-group');
      await expect.poll(() => groups.count()).toBe(4);
      expect(await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-role')))).toEqual([
        'organiser',
        'staff',
        'trainer',
        'participant',
      ]);
      const desks = o.locator('[data-role="staff"] [data-testid="device-name"]');
      expect(await desks.allTextContents()).toEqual(['Meja 1', 'Meja 2', 'Meja 3', 'Meja 4']);
      const phones = o.locator('[data-role="participant"] [data-testid="device-row"]');
      expect(await phones.count()).toBe(PHONES);
      expect(await phones.filter({ hasText: named.fullName }).count()).toBe(1);
      expect(await sideways()).toBe(false);
    } finally {
      await context.close();
    }
  }, 120_000);
});
