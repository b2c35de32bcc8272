// Built by bench/pages.ts (not part of the app): the floor app with the plugins every
// app of this stack has, in their default set-up.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    svelte(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: { name: 'Floor', short_name: 'Floor', start_url: '/', display: 'standalone' },
    }),
  ],
  build: { target: 'es2022' },
});
