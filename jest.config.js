// Tests run as CommonJS, like the build. ESM-only dependencies (recent @octokit/*) are
// transformed to CommonJS by swc; test/esm-interop.test.ts proves it.
/** @type {import('jest').Config} */
const esmOnly = [
  '@octokit',
  'universal-user-agent',
  'before-after-hook',
  'content-type',
  'fast-content-type-parse',
  'json-with-bigint',
  'toad-cache',
  'universal-github-app-jwt',
];

module.exports = {
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // Passing tests print nothing: the Temporal SDK logs into memory, shown when a test fails.
  testEnvironment: '<rootDir>/test/setup/environment.ts',
  setupFiles: ['<rootDir>/test/setup/temporal-sdk.ts'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
  // The Temporal native runtime keeps a handle open after workers shut down (sdk-typescript#928).
  forceExit: true,
};
