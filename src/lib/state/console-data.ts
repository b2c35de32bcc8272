// What the console's screens read and write, in one place: pages reach the local database
// through state, never directly (the lint rule for src/pages). Each write goes through the
// outbox with its local effect (#db), so what a form saves is on this device at once and
// reaches the server when it can.
export {
  batchUsage,
  deleteBatch,
  deleteSession,
  saveBatch,
  saveEvent,
  saveSession,
  sessionUsage,
  type BatchUsage,
} from '#db/events';
export {
  deleteParticipant,
  moveParticipants,
  participantsOf,
  patchParticipant,
} from '#db/participants';
export { closeSession, marksOfEvent, sessionProgress } from '#db/attendance';
export { clientId } from '#db/meta';
export { reportData } from '#db/reports';
