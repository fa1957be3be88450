import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { jwtVerify } from 'jose';
import { median } from './measure.js';

const sampleDir = fileURLToPath(new URL('../sample-project/', import.meta.url));

/** Verifications per second, ours beside jose alone. */
export interface TokenThroughput {
  oursPerSecond: number;
  joseAlonePerSecond: number;
}

interface Tokens {
  generateNodeToken(nodeId: string, typeName: 'User'): Promise<string>;
  verifyToken(token: string): Promise<unknown>;
}

interface AuthModules {
  tokens: { createTokens(services: Record<string, unknown>): Tokens };
  keys: { loadKeys(dir: string, production: boolean, env: NodeJS.ProcessEnv): Promise<unknown> };
  settings: { readAuthSettings(env: NodeJS.ProcessEnv): unknown };
}

/**
 * Signature verification of a node token through the sample project's generated token
 * utilities, with the database checks answered in memory (no revocation, the node exists),
 * against jose's `jwtVerify` with a key imported once. Each runs for `milliseconds` per round,
 * alternating, and the median round is reported.
 */
export async function benchTokens(options: {
  rounds: number;
  milliseconds: number;
}): Promise<TokenThroughput> {
  const secret = 'benchmark-secret-benchmark-secret-0123456789';
  const env = { AUTH_SECRET: secret };
  const auth = await loadAuthModules();
  const tokens = auth.tokens.createTokens({
    keys: await auth.keys.loadKeys(sampleDir, true, env),
    settings: auth.settings.readAuthSettings(env),
    store: { revokedBefore: async () => undefined },
    nodeExists: async () => true,
  });
  const token = await tokens.generateNodeToken('ckbenchmarknode000000000', 'User');
  const key = new TextEncoder().encode(secret);

  const ours: number[] = [];
  const jose: number[] = [];
  for (let round = 0; round < options.rounds + 1; round++) {
    const oursRate = await rate(() => tokens.verifyToken(token), options.milliseconds);
    const joseRate = await rate(
      () => jwtVerify(token, key, { algorithms: ['HS256'] }),
      options.milliseconds,
    );
    if (round === 0) continue;
    ours.push(oursRate);
    jose.push(joseRate);
  }
  return { oursPerSecond: median(ours), joseAlonePerSecond: median(jose) };
}

async function loadAuthModules(): Promise<AuthModules> {
  const load = (name: string) =>
    import(pathToFileURL(path.join(sampleDir, 'generated', 'auth', `${name}.ts`)).href);
  return {
    tokens: (await load('tokens')) as AuthModules['tokens'],
    keys: (await load('keys')) as AuthModules['keys'],
    settings: (await load('settings')) as AuthModules['settings'],
  };
}

async function rate(operation: () => Promise<unknown>, milliseconds: number): Promise<number> {
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < milliseconds) {
    for (let i = 0; i < 100; i++) await operation();
    count += 100;
  }
  return (count / (performance.now() - started)) * 1000;
}
