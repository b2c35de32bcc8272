// Hash routes, so the app works from any static host and offline from the precache.
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

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (routes as readonly string[]).includes(name ?? '') ? (name as Route) : 'event';
}

export class Router {
  #route = $state<Route>(typeof location === 'undefined' ? 'event' : parse(location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => (this.#route = parse(location.hash)));
    }
  }

  get route(): Route {
    return this.#route;
  }

  href(route: Route): string {
    return `#/${route}`;
  }
}

export const router = new Router();

/** What follows the route in the hash: `#/verify/ABC` → `ABC`. */
export function routeParam(hash: string): string {
  return decodeURIComponent(hash.replace(/^#\/?[^/?]*\/?/, '').split('?')[0] ?? '');
}

/** The public registration link of an event: a path, not a hash, so it reads well when
 * printed and typed, and stays the same whatever the page behind it becomes. */
export function registrationLink(origin: string, eventId: string): string {
  return `${origin}/r/${encodeURIComponent(eventId)}`;
}
