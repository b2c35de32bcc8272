// The floor of Hadir's stack (issue 20): a hello world on Vite + Svelte 5 + Dexie +
// vite-plugin-pwa, built and measured by bench/pages.ts beside the app in the same run.
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
registerSW({ immediate: true });
