import { defineConfig } from 'vitest/config';

// Module tests (server/**, cli/**) run on SQLite and, when TEST_DATABASE_URL is set, again on
// PostgreSQL. Pure unit tests and web tests run once.
const dbTests = ['server/**/*.test.ts', 'cli/**/*.test.ts'];
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'sqlite',
          include: dbTests,
          environment: 'node',
          env: { ITAS_TEST_DIALECT: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(withPostgres
        ? [
            {
              test: {
                name: 'postgres',
                include: dbTests,
                exclude: ['**/*.unit.test.ts', '**/*.process.test.ts'],
                environment: 'node',
                env: { ITAS_TEST_DIALECT: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'web',
          include: ['web/**/*.test.ts', 'web/**/*.test.tsx', 'contracts/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
