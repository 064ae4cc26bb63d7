import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A handle that may be the pool or an open transaction: service functions accept either. */
export type DbOrTx = Db | Tx;

// bigint ids (int8) come back as strings by default; ours stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar date stays "2026-12-31": as a JS Date it would shift with the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * Marks a hot statement (`sql\`${prepared} select …\``): each connection parses and plans it
 * once and then only binds and executes it. Planning the ingest path's statements, which
 * read JSON recordsets and partitioned tables, cost more than running some of them. Only
 * for statements whose text never varies, since each text is kept per connection.
 */
export const prepared = sql.raw('/* prepared */');
const preparedMarker = '/* prepared */';

type QueryFunction = (config: unknown, values?: unknown, callback?: unknown) => unknown;

const preparedNames = new Map<string, string>();

/** Sends statements that start with the marker as named prepared statements (one name per text). */
function preparingMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  (client as unknown as { query: QueryFunction }).query = (config, values, callback) => {
    if (typeof config !== 'string' || !config.startsWith(preparedMarker)) return query(config, values, callback);
    let name = preparedNames.get(config);
    if (!name) preparedNames.set(config, name = createHash('sha1').update(config).digest('hex').slice(0, 16));
    return query({ name, text: config, values }, callback);
  };
}

export function createPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  pool.on('connect', preparingMarkedStatements);
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
