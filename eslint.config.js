import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const determinism = {
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: 'Use the cluster clock (src/runtime/sim).' },
    { name: 'setInterval', message: 'Use the cluster clock (src/runtime/sim).' },
    { name: 'queueMicrotask', message: 'Use the cluster clock (src/runtime/sim).' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Use the cluster clock (src/runtime/sim).' },
    { object: 'Math', property: 'random', message: 'Use the cluster RNG (src/runtime/sim).' },
    { object: 'crypto', property: 'randomUUID', message: 'Use the cluster id source (src/runtime/sim).' },
    { object: 'performance', property: 'now', message: 'Use the cluster clock (src/runtime/sim).' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: 'NewExpression[callee.name="Date"][arguments.length=0]', message: 'Use the cluster clock (src/runtime/sim).' },
    { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
  ],
};

export default tseslint.config(
  { ignores: ['.ci/**', 'dist/**', 'node_modules/**', 'bin/**', 'coverage/**', '*.config.ts', 'vitest.setup.ts', 'eslint.config.js', 'src/inspect/page/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts', 'actors/**/*.ts', 'machines/**/*.ts'],
    ignores: ['src/runtime/sim/**', 'src/cli/**', 'src/http/**', 'bench/**', '**/*.test.ts'],
    rules: determinism,
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/index.ts', 'src/harness/**', 'src/cli/**', 'src/http/**', 'src/inspect/**', 'src/runtime/createCluster.ts', 'src/runtime/cluster/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/actors/**', '**/machines/**'], message: 'src/ must not import actors/ or machines/ (layering, ARCHITECTURE.md).' }] }],
    },
  },
  {
    files: ['actors/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/property-tests/**'], message: 'actors/ imports only src/ and machines/.' }] }],
    },
  },
  {
    files: ['**/*.test.ts', 'property-tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
