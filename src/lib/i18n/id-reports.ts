// The organiser's reports messages, Indonesian (spread into the catalog in id.ts).
export const idReports = {
  'organiser.tab.reports': 'Laporan',
} as const;
