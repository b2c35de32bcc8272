// The badge's words, apart from SyncStatus: the registration page uses SyncStatus too, and
// must not carry the app's message catalog.
import type { SyncStatus } from '#state/sync.svelte';
import { locale } from '#state/locale.svelte';
import { serverChoice } from '#state/server-choice.svelte';

export type BadgeTone = 'ok' | 'pending' | 'offline' | 'error';

/** One line that is true at a glance (the header, the desk): offline, the server not
 * answering, stopped, refused changes waiting for a person, unsent, or all saved. Never
 * "all saved" while the server has refused something: that work is not saved anywhere
 * but this device, and only a person can retry or dismiss it. */
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
  const refused = status.rejected;
  if (refused) {
    const label = count
      ? t('sync.attentionUnsent', { count: refused, unsent: count })
      : t('sync.attention', { count: refused });
    return { tone: 'error', label };
  }
  if (count) return { tone: 'pending', label: t('sync.unsent', { count }) };
  // At a venue hub "saved" means saved in the hall: say whether the office has it yet.
  const hub = serverChoice.hub;
  if (hub) {
    const queued = hub.queued;
    return {
      tone: 'ok',
      label: queued ? t('sync.hubWaiting', { count: queued }) : t('sync.hubSaved'),
    };
  }
  return { tone: 'ok', label: t('sync.allSaved') };
}
