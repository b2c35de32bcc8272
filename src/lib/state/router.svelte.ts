// Hash routes, so the app works from any static host and offline from the precache. What
// follows the route names what is open on it (`#/sessions/<id>`), so a reload reopens it.
import { routes, type Route } from '#domain/access';

export { routes, type Route };

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (routes as readonly string[]).includes(name ?? '') ? (name as Route) : 'event';
}

const currentHash = () => (typeof location === 'undefined' ? '' : location.hash);

export class Router {
  #hash = $state(currentHash());

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => (this.#hash = currentHash()));
    }
  }

  get route(): Route {
    return parse(this.#hash);
  }

  /** The part after the route (`#/sessions/abc` → `abc`), '' when none. */
  get param(): string {
    return routeParam(this.#hash);
  }

  href(route: Route, param?: string): string {
    return param ? `#/${route}/${encodeURIComponent(param)}` : `#/${route}`;
  }

  /** Open a route as a new history entry (the back button returns). */
  go(route: Route, param?: string): void {
    location.hash = this.href(route, param);
    this.#hash = currentHash();
  }

  /** Leave for another address without a history entry: a route this device may not
   * use, or a participant's ticket (another page). */
  replace(href: string): void {
    location.replace(href);
    this.#hash = currentHash();
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
