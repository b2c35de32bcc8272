// checkin.record and attendance.mark: facts, never refused for being repeats. Every
// check-in and every mark is its own row; devices compute which one counts (the earliest
// check-in per day; the mark with the highest (hlc, deviceId)) with the domain rules.
import type { MutationArgs } from '#domain/mutations';
import type { VenueCheckIn } from '#domain/model';
import { deleteRow, getRow, isTombstone, putRow, rowState, sessionGate } from '#server/store/rows';
import { recordCheckinVoid } from '#server/store/people';
import { getDevice } from '#server/store/devices';
import { participantIdFor } from '#server/apply/participants';
import {
  Rejection,
  nodeOf,
  sameEvent,
  type ApplyContext,
  type Outcome,
} from '#server/apply/context';

/** Whether this fact was stored before (a resend), or taken back since (a voided
 * check-in is not brought back by a late copy); an id of another event is refused. */
function seen(ctx: ApplyContext, tbl: 'checkins' | 'marks', id: string, eventId: string): boolean {
  const state = rowState(ctx.db, tbl, id);
  if (!state) return false;
  if (state.deleted) return state.eventId === eventId;
  if (state.eventId !== eventId) {
    throw new Rejection('EVENT_MISMATCH', 'That id belongs to another event');
  }
  return true;
}

export function recordCheckin(ctx: ApplyContext, args: MutationArgs<'checkin.record'>): Outcome {
  sameEvent(ctx, args.eventId);
  const participantId = participantIdFor(ctx, args.participantId);
  if (seen(ctx, 'checkins', args.checkinId, args.eventId)) return { status: 'applied' };
  const { checkinId, ...rest } = args;
  const data = {
    id: checkinId,
    ...rest,
    participantId,
    deviceId: nodeOf(ctx.device),
    // The log says "Meja 1", not a random id: the name as the server knows it now (a
    // device renamed later keeps its earlier check-ins' name).
    ...(ctx.device.name ? { deviceName: ctx.device.name.slice(0, 100) } : {}),
  };
  putRow(ctx.db, {
    tbl: 'checkins',
    id: checkinId,
    eventId: args.eventId,
    owner: ctx.device.id,
    data,
    v: ctx.v,
  });
  return { status: 'applied' };
}

/**
 * checkin.void: a desk takes back its own check-in (the organiser, any). It leaves every
 * device's counts as a deletion and stays in the server's audit (checkin_voids). Sent again,
 * or after the person was erased, it changes nothing.
 */
export function voidCheckin(ctx: ApplyContext, args: MutationArgs<'checkin.void'>): Outcome {
  sameEvent(ctx, args.eventId);
  const row = getRow<VenueCheckIn>(ctx.db, 'checkins', args.checkinId);
  if (!row) {
    if (isTombstone(ctx.db, 'checkins', args.checkinId, args.eventId)) return { status: 'applied' };
    throw new Rejection('NOT_FOUND', 'Unknown check-in');
  }
  if (row.eventId !== args.eventId) {
    throw new Rejection('EVENT_MISMATCH', 'That id belongs to another event');
  }
  // By the push stream the server issued, never by the client id a browser chose (and
  // every desk can read off a check-in): a browser enrolled again keeps its stream.
  const recorder = row.owner ? getDevice(ctx.db, row.owner) : undefined;
  if (ctx.device.role !== 'organiser' && recorder?.stream !== ctx.device.stream) {
    throw new Rejection('FORBIDDEN', 'A desk takes back only its own check-ins');
  }
  recordCheckinVoid(ctx.db, {
    checkinId: row.id,
    eventId: row.eventId,
    participantId: row.data.participantId,
    data: row.data as unknown as Record<string, unknown>,
    voidedAt: args.at,
    deviceId: ctx.device.id,
    mutationId: ctx.mutation.id,
  });
  deleteRow(ctx.db, 'checkins', row.id, ctx.v);
  return { status: 'applied' };
}

export function markAttendance(ctx: ApplyContext, args: MutationArgs<'attendance.mark'>): Outcome {
  sameEvent(ctx, args.eventId);
  const session = sessionGate(ctx.db, args.sessionId, ctx.device.id);
  if (!session || session.eventId !== args.eventId)
    throw new Rejection('NOT_FOUND', 'Unknown session');
  if (ctx.device.role === 'trainer' && !session.trainer) {
    throw new Rejection('FORBIDDEN', 'A trainer marks only their own sessions');
  }
  if (session.closed && ctx.device.role !== 'organiser') {
    throw new Rejection(
      'SESSION_CLOSED',
      'The session is finished: only the organiser marks it now',
    );
  }
  const participantId = participantIdFor(ctx, args.participantId);
  if (seen(ctx, 'marks', args.markId, args.eventId)) return { status: 'applied' };
  const { markId, ...rest } = args;
  const data = {
    id: markId,
    ...rest,
    participantId,
    hlc: ctx.mutation.hlc,
    deviceId: nodeOf(ctx.device),
  };
  putRow(ctx.db, {
    tbl: 'marks',
    id: markId,
    eventId: args.eventId,
    owner: ctx.device.id,
    data,
    v: ctx.v,
  });
  return { status: 'applied' };
}
