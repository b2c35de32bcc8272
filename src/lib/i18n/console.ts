// The organiser console's messages (setup, devices, dashboard, daftar hadir, reports) and
// the certificate check's: a quarter of all the text, needed by no phone at a desk or in a
// participant's hand. The screens that use them import this module, which adds them to
// the catalog before they render; the first screen stays smaller.
import { dashboardMessages } from '#i18n/dashboard';
import { documentsMessages } from '#i18n/documents';
import { exportsMessages } from '#i18n/exports';
import { listsMessages } from '#i18n/lists';
import { organiserMessages } from '#i18n/organiser';
import { reportsMessages } from '#i18n/reports';
import { sheetMessages } from '#i18n/sheet';
import { addMessages } from '#i18n/translate';

export const consoleMessages = {
  ...organiserMessages,
  ...reportsMessages,
  ...dashboardMessages,
  ...sheetMessages,
  ...documentsMessages,
  ...listsMessages,
  ...exportsMessages,
};
export type ConsoleKey = keyof typeof consoleMessages;

addMessages(consoleMessages);
