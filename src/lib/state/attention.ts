// Changes the server refused, as a person reads them: what, why (in words), when, and the
// screen where the change was made, so the badge's detail and the device page point there.
import { formatDateTime } from '#domain/time';
import type { Route } from '#domain/access';
import type { OutboxRow } from '#db/database';
import { rejectionText } from '#i18n/rejection';
import type { MessageKey } from '#i18n/translate';
import { locale } from '#state/locale.svelte';
import { router } from '#state/router.svelte';

export interface AttentionItem {
  seq: number;
  label: string;
  reason: string;
  at: string;
  /** The screen where the change was made, if this device may open it. */
  href?: string;
}

/** Why a row needs a person, in the chosen language. */
export function attentionReason(row: OutboxRow): string {
  return row.status === 'conflict'
    ? locale.t('attention.conflict')
    : rejectionText(row.error, locale.lang);
}

/** Where a change was made: a session's roster, the desk, or the console. */
function madeOn(row: OutboxRow, mayOpen: (route: Route) => boolean): [Route, string?] {
  switch (row.name) {
    case 'attendance.mark':
      return ['sessions', (row as OutboxRow<'attendance.mark'>).args.sessionId];
    case 'session.close':
      return ['sessions', (row as OutboxRow<'session.close'>).args.sessionId];
    case 'checkin.record':
      return ['checkin'];
    case 'participant.register': // the console's, or a desk's walk-in
      return [mayOpen('organiser') ? 'organiser' : 'checkin'];
    default:
      return ['organiser'];
  }
}

export function attentionItems(
  rows: readonly OutboxRow[],
  timezone: string,
  mayOpen: (route: Route) => boolean,
): AttentionItem[] {
  return rows.map((row) => {
    const [route, param] = madeOn(row, mayOpen);
    return {
      seq: row.seq,
      label: locale.t(`mutation.${row.name}` as MessageKey),
      reason: attentionReason(row),
      at: formatDateTime(row.createdAt, timezone, locale.lang),
      ...(mayOpen(route) ? { href: router.href(route, param) } : {}),
    };
  });
}
