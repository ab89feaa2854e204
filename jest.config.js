/** ESM TypeScript through ts-jest; `npm test` builds dist/ first for the CLI and worker tests. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 60000,
  // Temporary files of a run live in one folder removed at its end; the transform cache stays
  // with the project rather than in the system temp folder.
  globalSetup: '<rootDir>/tests/global-setup.js',
  globalTeardown: '<rootDir>/tests/global-teardown.js',
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
