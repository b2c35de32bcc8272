// What each role may see of a synced row, written down once for every test from
// docs/protocol.md ("What each role sees") and issue 4 (UU 27/2022). It is the tests' own
// statement of the rule: src/server/pull.ts and src/server/events.ts apply the rule, and
// a test that read its expectation from them would check the code against itself.
import type { Role } from '#sync/protocol';

type Data = Record<string, unknown>;

/** What a trainer may know of a participant: who they are and where from. */
export const TRAINER_PARTICIPANT_FIELDS: readonly string[] = [
  'id',
  'eventId',
  'batchId',
  'fullName',
  'institution',
  'regionCode',
  'status',
];

/** What a trainer never gets: a person's numbers and contacts, a check-in's signature. */
export const SECRET_FIELDS: readonly string[] = [
  'nip',
  'nik',
  'phone',
  'email',
  'ticketCode',
  'consentAt',
  'signature',
];

/** Who signs the sheets and certificates (with their NIPs), and the letterhead: an
 * event's fields only the organiser's device gets (the committee goes as `[]`). */
export const SIGNER_FIELDS: readonly string[] = [
  'official',
  'approver',
  'certificate',
  'letterhead',
];

/** An event's fields the public page and a participant's phone never get. */
export const PRIVATE_EVENT_FIELDS: readonly string[] = [...SIGNER_FIELDS, 'regionQuotas', 'purge'];

/** The tables anyone enrolled in the event sees whole (the public page's rows). */
export const PUBLIC_TABLES: readonly string[] = ['events', 'batches', 'sessions'];

/** A phone sees the public rows and its own registration: no aliases, nobody else. */
export const PARTICIPANT_TABLES: readonly string[] = [...PUBLIC_TABLES, 'participants'];

/** Only `fields` of a row (those it has). */
export function onlyFields(data: Data, fields: readonly string[]): Data {
  return Object.fromEntries(fields.filter((f) => f in data).map((f) => [f, data[f]]));
}

/** A row without `fields`. */
export function withoutFields(data: Data, fields: readonly string[]): Data {
  return Object.fromEntries(Object.entries(data).filter(([f]) => !fields.includes(f)));
}

/** An event as every device but the organiser's gets it. */
export const eventWithoutSigners = (event: Data): Data => ({
  ...withoutFields(event, SIGNER_FIELDS),
  committee: [],
});

/** What a device sees beyond the public rows: a trainer its sessions and their batches'
 * people, a phone its own registration. */
export interface Scope {
  /** Trainer: the participants of the batches of its sessions. */
  roster?: ReadonlySet<string>;
  /** Trainer: the sessions whose trainerDeviceIds hold its device id. */
  sessions?: ReadonlySet<string>;
  /** Participant: the registrations this phone made. */
  own?: ReadonlySet<string>;
}

/**
 * A live row of the device's own event as a device of `role` should hold it, or undefined
 * when it should not hold it at all (docs/protocol.md, "What each role sees").
 */
export function seenBy(
  role: Role,
  row: { table: string; id: string; data: Data },
  scope: Scope = {},
): Data | undefined {
  const { table, id, data } = row;
  if (role === 'organiser') return data;
  if (role === 'participant') {
    if (table === 'events') return { ...withoutFields(data, PRIVATE_EVENT_FIELDS), committee: [] };
    if (table === 'sessions') return { ...data, trainerDeviceIds: [] };
    if (table === 'batches') return data;
    if (table === 'participants') return scope.own?.has(id) ? data : undefined;
    return undefined;
  }
  if (table === 'events') return eventWithoutSigners(data);
  if (role === 'staff') return table === 'checkins' ? withoutFields(data, ['signature']) : data;
  // A trainer.
  if (table === 'participants')
    return scope.roster?.has(id) ? onlyFields(data, TRAINER_PARTICIPANT_FIELDS) : undefined;
  if (table === 'checkins')
    return scope.roster?.has(String(data.participantId))
      ? withoutFields(data, ['signature'])
      : undefined;
  if (table === 'marks') return scope.sessions?.has(String(data.sessionId)) ? data : undefined;
  return data;
}
