// The organiser's device list (GET /admin/devices): every device of the event, never its
// token, client id or stream. A participant phone has no name of its own (it joined
// through the public link), so it is named by the registration it made: the organiser
// sees that registration anyway, and "Siti Rahmah · KS-A1-004" says which phone it is
// where a random id says nothing.
import { listDevices, type Device } from '#server/auth';
import type { Db } from '#server/store/database';
import { rowsOfEvent } from '#server/store/rows';

export interface DeviceRegistration {
  participantId: string;
  fullName: string;
  registrationNumber?: string;
}

export type DeviceListItem = Omit<Device, 'clientId' | 'stream'> & {
  /** Participant phones: the registration this phone made (or was merged into). */
  registration: DeviceRegistration | null;
};

interface Person {
  id: string;
  fullName?: string;
  registrationNumber?: string;
}

/** Phone (device id) → the registration it created; a phone whose registration was merged
 * into an earlier one (same NIP) owns the alias, and is named by the canonical row. */
function registrationsByPhone(db: Db, eventId: string): Map<string, DeviceRegistration> {
  const people = new Map(rowsOfEvent<Person>(db, eventId, 'participants').map((p) => [p.id, p]));
  const byPhone = new Map<string, DeviceRegistration>();
  const name = (owner: string | null, p: Person | undefined) => {
    if (!owner || !p || byPhone.has(owner)) return;
    byPhone.set(owner, {
      participantId: p.id,
      fullName: p.fullName ?? '',
      ...(p.registrationNumber ? { registrationNumber: p.registrationNumber } : {}),
    });
  };
  for (const p of people.values()) name(p.owner, p.data);
  for (const a of rowsOfEvent<{ canonicalId: string }>(db, eventId, 'aliases')) {
    name(a.owner, people.get(a.data.canonicalId)?.data);
  }
  return byPhone;
}

export function deviceList(db: Db, eventId: string): DeviceListItem[] {
  const phones = registrationsByPhone(db, eventId);
  return listDevices(db)
    .filter((d) => d.eventId === eventId)
    .map(({ clientId: _clientId, stream: _stream, ...d }) => ({
      ...d,
      registration: d.role === 'participant' ? (phones.get(d.id) ?? null) : null,
    }));
}
