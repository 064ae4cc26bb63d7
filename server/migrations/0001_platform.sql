-- Platform: workspaces, people who sign in, their sessions and roles, API keys, audit,
-- the job queue / outbox and rate-limit counters.
--
-- Tenancy: every table that holds a workspace's data has workspace_id as the first column
-- of its primary key and of its indexes (the distribution column, should a deployment move
-- to Citus). The control-plane tables (workspaces, users, sessions, jobs, rate_limits) are
-- not per-tenant: a user signs in before a workspace is chosen, and the job queue is
-- claimed across workspaces. They would be reference/coordinator tables under Citus.

create table workspaces (
  id          uuid primary key default gen_random_uuid(),
  name        text not null check (length(name) between 1 and 200),
  created_at  timestamptz not null default now()
);

create table users (
  id             uuid primary key default gen_random_uuid(),
  email          text not null check (length(email) between 3 and 320),
  name           text not null default '',
  password_hash  text not null,
  created_at     timestamptz not null default now(),
  last_login_at  timestamptz
);
create unique index users_email_key on users (lower(email));

create type workspace_role as enum ('admin', 'marketer', 'sales', 'service', 'viewer');

create table memberships (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  user_id       uuid not null references users (id) on delete cascade,
  role          workspace_role not null,
  created_at    timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
-- The one lookup by user: "which workspaces may this person open" at sign-in.
create index memberships_by_user on memberships (user_id);

-- A session row is keyed by the SHA-256 of the cookie token, never the token itself.
create table sessions (
  token_hash    bytea primary key,
  user_id       uuid not null references users (id) on delete cascade,
  workspace_id  uuid references workspaces (id) on delete set null,
  created_at    timestamptz not null,
  last_seen_at  timestamptz not null,
  expires_at    timestamptz not null,
  ip            text,
  user_agent    text
);
create index sessions_by_user on sessions (user_id);
create index sessions_expiry on sessions (expires_at);

create type api_key_kind as enum ('secret', 'write');

create table api_keys (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  kind          api_key_kind not null,
  name          text not null check (length(name) between 1 and 200),
  role          workspace_role not null default 'admin',
  key_hash      bytea not null,
  -- First characters of the key, shown in lists so a person can tell keys apart.
  prefix        text not null,
  -- Write keys are public by design (they sit in every page of the website), so they stay
  -- readable for the tracking snippet; secret keys are only ever stored hashed.
  public_key    text check (kind = 'write' or public_key is null),
  created_by    uuid references users (id) on delete set null,
  created_at    timestamptz not null default now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  primary key (workspace_id, id)
);
create unique index api_keys_hash on api_keys (workspace_id, key_hash);

create table invitations (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  email         text not null,
  role          workspace_role not null,
  token_hash    bytea not null,
  invited_by    uuid references users (id) on delete set null,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  accepted_at   timestamptz,
  revoked_at    timestamptz,
  primary key (workspace_id, id)
);
create unique index invitations_token on invitations (workspace_id, token_hash);

create table audit_log (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            bigint generated always as identity,
  actor_type    text not null check (actor_type in ('user', 'api_key', 'system', 'cli')),
  actor_id      text,
  actor_label   text,
  action        text not null,
  target_type   text,
  target_id     text,
  data          jsonb not null default '{}',
  ip            text,
  created_at    timestamptz not null,
  primary key (workspace_id, id)
);

-- The job queue doubles as the transactional outbox: a module enqueues its follow-up work
-- in the same transaction as the state change that causes it.
create type job_state as enum ('pending', 'running', 'done', 'failed');

create table jobs (
  id               bigint generated always as identity primary key,
  workspace_id     uuid references workspaces (id) on delete cascade,
  queue            text not null,
  payload          jsonb not null default '{}',
  idempotency_key  text,
  state            job_state not null default 'pending',
  run_at           timestamptz not null,
  attempts         integer not null default 0,
  max_attempts     integer not null default 5 check (max_attempts > 0),
  locked_by        text,
  locked_until     timestamptz,
  last_error       text,
  created_at       timestamptz not null,
  finished_at      timestamptz
);
-- A second enqueue of the same effect is a no-op.
create unique index jobs_idempotency on jobs (queue, idempotency_key) where idempotency_key is not null;
-- Claiming reads only these two small partial indexes.
create index jobs_due on jobs (queue, run_at) where state = 'pending';
create index jobs_expired_locks on jobs (locked_until) where state = 'running';
create index jobs_finished on jobs (finished_at) where state in ('done', 'failed');

-- Fixed-window counters shared by every process (login and public endpoints).
create table rate_limits (
  bucket        text not null,
  window_start  timestamptz not null,
  hits          integer not null,
  primary key (bucket, window_start)
);
create index rate_limits_window on rate_limits (window_start);
