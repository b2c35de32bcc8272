// The organiser's device list, made usable at a real event: 4 desks and a trainer's phone
// among 35 participant phones. Devices are grouped by role (panitia, desks, narasumber,
// participant phones, in that order; venue hubs after the panitia), named for people (a phone by the registration it
// made), and filtered by role, name and state. Pure: the console passes what the server
// listed and the time now.

export const deviceRoles = ['organiser', 'hub', 'staff', 'trainer', 'participant'] as const;
export type DeviceRoleName = (typeof deviceRoles)[number];

export interface ListedDevice {
  id: string;
  role: DeviceRoleName;
  name: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Enrolled at this venue hub (a device of the list, by id). */
  hubId?: string | null | undefined;
  /** A participant phone's registration (the server names it, GET /admin/devices). */
  registration?: { fullName: string; registrationNumber?: string | undefined } | null | undefined;
}

export type DeviceState = 'active' | 'expired' | 'revoked';

export function deviceState(
  d: Pick<ListedDevice, 'expiresAt' | 'revokedAt'>,
  now: string,
): DeviceState {
  if (d.revokedAt) return 'revoked';
  if (d.expiresAt && d.expiresAt < now) return 'expired';
  return 'active';
}

/** What a row is called: its own name, else the registration a phone made (name and
 * number); undefined when it has neither (the console then says so, with its id). */
export function deviceName(d: ListedDevice): { name: string; detail?: string } | undefined {
  if (d.name.trim()) return { name: d.name.trim() };
  const r = d.registration;
  if (!r?.fullName) return undefined;
  return r.registrationNumber
    ? { name: r.fullName, detail: r.registrationNumber }
    : { name: r.fullName };
}

export interface DeviceFilter {
  role: DeviceRoleName | 'all';
  state: DeviceState | 'all';
  /** Words that must each begin a word of the name or of the registration number, or
   * (4 characters or more) the id: "meja 1" finds Meja 1 and Meja 10, not Meja 21. */
  query: string;
}

export const NO_DEVICE_FILTER: DeviceFilter = { role: 'all', state: 'all', query: '' };

const words = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function matches(d: ListedDevice, query: string[]): boolean {
  if (query.length === 0) return true;
  const label = deviceName(d);
  const own = words(`${label?.name ?? ''} ${label?.detail ?? ''}`);
  // The id's start is what the list shows for a device without a name; a word that short
  // ("5" of "meja 5") would find random ids, so it takes 4 characters.
  const id = d.id.toLowerCase();
  return query.every(
    (q) => own.some((w) => w.startsWith(q)) || (q.length >= 4 && id.startsWith(q)),
  );
}

// "Meja 2" before "Meja 10"; active devices before the revoked and expired ones.
const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

export interface DeviceGroup<D extends ListedDevice> {
  role: DeviceRoleName;
  devices: D[];
  /** The role's devices before the name and state filters, for "3 of 35". */
  total: number;
}

/** The devices the filter keeps, by role in the fixed order. Roles without any device
 * are left out, and so are roles the role filter excludes; a role whose devices the name
 * or state filter all hides stays, empty, with its `total`. */
export function groupDevices<D extends ListedDevice>(
  devices: readonly D[],
  filter: DeviceFilter,
  now: string,
): DeviceGroup<D>[] {
  const query = words(filter.query);
  // Active before revoked or expired; named before unnamed (those by id).
  const rank = (d: D) => (deviceState(d, now) === 'active' ? 0 : 2) + (deviceName(d) ? 0 : 1);
  const label = (d: D) => deviceName(d)?.name ?? d.id;
  return deviceRoles
    .filter((role) => filter.role === 'all' || filter.role === role)
    .map((role) => {
      const all = devices.filter((d) => d.role === role);
      const kept = all
        .filter((d) => filter.state === 'all' || deviceState(d, now) === filter.state)
        .filter((d) => matches(d, query))
        .sort((a, b) => rank(a) - rank(b) || collator.compare(label(a), label(b)));
      return { role, devices: kept, total: all.length };
    })
    .filter((g) => g.total > 0);
}
