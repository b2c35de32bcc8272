// Every text in the app is written one way, `key: { id: '…', en: '…' }` (`satisfies Catalog`,
// #domain/messages): each catalog has both languages for every key, no message is empty,
// and both languages fill the same placeholders.
import { describe, expect, it } from 'vitest';
import { inLanguage, validationMessages, type Catalog } from '#domain/messages';
import {
  certificationIntentions,
  employmentStatuses,
  libraryTypes,
  positions,
  type ReferenceItem,
} from '#domain/reference';
import { consoleMessages } from '#i18n/console';
import { coreMessages } from '#i18n/core';
import { dashboardMessages } from '#i18n/dashboard';
import { deskMessages } from '#i18n/desk';
import { documentsMessages } from '#i18n/documents';
import { exportsMessages } from '#i18n/exports';
import { listsMessages } from '#i18n/lists';
import { organiserMessages } from '#i18n/organiser';
import { registerMessages } from '#i18n/register';
import { reportsMessages } from '#i18n/reports';
import { sheetMessages } from '#i18n/sheet';
import { hasMessage, translate, type MessageKey } from '#i18n/translate';
import { workMessages } from '#i18n/work';

/** The catalogs as written, one per screen (console.ts and work.ts gather them). */
const screens: Record<string, Catalog> = {
  core: coreMessages,
  organiser: organiserMessages,
  reports: reportsMessages,
  dashboard: dashboardMessages,
  sheet: sheetMessages,
  documents: documentsMessages,
  lists: listsMessages,
  exports: exportsMessages,
  desk: deskMessages,
  work: workMessages,
};

const referenceLabels = (list: readonly ReferenceItem[]): Catalog =>
  Object.fromEntries(
    list.flatMap((item) => [
      [item.code, item.label],
      ...(item.hint ? [[`${item.code}.hint`, item.hint] as const] : []),
    ]),
  );

const catalogs: [string, Catalog][] = [
  ...Object.entries(screens),
  ['register', registerMessages],
  ['validation', validationMessages],
  ['reference.employmentStatuses', referenceLabels(employmentStatuses)],
  ['reference.positions', referenceLabels(positions)],
  ['reference.libraryTypes', referenceLabels(libraryTypes)],
  ['reference.certificationIntentions', referenceLabels(certificationIntentions)],
];

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe.each(catalogs)('the %s catalog', (_name, messages) => {
  it('has messages', () => {
    expect(Object.keys(messages).length).toBeGreaterThan(0);
  });

  it('has exactly Indonesian and English for every key', () => {
    for (const [key, message] of Object.entries(messages)) {
      expect(Object.keys(message), key).toEqual(['id', 'en']);
      expect(typeof message.id, key).toBe('string');
      expect(typeof message.en, key).toBe('string');
    }
  });

  it('has no empty message', () => {
    for (const [key, message] of Object.entries(messages)) {
      expect(message.id.trim(), `${key} (id)`).not.toBe('');
      expect(message.en.trim(), `${key} (en)`).not.toBe('');
    }
  });

  it('fills the same placeholders in both languages', () => {
    for (const [key, message] of Object.entries(messages)) {
      expect(placeholders(message.en), key).toEqual(placeholders(message.id));
    }
  });
});

describe('the app catalog (start-up, console and work messages)', () => {
  it('has no key in two screens’ catalogs (a later one would hide the earlier silently)', () => {
    const seen = new Map<string, string>();
    for (const [name, messages] of Object.entries(screens)) {
      // work.ts spreads the desk's catalog into its own.
      const own =
        name === 'work'
          ? Object.keys(messages).filter((k) => !(k in deskMessages))
          : Object.keys(messages);
      for (const key of own) {
        expect(seen.get(key), key).toBeUndefined();
        seen.set(key, name);
      }
    }
  });

  it('gathers the console’s screens in console.ts and the desk’s in work.ts', () => {
    expect(Object.keys(consoleMessages).sort()).toEqual(
      [
        organiserMessages,
        reportsMessages,
        dashboardMessages,
        sheetMessages,
        documentsMessages,
        listsMessages,
        exportsMessages,
      ]
        .flatMap((messages) => Object.keys(messages))
        .sort(),
    );
    for (const key of Object.keys(deskMessages)) expect(workMessages).toHaveProperty([key]);
  });

  it('serves every key in both languages once its screens are loaded', () => {
    for (const messages of Object.values(screens)) {
      for (const [key, message] of Object.entries(messages)) {
        expect(hasMessage(key), key).toBe(true);
        // No params: a placeholder stays as written, so the text comes back whole.
        expect(translate('id', key as MessageKey)).toBe(message.id);
        expect(translate('en', key as MessageKey)).toBe(message.en);
      }
    }
  });
});

describe('Catalog', () => {
  it('refuses, when type-checked, an entry without one of the languages or with another', () => {
    const one = { a: { id: 'Satu', en: 'One' } } satisfies Catalog;
    expect(one.a.en).toBe('One');
    // @ts-expect-error: no English
    expect({ a: { id: 'Satu' } } satisfies Catalog).toBeDefined();
    // @ts-expect-error: no Indonesian
    expect({ a: { en: 'One' } } satisfies Catalog).toBeDefined();
    // @ts-expect-error: a language the app does not have
    expect({ a: { id: 'Satu', en: 'One', fr: 'Un' } } satisfies Catalog).toBeDefined();
    // @ts-expect-error: a key missing from a named key set
    expect({ a: { id: 'Satu', en: 'One' } } satisfies Catalog<'a' | 'b'>).toBeDefined();
  });

  it('gives one language as plain text (inLanguage)', () => {
    expect(inLanguage(registerMessages, 'en').title).toBe(registerMessages.title.en);
    expect(inLanguage(coreMessages, 'id')['app.tagline']).toBe(
      'Pendaftaran dan daftar hadir Bimtek',
    );
  });
});
