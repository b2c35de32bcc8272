import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// Unit, db and component tests: no browser needed. Component tests opt into jsdom
// with a `// @vitest-environment jsdom` comment; the rest run on plain Node.
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
  },
});
