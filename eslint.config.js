// `npm run lint`: eslint's and typescript-eslint's recommended rules, without type information
// (the type-checked sets cost a full program per run and tsc already checks types in `npm test`).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's globals for the few plain .js/.cjs files (TypeScript files are checked by tsc instead). */
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout', 'performance'].map((name) => [name, 'readonly']),
);

/** Pure code gets time as an argument (DESIGN.md "Pure core"), so the same inputs give the same answer. */
const readsTheClock = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pure code reads no clock: take the time as an argument.' },
  { selector: "CallExpression[callee.name='Date']", message: 'Pure code reads no clock: take the time as an argument.' },
  { selector: "CallExpression[callee.object.name=/^(Date|performance)$/][callee.property.name='now']", message: 'Pure code reads no clock: take the time as an argument.' },
];

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `const { hash: _ignored, ...rest } = x` drops a field; a leading underscore marks a name unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/agreements/domain/**/*.ts', 'projections/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.spec-helper.ts'],
    rules: { 'no-restricted-syntax': ['error', ...readsTheClock] },
  },
  {
    // End-to-end tests read HTTP responses as loose JSON; their assertions are the type check.
    files: ['test/**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, module: 'writable', require: 'readonly' } },
  },
);
