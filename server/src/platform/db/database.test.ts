import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/harness.js';
import { prepared } from './database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => database.close());

describe('prepared statements', () => {
  it('keeps a marked statement prepared on its connection, and sends others unnamed', async () => {
    const names = await database.ctx.db.transaction().execute(async (trx) => {
      // One connection: the transaction's.
      for (const n of [1, 2, 3]) {
        const { rows } = await sql<{ doubled: number }>`${prepared} select ${n}::int * 2 as doubled`.execute(trx);
        expect(rows[0]!.doubled).toBe(n * 2);
        await sql`select ${n}::int as plain`.execute(trx);
      }
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx);
      return rows.map((row) => row.statement);
    });
    expect(names.filter((statement) => statement.startsWith('/* prepared */'))).toEqual(['/* prepared */ select $1::int * 2 as doubled']);
    expect(names.some((statement) => statement.includes('as plain'))).toBe(false);
  });
});
