import { sql } from 'kysely';
import type { DbOrTx } from './database.js';

/**
 * Runs `step` so that, if it throws, what it wrote is undone and the transaction goes on
 * (a failed statement otherwise aborts the whole transaction). The error is rethrown for the
 * caller to judge. Call it inside a transaction; nested calls undo only their own part.
 */
export async function withSavepoint<T>(db: DbOrTx, step: () => Promise<T>): Promise<T> {
  await sql`savepoint step`.execute(db);
  try {
    const result = await step();
    await sql`release savepoint step`.execute(db);
    return result;
  } catch (error) {
    await sql`rollback to savepoint step`.execute(db);
    throw error;
  }
}
