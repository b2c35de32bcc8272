// The names the app and its service worker share. Background Sync: the worker is woken
// under the tag and wakes the app's scheduler with the message (it never syncs itself).
// KEEP_ROLE_CODE: a staff device asks the worker to keep its role's screens (sw.ts).
export const SYNC_WAKE_MESSAGE = 'hadir-sync-wake';
export const BACKGROUND_SYNC_TAG = 'hadir-sync';
export const KEEP_ROLE_CODE = 'hadir-keep-role-code';
