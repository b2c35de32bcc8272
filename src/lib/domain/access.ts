// Which screens each kind of device is given. The server decides what a device may change
// (its role matrix); these rules decide what the app offers, so that no screen offers an
// action the server will refuse (a participant's phone with a desk's Check-in button).

/** The app's hash routes, in the order of the navigation. */
export const routes = [
  'event',
  'checkin',
  'sessions',
  'participants',
  'device',
  'organiser',
  'verify',
  'certificate',
] as const;
export type Route = (typeof routes)[number];

/** An enrolled device's role; undefined for a device never enrolled (first visit, demo). */
export type AppRole = 'organiser' | 'staff' | 'trainer' | 'participant' | undefined;

/** Anyone may open these (a certificate's QR, a person's own certificate): each stands
 * alone, without the staff navigation or sync badge. */
const publicRoutes: readonly Route[] = ['verify', 'certificate'];

const everything: readonly Route[] = [
  'event',
  'checkin',
  'sessions',
  'participants',
  'device',
  'organiser',
];

/** The tabs of each role, in navigation order. An unenrolled device keeps the whole app:
 * it is how a device gets enrolled (the device page) and how the demo is shown. */
const tabs: Record<NonNullable<AppRole> | 'unenrolled', readonly Route[]> = {
  unenrolled: everything,
  organiser: everything,
  staff: ['event', 'checkin', 'participants', 'device'],
  trainer: ['sessions', 'device'],
  // A participant's app is the registration page (/r/<event>): its ticket.
  participant: [],
};

export function navRoutes(role: AppRole): readonly Route[] {
  return tabs[role ?? 'unenrolled'];
}

export function mayOpen(role: AppRole, route: Route): boolean {
  return publicRoutes.includes(route) || navRoutes(role).includes(route);
}

export const standsAlone = (route: Route): boolean => publicRoutes.includes(route);

/**
 * Where a role lands when it opens a route it may not use: its first screen. Undefined
 * for a participant, whose home is its ticket on the registration page, outside the app.
 */
export function homeRoute(role: AppRole): Route | undefined {
  if (role === 'participant') return undefined;
  if (role === 'staff') return 'checkin';
  return navRoutes(role)[0];
}

/** Who may record a venue check-in: as the server's role matrix says, and an unenrolled
 * device (the demo, recorded locally). */
export function mayRecordCheckin(role: AppRole): boolean {
  return role === undefined || role === 'staff' || role === 'organiser';
}

/** The registration page of an event: the participant's home. */
export const ticketPath = (eventId: string): string => `/r/${encodeURIComponent(eventId)}`;
