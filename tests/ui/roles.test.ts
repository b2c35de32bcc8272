// @vitest-environment jsdom
// Each role sees its own app (the rules are #domain/access): the tabs it is given, a route
// it may not use sends it home, a participant's phone never sees the staff app, and the
// certificate check and a participant's certificate stand alone.
import { render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setMeta } from '#db/meta';
import { saveEnrollment, type Enrollment } from '#sync/local';
import ParticipantsPage from '#pages/ParticipantsPage.svelte';
import { router } from '#state/router.svelte';
// eslint-disable-next-line no-restricted-imports -- the app shell sits at src/, outside the aliases
import App from '../../src/App.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, seedFixtureLocally } from '#tests/support/fixture';

/** Each page is its own chunk: its first import may take a while on a loaded machine. */
const LOAD = { timeout: 10_000 };

/** Open the app at an address, as a reload there would. */
function at(hash: string) {
  history.replaceState(null, '', `/${hash}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

const enrol = (role: Enrollment['role']) =>
  saveEnrollment({ deviceId: `${role}-1`, token: 't', role, eventId: FIXTURE_EVENT_ID });

const tabs = async () => {
  const nav = await screen.findByRole('navigation', { name: 'Menu utama' });
  await vi.waitFor(() => expect(within(nav).queryAllByRole('link').length).toBeGreaterThan(0));
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent?.trim());
};

beforeEach(async () => {
  freshDb();
  await seedFixtureLocally();
  at('');
});
afterEach(() => vi.restoreAllMocks());

describe('the tabs of each device', () => {
  it('an unenrolled device keeps the whole app (it enrols from there)', async () => {
    render(App);
    expect(await tabs()).toEqual([
      'Kegiatan',
      'Check-in',
      'Sesi',
      'Peserta',
      'Perangkat',
      'Panitia',
    ]);
    expect(screen.getByTestId('sync-badge')).toBeTruthy();
  });

  it('the organiser has everything', async () => {
    await enrol('organiser');
    render(App);
    await vi.waitFor(async () => expect(await tabs()).toContain('Panitia'));
    expect(await tabs()).toEqual([
      'Kegiatan',
      'Check-in',
      'Sesi',
      'Peserta',
      'Perangkat',
      'Panitia',
    ]);
  });

  it('a desk has the desk, the participants, the event and its device; the rest sends it to the desk', async () => {
    await enrol('staff');
    at('#/organiser');
    render(App);
    await vi.waitFor(() => expect(location.hash).toBe('#/checkin'));
    expect(await tabs()).toEqual(['Kegiatan', 'Check-in', 'Peserta', 'Perangkat']);
    at('#/sessions');
    await vi.waitFor(() => expect(location.hash).toBe('#/checkin'));
    at('#/participants');
    expect(await screen.findByRole('heading', { name: 'Daftar peserta' }, LOAD)).toBeTruthy();
    expect(location.hash).toBe('#/participants');
  });

  it('a trainer has its sessions and its device; the participants list sends it to its sessions', async () => {
    await enrol('trainer');
    at('#/participants');
    render(App);
    await vi.waitFor(() => expect(location.hash).toBe('#/sessions'));
    expect(await screen.findByRole('heading', { name: 'Kehadiran sesi' }, LOAD)).toBeTruthy();
    expect(await tabs()).toEqual(['Sesi', 'Perangkat']);
    expect(screen.queryByRole('heading', { name: 'Daftar peserta' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Check-in' })).toBeNull();
  });
});

describe('a participant’s phone', () => {
  for (const [how, setUp] of [
    ['enrolled as a participant', () => enrol('participant')],
    ['registered here, its join not yet made', () => setMeta('homeEvent', FIXTURE_EVENT_ID)],
  ] as const) {
    it(`${how}: a staff route goes to its ticket, nothing of it shown`, async () => {
      await setUp();
      const leave = vi.spyOn(router, 'replace').mockImplementation(() => undefined);
      at('#/participants');
      render(App);
      await vi.waitFor(() => expect(leave).toHaveBeenCalledWith(`/r/${FIXTURE_EVENT_ID}`));
      expect(screen.queryByRole('heading', { name: 'Daftar peserta' })).toBeNull();
      expect(screen.queryByRole('button', { name: 'Check-in' })).toBeNull();
      expect(screen.queryByRole('link', { name: 'Peserta' })).toBeNull();
    });

    it(`${how}: its certificate page stands alone, its name links to the ticket`, async () => {
      await setUp();
      const leave = vi.spyOn(router, 'replace').mockImplementation(() => undefined);
      at('#/certificate');
      render(App);
      expect(await screen.findByRole('heading', { name: 'Sertifikat saya' }, LOAD)).toBeTruthy();
      expect(screen.queryByRole('navigation')).toBeNull();
      expect(screen.queryByTestId('sync-badge')).toBeNull();
      const header = screen.getByTestId('standalone-header');
      await vi.waitFor(() =>
        expect(within(header).getByRole('link', { name: 'Hadir' })).toHaveAttribute(
          'href',
          `/r/${FIXTURE_EVENT_ID}`,
        ),
      );
      // Away from the page by hand: straight back to the ticket.
      at('#/checkin');
      await vi.waitFor(() => expect(leave).toHaveBeenCalledWith(`/r/${FIXTURE_EVENT_ID}`));
      expect(screen.queryByRole('heading', { name: 'Meja check-in' })).toBeNull();
    });
  }
});

describe('the public certificate check', () => {
  it('stands alone on any device: the app’s name, no staff navigation, no sync badge', async () => {
    await enrol('staff');
    at('#/verify/ABCD-EFGH');
    render(App);
    expect(
      await screen.findByRole('heading', { name: 'Periksa keaslian sertifikat' }, LOAD),
    ).toBeTruthy();
    expect(screen.getByTestId('standalone-header')).toHaveTextContent('Hadir');
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByTestId('sync-badge')).toBeNull();
  });
});

describe('the participants list', () => {
  it('offers a check-in only to a device whose check-ins the server takes', async () => {
    await enrol('staff');
    const { unmount } = render(ParticipantsPage);
    await vi.waitFor(() =>
      expect(screen.getAllByRole('button', { name: 'Check-in' }).length).toBeGreaterThan(0),
    );
    unmount();
    await enrol('trainer');
    render(ParticipantsPage);
    await vi.waitFor(() => expect(screen.getAllByTestId('participant').length).toBeGreaterThan(0));
    await vi.waitFor(() =>
      expect(screen.queryAllByRole('button', { name: 'Check-in' })).toEqual([]),
    );
  });
});
