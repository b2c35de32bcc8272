// participant.register / .patch / .cancel. The same person registered twice (same NIP
// or NIK in one event, compared through an HMAC) is merged: the first committed row is
// canonical and the other id becomes an alias that later mutations are redirected by.
import { createHmac } from 'node:crypto';
import { isHlc } from '#domain/hlc';
import type { MutationArgs } from '#domain/mutations';
import { participantIdentifierIssues } from '#domain/identifiers';
import { Participant } from '#domain/model';
import type { AliasData } from '#sync/protocol';
import type { Db } from '#server/store/database';
import {
  deleteRow,
  getRow,
  idsOwnedBy,
  putRow,
  aliasTarget,
  rowState,
  type StoredRow,
} from '#server/store/rows';
import {
  claimNationalId,
  deleteCheckinVoids,
  deleteIdentityEdits,
  holderOfNationalId,
  recordIdentityEdit,
  registeredFromRegion,
  registeredIn,
  releaseNationalIds,
  rowsAboutPerson,
} from '#server/store/people';
import { deleteCertificates } from '#server/store/certificates';
import {
  Rejection,
  nodeOf,
  refuseIdentifiers,
  sameEvent,
  type ApplyContext,
  type Outcome,
} from '#server/apply/context';
import { nextNumber } from '#server/apply/numbers';

type P = Participant & Record<string, unknown>;

const IDENTITY_FIELDS = new Set(['fullName', 'nip', 'nik']);
const IMMUTABLE_FIELDS = new Set(['id', 'eventId', 'createdAt', 'source', 'ticketCode']);
/** What a person may correct on their own registration (name spelling, institution,
 * contact): never the organiser's decisions (status, batch, number, review flag), their
 * national ids, nor what quotas count (kabupaten/kota). */
const SELF_EDITABLE_FIELDS = new Set(['fullName', 'institution', 'phone', 'email', 'updatedAt']);

export function nationalIdHmac(secret: string, kind: 'nip' | 'nik', digits: string): string {
  return createHmac('sha256', secret).update(`${kind}:${digits}`).digest('hex');
}

function nationalIds(p: { nip?: string | undefined; nik?: string | undefined }) {
  const ids: ['nip' | 'nik', string][] = [];
  if (p.nip) ids.push(['nip', p.nip]);
  if (p.nik) ids.push(['nik', p.nik]);
  return ids;
}

function findByNationalId(ctx: ApplyContext, eventId: string, kind: 'nip' | 'nik', digits: string) {
  return holderOfNationalId(ctx.db, eventId, kind, nationalIdHmac(ctx.secret, kind, digits));
}

function claimNationalIds(ctx: ApplyContext, p: P): void {
  for (const [kind, digits] of nationalIds(p)) {
    claimNationalId(ctx.db, p.eventId, kind, nationalIdHmac(ctx.secret, kind, digits), p.id);
  }
}

/** Follow an alias to the canonical participant id. */
export function canonicalId(ctx: ApplyContext, id: string): string {
  return aliasTarget(ctx.db, id) ?? id;
}

/** The id of the participant a fact names (after aliases), in the device's event; their
 * data is not read (a check-in or a mark needs only who). */
export function participantIdFor(ctx: ApplyContext, id: string): string {
  const canonical = canonicalId(ctx, id);
  const state = rowState(ctx.db, 'participants', canonical);
  if (!state || state.deleted || state.eventId !== ctx.device.eventId)
    throw new Rejection('NOT_FOUND', 'Unknown participant');
  return canonical;
}

/** The participant a mutation names, after aliases, in the device's event. */
export function participantFor(ctx: ApplyContext, id: string): StoredRow<P> {
  const row = getRow<P>(ctx.db, 'participants', canonicalId(ctx, id));
  if (!row || row.eventId !== ctx.device.eventId)
    throw new Rejection('NOT_FOUND', 'Unknown participant');
  return row;
}

/** The event's province and the server's clock, for the identifier rules. */
function identifierContext(ctx: ApplyContext, eventId: string) {
  const event = getRow<{ provinceCode?: string }>(ctx.db, 'events', eventId);
  return { provinceCode: event?.data.provinceCode ?? '63', today: ctx.now };
}

/** A participant device may touch only its own registration (or what it merged into). */
function assertOwn(ctx: ApplyContext, row: StoredRow<P>): void {
  // Only the phone that created the row. A phone merged into an existing registration
  // (same NIP) does not get to change it: knowing someone's NIP proves nothing.
  if (ctx.device.role === 'participant' && row.owner !== ctx.device.id) {
    throw new Rejection('FORBIDDEN', 'A participant may change only their own registration');
  }
}

/** A person's own changes stop when the organiser closes registration (issue 5). */
function assertOpenForSelf(ctx: ApplyContext, row: StoredRow<P>): void {
  if (ctx.device.role !== 'participant') return;
  const event = getRow<{ registrationOpen?: boolean }>(ctx.db, 'events', row.eventId);
  if (event?.data.registrationOpen === false) {
    throw new Rejection('FORBIDDEN', 'The organiser has closed changes to registrations');
  }
}

/**
 * The answer to a registration merged into an earlier one. A desk or the organiser learns
 * which participant it became; a participant's phone only that the person is registered
 * (typing someone's NIP must not yield their registration, not even its id).
 */
function mergedInto(ctx: ApplyContext, canonicalId: string): Outcome {
  return ctx.device.role === 'participant'
    ? { status: 'merged' }
    : { status: 'merged', canonicalId };
}

export function register(ctx: ApplyContext, args: MutationArgs<'participant.register'>): Outcome {
  const p = args.participant as P;
  sameEvent(ctx, p.eventId);
  const existing = getRow<P>(ctx.db, 'participants', p.id) ?? getRow(ctx.db, 'aliases', p.id);
  if (existing && existing.eventId !== p.eventId) {
    throw new Rejection('EVENT_MISMATCH', 'That id belongs to another event');
  }
  if (existing?.tbl === 'participants') return { status: 'applied' }; // sent again
  if (existing) return mergedInto(ctx, String(existing.data.canonicalId));

  const batch = getRow<{ capacity: number }>(ctx.db, 'batches', p.batchId);
  if (!batch || batch.eventId !== p.eventId) throw new Rejection('NOT_FOUND', 'Unknown batch');
  // Before any NIP is looked up: a number the form would refuse is nobody's.
  refuseIdentifiers(participantIdentifierIssues(p, identifierContext(ctx, p.eventId)));
  if (ctx.device.role === 'participant') {
    if (p.source !== 'self') throw new Rejection('FORBIDDEN', 'A participant registers as self');
    // One registration per phone, whether it was kept or merged into an earlier one.
    const [mine] = idsOwnedBy(ctx.db, ctx.device.id, ['participants', 'aliases']);
    if (mine) throw new Rejection('ALREADY_REGISTERED', 'This phone already registered', mine);
  }

  for (const [kind, digits] of nationalIds(p)) {
    const canonical = findByNationalId(ctx, p.eventId, kind, digits);
    if (canonical) {
      const data: AliasData = { id: p.id, eventId: p.eventId, canonicalId: canonical };
      putRow(ctx.db, {
        tbl: 'aliases',
        id: p.id,
        eventId: p.eventId,
        owner: ctx.device.id,
        data,
        v: ctx.v,
      });
      return mergedInto(ctx, canonical);
    }
  }

  // A self-registration beyond the batch's capacity, or beyond its kabupaten/kota's
  // quota, goes on the waiting list; walk-ins and imports are people already in the room
  // or on the organiser's list.
  let status = p.status;
  if (p.source === 'self' && status === 'registered') {
    if (registeredIn(ctx.db, p.batchId) >= batch.data.capacity || regionFull(ctx, p))
      status = 'waitlisted';
  }
  // A walk-in is always left for the organiser to complete, whatever the desk sent.
  const needsReview = p.source === 'walkin' ? true : p.needsReview;
  const data = { ...p, status, needsReview, registrationNumber: nextNumber(ctx, p) };
  const hlcs = Object.fromEntries(Object.keys(data).map((k) => [k, ctx.mutation.hlc]));
  putRow(ctx.db, {
    tbl: 'participants',
    id: p.id,
    eventId: p.eventId,
    owner: ctx.device.id,
    data,
    hlcs,
    v: ctx.v,
  });
  claimNationalIds(ctx, data);
  return status === p.status
    ? { status: 'applied' }
    : { status: 'applied', serverState: { status } };
}

export function patch(ctx: ApplyContext, args: MutationArgs<'participant.patch'>): Outcome {
  const row = participantFor(ctx, args.participantId);
  assertOwn(ctx, row);
  assertOpenForSelf(ctx, row);
  if (ctx.device.role === 'participant') {
    const other = Object.keys(args.fields).find((f) => !SELF_EDITABLE_FIELDS.has(f));
    if (other) throw new Rejection('FORBIDDEN', `A participant may not change ${other}`);
  }
  const shape = Participant.shape as Record<
    string,
    { safeParse(v: unknown): { success: boolean } }
  >;
  const data = { ...row.data };
  const hlcs = { ...row.hlcs };
  const lost: Record<string, unknown> = {};
  for (const [field, { v, hlc }] of Object.entries(args.fields)) {
    // Own keys only: a field named `constructor` or `__proto__` is refused, not run.
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (IMMUTABLE_FIELDS.has(field) || !schema) {
      throw new Rejection('INVALID_MUTATION', `Field ${field} cannot be patched`);
    }
    if (!schema.safeParse(v).success) {
      throw new Rejection('INVALID_MUTATION', `Invalid ${field}`, undefined, {
        field,
        reason: 'format',
      });
    }
    // A field's stamp may not run ahead of its mutation's, which passed the clock-skew
    // check: else one far-future stamp would win every later edit of that field.
    if (!isHlc(hlc) || hlc > ctx.mutation.hlc)
      throw new Rejection('INVALID_MUTATION', `Invalid stamp for ${field}`);
    const prev = hlcs[field];
    if (prev !== undefined && hlc <= prev) {
      if (IDENTITY_FIELDS.has(field) && data[field] !== v) lost[field] = data[field];
      continue;
    }
    if ((field === 'nip' || field === 'nik') && typeof v === 'string') {
      const other = findByNationalId(ctx, row.eventId, field, v);
      if (other && other !== row.id) {
        lost[field] = data[field];
        continue;
      }
      // The old number no longer identifies this person: a new registration with it
      // must not be merged into them.
      releaseNationalIds(ctx.db, row.id, field);
    }
    recordIdentityEdit(ctx.db, {
      participantId: row.id,
      field,
      oldValue: data[field],
      oldHlc: prev ?? null,
      newValue: v,
      newHlc: hlc,
      clientId: nodeOf(ctx.device),
      mutationId: ctx.mutation.id,
      at: ctx.now.toISOString(),
    });
    data[field] = v;
    hlcs[field] = hlc;
  }
  data.updatedAt = ctx.now.toISOString();
  // The identifiers this patch wrote, or whose rule it changed (a NIP is read by the
  // gender and employment status), must pass the form's rules. An old value that fails a
  // newer rule is left for the organiser's list, not a reason to refuse other edits.
  const written = new Set(Object.keys(args.fields).filter((f) => hlcs[f] === args.fields[f]!.hlc));
  const reread = written.has('gender') || written.has('employmentStatus');
  const issues = participantIdentifierIssues(data, identifierContext(ctx, row.eventId)).filter(
    (i) => written.has(i.field) || (reread && (i.field === 'nip' || i.field === 'nik')),
  );
  refuseIdentifiers(issues);
  // A move goes to a batch that exists: one deleted meanwhile (batch.delete) must not get
  // people back, since its deletion was refused while it had any.
  if (written.has('batchId')) {
    const batch = getRow(ctx.db, 'batches', String(data.batchId));
    if (!batch || batch.eventId !== row.eventId) throw new Rejection('NOT_FOUND', 'Unknown batch');
  }
  putRow(ctx.db, { ...row, data, hlcs, v: ctx.v });
  claimNationalIds(ctx, data);
  if (Object.keys(lost).length > 0)
    return { status: 'conflict', serverState: { id: row.id, fields: lost } };
  return { status: 'applied' };
}

export function cancel(ctx: ApplyContext, args: MutationArgs<'participant.cancel'>): Outcome {
  const row = participantFor(ctx, args.participantId);
  assertOwn(ctx, row);
  assertOpenForSelf(ctx, row);
  const hlc = ctx.mutation.hlc;
  const lost = row.hlcs.status !== undefined && hlc <= row.hlcs.status;
  const data = lost
    ? row.data
    : {
        ...row.data,
        status: 'cancelled',
        cancelReason: args.reason,
        updatedAt: ctx.now.toISOString(),
      };
  const hlcs = lost ? row.hlcs : { ...row.hlcs, status: hlc, cancelReason: hlc };
  // Written with this batch's version even when the cancel lost: the sender already shows
  // it cancelled, and only a new version makes its next pull bring the server's row back.
  putRow(ctx.db, { ...row, data, hlcs, v: ctx.v });
  return lost
    ? { status: 'conflict', serverState: { id: row.id, fields: { status: row.data.status } } }
    : { status: 'applied' };
}

function regionFull(ctx: ApplyContext, p: Participant): boolean {
  const event = getRow<{ regionQuotas?: Record<string, number> }>(ctx.db, 'events', p.eventId);
  const quota = event?.data.regionQuotas?.[p.regionCode];
  if (quota === undefined) return false;
  return registeredFromRegion(ctx.db, p.eventId, p.regionCode) >= quota;
}

/** Erase a person for everyone: the registration, its check-ins, marks and aliases become
 * tombstones at `v`; its national-id claims, audit trail and certificate are deleted (the
 * public check then knows no such certificate). */
export function erasePerson(db: Db, eventId: string, participantId: string, v: number): void {
  for (const r of rowsAboutPerson(db, eventId, participantId)) deleteRow(db, r.tbl, r.id, v);
  deleteRow(db, 'participants', participantId, v);
  releaseNationalIds(db, participantId);
  deleteIdentityEdits(db, participantId);
  deleteCertificates(db, eventId, participantId);
  deleteCheckinVoids(db, eventId, participantId);
}

/** participant.delete (organiser): the person is erased for every device. */
export function remove(ctx: ApplyContext, args: MutationArgs<'participant.delete'>): Outcome {
  const row = participantFor(ctx, args.participantId);
  erasePerson(ctx.db, row.eventId, row.id, ctx.v);
  return { status: 'applied' };
}
