// The organiser's dashboard messages, English (keys as in id-dashboard.ts).
import type { idDashboard } from '#i18n/id-dashboard';

export const enDashboard: Record<keyof typeof idDashboard, string> = {
  'organiser.tab.dashboard': 'Dashboard',
};
