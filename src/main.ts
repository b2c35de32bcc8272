// Composition root: open the database, mount the app, ask for durable storage, and
// register the service worker.
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { seedDemoIfEmpty } from '#db/events';
import { deviceStatus } from '#state/device.svelte';
import { errorReport } from '#state/errors.svelte';
import { locale } from '#state/locale.svelte';
import { updatePrompt } from '#state/update.svelte';

document.documentElement.lang = locale.lang;
seedDemoIfEmpty().catch((e) => errorReport.report(e));
mount(App, { target: document.getElementById('app')! });
void deviceStatus.requestPersistence();
if (import.meta.env.PROD) void updatePrompt.start('/sw.js');
