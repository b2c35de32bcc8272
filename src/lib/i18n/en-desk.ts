// The check-in desk's messages for today's batch, refusals and warnings, English (keys as
// in id-desk.ts).
import type { idDesk } from '#i18n/id-desk';

export const enDesk: Record<keyof typeof idDesk, string> = {
  'desk.registeredToday': 'Registered today',
  'desk.others': 'Not expected today',
  'desk.today': 'Today: {batches}',
  'desk.todayMark': '(today)',
  'desk.noBatchToday':
    'Today is no batch’s day: every check-in asks for confirmation. The counters count only those registered for today.',
  'desk.outsideSchedule':
    'Today is outside the batches’ dates: the counters cover every batch, with no batch warnings.',
  'desk.cancelReason': 'Reason: {reason}',
  'desk.refusedTitle': 'REFUSED',
  'desk.refused': '{name}: registration cancelled. Not recorded as present.',
  'desk.refusedWhat':
    'Do not check in. If the cancellation is a mistake, send them to the organiser.',
  'desk.warnTitle': 'CHECK FIRST',
  'desk.warnOtherBatch': '{name} is registered in {batch} ({dates}), not today’s batch.',
  'desk.warnNoBatch': '{name} is registered in {batch} ({dates}). Today is no batch’s day.',
  'desk.warnWaitlisted': '{name} is still on the waiting list: no seat confirmed by the organiser.',
  'desk.overrideBatch': 'Check in anyway (other batch)',
  'desk.overrideWaitlist': 'Check in anyway (waiting list)',
  'desk.overrideCancel': 'Do not check in',
  'desk.confirmedOther': 'PRESENT · OTHER BATCH',
  'desk.confirmedOtherBatch': 'From {batch} ({dates}), not today’s batch.',
  'desk.confirmedWaitlist': 'PRESENT · WAITING LIST',
  'desk.confirmedWaitlisted': 'Still on the waiting list: tell the organiser.',
  'desk.rowOtherBatch': 'Not today’s batch',
  'desk.lastCheckin': 'Last check-in: {name}',
  'desk.serverRefused': 'Check-ins refused by the server ({count})',
  'desk.serverRefusedHelp':
    'Not counted as present. “Retry” sends again; “Dismiss” if they were recorded another way.',
  'desk.unknownPerson': 'Participant not known on this device',
} as const;
