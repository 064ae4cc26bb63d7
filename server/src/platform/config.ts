import path from 'node:path';

/** Every setting Tandem reads from the environment; documented in docs/configuration.md. */
export interface Config {
  /** External PostgreSQL; when unset an embedded PostgreSQL runs in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: string;
  secureCookies: boolean;
  dbPoolSize: number;
  workerConcurrency: number;
  workerPollMs: number;
  /** How long a claimed job is a worker's before another may take it (its worker is presumed dead). */
  workerLockMs: number;
  /** Journey enrolments advanced per transaction. */
  journeyBatchSize: number;
  /** Event ingestion: transactions at once per process, requests that may wait, requests per IP per 10 s. */
  ingestConcurrency: number;
  ingestQueue: number;
  ingestRatePerIp: number;
  /** Form submissions per IP per minute. */
  formRatePerIp: number;
  /** Fill the demo workspace made on first start with sample CRM data. */
  demoData: boolean;
  /** Where Tandem's own email (notifications to people) goes out, e.g. smtp://user:pass@host:587; unset: not sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Connections of the outgoing SMTP pool, and messages per second to one recipient domain (0: no limit). */
  smtpConnections: number;
  smtpDomainRate: number;
  /** Port of the SMTP listener that receives bounces and complaints (0: off). */
  bounceSmtpPort: number;
  /** Test environments only: a clock that POST /api/v1/test/clock moves forward. */
  testClock: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom(env, 'PORT', 3000);
  const publicUrl = (env.TANDEM_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.TANDEM_DATA_DIR ?? '.tandem'),
    embeddedPgPort: intFrom(env, 'TANDEM_PG_PORT', 54329),
    host: env.HOST ?? '127.0.0.1',
    port,
    publicUrl,
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.TANDEM_SECURE_COOKIES
      ? env.TANDEM_SECURE_COOKIES === 'true'
      : publicUrl.startsWith('https://'),
    dbPoolSize: intFrom(env, 'TANDEM_DB_POOL_SIZE', 10),
    workerConcurrency: intFrom(env, 'TANDEM_WORKER_CONCURRENCY', 4),
    workerPollMs: intFrom(env, 'TANDEM_WORKER_POLL_MS', 1000),
    workerLockMs: intFrom(env, 'TANDEM_WORKER_LOCK_MS', 5 * 60_000),
    journeyBatchSize: Math.max(1, intFrom(env, 'TANDEM_JOURNEY_BATCH', 500)),
    ingestConcurrency: intFrom(env, 'TANDEM_INGEST_CONCURRENCY', 2),
    ingestQueue: intFrom(env, 'TANDEM_INGEST_QUEUE', 500),
    ingestRatePerIp: intFrom(env, 'TANDEM_INGEST_RATE_PER_IP', 5000),
    formRatePerIp: intFrom(env, 'TANDEM_FORM_RATE_PER_IP', 20),
    demoData: env.TANDEM_DEMO_DATA !== 'false',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.TANDEM_MAIL_FROM ?? 'Tandem <tandem@localhost>',
    smtpConnections: intFrom(env, 'TANDEM_SMTP_CONNECTIONS', 5),
    smtpDomainRate: intFrom(env, 'TANDEM_SMTP_DOMAIN_RATE', 0),
    bounceSmtpPort: intFrom(env, 'TANDEM_BOUNCE_SMTP_PORT', 0),
    testClock: env.TANDEM_TEST_CLOCK === 'true',
  };
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}
