// Lint rules, including the house boundaries that a machine can check:
// - the core is pure Node: it never imports electron;
// - the contract and the renderer import neither node: modules nor the core.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronBanned = { name: 'electron', message: 'electron/core is pure Node: it never imports electron (architecture.md).' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'native/build/**', 'test-results/**', '.sohoa-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['**/*.mjs', 'test/**', 'electron/**'], languageOptions: { globals: globals.node } },
  { files: ['renderer/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['electron/core/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBanned] }] },
  },
  {
    files: ['electron/contract/**', 'renderer/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBanned],
          patterns: [
            { group: ['node:*'], message: 'The contract and the renderer run in the browser too: no node: modules.' },
            { group: ['**/core/**', '**/core'], message: 'The renderer reaches the station only through the contract.' },
          ],
        },
      ],
    },
  },
);
