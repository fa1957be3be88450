import type { AuthenticateUserHandler } from '../generated/handlers.js';
import { HandlerError } from '../generated/errors.js';
import { normaliseEmail, verifyAgainstDummy, verifyPassword } from './credentials.js';

/**
 * Checks an email and password and returns the user's id and a new node token. An unknown email
 * and a wrong password get the same error, after the same amount of hashing work.
 */
const authenticateUser: AuthenticateUserHandler = async (args, ctx) => {
  const user = await ctx.db.User.findUnique({ email: normaliseEmail(args.email) });
  if (!user) {
    await verifyAgainstDummy(args.password);
    throw invalidCredentials();
  }
  if (!(await verifyPassword(user.password, args.password))) {
    throw invalidCredentials();
  }

  const token = await ctx.tokens.generateNodeToken(user.id, 'User');
  return { id: user.id, token };
};

function invalidCredentials(): HandlerError {
  return new HandlerError('INVALID_CREDENTIALS', 'The email address or the password is wrong.');
}

export default authenticateUser;
