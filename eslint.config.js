// Lint keeps the layers apart, the way the architecture says they are:
// - shared/ is pure TypeScript: no Node, no Electron, no UI, nothing of the main process;
// - renderer/ reaches the journal only through window.ledger: no Node, no Electron, no electron/;
// - in electron/, only the journal (electron/journal) speaks SQL, and only the Electron glue
//   (main, preload, notify) imports `electron`, so everything else runs under plain Node (the
//   command line, the tests, the browser host);
// - nothing but the renderer itself (and its tests) imports renderer/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

const NODE = 'Node modules belong in electron/: this layer must run anywhere.';
const ELECTRON = 'Only the Electron glue (electron/main, electron/preload, electron/notify) imports electron.';
const SQL = 'Only the journal (electron/journal) speaks SQL: ask the journal instead.';
const MAIN = 'Nothing from the main process here.';
const RENDERER = 'Nothing imports the renderer: it is reached only through window.ledger.';

const electronPattern = { group: ['electron', 'electron/*'], message: ELECTRON };
const sqlPattern = { group: ['better-sqlite3'], message: SQL };
const rendererPattern = { group: ['**/renderer/**', '../renderer', '../../renderer'], message: RENDERER };

/** One `no-restricted-imports` rule from its forbidden patterns (and, optionally, Node's built-ins). */
const forbid = ({ node = false, patterns }) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: node ? nodeBuiltins.map((name) => ({ name, message: NODE })) : [],
      patterns: [...(node ? [{ group: ['node:*'], message: NODE }] : []), ...patterns],
    },
  ],
});

const mainProcessPattern = { group: ['**/electron/**', '../electron', '../../electron'], message: MAIN };
const GLUE = ['electron/main/**', 'electron/preload/**', 'electron/notify/**'];

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
    rules: forbid({
      node: true,
      patterns: [
        electronPattern,
        sqlPattern,
        mainProcessPattern,
        rendererPattern,
        { group: ['react', 'react-dom'], message: 'shared/ knows no UI.' },
      ],
    }),
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
      ...forbid({ node: true, patterns: [electronPattern, sqlPattern, mainProcessPattern] }),
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The main process outside the journal and the glue: plain Node, no SQL, no Electron.
    files: ['electron/**/*.ts'],
    ignores: ['electron/journal/**', ...GLUE],
    rules: forbid({ patterns: [electronPattern, sqlPattern, rendererPattern] }),
  },
  {
    files: ['electron/journal/**/*.ts'],
    rules: forbid({ patterns: [electronPattern, rendererPattern] }),
  },
  {
    files: GLUE.map((g) => `${g.slice(0, -3)}/**/*.ts`),
    rules: forbid({ patterns: [sqlPattern, rendererPattern] }),
  },
  {
    // Build scripts and the bench's bare baseline may use SQLite directly (the bench measures the
    // journal against it), but nothing outside renderer/ and its tests imports the renderer.
    files: ['scripts/**/*.{js,mjs,ts}', 'bench/**/*.ts', '*.{js,ts}'],
    rules: forbid({ patterns: [rendererPattern] }),
  },
);
