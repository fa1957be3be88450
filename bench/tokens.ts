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

interface TokensModule {
  createTokens(secret: string): {
    generateNodeToken(nodeId: string, typeName: 'User'): Promise<string>;
    verifyToken(token: string): Promise<unknown>;
  };
}

/**
 * Signature verification of a node token through the sample project's generated token
 * utilities (no database check), against jose's `jwtVerify` with a key imported once.
 * Each is run for `milliseconds` per round, alternating, and the median round is reported.
 */
export async function benchTokens(options: {
  rounds: number;
  milliseconds: number;
}): Promise<TokenThroughput> {
  const secret = 'benchmark-secret-benchmark-secret-0123456789';
  const modulePath = path.join(sampleDir, 'generated', 'auth', 'tokens.ts');
  const { createTokens } = (await import(pathToFileURL(modulePath).href)) as TokensModule;
  const tokens = createTokens(secret);
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

async function rate(operation: () => Promise<unknown>, milliseconds: number): Promise<number> {
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < milliseconds) {
    for (let i = 0; i < 100; i++) await operation();
    count += 100;
  }
  return (count / (performance.now() - started)) * 1000;
}
