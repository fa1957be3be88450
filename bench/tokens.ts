import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { jwtVerify } from 'jose';
import { median } from './measure.js';

const sampleDir = fileURLToPath(new URL('../sample-project/', import.meta.url));

/** Verifications per second: ours for new and for repeated tokens, beside jose alone. */
export interface TokenThroughput {
  /** Each token verified once, so every verification checks a signature. */
  oursPerSecond: number;
  /** One token verified again and again: the verified-token cache answers. */
  oursRepeatedPerSecond: number;
  joseAlonePerSecond: number;
}

interface Tokens {
  generateNodeToken(nodeId: string, typeName: 'User', expiresInSeconds: number): Promise<string>;
  verifyToken(token: string): Promise<unknown>;
}

interface AuthModules {
  tokens: { createTokens(services: Record<string, unknown>): Tokens };
  keys: { loadKeys(dir: string, production: boolean, env: NodeJS.ProcessEnv): Promise<unknown> };
  settings: { readAuthSettings(env: NodeJS.ProcessEnv): unknown };
}

/** Distinct tokens; a round that gets through all of them ends early. */
const POOL_SIZE = 30_000;

/**
 * Signature verification of node tokens through the sample project's generated token
 * utilities, with the database checks answered in memory (no revocation, the node exists),
 * against jose's `jwtVerify` with the key imported once as a `CryptoKey` and the same checks
 * (algorithm, `typ`, `iss`, `aud`, required claims). Both verify the same distinct tokens of
 * one node, each once a round, with fresh utilities each round so that their cache of verified
 * tokens never answers; the node's state is read once and then cached, as on a server. A third
 * figure is one token verified again and again, which the cache answers. Each runs for
 * `milliseconds` per round with `CONCURRENCY` verifications in flight, the first two taking
 * turns, and the median round is reported.
 */
export async function benchTokens(options: {
  rounds: number;
  milliseconds: number;
}): Promise<TokenThroughput> {
  const secret = 'benchmark-secret-benchmark-secret-0123456789';
  const env = { AUTH_SECRET: secret };
  const auth = await loadAuthModules();
  const keys = await auth.keys.loadKeys(sampleDir, true, env);
  const createTokens = () =>
    auth.tokens.createTokens({
      keys,
      settings: auth.settings.readAuthSettings(env),
      store: { revokedBefore: async () => undefined },
      nodeExists: async () => true,
    });
  const issuer = createTokens();
  const pool: string[] = [];
  for (let index = 0; index < POOL_SIZE; index++) {
    pool.push(await issuer.generateNodeToken('ckbenchmarknode', 'User', 3600 + index));
  }
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );

  const ours: number[] = [];
  const repeated: number[] = [];
  const jose: number[] = [];
  const measureOurs = () => {
    const tokens = createTokens();
    return rate((index) => tokens.verifyToken(pool[index] as string), options);
  };
  // The checks the utilities make: jose alone doing the same job.
  const settings = auth.settings.readAuthSettings(env) as { issuer: string; audience: string };
  const checks = {
    algorithms: ['HS256'],
    typ: 'JWT',
    issuer: settings.issuer,
    audience: settings.audience,
    requiredClaims: ['sub', 'iat', 'exp'],
  };
  const measureJose = () => rate((index) => jwtVerify(pool[index] as string, key, checks), options);
  for (let round = 0; round < options.rounds + 1; round++) {
    // Taking turns first, so that neither side always runs on the other's leftovers.
    let oursRate: number;
    let joseRate: number;
    if (round % 2 === 0) {
      oursRate = await measureOurs();
      joseRate = await measureJose();
    } else {
      joseRate = await measureJose();
      oursRate = await measureOurs();
    }
    if (round === 0) continue;
    ours.push(oursRate);
    jose.push(joseRate);
  }
  const tokens = createTokens();
  for (let round = 0; round < options.rounds + 1; round++) {
    const repeatedRate = await rate(() => tokens.verifyToken(pool[0] as string), options);
    if (round > 0) repeated.push(repeatedRate);
  }
  return {
    oursPerSecond: median(ours),
    oursRepeatedPerSecond: median(repeated),
    joseAlonePerSecond: median(jose),
  };
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

/** Verifications in flight at once, as on a server answering many requests. */
const CONCURRENCY = 16;

/**
 * Operations per second of `operation(index)`, called with 0, 1, 2, … by `CONCURRENCY` callers
 * at once, for the given time or until the pool of tokens is used up.
 */
async function rate(
  operation: (index: number) => Promise<unknown>,
  options: { milliseconds: number },
): Promise<number> {
  const started = performance.now();
  let next = 0;
  const caller = async () => {
    while (next < POOL_SIZE && performance.now() - started < options.milliseconds) {
      await operation(next++);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, caller));
  return (next / (performance.now() - started)) * 1000;
}
