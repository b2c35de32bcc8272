// fake-indexeddb must be installed before Dexie is imported anywhere.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
