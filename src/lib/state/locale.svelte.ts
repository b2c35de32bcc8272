// The app's message catalog in the chosen language (lang.svelte.ts holds the choice).
import type { FieldErrors } from '#domain/setup';
import { translate, type Lang, type MessageKey, type Params } from '#i18n/translate';
import { langChoice } from '#state/lang.svelte';

export class Locale {
  get lang(): Lang {
    return langChoice.lang;
  }

  set lang(value: Lang) {
    langChoice.lang = value;
  }

  /** Reactive: re-evaluates when the language changes. */
  t = (key: MessageKey, params?: Params): string => translate(langChoice.lang, key, params);

  /** The message of a field's setup error (`validateEvent` and friends), if it has one. */
  fieldError = (errors: FieldErrors, field: string): string | undefined => {
    const code = errors[field];
    return code ? this.t(`setup.error.${code}` as MessageKey) : undefined;
  };
}

export const locale = new Locale();
