import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

// Architecture rule: dependencies point one way, domain ← db ← sync ← state ← pages
// (reports sits beside db: it imports the domain only),
// and ui/ components take props (domain types only). Each layer lists what it may NOT
// import; '../' is banned everywhere (modules are addressed by name, rule 9).
// Only db/ touches Dexie (rule 3); the domain imports zod and nothing else (rule 1).
// (Regexes, because a gitignore-style pattern starting with '#' is a comment.)
const layers = {
  // An allow-list: the domain is pure rules over zod schemas, runnable anywhere.
  'src/lib/domain': '^(?!#domain/|zod(/|$))',
  // Report writers (XLSX, PDF, ZIP): the domain's tables into files, for the browser and the
  // server alike; they may use the format libraries, and nothing stateful.
  'src/lib/reports': '^(#(db|sync|state|ui|pages|i18n)/|dexie|svelte|workbox)',
  'src/lib/db': '^#(sync|state|ui|pages)/',
  'src/lib/sync': '^(#(state|ui|pages)/|dexie)',
  'src/lib/state': '^(#(ui|pages)/|dexie)',
  'src/lib/ui': '^(#(db|sync|state|pages)/|dexie)',
  'src/server': '^(#(db|state|ui|pages)/|dexie|svelte)',
};

export default ts.config(
  {
    ignores: [
      'dist/',
      'dev-dist/',
      'node_modules/',
      'data/',
      '.e2e/',
      '.ci-out/',
      '.bench-dist/',
      '.prof/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, __APP_VERSION__: 'readonly' },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': ['error', { patterns: ['../*'] }],
    },
  },
  {
    files: ['src/pages/**', 'src/App.svelte'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../*', 'dexie'] }],
      // Pages read and write through state; the database and the wire stay behind it
      // (their types may be named). main.ts and register.ts compose the app, so they may.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^#(db|sync)/',
              allowTypeImports: true,
              message: 'Pages import state (#state/*), never #db or #sync at run time.',
            },
          ],
        },
      ],
    },
  },
  // Architecture rule 12: the app may be opened on a plain-HTTP LAN address, where
  // crypto.randomUUID and Web Locks do not exist. Ids come from #domain/ids; the locks
  // are optional (the sync engine takes them when present).
  {
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/server/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'crypto', property: 'randomUUID', message: 'Use newId() from #domain/ids.' },
      ],
    },
  },
  // Every query lives in src/server/store: routes and apply code call its functions, the
  // seam a second engine implements. (The SQLite file backup, admin-backup.ts, copies the
  // engine's own file and is that engine's; it runs no query.)
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare']",
          message: 'SQL lives in src/server/store/*: call a store function.',
        },
      ],
    },
  },
  ...Object.entries(layers).map(([dir, regex]) => ({
    files: [`${dir}/**/*.ts`, `${dir}/**/*.svelte`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // Any parent path ('../db/x', './../db/x'): modules are addressed by their
            // layer's name, which the regex above then judges.
            { regex: '(^|/)\\.\\.(/|$)', message: 'Address modules by name (#db/…), not ../' },
            { regex, message: 'Dependencies point one way: domain ← db ← sync ← state ← pages.' },
          ],
        },
      ],
    },
  })),
);
