import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default ts.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'data/'] },
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
      // Architecture rule 9: module addresses are names, never ../../
      'no-restricted-imports': ['error', { patterns: ['../../*'] }],
    },
  },
  {
    // Only the db layer touches Dexie (architecture rule 3).
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/db/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['dexie', '../../*'] }],
    },
  },
  {
    // The domain is pure: zod and nothing else (architecture rule 1).
    files: ['src/lib/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'dexie',
            '../../*',
            'svelte',
            'svelte/*',
            '#db/*',
            '#sync/*',
            '#state/*',
            '#ui/*',
            '#pages/*',
            '#i18n/*',
          ],
        },
      ],
    },
  },
);
