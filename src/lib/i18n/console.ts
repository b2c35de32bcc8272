// The organiser console's messages (setup, devices, dashboard, daftar hadir, reports) and
// the certificate check's: a quarter of all the text, needed by no phone at a desk or in a
// participant's hand. The screens that use them import this module, which adds them to
// the catalog before they render; the first screen stays smaller.
import { enDashboard } from '#i18n/en-dashboard';
import { enDocuments } from '#i18n/en-documents';
import { enExports } from '#i18n/en-exports';
import { enLists } from '#i18n/en-lists';
import { enOrganiser } from '#i18n/en-organiser';
import { enReports } from '#i18n/en-reports';
import { enSheet } from '#i18n/en-sheet';
import { idDashboard } from '#i18n/id-dashboard';
import { idDocuments } from '#i18n/id-documents';
import { idExports } from '#i18n/id-exports';
import { idLists } from '#i18n/id-lists';
import { idOrganiser } from '#i18n/id-organiser';
import { idReports } from '#i18n/id-reports';
import { idSheet } from '#i18n/id-sheet';
import { addMessages } from '#i18n/translate';

export const idConsole = {
  ...idOrganiser,
  ...idReports,
  ...idDashboard,
  ...idSheet,
  ...idDocuments,
  ...idLists,
  ...idExports,
} as const;
export type ConsoleKey = keyof typeof idConsole;
export const enConsole: Record<ConsoleKey, string> = {
  ...enOrganiser,
  ...enReports,
  ...enDashboard,
  ...enSheet,
  ...enDocuments,
  ...enLists,
  ...enExports,
};

addMessages(idConsole, enConsole);
