// Build the production app once for all end-to-end tests (the service worker and
// precache only exist in a production build). A child process keeps Vitest's
// NODE_ENV=test from leaking into the build.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.HADIR_E2E_SKIP_BUILD === '1') return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
