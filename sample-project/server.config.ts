import type { ServerConfig } from './generated/server.js';

/**
 * Server settings that belong to this project. The generator created this file once and
 * never changes it; generated/server.ts reads it when the server starts.
 */
export default {
  /** CORS for /graphql, e.g. `{ origin: 'https://app.example.com' }`; absent: any origin. */
  cors: undefined,

  /** More graphql-yoga or envelop plugins, e.g. rate limiting or tracing. */
  plugins: [],

  /** Values every handler receives as `ctx.extra`, computed per request. */
  extraContext: () => ({}),
} satisfies ServerConfig;
