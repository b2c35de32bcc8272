// The one Dexie database. Its whole schema history lives here (architecture rule 3):
// never edit a released version's stores; add a new version, and an upgrade step when
// existing rows must change. Queued outbox rows must survive every upgrade.
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import { nameSearchKey } from '#domain/search';
import type {
  Alias,
  AttendanceMark,
  Batch,
  Event,
  Participant,
  Session,
  VenueCheckIn,
} from '#domain/model';
import type { Mutation, MutationName } from '#domain/mutations';

const DB_NAME = 'hadir';

/** A participant as stored on the device, with its local search keys. */
export interface ParticipantRow extends Participant {
  /** The name as lists sort it. */
  searchKey: string;
}

/** pending → acked, or → rejected / conflict (needs a person) → dismissed. */
export type OutboxStatus = 'pending' | 'acked' | 'rejected' | 'conflict' | 'dismissed';

/** One queued mutation. `seq` is this device's 1, 2, 3 … numbering (sync-protocol.md). */
export interface OutboxRow<N extends MutationName = MutationName> extends Mutation<N> {
  status: OutboxStatus;
  ackedAt?: string;
  /** Why the server refused it; kept until a person dismisses or fixes it. */
  error?: {
    code: string;
    message: string;
    /** The field the domain rules found wrong, their code for it and its values. */
    field?: string;
    reason?: string;
    params?: Record<string, string | number>;
  };
  /** What the server answered besides "applied" (merge target, conflicting values). */
  result?: { status: string; canonicalId?: string; serverState?: unknown };
  /** Replayed to a restored server after a person had dismissed it. */
  keepDismissed?: true;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Each released schema, oldest first. Exported so upgrade tests open the real old shape. */
export const schemaHistory: readonly { version: number; stores: Record<string, string> }[] = [
  {
    version: 1,
    stores: {
      events: 'id',
      batches: 'id, eventId',
      sessions: 'id, eventId, batchId, start',
      participants: 'id, eventId, batchId, ticketCode, nip',
      checkins: 'id, participantId, [eventId+day], [participantId+day]',
      marks: 'id, sessionId, participantId, [sessionId+participantId]',
      outbox: 'seq, &id, status',
      meta: 'key',
    },
  },
  {
    // v2: name search keys on participants (search by name at the check-in desk).
    version: 2,
    stores: {
      participants: 'id, eventId, batchId, ticketCode, nip, searchKey, *searchTokens',
    },
  },
  {
    // v3: aliases pulled from the server (a merged registration points to its canonical).
    version: 3,
    stores: { aliases: 'id, canonicalId' },
  },
  {
    // v4: acknowledged rows by age, so pruning them does not walk the whole outbox.
    version: 4,
    stores: { outbox: 'seq, &id, status, ackedAt' },
  },
  {
    // v5: only the indexes a query reads. Each is written for every row a pull brings:
    // the name tokens (a multi-entry index: several entries a person), the sort key, NIP
    // and ticket code of participants, and two compound indexes of check-ins and marks,
    // which nothing asked for, were most of a 10,000-person pull (issue 20). The desk
    // searches in memory.
    version: 5,
    stores: {
      participants: 'id, eventId, batchId',
      checkins: 'id, participantId, [eventId+day]',
      marks: 'id, sessionId, participantId',
    },
  },
];

/** Compute the local-only fields of a participant row. */
export function toParticipantRow(p: Participant): ParticipantRow {
  // A phone's merged registration arrives redacted, without a name: nothing to search.
  const name = p.fullName ?? '';
  return { ...p, searchKey: nameSearchKey(name) };
}

const upgrades: Record<number, (tx: Transaction) => Promise<unknown>> = {
  2: (tx) =>
    tx
      .table<ParticipantRow>('participants')
      .toCollection()
      .modify((p) => {
        Object.assign(p, toParticipantRow(p));
      }),
  // The name tokens are no longer kept (v5).
  5: (tx) =>
    tx
      .table<ParticipantRow & { searchTokens?: string[] }>('participants')
      .toCollection()
      .modify((p) => {
        delete p.searchTokens;
      }),
};

export class HadirDb extends Dexie {
  events!: EntityTable<Event, 'id'>;
  batches!: EntityTable<Batch, 'id'>;
  sessions!: EntityTable<Session, 'id'>;
  participants!: EntityTable<ParticipantRow, 'id'>;
  checkins!: EntityTable<VenueCheckIn, 'id'>;
  marks!: EntityTable<AttendanceMark, 'id'>;
  aliases!: EntityTable<Alias, 'id'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    for (const { version, stores } of schemaHistory) {
      const v = this.version(version).stores(stores);
      const upgrade = upgrades[version];
      if (upgrade) v.upgrade(upgrade);
    }
  }
}

/** The schema version this build of the app writes (sent with every push). */
export const SCHEMA_VERSION = schemaHistory[schemaHistory.length - 1]!.version;

let instance: HadirDb | undefined;

/** The tables that mirror the server's rows (sync-protocol.md, pull). */
export function syncedTables(d: HadirDb) {
  return {
    events: d.events,
    batches: d.batches,
    sessions: d.sessions,
    participants: d.participants,
    checkins: d.checkins,
    marks: d.marks,
    aliases: d.aliases,
  } as const;
}

/** The app's single database instance. */
export function db(): HadirDb {
  instance ??= new HadirDb();
  return instance;
}

/** Tests and sign-out use this to start from a fresh instance. */
export function resetDbInstance(next?: HadirDb): void {
  instance = next;
}
