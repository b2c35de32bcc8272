// The message catalog: Indonesian first, English when chosen.
import { interpolate } from '#domain/messages';
import type { Lang, ValidationParams } from '#domain/validation';
import { id, type MessageKey } from '#i18n/id';
import { en } from '#i18n/en';

export type { Lang, MessageKey };
export type Params = ValidationParams;

const catalogs: Record<Lang, Record<MessageKey, string>> = { id, en };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return interpolate(catalogs[lang][key], params);
}

/** Whether a computed key (e.g. `reject.${code}`) exists in the catalog. */
export function hasMessage(key: string): key is MessageKey {
  return key in id;
}
