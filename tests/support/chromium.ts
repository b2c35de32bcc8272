// Debian's Chromium driven by playwright-core (no browser download), with the flags that
// keep it quiet and network-free in CI. Shared by the end-to-end tests and the bench.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * `extraArgs` come after the base flags (e.g. a fake camera for the scanner test). `home`:
 * the HOME Chromium runs with, whose `.pki/nssdb` is the certificate store it trusts (a
 * test installs a server's own CA there, as a person does on a tablet).
 */
export async function launchBrowser(
  extraArgs: string[] = [],
  opts: { home?: string } = {},
): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
    ...(opts.home ? { env: { ...process.env, HOME: opts.home } } : {}),
  });
}
