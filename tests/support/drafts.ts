// Mutations as a device makes them, before it numbers and stamps them (TestDevice.send
// does that): valid by default, overridable per test.
import { formatHlc } from '#domain/hlc';
import type { Participant, Session } from '#domain/model';
import type { MutationArgs, MutationName } from '#domain/mutations';
import { FIXTURE_EVENT_ID, fixture } from '#tests/support/fixture';

export function hlcAt(clientId: string, wall: number, counter = 0): string {
  return formatHlc({ wall, counter, node: clientId });
}

/** A mutation before a device numbers and stamps it. */
export interface Draft<N extends MutationName = MutationName> {
  name: N | string;
  args: unknown;
  /** A fixed stamp (clock-skew and last-writer-wins tests); else the device's clock. */
  hlc?: string;
}

export function checkin(
  participantId: string,
  over: Partial<MutationArgs<'checkin.record'>> = {},
): Draft<'checkin.record'> {
  return {
    name: 'checkin.record',
    args: {
      checkinId: crypto.randomUUID(),
      eventId: FIXTURE_EVENT_ID,
      participantId,
      day: fixture.batches[0]!.startDate,
      at: new Date().toISOString(),
      method: 'qr',
      ...over,
    } satisfies MutationArgs<'checkin.record'>,
  };
}

/** Take back a check-in (the desk's undo). */
export function voidCheckin(
  checkinId: string,
  over: Partial<MutationArgs<'checkin.void'>> = {},
): Draft<'checkin.void'> {
  return {
    name: 'checkin.void',
    args: {
      checkinId,
      eventId: FIXTURE_EVENT_ID,
      at: new Date().toISOString(),
      ...over,
    } satisfies MutationArgs<'checkin.void'>,
  };
}

export function mark(
  sessionId: string,
  participantId: string,
  status: MutationArgs<'attendance.mark'>['status'] = 'hadir',
  over: Partial<MutationArgs<'attendance.mark'>> = {},
): Draft<'attendance.mark'> {
  return {
    name: 'attendance.mark',
    args: {
      markId: crypto.randomUUID(),
      eventId: FIXTURE_EVENT_ID,
      sessionId,
      participantId,
      status,
      at: new Date().toISOString(),
      ...over,
    } satisfies MutationArgs<'attendance.mark'>,
  };
}

export function register(participant: Participant): Draft<'participant.register'> {
  return { name: 'participant.register', args: { participant } };
}

export function patch(
  participantId: string,
  fields: Record<string, { v: unknown; hlc: string }>,
  hlc?: string,
): Draft<'participant.patch'> {
  return {
    name: 'participant.patch',
    args: { participantId, fields },
    ...(hlc ? { hlc } : {}),
  };
}

export function closeSession(
  sessionId: string,
  closed: boolean,
  over: Partial<MutationArgs<'session.close'>> = {},
): Draft<'session.close'> {
  const at = new Date().toISOString();
  return {
    name: 'session.close',
    args: { sessionId, eventId: FIXTURE_EVENT_ID, closed, at, ...over },
  };
}

export function upsertSession(session: Session): Draft<'session.upsert'> {
  return { name: 'session.upsert', args: { session } };
}

export function upsert(
  kind: 'event' | 'batch' | 'session',
  entity: Record<string, unknown>,
): Draft<'event.upsert' | 'batch.upsert' | 'session.upsert'> {
  return { name: `${kind}.upsert` as const, args: { [kind]: entity } };
}

/** batch.delete / session.delete of the fixture's event; `force` confirms what goes with it. */
export function deleteBatch(
  batchId: string,
  over: Partial<MutationArgs<'batch.delete'>> = {},
): Draft<'batch.delete'> {
  return { name: 'batch.delete', args: { batchId, eventId: FIXTURE_EVENT_ID, ...over } };
}

export function deleteSession(
  sessionId: string,
  over: Partial<MutationArgs<'session.delete'>> = {},
): Draft<'session.delete'> {
  return { name: 'session.delete', args: { sessionId, eventId: FIXTURE_EVENT_ID, ...over } };
}
