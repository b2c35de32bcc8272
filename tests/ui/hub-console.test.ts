// @vitest-environment jsdom
// The console and venue hubs, against real servers over real HTTP on 127.0.0.1: at the
// office the organiser makes a hub code (a command to run on the laptop, not a QR), and
// the office lists the hub and the hall's devices under it; at the hub the console shows
// its uplink to the office (last contact, what waits).
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '#i18n/console';
import DevicesPanel from '#pages/organiser/DevicesPanel.svelte';
import { serverSecret } from '#server/auth';
import { pairHub } from '#server/hub/pair';
import { Uplink } from '#server/hub/uplink';
import { openDatabase } from '#server/store/database';
import { AdminApi } from '#sync/admin';
import { SyncEngine } from '#sync/engine';
import { Transport } from '#sync/transport';
import { organiserConsole } from '#state/organiser.svelte';
import { freshDb } from '#tests/support/db';
import { enrolStaff } from '#tests/support/device';
import { checkin } from '#tests/support/drafts';
import { fixture, FIXTURE_EVENT_ID } from '#tests/support/fixture';
import { startTestServer, tempDataDir, type TestServer } from '#tests/support/server';
import { startTcpProxy } from '#tests/support/tcp-proxy';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

/** This browser as the organiser's console of `server`. */
async function openConsole(server: TestServer) {
  freshDb();
  const transport = new Transport({ baseUrl: server.url });
  const engine = new SyncEngine({ transport, locks: null });
  const enrolled = await engine.enroll(server.code('organiser', FIXTURE_EVENT_ID), 'Laptop');
  if ('error' in enrolled) throw new Error(enrolled.error);
  organiserConsole.attach(new AdminApi(transport));
  organiserConsole.code = undefined;
  organiserConsole.uplink = undefined;
}

const SLOW = { timeout: 30_000 };

describe('venue hubs in the console', SLOW, () => {
  it('makes a hub code as a command for the laptop, and lists the hub with the hall’s devices', async () => {
    const office = await startTestServer();
    open.push(office);
    await openConsole(office);
    const u = userEvent.setup({ delay: null });
    render(DevicesPanel);
    await u.selectOptions(screen.getByTestId('new-device-role'), 'hub');
    await u.type(screen.getByTestId('new-device-name'), 'Laptop aula');
    const create = screen.getByRole('button', { name: 'Buat kode pendaftaran' });
    await vi.waitFor(() => expect(create).toBeEnabled()); // the list loads first
    await u.click(create);
    const code = (await screen.findByTestId('code-text', undefined, { timeout: 5000 }))
      .textContent!;
    expect(screen.getByTestId('hub-join')).toHaveTextContent(
      `npm run admin -- hub join ${office.url} ${code}`,
    );
    expect(screen.queryByRole('img', { name: /QR/ })).toBeNull();

    // The laptop runs that command, and the hall enrols a desk there.
    const hubDir = tempDataDir();
    const db = openDatabase(hubDir);
    await pairHub(db, office.url, code, { name: 'Laptop aula' });
    db.close();
    const hub = await startTestServer({ dataDir: hubDir, seed: 'none', uplinkMs: 50 });
    open.push(hub);
    await enrolStaff({ url: hub.url, db: hub.db, eventId: FIXTURE_EVENT_ID }, { name: 'Meja 1' });
    await vi.waitFor(
      async () => {
        await organiserConsole.refresh();
        const group = screen.getAllByTestId('device-group').find((g) => g.dataset.role === 'staff');
        expect(group).toBeDefined();
        expect(within(group!).getByTestId('device-hub')).toHaveTextContent('lewat hub Laptop aula');
      },
      { timeout: 10_000, interval: 100 },
    );
    const hubs = screen.getAllByTestId('device-group').find((g) => g.dataset.role === 'hub')!;
    expect(within(hubs).getByTestId('device-name')).toHaveTextContent('Laptop aula');
  });

  it('shows the hub’s uplink at the hub: last contact and what waits for the office', async () => {
    const office = await startTestServer();
    open.push(office);
    const proxy = await startTcpProxy(office.url);
    open.push(proxy);
    const hubDir = tempDataDir();
    const db = openDatabase(hubDir);
    const { createEnrollCode } = await import('#server/auth');
    const code = createEnrollCode(office.db, { role: 'hub', eventId: FIXTURE_EVENT_ID }).code;
    await pairHub(db, proxy.url, code);
    await new Uplink(db, { secret: serverSecret(db) }).syncOnce();
    db.close();
    const hub = await startTestServer({ dataDir: hubDir, seed: 'none', uplinkMs: 50 });
    open.push(hub);
    proxy.cut();
    const desk = await enrolStaff({ url: hub.url, db: hub.db, eventId: FIXTURE_EVENT_ID });
    await desk.send(checkin(fixture.people[0]!.id), checkin(fixture.people[1]!.id));

    await openConsole(hub);
    render(DevicesPanel);
    await vi.waitFor(() => expect(screen.getByTestId('uplink-queued')).toHaveTextContent('2'), {
      timeout: 5000,
    });
    expect(screen.getByTestId('hub-uplink')).toHaveTextContent(proxy.url);
    proxy.restore();
    await vi.waitFor(
      async () => {
        await organiserConsole.refresh();
        expect(screen.getByTestId('uplink-queued')).toHaveTextContent('0');
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
