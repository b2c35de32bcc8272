// The commands a device records in its outbox and the server applies (sync-protocol.md,
// "Mutations"). One schema per mutation name; the wire envelope lives in sync/protocol.
import * as z from 'zod/mini';
import {
  Batch,
  Event,
  Participant,
  Session,
  attendanceStatuses,
  checkinMethods,
  day,
  id,
  instant,
} from '#domain/model';
import { MAX_SIGNATURE_CHARS, SIGNATURE_PATTERN } from '#domain/signature';

export const mutationArgs = {
  'event.upsert': z.object({ event: Event }),
  'batch.upsert': z.object({ batch: Batch }),
  'session.upsert': z.object({ session: Session }),
  /** The organiser deletes a batch: never one with registrations (move them first); one
   * with sessions only when confirmed (`force`), and its sessions and marks go with it. */
  'batch.delete': z.object({
    batchId: id(),
    eventId: id(),
    force: z.optional(z.boolean()),
  }),
  /** The organiser deletes a session; one with marks only when confirmed (`force`), and
   * its marks go with it. */
  'session.delete': z.object({
    sessionId: id(),
    eventId: id(),
    force: z.optional(z.boolean()),
  }),
  'participant.register': z.object({ participant: Participant }),
  'participant.patch': z.object({
    participantId: id(),
    /** Per-field last-writer-wins: each value carries the HLC it was written at. */
    fields: z.record(z.string(), z.object({ v: z.unknown(), hlc: z.string() })),
  }),
  'participant.cancel': z.object({
    participantId: id(),
    reason: z.string().check(z.maxLength(300)),
  }),
  /** The organiser removes a registration and everything recorded about the person. */
  'participant.delete': z.object({
    participantId: id(),
    reason: z.optional(z.string().check(z.maxLength(300))),
  }),
  'checkin.record': z.object({
    checkinId: id(),
    eventId: id(),
    participantId: id(),
    day: day(),
    at: instant(),
    method: z.enum(checkinMethods),
    signature: z.optional(
      z.string().check(z.maxLength(MAX_SIGNATURE_CHARS), z.regex(SIGNATURE_PATTERN)),
    ),
  }),
  /** The trainer finishes a session (closed), or the organiser opens it again. */
  'session.close': z.object({
    sessionId: id(),
    eventId: id(),
    closed: z.boolean(),
    at: instant(),
  }),
  /** The desk takes back a check-in made by mistake (undo): a fact of its own, sent at
   * once like the check-in; the server keeps the check-in in its audit, out of the counts. */
  'checkin.void': z.object({
    checkinId: id(),
    eventId: id(),
    at: instant(),
  }),
  'attendance.mark': z.object({
    markId: id(),
    eventId: id(),
    sessionId: id(),
    participantId: id(),
    status: z.enum(attendanceStatuses),
    note: z.optional(z.string().check(z.maxLength(300))),
    at: instant(),
  }),
} as const;

export type MutationName = keyof typeof mutationArgs;
export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgs)[N]>;
export const mutationNames = Object.keys(mutationArgs) as MutationName[];

/** A mutation as recorded on a device, before the wire envelope adds the client id. */
export interface Mutation<N extends MutationName = MutationName> {
  seq: number;
  id: string;
  name: N;
  args: MutationArgs<N>;
  hlc: string;
  createdAt: string;
}
