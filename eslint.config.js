// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Adapters may only use @authkit/core's public entry points (`@authkit/core` and the Node
 * translation `@authkit/core/node`), never its internals.
 */
const adapterBoundary = {
  files: ['packages/express/**/*.ts', 'packages/nestjs/**/*.ts', 'packages/next-auth/**/*.ts', 'apps/**/*.ts', 'apps/**/*.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['@authkit/core/*', '!@authkit/core/package.json', '!@authkit/core/node', '**/core/src/**', '**/packages/core/**'],
            message: 'Import @authkit/core only through its public entry points.',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/.next/**', '**/node_modules/**', '**/*.d.ts', '**/.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly' } },
  },
  adapterBoundary,
);
