import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Separate processes: the golden test changes the working directory, and the end-to-end
    // tests spawn servers that must not outlive their file.
    pool: 'forks',
    fileParallelism: true,
    // Generating a project and starting its server takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
