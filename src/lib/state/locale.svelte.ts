// The language shown, Indonesian by default, remembered on this device.
import type { FieldErrors } from '#domain/setup';
import { translate, type Lang, type MessageKey, type Params } from '#i18n/translate';

const STORAGE_KEY = 'hadir.lang';

function stored(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id'; // storage blocked (private mode): fall back to the default
  }
}

export class Locale {
  #lang = $state<Lang>(stored());

  get lang(): Lang {
    return this.#lang;
  }

  set lang(value: Lang) {
    this.#lang = value;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, value);
    } catch {
      // Not remembered, but still switched for this visit.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = value;
  }

  /** Reactive: re-evaluates when the language changes. */
  t = (key: MessageKey, params?: Params): string => translate(this.#lang, key, params);

  /** The message of a field's setup error (`validateEvent` and friends), if it has one. */
  fieldError = (errors: FieldErrors, field: string): string | undefined => {
    const code = errors[field];
    return code ? this.t(`setup.error.${code}` as MessageKey) : undefined;
  };
}

export const locale = new Locale();
