import { defineConfig } from 'vitest/config';

// With a PostgreSQL server to test against, the end-to-end suites run a second time with their
// servers on PostgreSQL; the data-layer and migration suites cover both databases on their own.
const postgres = Boolean(process.env.TEST_POSTGRES_URL);

export default defineConfig({
  test: {
    environment: 'node',
    // Separate processes: the golden test changes the working directory, and the end-to-end
    // tests spawn servers that must not outlive their file.
    pool: 'forks',
    fileParallelism: true,
    // Generating a project and starting its server takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'all',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/postgresNotice.ts'],
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e on PostgreSQL',
                include: ['test/e2e/**/*.test.ts'],
                setupFiles: ['test/support/e2ePostgres.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
