// fake-indexeddb must be installed before Dexie is imported anywhere.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
// Component tests render console parts (a panel, the dashboard) without the page that
// loads their messages in the app (OrganiserPage imports them).
import '#i18n/console';
