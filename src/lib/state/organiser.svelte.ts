// The organiser console: devices of the event, new enrolment codes, revocation, the
// events on the server, the purge of personal data, and certificates.
import type { PurgeSummary } from '#domain/model';
import { getMeta, setMeta } from '#db/meta';
import type {
  AdminApi,
  AdminResult,
  DeviceSummary,
  EventListItem,
  EventTemplate,
  NewCode,
  UplinkStatus,
} from '#sync/admin';
import type { CertificateList } from '#sync/certificates';
import { locale } from '#state/locale.svelte';

export type DeviceRole = 'staff' | 'trainer' | 'organiser' | 'hub';

export class OrganiserConsole {
  devices = $state<DeviceSummary[]>([]);
  events = $state<EventListItem[]>([]);
  error = $state<string | undefined>(undefined);
  busy = $state(false);
  /** The code just created, shown large with its QR until the next one. */
  code = $state<(NewCode & { role: DeviceRole; name: string }) | undefined>(undefined);
  /** The last certificate list the server gave; kept on the device so the PDFs can be
   * made again offline. */
  certificates = $state<CertificateList | undefined>(undefined);
  /** The HTTPS address the server tells devices to use (its /health), when it has one. */
  httpsUrl = $state<string | undefined>(undefined);
  /** At a venue hub: its uplink to the office; undefined on the office's own server. */
  uplink = $state<UplinkStatus | undefined>(undefined);
  #api: AdminApi | undefined;

  attach(api: AdminApi): void {
    this.#api = api;
  }

  async #run<T>(
    fn: (api: AdminApi) => Promise<{ ok: true; value: T } | { ok: false; error: string }>,
  ) {
    if (!this.#api) return undefined;
    this.busy = true;
    const result = await fn(this.#api);
    this.busy = false;
    this.error = result.ok ? undefined : result.error;
    return result.ok ? result.value : undefined;
  }

  async refresh(): Promise<void> {
    const value = await this.#run((api) => api.devices());
    if (value) this.devices = value.devices;
    // Not the console's error line: a server that is no hub answers NOT_FOUND.
    const uplink = await this.#api?.uplink();
    this.uplink = uplink?.ok ? uplink.value : undefined;
  }

  /** Where other devices reach the server: asked once the console shows a QR. A failure
   * leaves the address unknown; it is not the console's error line. */
  async loadServerAddress(): Promise<void> {
    const health = await this.#api?.health();
    if (health?.ok) this.httpsUrl = health.value.httpsUrl;
  }

  async createCode(role: DeviceRole, name: string, sessionIds: string[]): Promise<void> {
    const value = await this.#run((api) =>
      api.newCode({
        role,
        ...(name ? { name } : {}),
        ...(role === 'trainer' ? { sessionIds } : {}),
      }),
    );
    if (value) this.code = { ...value, role, name };
  }

  async loadEvents(): Promise<void> {
    const value = await this.#run((api) => api.events());
    if (value) this.events = value.events;
  }

  /** What a new event may take from an earlier one. Its failure is the new-event form's
   * to show, so the console's shared error line is left alone. */
  async template(eventId: string): Promise<AdminResult<EventTemplate>> {
    return this.#api ? this.#api.template(eventId) : { ok: false, error: 'UNAVAILABLE' };
  }

  async purge(eventId: string): Promise<PurgeSummary | undefined> {
    return (await this.#run((api) => api.purge(eventId)))?.summary;
  }

  async revoke(deviceId: string): Promise<void> {
    if (await this.#run((api) => api.revoke(deviceId))) await this.refresh();
  }

  /** The server's list, else the copy kept from last time (offline). */
  async loadCertificates(eventId: string): Promise<void> {
    const value = await this.#run((api) => api.certificates());
    if (value) await this.#keep(eventId, value);
    else this.certificates ??= await getMeta<CertificateList>(certificatesKey(eventId));
  }

  async issueCertificates(eventId: string): Promise<void> {
    const value = await this.#run((api) => api.issueCertificates());
    if (value) await this.#keep(eventId, value);
  }

  async publishCertificates(eventId: string, published: boolean): Promise<void> {
    const value = await this.#run((api) => api.publishCertificates(published));
    if (value) await this.#keep(eventId, value);
  }

  async #keep(eventId: string, list: CertificateList) {
    this.certificates = list;
    await setMeta(certificatesKey(eventId), $state.snapshot(list));
  }
}

const certificatesKey = (eventId: string) => `certificates:${eventId}` as const;

export const organiserConsole = new OrganiserConsole();

/** What an online-only console call's failure code means to the organiser, in words. */
export function consoleFailure(code: string): string {
  if (['offline', 'failed', 'timeout'].includes(code)) return locale.t('organiser.offline');
  if (code === 'RATE_LIMITED') return locale.t('organiser.tooMany');
  if (code === 'SIGNATORY_REQUIRED') return locale.t('certificates.signatoryRequired');
  return locale.t('organiser.failed', { code });
}
