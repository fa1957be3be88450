/**
 * Global setup of the test run: says plainly when the PostgreSQL suites are skipped, and
 * where they run otherwise.
 */
export default function postgresNotice(): void {
  const url = process.env.TEST_POSTGRES_URL;
  if (url) {
    const { hostname, port, pathname } = new URL(url);
    console.log(`PostgreSQL suites run against ${hostname}:${port || '5432'}${pathname}.`);
  } else {
    console.log(
      'PostgreSQL suites skipped: TEST_POSTGRES_URL is not set (set it to ' +
        'postgres://user:password@host:5432/database to run them).',
    );
  }
}
