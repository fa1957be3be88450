import { describe, expect, test } from 'vitest';
import { loadKeys } from '../../sample-project/generated/auth/keys.js';
import { readAuthSettings } from '../../sample-project/generated/auth/settings.js';
import type { AuthStore } from '../../sample-project/generated/auth/store.js';
import { createTokens, type Tokens } from '../../sample-project/generated/auth/tokens.js';
import { sampleProjectDir } from '../support/paths.js';
import { TEST_AUTH_SECRET } from '../support/startServer.js';

/**
 * The caches of the sample project's generated token utilities, driven directly with a store
 * in memory whose reads can be held back: what a cached answer may and may not be reused for.
 */

const environment = { AUTH_SECRET: TEST_AUTH_SECRET, AUTH_NODE_CACHE_SECONDS: '60' };

/**
 * A revocation table in memory. `holdReads` makes the next reads wait, once they have read,
 * until released; `readHeld` settles when one is waiting.
 */
class MemoryStore {
  readonly revoked = new Map<string, number>();
  private held: (() => void)[] | undefined;
  private onHeld: (() => void) | undefined;

  holdReads(): { readHeld: Promise<void>; release: () => void } {
    const waiting: (() => void)[] = [];
    this.held = waiting;
    const readHeld = new Promise<void>((resolve) => (this.onHeld = resolve));
    const release = () => {
      this.held = undefined;
      for (const resume of waiting) resume();
    };
    return { readHeld, release };
  }

  async revokedBefore(typeName: string, nodeId: string): Promise<number | undefined> {
    const value = this.revoked.get(`${typeName}:${nodeId}`);
    const held = this.held;
    if (held) {
      const waiting = new Promise<void>((resolve) => held.push(resolve));
      this.onHeld?.();
      await waiting;
    }
    return value;
  }

  async revokeNodeTokens(typeName: string, nodeId: string, before: number): Promise<void> {
    this.revoked.set(`${typeName}:${nodeId}`, before);
  }
}

async function tokensWith(store: MemoryStore): Promise<Tokens> {
  return createTokens({
    keys: await loadKeys(sampleProjectDir, true, environment),
    settings: readAuthSettings(environment),
    store: store as unknown as AuthStore,
    nodeExists: async () => true,
  });
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: { code?: string }) => error.code,
  );

describe('the token caches', () => {
  test('changing the auth a verification returned changes no later answer', async () => {
    const tokens = await tokensWith(new MemoryStore());
    const token = await tokens.generateNodeToken('user-1', 'User');

    const first = await tokens.verifyToken(token);
    Object.assign(first, { nodeId: 'someone-else' });

    expect(await tokens.verifyToken(token)).toEqual({
      kind: 'node',
      nodeId: 'user-1',
      typeName: 'User',
    });
  });

  test('a node read that a revocation overtook is not cached', async () => {
    const store = new MemoryStore();
    const tokens = await tokensWith(store);
    const token = await tokens.generateNodeToken('user-2', 'User');
    await new Promise((resolve) => setTimeout(resolve, 5));

    const { readHeld, release } = store.holdReads();
    const racing = tokens.verifyToken(token);
    await readHeld;
    await tokens.revokeNodeTokens('user-2', 'User');
    release();

    // The request that read before the revocation was already in flight, and may pass.
    expect(await codeOf(racing)).toBe('accepted');
    expect(await codeOf(tokens.verifyToken(token))).toBe('TOKEN_REVOKED');
  });

  test('a revocation through the utilities applies at once to a cached node', async () => {
    const tokens = await tokensWith(new MemoryStore());
    const token = await tokens.generateNodeToken('user-3', 'User');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await codeOf(tokens.verifyToken(token))).toBe('accepted');

    await tokens.revokeNodeTokens('user-3', 'User');

    expect(await codeOf(tokens.verifyToken(token))).toBe('TOKEN_REVOKED');
  });

  test('a tampered copy of a cached token is verified on its own and refused', async () => {
    const tokens = await tokensWith(new MemoryStore());
    const token = await tokens.generateNodeToken('user-4', 'User');
    expect(await codeOf(tokens.verifyToken(token))).toBe('accepted');

    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'user-5' })).toString('base64url');

    expect(await codeOf(tokens.verifyToken(`${header}.${forged}.${signature}`))).toBe(
      'TOKEN_INVALID',
    );
  });
});
