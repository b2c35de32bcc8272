import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

// A build id distinguishes two builds of one version (the update e2e test builds two).
const buildId = process.env.HADIR_BUILD_ID;

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(buildId ? `${pkg.version}+${buildId}` : pkg.version),
  },
  plugins: [
    svelte(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // We register through workbox-window ourselves (state/update.svelte.ts) so the
      // update prompt can wait for the outbox to drain.
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        // Not the desk's QR reader wasm (~1 MB): participants' phones never need it. The
        // worker caches it on first use, and a desk fetches it when it opens (sw.ts).
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Hadir — Pendaftaran & Daftar Hadir Bimtek',
        short_name: 'Hadir',
        description:
          'Pendaftaran peserta, check-in, dan daftar hadir Bimtek yang tetap berjalan tanpa internet.',
        lang: 'id',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        id: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0f766e',
        background_color: '#ffffff',
        categories: ['productivity', 'education'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  // `npm run dev` talks to a sync server started with `npm run server`.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: {
    target: 'es2022',
    // The bench reads the manifest to find what the first screen loads.
    manifest: true,
    // Two pages: the app, and the public registration page that loads only what
    // registration needs (a phone on slow data).
    rolldownOptions: {
      input: { main: 'index.html', register: 'register.html' },
      // jsPDF's optional extras (HTML rendering, SVG): never called here, never shipped.
      external: ['html2canvas', 'dompurify', 'canvg'],
      // Small modules both pages use travel in one file: on a slow phone link each extra
      // file is another request before the registration form can be used.
      output: {
        codeSplitting: {
          groups: [
            {
              // Named so the service worker can leave them out of the precache (sw.ts).
              name: 'reports-pdf',
              test: /[\\/]node_modules[\\/](jspdf|fast-png|iobuffer|pako|fflate|@babel[\\/]runtime)[\\/]/,
              // Without this the group drags along what its modules import, Vite's
              // preload helper included, and every page would load jsPDF at start.
              includeDependenciesRecursively: false,
            },
            {
              name: 'reports-xlsx',
              test: /[\\/]node_modules[\\/]write-excel-file[\\/]/,
              includeDependenciesRecursively: false,
            },
            {
              name: 'common',
              // Also the sync plumbing both pages start with: one file, not six.
              test: /[\\/]src[\\/]lib[\\/](domain[\\/](ticket|time|regions|nip|phone)|state[\\/](errors|live|sync|lang)\.svelte|db[\\/](participants|sync-store)|sync[\\/](transport|scheduler|engine))\.ts$/,
            },
          ],
        },
      },
    },
  },
});
