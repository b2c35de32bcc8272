// Device status: persistent storage, space used, and this device's id.
import { clientId } from '#db/meta';

export type PersistState = 'granted' | 'denied' | 'unsupported';

export class DeviceStatus {
  persist = $state<PersistState | undefined>(undefined);
  usage = $state<number | undefined>(undefined);
  quota = $state<number | undefined>(undefined);
  id = $state<string | undefined>(undefined);

  /**
   * Ask the browser not to evict our data (registrations and check-ins live only here
   * until they are sent). Safe to call repeatedly; the browser remembers its answer.
   */
  async requestPersistence(): Promise<void> {
    const storage = globalThis.navigator?.storage;
    if (!storage?.persist) {
      this.persist = 'unsupported';
      return;
    }
    const already = await storage.persisted();
    this.persist = already || (await storage.persist()) ? 'granted' : 'denied';
  }

  async refresh(): Promise<void> {
    this.id = await clientId();
    const storage = globalThis.navigator?.storage;
    if (storage?.persisted) this.persist = (await storage.persisted()) ? 'granted' : 'denied';
    else this.persist = 'unsupported';
    if (storage?.estimate) {
      const { usage, quota } = await storage.estimate();
      this.usage = usage;
      this.quota = quota;
    }
  }
}

export const deviceStatus = new DeviceStatus();
