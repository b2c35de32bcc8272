// @vitest-environment jsdom
// The app's start page by device: a trainer's phone opens on its sessions.
import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveEnrollment } from '#sync/local';
// eslint-disable-next-line no-restricted-imports -- the app shell sits at src/, outside the aliases
import App from '../../src/App.svelte';
import { freshDb } from '#tests/support/db';
import { FIXTURE_EVENT_ID, seedFixtureLocally } from '#tests/support/fixture';

beforeEach(async () => {
  freshDb();
  await seedFixtureLocally();
  history.replaceState(null, '', '/');
});

describe('the start page', () => {
  it('is the sessions list on a trainer’s phone', async () => {
    await saveEnrollment({
      deviceId: 'phone',
      token: 't',
      role: 'trainer',
      eventId: FIXTURE_EVENT_ID,
    });
    render(App);
    await vi.waitFor(() => expect(location.hash).toBe('#/sessions'));
    // The page is its own chunk: its first import may take a while on a loaded machine.
    const heading = screen.findByRole('heading', { name: 'Kehadiran sesi' }, { timeout: 10_000 });
    expect(await heading).toBeTruthy();
  });
});
