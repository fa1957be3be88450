import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the parameters OWASP recommends as a minimum (19 MiB, 2 passes, 1 lane).
 * `algorithm: 2` is `Algorithm.Argon2id`: the package declares it as a const enum, which does
 * not exist at run time when each file is compiled on its own (tsx), so the value is spelled out.
 */
const argon2Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Passwords shorter than this are refused at signup. */
export const MIN_PASSWORD_LENGTH = 8;

/** Longer passwords are refused so that a request cannot make the server hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The form an email address is stored and looked up in: trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether a normalised address looks like `name@domain.tld` and fits the RFC 5321 limit. */
export function isValidEmail(email: string): boolean {
  return email.length <= 254 && emailPattern.test(email);
}

/** Hashes a password into a PHC string (`$argon2id$v=19$...`) that carries its own salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** Compares a password with a stored hash; a malformed hash counts as a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real password check, for an email that has no account, so that the
 * response time does not tell whether the address is registered.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy password that no account has');
  await verifyPassword(await dummyHash, password);
}
