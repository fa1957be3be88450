/**
 * Packages the generated server imports at run time, with versions that work on Node 20.
 * graphql-yoga stays on 5.21: 5.22 and later pull in packages that need Node 22.
 */
export const RUNTIME_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@paralleldrive/cuid2': '^2.2.2',
  'better-sqlite3': '^12.4.1',
  graphql: '^16.11.0',
  'graphql-yoga': '~5.21.3',
  jose: '^6.1.0',
  kysely: '^0.28.8',
  'lru-cache': '^11.2.0',
  pg: '^8.23.1',
  tsx: '^4.20.0',
  yaml: '^2.8.0',
};

/** Packages the target project needs to type-check. */
export const DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@types/better-sqlite3': '^7.6.13',
  '@types/node': '^20.19.0',
  '@types/pg': '^8.23.1',
  typescript: '~5.9.3',
};

/** Scripts a target project gets: `npm start` runs the server, `npm run typecheck` checks it. */
export const PROJECT_SCRIPTS: Readonly<Record<string, string>> = {
  start: 'tsx generated/server.ts',
  typecheck: 'tsc --noEmit',
};
