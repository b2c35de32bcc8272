// Rules for session attendance marks: every mark is kept for audit; the state of a
// participant in a session is the mark with the highest (hlc, deviceId).
import type { AttendanceMark } from '#domain/model';

export function winningMark(marks: readonly AttendanceMark[]): AttendanceMark | undefined {
  let best: AttendanceMark | undefined;
  for (const m of marks) {
    if (!best || m.hlc > best.hlc || (m.hlc === best.hlc && m.deviceId > best.deviceId)) {
      best = m;
    }
  }
  return best;
}
