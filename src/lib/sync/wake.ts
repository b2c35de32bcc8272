// The names the app and its service worker share for Background Sync: the worker is woken
// under the tag and wakes the app's scheduler with the message (it never syncs itself).
export const SYNC_WAKE_MESSAGE = 'hadir-sync-wake';
export const BACKGROUND_SYNC_TAG = 'hadir-sync';
