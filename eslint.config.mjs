// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'packages/db/src/generated/**',
      '.local/**',
      '.tools/**',
      'coverage/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        {
          // Configuration is read once in each service's main.ts and passed down (STYLE.md).
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through @chatops/config in main.ts, not process.env.',
        },
      ],
    },
  },
  {
    // Entry points: each service's main.ts and runService, which every main.ts calls.
    files: [
      '**/main.ts',
      'packages/runtime/src/run-service.ts',
      'packages/config/src/**',
      'packages/testing/src/**',
      'test/**',
      'bench/**',
      'scripts/**',
      'prisma.config.ts',
      '**/*.test.ts',
      'packages/cli/src/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
