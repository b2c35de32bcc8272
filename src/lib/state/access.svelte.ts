// What this device may open, from its enrolment (or, for a phone that registered here and
// is not enrolled yet, its registration): the tabs it is shown, where a route it may not
// use sends it, and whether a screen stands alone. The rules are #domain/access.
import {
  homeRoute,
  mayOpen,
  mayRecordCheckin,
  navRoutes,
  standsAlone,
  ticketPath,
  type AppRole,
  type Route,
} from '#domain/access';
import { ownEventId } from '#db/registration';
import { getEnrollment } from '#sync/local';
import { LiveQuery } from '#state/live.svelte';
import { router } from '#state/router.svelte';

interface Device {
  role: AppRole;
  /** A participant's event: its ticket is the phone's home. */
  eventId: string | undefined;
}

async function device(): Promise<Device> {
  const [enrollment, home] = await Promise.all([getEnrollment(), ownEventId()]);
  if (enrollment) return { role: enrollment.role, eventId: home ?? enrollment.eventId };
  // Registered on this phone, its join not yet made (offline): a participant's phone.
  return home ? { role: 'participant', eventId: home } : { role: undefined, eventId: undefined };
}

export class Access {
  #device = new LiveQuery<Device>(device, { role: undefined, eventId: undefined });

  /** Until the device is read, nothing is shown: not a flash of the whole app. */
  get loaded(): boolean {
    return this.#device.loaded;
  }

  get role(): AppRole {
    return this.#device.current.role;
  }

  get nav(): readonly Route[] {
    return navRoutes(this.role);
  }

  mayOpen(route: Route): boolean {
    return mayOpen(this.role, route);
  }

  get mayRecordCheckin(): boolean {
    return mayRecordCheckin(this.role);
  }

  /** The current route stands alone (verify, a participant's certificate). */
  get standalone(): boolean {
    return standsAlone(router.route);
  }

  /** Where this device's home is: a route of the app, or a participant's ticket. */
  get homeHref(): string {
    const home = homeRoute(this.role);
    if (home) return router.href(home);
    const eventId = this.#device.current.eventId;
    return eventId ? ticketPath(eventId) : router.href('certificate');
  }

  /** Where to go instead of the current route, if this device may not open it. */
  get redirect(): string | undefined {
    if (!this.loaded || this.mayOpen(router.route)) return undefined;
    return this.homeHref;
  }
}

export const access = new Access();
