import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Db, DbOrTx } from '../db/database.js';

export interface JobRequest {
  queue: string;
  payload?: Record<string, unknown>;
  workspaceId?: string | null;
  /** Same queue + key twice is stored once: the effect happens at most once. */
  idempotencyKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export interface ClaimedJob {
  id: number;
  workspaceId: string | null;
  queue: string;
  payload: Record<string, unknown>;
  idempotencyKey: string | null;
  attempts: number;
  maxAttempts: number;
}

/** Channel a worker listens on so new work starts without waiting for the next poll. */
export const jobsChannel = 'tandem_jobs';

/**
 * Enqueues a job. Pass the transaction of the state change that causes it (the outbox
 * pattern): the job exists if and only if the change committed.
 * Returns the job id, or null when the idempotency key was already used.
 */
export async function enqueue(db: DbOrTx, clock: Clock, job: JobRequest): Promise<number | null> {
  const [id] = await enqueueAll(db, clock, [job]);
  return id ?? null;
}

/** Several jobs in one statement; returns the ids of those stored (not refused by their key). */
export async function enqueueAll(db: DbOrTx, clock: Clock, jobs: JobRequest[]): Promise<number[]> {
  if (!jobs.length) return [];
  const now = clock.now();
  const rows = JSON.stringify(jobs.map((job) => ({
    queue: job.queue, payload: job.payload ?? {}, workspace_id: job.workspaceId ?? null, idempotency_key: job.idempotencyKey ?? null,
    run_at: job.runAt ?? now, max_attempts: job.maxAttempts ?? 5,
  })));
  // The insert and the wake-up call in one round trip (the notice is sent on commit). A
  // plain select in a CTE runs only when read: the count reads `notified`.
  const { rows: inserted } = await sql<{ id: number }>`
    with inserted as (
      insert into jobs (queue, payload, workspace_id, idempotency_key, run_at, max_attempts, created_at)
      select j.queue, j.payload, j.workspace_id, j.idempotency_key, j.run_at, j.max_attempts, ${now}
        from jsonb_to_recordset(${rows}::jsonb) as j(queue text, payload jsonb, workspace_id uuid, idempotency_key text, run_at timestamptz, max_attempts integer)
      on conflict (queue, idempotency_key) where idempotency_key is not null do nothing
      returning id
    ), notified as (
      select pg_notify(${jobsChannel}, ${jobs[0]!.queue}) where exists (select 1 from inserted)
    )
    select id from inserted, (select count(*) from notified) as notices`.execute(db);
  return inserted.map((row) => row.id);
}

/**
 * Claims up to `limit` due jobs of the given queues for `workerId`. Rows locked by another
 * claimer are skipped, not waited for, so any number of workers share the queue. A job whose
 * worker died (lock expired) is claimed again: that is why effects carry idempotency keys.
 */
export async function claimJobs(
  db: Db,
  clock: Clock,
  options: { queues: string[]; limit: number; workerId: string; lockMs: number },
): Promise<ClaimedJob[]> {
  const now = clock.now();
  const lockedUntil = new Date(now.getTime() + options.lockMs);
  const result = await sql<{
    id: number; workspace_id: string | null; queue: string; payload: Record<string, unknown>;
    idempotency_key: string | null; attempts: number; max_attempts: number;
  }>`
    with due as (
      select id from jobs
       where state = 'pending' and queue = any(${options.queues}) and run_at <= ${now}
       order by run_at
       limit ${options.limit}
       for update skip locked
    ), abandoned as (
      select id from jobs
       where state = 'running' and locked_until < ${now} and queue = any(${options.queues})
       limit ${options.limit}
       for update skip locked
    )
    update jobs
       set state = 'running', attempts = attempts + 1, locked_by = ${options.workerId}, locked_until = ${lockedUntil}
      from (select id from due union select id from abandoned limit ${options.limit}) as claimed
     where jobs.id = claimed.id
    returning jobs.id, jobs.workspace_id, jobs.queue, jobs.payload, jobs.idempotency_key, jobs.attempts, jobs.max_attempts
  `.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    queue: row.queue,
    payload: row.payload,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));
}

export async function completeJob(db: Db, clock: Clock, job: ClaimedJob, workerId: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: 'done', finished_at: clock.now(), locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Exponential backoff: 2 s, 4 s, 8 s … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 3_600_000);
}

export async function failJob(db: Db, clock: Clock, job: ClaimedJob, workerId: string, error: unknown): Promise<void> {
  const now = clock.now();
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      state: final ? 'failed' : 'pending',
      run_at: final ? now : new Date(now.getTime() + retryDelayMs(job.attempts)),
      finished_at: final ? now : null,
      last_error: message.slice(0, 2000),
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** When the earliest pending job of these queues falls due, or null when there is none. */
export async function nextRunAt(db: Db, queues: string[]): Promise<Date | null> {
  const { rows: [row] } = await sql<{ next: Date | null }>`select min(run_at) as next from jobs where state = 'pending' and queue = any(${queues})`.execute(db);
  return row?.next ?? null;
}
