// The message catalog: Indonesian first, English when chosen. The start-up messages are
// here from the first line; the console's arrive with its screens (console.ts), the desk's
// and the trainer's with theirs (work.ts).
import { interpolate, type Catalog, type Message } from '#domain/messages';
import type { Lang, ValidationParams } from '#domain/validation';
import type { ConsoleKey } from '#i18n/console';
import type { WorkKey } from '#i18n/work';
import { coreMessages, type CoreKey } from '#i18n/core';

export type MessageKey = CoreKey | ConsoleKey | WorkKey;
export type { Lang };
export type Params = ValidationParams;

const catalog: Record<string, Message> = { ...coreMessages };

/** Add a screen's messages (console.ts, work.ts), each in both languages. */
export function addMessages(messages: Catalog) {
  Object.assign(catalog, messages);
}

/** The message; its key when its screen's messages were never loaded (a bug, but one that
 * shows a readable key rather than "undefined" or a crash). */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return interpolate(catalog[key]?.[lang] ?? key, params);
}

/** Whether a computed key (e.g. `reject.${code}`) exists in the catalog. */
export function hasMessage(key: string): key is MessageKey {
  return key in catalog;
}
