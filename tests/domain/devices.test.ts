// The organiser's device list rules (pure): role order, names, natural order with the
// inactive last, and the filters.
import { describe, expect, it } from 'vitest';
import { deviceName, deviceState, groupDevices, NO_DEVICE_FILTER } from '#domain/devices';
import type { ListedDevice } from '#domain/devices';

const NOW = '2025-06-02T08:00:00.000Z';
let n = 0;
const device = (over: Partial<ListedDevice>): ListedDevice => ({
  id: `dev${++n}xyz`,
  role: 'staff',
  name: '',
  expiresAt: '2025-12-01T00:00:00.000Z',
  revokedAt: null,
  ...over,
});

const phone = device({
  role: 'participant',
  registration: { fullName: 'Siti Rahmah', registrationNumber: 'KS-A1-004' },
});
const bare = device({ role: 'participant', id: 'Qx9aBcDef' });
const desks = ['Meja 10', 'Meja 2', 'Meja 1'].map((name) => device({ name }));
const gone = device({ name: 'Meja 0', revokedAt: '2025-06-01T00:00:00.000Z' });
const old = device({ role: 'organiser', name: 'Panitia', expiresAt: '2025-06-01T00:00:00.000Z' });
const laptop = device({ role: 'organiser', name: 'Laptop' });
const all = [phone, bare, ...desks, gone, old, laptop];

/** The groups with rows, as the console shows them. */
const names = (groups: ReturnType<typeof groupDevices>) =>
  groups
    .filter((g) => g.devices.length > 0)
    .map((g) => [g.role, g.devices.map((d) => deviceName(d)?.name ?? d.id)]);

describe('the device list', () => {
  it('groups by role in a fixed order; desks in natural order, the inactive after', () => {
    expect(names(groupDevices(all, NO_DEVICE_FILTER, NOW))).toEqual([
      ['organiser', ['Laptop', 'Panitia']],
      ['staff', ['Meja 1', 'Meja 2', 'Meja 10', 'Meja 0']],
      ['participant', ['Siti Rahmah', 'Qx9aBcDef']],
    ]);
    expect(deviceState(old, NOW)).toBe('expired');
    expect(deviceState(gone, NOW)).toBe('revoked');
  });

  it('names a phone by its registration, and nothing else by a made-up name', () => {
    expect(deviceName(phone)).toEqual({ name: 'Siti Rahmah', detail: 'KS-A1-004' });
    expect(deviceName(bare)).toBeUndefined();
    expect(deviceName(device({ name: '  ' }))).toBeUndefined();
  });

  it('filters by role, state and words that begin a name, a number or the id', () => {
    const only = (f: Partial<typeof NO_DEVICE_FILTER>) =>
      names(groupDevices(all, { ...NO_DEVICE_FILTER, ...f }, NOW));
    expect(only({ role: 'staff', query: 'meja 1' })).toEqual([['staff', ['Meja 1', 'Meja 10']]]);
    expect(only({ query: 'ks-a1' })).toEqual([['participant', ['Siti Rahmah']]]);
    expect(only({ query: 'qx9a' })).toEqual([['participant', ['Qx9aBcDef']]]);
    expect(only({ query: 'qx' })).toEqual([]); // too short to be read as an id
    expect(only({ state: 'expired' })).toEqual([['organiser', ['Panitia']]]);
    // A role kept by the role filter shows with no rows when nothing else matches.
    const none = groupDevices(all, { ...NO_DEVICE_FILTER, query: 'zzz' }, NOW);
    expect(none.every((g) => g.devices.length === 0)).toBe(true);
    expect(none.find((g) => g.role === 'staff')?.total).toBe(4);
  });
});
