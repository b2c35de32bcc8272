// Why the server refused a change, in words: the domain rule's own message beside the field
// it names (the same text the form shows), else the refusal code's.
import { validationMessage } from '#domain/messages';
import { isValidationCode } from '#domain/validation';
import { hasMessage, translate, type Lang } from '#i18n/translate';

export interface Refusal {
  code: string;
  field?: string;
  reason?: string;
  params?: Record<string, string | number>;
}

export function rejectionText(error: Refusal | undefined, lang: Lang): string {
  const code = error?.code ?? '?';
  const key = `reject.${code}`;
  const message =
    error?.reason && isValidationCode(error.reason)
      ? validationMessage(error.reason, lang, error.params)
      : hasMessage(key)
        ? translate(lang, key)
        : translate(lang, 'reject.other', { code });
  if (!error?.field) return message;
  const label = `field.${error.field}`;
  const field = hasMessage(label) ? translate(lang, label) : error.field;
  return translate(lang, 'reject.field', { field, message });
}
