// The language shown, Indonesian by default, remembered on this device. Kept apart from
// the message catalogs so a page with its own small catalog (registration) loads no other.
import type { Lang } from '#domain/validation';

const STORAGE_KEY = 'hadir.lang';

function stored(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id'; // storage blocked (private mode): fall back to the default
  }
}

export class LangChoice {
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
}

export const langChoice = new LangChoice();
