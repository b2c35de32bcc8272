// The organiser's dashboard messages, Indonesian (spread into the catalog in id.ts).
export const idDashboard = {
  'organiser.tab.dashboard': 'Dasbor',
} as const;
