import { requireNode } from '../generated/auth/guards.js';
import type { LogoutEverywhereHandler } from '../generated/handlers.js';

/**
 * Logs the calling user out on every device: each token issued to them until now stops working
 * (`TOKEN_REVOKED`). `@requireAuth(types: [User])` has already refused other callers; a root
 * token names no user, so `requireNode` refuses it with `FORBIDDEN`.
 */
const logoutEverywhere: LogoutEverywhereHandler = async (_args, ctx) => {
  const { nodeId } = requireNode(ctx, 'User');
  await ctx.tokens.revokeNodeTokens(nodeId, 'User');
  return { id: nodeId };
};

export default logoutEverywhere;
