// The message catalog: Indonesian first, English when chosen. The start-up messages are
// here from the first line; the console's arrive with its screens (console.ts).
import { interpolate } from '#domain/messages';
import type { Lang, ValidationParams } from '#domain/validation';
import type { ConsoleKey } from '#i18n/console';
import type { WorkKey } from '#i18n/work';
import { id, type CoreKey } from '#i18n/id';
import { en } from '#i18n/en';

export type MessageKey = CoreKey | ConsoleKey | WorkKey;
export type { Lang };
export type Params = ValidationParams;

const catalogs: Record<Lang, Record<string, string>> = { id: { ...id }, en: { ...en } };

/** Add a screen's messages (console.ts), in both languages. */
export function addMessages(
  idMessages: Record<string, string>,
  enMessages: Record<string, string>,
) {
  Object.assign(catalogs.id, idMessages);
  Object.assign(catalogs.en, enMessages);
}

/** The message; its key when its screen's messages were never loaded (a bug, but one that
 * shows a readable key rather than "undefined" or a crash). */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return interpolate(catalogs[lang][key] ?? key, params);
}

/** Whether a computed key (e.g. `reject.${code}`) exists in the catalog. */
export function hasMessage(key: string): key is MessageKey {
  return key in catalogs.id;
}
