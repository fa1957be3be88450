// Migration 0001_initial.
// Written by graphcool-generator (npx generator run) from a change of the types. It is yours:
// review it and commit it. The generator never changes it; the server runs it once, in a
// transaction, when it starts. Add data changes here if you need them.

import type { Kysely } from 'kysely';

/**
 * Creates table "User".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('User')
    .addColumn('id', 'text', (col) => col.primaryKey().notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('password', 'text', (col) => col.notNull())
    .execute();

  await db.schema.createIndex('User_email_key').on('User').columns(['email']).unique().execute();
}
