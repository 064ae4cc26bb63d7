import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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

/**
 * Runs `COPY … FROM STDIN` with `data` in COPY's text format (fields by copyField, tab
 * separated, one line per row): the cheapest way to insert many rows, since each value is
 * read as it is sent, without a JSON document or an array around it. In a transaction it is
 * one statement like any other. `statement` is constant text, never built from input.
 */
export async function copyInto(db: DbOrTx, statement: string, data: string): Promise<void> {
  await sql`${sql.raw(copyMarker)}${sql.raw(statement)} ${data}`.execute(db);
}
const copyMarker = '/* copy */';

/** A value as a field of COPY's text format: \N for null; backslash, tab and line breaks escaped. */
export function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (char) => copyEscapes[char]!) : text;
}
const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

type QueryFunction = (config: unknown, values?: unknown, callback?: unknown) => unknown;

const preparedNames = new Map<string, string>();

/** Sends COPY data through pg-copy-streams; resolves as a query would, with the rows copied. */
function copy(query: QueryFunction, text: string, data: unknown): Promise<{ command: string; rowCount: number; rows: [] }> {
  // The data parameter was compiled into the text as `$1`: the statement is what precedes it.
  const stream = copyFrom(text.slice(copyMarker.length).replace(/\$1\s*$/, ''));
  const done = new Promise<{ command: string; rowCount: number; rows: [] }>((resolve, reject) => {
    stream.on('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [] }));
    stream.on('error', reject);
  });
  query(stream);
  stream.end(String(data));
  return done;
}

/**
 * Sends statements that start with the prepared marker as named prepared statements (one
 * name per text), and those that start with the copy marker as COPY.
 */
function preparingMarkedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  (client as unknown as { query: QueryFunction }).query = (config, values, callback) => {
    if (typeof config === 'string' && config.startsWith(copyMarker) && Array.isArray(values) && values.length === 1 && !callback) {
      return copy(query, config, values[0]);
    }
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
