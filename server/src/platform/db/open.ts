import type pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createDb, createPool, type Db } from './database.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded.js';
import { migrate } from './migrate.js';

export interface OpenDatabase {
  db: Db;
  pool: pg.Pool;
  connectionString: string;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts (or attaches to) the embedded PostgreSQL; migrates. */
export async function openDatabase(config: Config, logger: Logger, options: { migrate?: boolean } = {}): Promise<OpenDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let connectionString = config.databaseUrl;
  if (!connectionString) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, logger });
    connectionString = embedded.connectionString();
  }
  const pool = createPool(connectionString, config.dbPoolSize);
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  try {
    if (options.migrate !== false) {
      const applied = await migrate(pool);
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw error;
  }
  const db = createDb(pool);
  return {
    db,
    pool,
    connectionString,
    close: async () => {
      await db.destroy();
      // Kysely ends the pool only if it ever queried through it; migrations use it directly.
      if (!pool.ended) await pool.end();
      if (embedded?.owned) await embedded.stop();
    },
  };
}
