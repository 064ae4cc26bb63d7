import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/harness.js';
import { copyField, copyInto, prepared } from './database.js';

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

describe('copyInto', () => {
  it('copies rows inside a transaction, every character of a value kept, and rolls back with it', async () => {
    const values = ['plain', 'tab\tnewline\ncarriage\rbackslash\\', '\\N is text here', null];
    await database.ctx.db.transaction().execute(async (trx) => {
      await sql`create temporary table copied (n int, value text) on commit drop`.execute(trx);
      await copyInto(trx, 'copy copied (n, value) from stdin', values.map((value, n) => `${n}\t${copyField(value)}\n`).join(''));
      const { rows } = await sql<{ value: string | null }>`select value from copied order by n`.execute(trx);
      expect(rows.map((row) => row.value)).toEqual(values);
    });

    await sql`create table copy_rollback (value text)`.execute(database.ctx.db);
    await expect(database.ctx.db.transaction().execute(async (trx) => {
      await copyInto(trx, 'copy copy_rollback (value) from stdin', 'kept only if committed\n');
      throw new Error('abandon the transaction');
    })).rejects.toThrow('abandon');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from copy_rollback`.execute(database.ctx.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('fails the statement, and only it, on data the table refuses', async () => {
    await sql`create table copy_refused (n int not null)`.execute(database.ctx.db);
    await expect(copyInto(database.ctx.db, 'copy copy_refused (n) from stdin', 'not a number\n')).rejects.toThrow(/invalid input syntax for type integer/);
    // The connection is usable afterwards.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.ctx.db);
    expect(rows[0]!.one).toBe(1);
  });
});
