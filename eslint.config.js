// Lint keeps the layers apart: shared/ is pure TypeScript, renderer/ reaches the journal only
// through window.ledger, and neither may import Node, Electron or the main process.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const forbidden = (extra) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: nodeBuiltins.map((name) => ({
        name,
        message: 'Node modules belong in electron/: this layer must run anywhere.',
      })),
      patterns: [
        { group: ['node:*'], message: 'Node modules belong in electron/: this layer must run anywhere.' },
        { group: ['electron', 'electron/*'], message: 'Electron belongs in electron/ glue only.' },
        { group: ['better-sqlite3'], message: 'Only the journal (electron/journal) speaks SQL.' },
        { group: ['**/electron/**', '../electron', '../../electron'], message: 'Nothing from the main process here.' },
        ...extra,
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'dist-node', 'release', 'test-output', 'build'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: forbidden([{ group: ['**/renderer/**', 'react', 'react-dom'], message: 'shared/ knows no UI.' }]),
  },
  {
    // Corporate's side speaks PostgreSQL only: the journal's SQLite stays on the workstation.
    files: ['electron/corporate/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['better-sqlite3'], message: 'Corporate speaks PostgreSQL; only the journal speaks SQLite.' },
            {
              group: ['**/journal', '**/journal/index', '**/journal/journal', '**/journal/open'],
              message: 'Corporate does not open journals.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...forbidden([]),
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
);
