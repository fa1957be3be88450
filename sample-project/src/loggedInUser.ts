import type { LoggedInUserHandler } from '../generated/handlers.js';

/** The user the request's node token belongs to; null for any other kind of request. */
const loggedInUser: LoggedInUserHandler = async (_args, ctx) => {
  if (ctx.auth.kind !== 'node' || ctx.auth.typeName !== 'User') {
    return null;
  }
  const user = await ctx.db.User.findById(ctx.auth.nodeId);
  return user ? { id: user.id } : null;
};

export default loggedInUser;
