import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

/** Screens only a role's device opens (the desk, a trainer's sessions, the console), and
 * two that need the network or the report writers anyway (a certificate's public check, a
 * participant's own certificate, drawn by jsPDF, itself cached on first use). */
const ROLE_PAGES =
  /[\\/]src[\\/]pages[\\/](Checkin|Sessions|Participants|Organiser|Verify|Certificate)Page\.svelte$/;
/** Built files (scripts and their styles) reached only through ROLE_PAGES, filled in by
 * `roleCode` as the bundle is made, before the service worker's list is. */
const roleFiles = new Set<string>();

/** Finds the files every device needs (what the pages load, and the screens anyone may
 * open) by walking from the entries without entering a role's screen; the rest is a
 * role's code, which the service worker caches on first use instead of on every phone. */
function roleCode(): Plugin {
  return {
    name: 'hadir-role-code',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      if (!chunks.some((c) => c.isEntry && c.facadeModuleId?.endsWith('index.html'))) return;
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const everyone = new Set<string>();
      const walk = (name: string) => {
        const chunk = byName.get(name);
        if (!chunk || everyone.has(name)) return;
        everyone.add(name);
        for (const css of chunk.viteMetadata?.importedCss ?? []) everyone.add(css);
        for (const dep of chunk.imports) walk(dep);
        for (const dep of chunk.dynamicImports) {
          if (!ROLE_PAGES.test(byName.get(dep)?.facadeModuleId ?? '')) walk(dep);
        }
      };
      for (const c of chunks) if (c.isEntry) walk(c.fileName);
      roleFiles.clear();
      for (const c of chunks) {
        if (everyone.has(c.fileName)) continue;
        roleFiles.add(c.fileName);
        for (const css of c.viteMetadata?.importedCss ?? []) {
          if (!everyone.has(css)) roleFiles.add(css);
        }
      }
    },
  };
}

// A build id distinguishes two builds of one version (the update e2e test builds two).
const buildId = process.env.HADIR_BUILD_ID;

/** jsPDF's optional extras (HTML rendering, SVG) are never called here: in the page's
 * build they are left out (`external` below); the reports worker's build, one file, gets
 * an empty module in their place. */
const JSPDF_EXTRAS = ['html2canvas', 'dompurify', 'canvg'];
function withoutJspdfExtras(): Plugin {
  return {
    name: 'hadir-without-jspdf-extras',
    enforce: 'pre',
    resolveId: (id) => (JSPDF_EXTRAS.includes(id) ? '\0jspdf-extra' : undefined),
    load: (id) => (id === '\0jspdf-extra' ? 'export default undefined;' : undefined),
  };
}

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(buildId ? `${pkg.version}+${buildId}` : pkg.version),
  },
  plugins: [
    svelte(),
    roleCode(),
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
        // worker caches it on first use, and a desk fetches it when it opens (sw.ts). Nor
        // the PNG icons: only installing to the home screen uses them, online (on a weak
        // link each file is another round trip before the app is offline-ready).
        globPatterns: ['**/*.{js,css,html,svg}'],
        // A role's code is listed, marked, and cached by the worker on first use (sw.ts).
        manifestTransforms: [
          (entries) => ({
            manifest: entries.map((e) => (roleFiles.has(e.url) ? { ...e, role: true } : e)),
            warnings: [],
          }),
        ],
      },
      includeManifestIcons: false,
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
  worker: { plugins: () => [withoutJspdfExtras()] },
  // `npm run dev` talks to a sync server started with `npm run server`.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: {
    target: 'es2022',
    // The bench reads the manifest to find what the first screen loads.
    manifest: true,
    // Every browser Hadir runs on preloads modules itself: no polyfill, one request fewer.
    modulePreload: { polyfill: false },
    // Two pages: the app, and the public registration page that loads only what
    // registration needs (a phone on slow data).
    rolldownOptions: {
      input: { main: 'index.html', register: 'register.html' },
      // jsPDF's optional extras (HTML rendering, SVG): never called here, never shipped.
      external: JSPDF_EXTRAS,
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
              // What both pages need to show something: small, loaded before anything shows.
              test: /[\\/]src[\\/]lib[\\/](domain[\\/](ticket|time|regions|nip|phone|reference|messages|validation)|state[\\/](errors|lang|secure-context)\.svelte|db[\\/]errors)\.ts$|[\\/]svelte[\\/]src[\\/]reactivity[\\/]|vite[\\/]preload-helper|disclose-version|[\\/]ui[\\/]InsecureBanner\.svelte/,
            },
            {
              name: 'form',
              // The registration form and its checks, one file: on a weak link each file past
              // the sixth waits for a free connection (400 ms a round) before the form works.
              test: /[\\/]src[\\/](lib[\\/](ui[\\/](Field|Input|Select)\.svelte|domain[\\/](names|nik|nik-regions|registration|email)\.ts|i18n[\\/]register\.ts)|pages[\\/]register[\\/](RegisterApp|RegisterForm|RadioGroup)\.svelte)/,
            },
            {
              name: 'ticket',
              // What the registration page loads after its form, one file: the database's
              // side of the page, the ticket with its QR code, and the self-correction form.
              test: /[\\/]src[\\/](pages[\\/]register[\\/](Ticket|OwnEdit)\.svelte|lib[\\/](ui[\\/](QrCode\.svelte|download\.ts)|reports[\\/]qr\.ts|state[\\/]registration-store\.ts))|[\\/]node_modules[\\/]uqr[\\/]/,
              includeDependenciesRecursively: false,
            },
            {
              name: 'engine',
              // The sync engine and the wire schemas: loaded after a page's first screen
              // (state/start-sync.ts). Before 'data', so its modules do not go there.
              test: /[\\/]src[\\/]lib[\\/](sync[\\/](transport|scheduler|engine|admin|protocol|pull-apply)|state[\\/](app-sync|start-sync))\.ts$/,
              includeDependenciesRecursively: false,
            },
            {
              name: 'data',
              // The local database (Dexie) and the records' schemas, one file not six. The
              // registration page loads it after its form shows (registration-store.ts).
              test: /[\\/]src[\\/]lib[\\/](state[\\/](live|sync)\.svelte|db[\\/](participants|sync-store|registration))\.ts$/,
            },
            {
              name: 'shell',
              // The app's own state at start, one file: a dozen small ones would each wait
              // their turn for a connection on a weak link.
              test: /[\\/]src[\\/]lib[\\/]((state[\\/](server-choice|device|sync-badge|locale|access|router|attention|rejection|organiser|event)(\.svelte)?|db[\\/](events|certificates)|sync[\\/](certificates|wake)|domain[\\/](access|rejection)|i18n[\\/]translate)\.ts|ui[\\/](AttentionList|Notice|SendNow)\.svelte)/,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
});
