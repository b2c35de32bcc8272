// The badge's words, apart from SyncStatus: the registration page uses SyncStatus too, and
// must not carry the app's message catalog.
import type { SyncStatus } from '#state/sync.svelte';
import { locale } from '#state/locale.svelte';

export type BadgeTone = 'ok' | 'pending' | 'offline' | 'error';

/** One line that is true at a glance (the header, the desk): offline, the server not
 * answering, stopped, unsent, or all saved. */
export function syncBadge(status: SyncStatus): { tone: BadgeTone; label: string } {
  const count = status.unsent;
  const t = locale.t;
  if (status.connection === 'offline') {
    return {
      tone: 'offline',
      label: count ? t('sync.offlineUnsent', { count }) : t('sync.offline'),
    };
  }
  if (status.connection === 'unreachable') {
    const label = count ? t('sync.unreachableUnsent', { count }) : t('sync.unreachable');
    return { tone: 'offline', label };
  }
  if (['revoked', 'unauthenticated', 'outdated'].includes(status.state))
    return { tone: 'error', label: t('sync.stopped') };
  if (count) return { tone: 'pending', label: t('sync.unsent', { count }) };
  return { tone: 'ok', label: t('sync.allSaved') };
}
