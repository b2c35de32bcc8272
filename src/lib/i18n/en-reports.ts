// The organiser's reports messages, English (keys as in id-reports.ts).
import type { idReports } from '#i18n/id-reports';

export const enReports: Record<keyof typeof idReports, string> = {
  'organiser.tab.reports': 'Reports',
};
