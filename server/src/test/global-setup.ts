import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../platform/db/embedded.js';
import { migrate } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of a database that may CREATE DATABASE (the maintenance db). */
    adminUrl: string;
    /** The migrated template every test file clones. */
    templateDb: string;
  }
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set, else an embedded server in
 * `.tandem-test/`. A template database is migrated once; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(process.env.TANDEM_TEST_DATA_DIR ?? '.tandem-test'),
      port: Number(process.env.TANDEM_TEST_PG_PORT ?? 54390),
      logger: createLogger('warn'),
    });
    adminUrl = embedded.connectionString('postgres');
  }
  const templateDb = `tandem_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${templateDb}`);
  const templatePool = new pg.Pool({ connectionString: withDatabase(adminUrl, templateDb), max: 1 });
  await migrate(templatePool);
  await templatePool.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`, [`tandem_test_${process.pid}_%`, templateDb]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
    if (embedded?.owned) await embedded.stop();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
