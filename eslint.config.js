// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { noLeafletHtmlStrings } from './scripts/eslint-rules/no-leaflet-html-strings.mjs';

/**
 * Layer boundaries (see ARCHITECTURE.md):
 *   shared/   imports nothing of ours outside shared/, and no DOM, Node or Electron module;
 *   renderer/ imports shared/ only; never main/, server/ or electron;
 *   main/     imports shared/ only; never renderer/ or server/;
 *   server/   imports shared/ only; nothing imports server/.
 * The per-layer tsconfigs enforce the same rules a second time.
 */
// '/crypto' is anchored: the Node module, not renderer/crypto/ (gitignore-style patterns match any path segment).
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', '/crypto', 'child_process', 'http', 'https', 'net', 'url'];
const layer = (/** @type {string[]} */ forbiddenLayers, /** @type {string[]} */ extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...forbiddenLayers.map((l) => ({
          group: [`**/${l}`, `**/${l}/**`],
          message: `This layer may not import ${l}/ (see ARCHITECTURE.md).`,
        })),
        ...(extra.length > 0 ? [{ group: extra, message: 'Not available in this layer (see ARCHITECTURE.md).' }] : []),
      ],
      paths: [
        { name: 'electron', importNames: ['ipcMain'], message: 'Register IPC handlers only through main/ipc/handle-ipc.ts.' },
        { name: 'electron', importNames: ['ipcRenderer'], message: 'Use the bridge built in main/preload.cts.' },
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist*/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // Arrow shorthands like `onChange={(e) => setX(e.target.value)}` are the React idiom.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'User text is rendered as text: use textContent.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'User text is rendered as text.' },
      ],
    },
  },
  // Test helpers (test-support/<layer>) keep the rules of the layer they serve.
  { files: ['shared/**/*.ts', 'test-support/shared/**/*.ts'], ignores: ['**/*.test.ts'], rules: layer(['renderer', 'main', 'server'], [...nodeBuiltins, 'electron', 'react', 'react-dom', 'dexie', 'leaflet']) },
  { files: ['renderer/**/*.{ts,tsx}', 'test-support/renderer/**/*.{ts,tsx}'], rules: layer(['main', 'server'], [...nodeBuiltins, 'electron']) },
  { files: ['main/**/*.{ts,cts}'], rules: layer(['renderer', 'server'], ['react', 'react-dom', 'dexie', 'leaflet']) },
  {
    files: ['main/ipc/handle-ipc.ts', 'main/preload.cts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  { files: ['server/**/*.ts', 'test-support/server/**/*.ts'], rules: layer(['renderer', 'main'], ['electron', 'react', 'react-dom', 'dexie', 'leaflet']) },
  { files: ['renderer/**/*.{ts,tsx}', 'test-support/renderer/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
  {
    // Leaflet parses a string given as popup, tooltip or divIcon content as HTML: user text goes in elements (scripts/eslint-rules/).
    files: ['renderer/**/*.{ts,tsx}', 'test-support/renderer/**/*.{ts,tsx}'],
    plugins: { routewatch: { rules: { 'no-leaflet-html-strings': noLeafletHtmlStrings } } },
    rules: { 'routewatch/no-leaflet-html-strings': 'error' },
  },
  { files: ['main/**', 'server/**', 'scripts/**', 'tests/**', 'test-support/server/**', '*.config.*'], languageOptions: { globals: globals.node } },
  {
    // Bench and e2e scripts hand functions to Playwright that run in the page.
    files: ['scripts/bench.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Config files and plain-JS scripts are checked without type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
