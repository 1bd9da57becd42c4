/** Jest: unit tests run anywhere; integration and e2e tests need the Redis and PostgreSQL
 * that `make test` starts (scripts/infra.sh) and the built services (for e2e). */
const path = require('node:path');

const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.jest.json'), diagnostics: false }],
    // ESM-only dependencies (content-disposition, under @fastify/static; cookie 2, which
    // @fastify/cookie under the console's @fastify/secure-session loads with import()): Node ≥ 20.19
    // requires them natively, jest's module loader cannot, so they are compiled to CommonJS.
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, diagnostics: false }],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!\\.pnpm/(content-disposition|cookie|@fastify\\+cookie)@|content-disposition/|cookie/|@fastify/cookie/)',
  ],
  moduleNameMapper: {
    // The root test support (test/support/*), one module per file: tests import only what they use.
    '^@chatops/test-support/([a-z-]+)$': '<rootDir>/test/support/$1.ts',
    '^@chatops/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  modulePathIgnorePatterns: ['<rootDir>/.local/', '/dist/'],
};

module.exports = {
  // Integration tests start processes and wait on queues; unit tests finish in milliseconds anyway.
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/{packages,services}/**/src/**/!(*.int|*.e2e).test.ts',
        '<rootDir>/bench/src/**/*.test.ts',
        '<rootDir>/test/docs/*.test.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,services}/**/{src,test}/**/*.int.test.ts', '<rootDir>/test/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
