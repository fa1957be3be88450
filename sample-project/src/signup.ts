import type { SignupUserHandler } from '../generated/handlers.js';
import { HandlerError } from '../generated/errors.js';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  hashPassword,
  isValidEmail,
  normaliseEmail,
} from './credentials.js';

/** Creates a `User` with a hashed password and returns its id and a node token. */
const signupUser: SignupUserHandler = async (args, ctx) => {
  const email = normaliseEmail(args.email);
  if (!isValidEmail(email)) {
    throw new HandlerError('INVALID_EMAIL', 'The email address is not valid.');
  }
  if (args.password.length < MIN_PASSWORD_LENGTH || args.password.length > MAX_PASSWORD_LENGTH) {
    throw new HandlerError(
      'INVALID_PASSWORD',
      `The password must be between ${MIN_PASSWORD_LENGTH} and ${MAX_PASSWORD_LENGTH} characters long.`,
    );
  }
  if (await ctx.db.User.findUnique({ email })) {
    throw emailTaken();
  }

  const password = await hashPassword(args.password);
  const user = await ctx.db.User.create({ email, password }).catch(async (error: unknown) => {
    // Another signup with the same address may have won the race since the check above: the
    // unique index refused this one. Any other failure is unexpected and stays masked.
    if (await ctx.db.User.findUnique({ email })) {
      throw emailTaken();
    }
    throw error;
  });

  const token = await ctx.tokens.generateNodeToken(user.id, 'User');
  return { id: user.id, token };
};

function emailTaken(): HandlerError {
  return new HandlerError('EMAIL_TAKEN', 'An account with this email address already exists.');
}

export default signupUser;
