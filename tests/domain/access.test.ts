// Each role's own app: the tabs it is shown, the routes it may open, where the others send
// it, and who is offered a check-in (as the server's role matrix allows).
import { describe, expect, it } from 'vitest';
import {
  homeRoute,
  mayOpen,
  mayRecordCheckin,
  navRoutes,
  routes,
  standsAlone,
  ticketPath,
  type AppRole,
} from '#domain/access';
import { allowedRoles } from '#server/apply/index';

const staffTabs = ['event', 'checkin', 'sessions', 'participants', 'device', 'organiser'];

describe('the screens of each role', () => {
  it.each([
    [undefined, staffTabs, 'event'],
    ['organiser', staffTabs, 'event'],
    ['staff', ['event', 'checkin', 'participants', 'device'], 'checkin'],
    ['trainer', ['sessions', 'device'], 'sessions'],
    ['participant', [], undefined],
  ] as const)('%s: tabs %j, home %s', (role, tabs, home) => {
    expect(navRoutes(role)).toEqual(tabs);
    expect(homeRoute(role)).toBe(home);
    // Every tab may be opened, and nothing else but the public pages.
    for (const route of routes) {
      expect(mayOpen(role, route)).toBe(
        (tabs as readonly string[]).includes(route) || standsAlone(route),
      );
    }
  });

  it('the certificate check and a participant’s certificate are open to all and stand alone', () => {
    const roles: AppRole[] = [undefined, 'organiser', 'staff', 'trainer', 'participant'];
    for (const role of roles) {
      expect(mayOpen(role, 'verify')).toBe(true);
      expect(mayOpen(role, 'certificate')).toBe(true);
    }
    expect(routes.filter(standsAlone)).toEqual(['verify', 'certificate']);
  });

  it('no one is offered a check-in the server would refuse', () => {
    for (const role of ['organiser', 'staff', 'trainer', 'participant'] as const) {
      expect(mayRecordCheckin(role)).toBe(allowedRoles['checkin.record'].includes(role));
    }
    expect(mayRecordCheckin(undefined)).toBe(true); // the demo, recorded on the device
  });

  it('a participant’s home is its event’s registration page', () => {
    expect(ticketPath('bimtek 2025/ks')).toBe('/r/bimtek%202025%2Fks');
  });
});
