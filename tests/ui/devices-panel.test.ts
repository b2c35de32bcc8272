// @vitest-environment jsdom
// The devices panel at a real event, against the real server over real HTTP on 127.0.0.1
// (jsdom opens the console as http://localhost:3000, the server's own laptop): devices
// grouped by role in a fixed order, desks in their natural order with a revoked one last,
// participant phones named by their registration, the trainer's sessions, the filters,
// and the enrolment QR that names the server's address instead of localhost.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '#i18n/console';
import { revokeDevice } from '#server/auth';
import DevicesPanel from '#pages/organiser/DevicesPanel.svelte';
import { AdminApi } from '#sync/admin';
import { SyncEngine } from '#sync/engine';
import { Transport } from '#sync/transport';
import { organiserConsole } from '#state/organiser.svelte';
import { freshDb } from '#tests/support/db';
import { startTestServer, type TestServer } from '#tests/support/server';
import { register, upsertSession } from '#tests/support/drafts';
import { enrollDevice, enrolStaff, type TestDevice } from '#tests/support/device';
import { person } from '#tests/support/factories';
import { fixture } from '#tests/support/fixture';

let server: TestServer;
const PUBLIC = 'https://hadir.dispersip.example';
const user = () => userEvent.setup({ delay: null });

/** A desk enrolled with a code that names it, as the console makes one. */
const desk = (name: string): Promise<TestDevice> => enrolStaff(server, { name });

/** This browser as the organiser's console: enrolled and synced through the app's engine. */
async function openConsole(publicUrl?: string) {
  server = await startTestServer(publicUrl ? { publicUrl } : {});
  freshDb(); // this browser's own database, empty
  const transport = new Transport({ baseUrl: server.url });
  const engine = new SyncEngine({ transport, locks: null });
  const enrolled = await engine.enroll(server.code('organiser'), 'Laptop panitia');
  if ('error' in enrolled) throw new Error(enrolled.error);
  organiserConsole.attach(new AdminApi(transport));
  organiserConsole.httpsUrl = undefined;
  organiserConsole.code = undefined;
  return engine;
}

afterEach(async () => {
  await server.stop();
});

const SLOW = { timeout: 30_000 }; // a real server per test

describe('devices by role', SLOW, () => {
  let trainer: TestDevice;
  let named: { fullName: string; id: string };
  let unregistered: TestDevice;

  beforeEach(async () => {
    const engine = await openConsole();
    // Created out of order, as they arrive at a real event.
    await desk('Meja 10');
    const revoked = await desk('Meja 3');
    revokeDevice(server.db, revoked.deviceId);
    for (let i = 0; i < 3; i++) await enrollDevice(server, 'participant');
    const phone = await enrollDevice(server, 'participant');
    const p = person({ fullName: 'Dra. Siti Rahmah' });
    await phone.send(register(p));
    named = { fullName: p.fullName, id: p.id };
    unregistered = await enrollDevice(server, 'participant');
    await desk('Meja 2');
    await desk('Meja 1');
    trainer = await enrollDevice(server, 'trainer');
    const organiser = await enrollDevice(server, 'organiser');
    await organiser.send(
      upsertSession({ ...fixture.sessions[1]!, trainerDeviceIds: [trainer.deviceId] }),
    );
    await engine.once(); // the event and its sessions, for the trainer's session titles
  });

  const groupRoles = () =>
    screen.getAllByTestId('device-group').map((g) => g.getAttribute('data-role'));
  const namesIn = (role: string) => {
    const group = screen.getAllByTestId('device-group').find((g) => g.dataset.role === role);
    return group
      ? within(group)
          .getAllByTestId('device-name')
          .map((n) => n.textContent)
      : [];
  };

  it('groups panitia, desks, narasumber, then phones; desks in order, the revoked one last', async () => {
    render(DevicesPanel);
    await screen.findAllByTestId('device-group', undefined, { timeout: 5000 });
    expect(groupRoles()).toEqual(['organiser', 'staff', 'trainer', 'participant']);
    expect(namesIn('staff')).toEqual(['Meja 1', 'Meja 2', 'Meja 10', 'Meja 3']);
    const group = (role: string) =>
      screen.getAllByTestId('device-group').find((g) => g.dataset.role === role)!;
    const meja3 = within(group('staff')).getAllByTestId('device-row')[3]!;
    expect(meja3).toHaveTextContent('Dicabut');
    expect(within(meja3).queryByRole('button', { name: 'Cabut' })).toBeNull();
    expect(namesIn('organiser')).toEqual(expect.arrayContaining(['Laptop panitia']));

    // A phone is named by the registration it made: name and number.
    const phones = within(group('participant')).getAllByTestId('device-row');
    expect(phones).toHaveLength(5);
    const siti = phones.find((r) => r.textContent?.includes(named.fullName))!;
    const number = (
      server.db
        .prepare("SELECT json_extract(data, '$.registrationNumber') AS n FROM rows WHERE id = ?")
        .get(named.id) as { n: string }
    ).n;
    expect(siti).toHaveTextContent(number);
    expect(namesIn('participant')).toContain(
      `HP peserta, belum mendaftar (${unregistered.deviceId.replace(/-/g, '').slice(-6)})`,
    );
    // The trainer's row says which sessions it marks (once the event's rows are read).
    await vi.waitFor(() =>
      expect(within(group('trainer')).getByTestId('device-row')).toHaveTextContent(
        `Sesi: ${fixture.sessions[1]!.title}`,
      ),
    );
  });

  it('filters by role, by state and by name, and says when nothing matches', async () => {
    const u = user();
    render(DevicesPanel);
    await screen.findAllByTestId('device-group', undefined, { timeout: 5000 });

    await u.selectOptions(screen.getByTestId('device-filter-role'), 'staff');
    expect(groupRoles()).toEqual(['staff']);

    await u.type(screen.getByTestId('device-search'), 'meja 1');
    expect(namesIn('staff')).toEqual(['Meja 1', 'Meja 10']);
    expect(screen.getByTestId('device-group-count')).toHaveTextContent('2 dari 4');

    await u.clear(screen.getByTestId('device-search'));
    await u.selectOptions(screen.getByTestId('device-filter-state'), 'revoked');
    expect(namesIn('staff')).toEqual(['Meja 3']);

    // A phone is found by its person's name too.
    await u.selectOptions(screen.getByTestId('device-filter-role'), 'all');
    await u.selectOptions(screen.getByTestId('device-filter-state'), 'active');
    await u.type(screen.getByTestId('device-search'), 'siti');
    expect(groupRoles()).toEqual(['participant']);
    expect(namesIn('participant')).toEqual([named.fullName]);

    await u.type(screen.getByTestId('device-search'), ' zzz');
    expect(screen.queryAllByTestId('device-group')).toEqual([]);
    expect(screen.getByTestId('device-no-match')).toHaveTextContent(
      'Tidak ada perangkat yang cocok dengan saringan.',
    );
  });

  it('shows what each device had not sent when it last synced', async () => {
    const meja5 = await desk('Meja Lima');
    await meja5.push([], { unsent: 3 });
    const u = user();
    render(DevicesPanel);
    await u.type(
      await screen.findByTestId('device-search', undefined, { timeout: 5000 }),
      'meja lima',
    );
    // The list of this test's server (the console's last list shows until it arrives).
    const row = await screen.findByTestId('device-row', undefined, { timeout: 5000 });
    expect(within(row).getByTestId('device-name')).toHaveTextContent('Meja Lima');
    expect(within(row).getByTestId('device-unsent')).toHaveTextContent('3');
    await meja5.pullRaw({ cursor: null, unsent: 0 });
    await u.click(screen.getByRole('button', { name: 'Muat ulang daftar' }));
    await expect
      .poll(() => within(screen.getByTestId('device-row')).getByTestId('device-unsent').textContent)
      .toBe('0');
  });
});

/** The button, once the list's first load (which disables it) is over. */
async function createButton() {
  const button = screen.getByRole('button', { name: 'Buat kode pendaftaran' });
  await vi.waitFor(() => expect(button).toBeEnabled());
  return button;
}

describe('the enrolment QR on the server’s own laptop', SLOW, () => {
  it('names the server’s address for devices instead of localhost, and says so', async () => {
    await openConsole(PUBLIC);
    const u = user();
    render(DevicesPanel);
    await u.type(screen.getByTestId('new-device-name'), 'Meja 1');
    await u.click(await createButton());
    const code = (await screen.findByTestId('code-text', undefined, { timeout: 5000 }))
      .textContent!;
    await expect
      .poll(() => screen.getByTestId('enroll-link').getAttribute('href'))
      .toBe(`${PUBLIC}/#/device?code=${code}`);
    expect(screen.getByTestId('localhost-warning')).toHaveTextContent(PUBLIC);
  });

  it('without an address for devices, warns that the QR works on this laptop only', async () => {
    await openConsole();
    const u = user();
    render(DevicesPanel);
    await u.click(await createButton());
    await screen.findByTestId('code-text', undefined, { timeout: 5000 });
    expect(screen.getByTestId('localhost-warning')).toHaveTextContent(
      'tidak bisa dibuka perangkat lain',
    );
    expect(screen.getByTestId('enroll-link').getAttribute('href')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/#\/device\?code=/,
    );
  });
});
