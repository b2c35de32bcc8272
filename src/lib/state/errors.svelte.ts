// The failure a person must be told about (a local write that did not happen).
import { StorageError } from '#db/errors';
import type { MessageKey } from '#i18n/translate';

const keys: Record<StorageError['kind'], MessageKey> = {
  quota: 'error.storageQuota',
  too_large: 'error.storageTooLarge',
  invalid: 'error.storageInvalid',
  failed: 'error.storageFailed',
};

export class ErrorReport {
  current = $state<MessageKey | undefined>(undefined);

  report(e: unknown): void {
    this.current = e instanceof StorageError ? keys[e.kind] : 'error.storageFailed';
    // Kept in the console for support; never includes the person's data.
    console.error('hadir: local write failed', e instanceof Error ? e.name : typeof e);
  }

  dismiss(): void {
    this.current = undefined;
  }
}

export const errorReport = new ErrorReport();
