-- Journeys: versioned automation graphs, the enrolments that carry contacts through them
-- (position and timer as a row, claimed by workers with SKIP LOCKED) and the trace of
-- every step. Also the workspace's quiet hours and frequency cap every send action obeys.

create table journeys (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  name          text not null check (length(name) between 1 and 200),
  description   text,
  status        text not null default 'draft' check (status in ('draft', 'live', 'paused', 'archived')),
  -- The working copy the builder edits: { graph, rules }. Launching publishes it as a version.
  draft         jsonb not null,
  -- The version new contacts enter; null until the first launch.
  live_version  integer,
  created_by    uuid references users (id) on delete set null,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  primary key (workspace_id, id)
);
create index journeys_live on journeys (workspace_id) where status = 'live';

create table journey_versions (
  workspace_id  uuid not null,
  journey_id    uuid not null,
  version       integer not null,
  graph         jsonb not null,
  rules         jsonb not null,
  published_at  timestamptz not null,
  published_by  uuid references users (id) on delete set null,
  primary key (workspace_id, journey_id, version),
  foreign key (workspace_id, journey_id) references journeys (workspace_id, id) on delete cascade
);

create table journey_enrolments (
  workspace_id  uuid not null,
  id            uuid not null default gen_random_uuid(),
  journey_id    uuid not null,
  version       integer not null,
  contact_id    uuid not null,
  status        text not null default 'active' check (status in ('active', 'completed', 'exited', 'converted')),
  node_id       text not null,
  -- enter: the node runs when due; wait: the contact waits at the node, which resumes when due.
  phase         text not null default 'enter' check (phase in ('enter', 'wait')),
  -- Steps taken so far: with the node, the idempotency key of the next step's effect.
  steps         integer not null default 0,
  -- When the next step is due; null while only an event, the goal or an exit can move it on.
  due_at        timestamptz,
  -- A wait_event node's condition while the contact waits for it; `resumed_by` says what ended the wait.
  awaiting      jsonb,
  resumed_by    text check (resumed_by in ('event', 'timeout')),
  -- Something the goal or an exit condition reads changed: check them at once, not at the next step.
  recheck       boolean not null default false,
  entered_at    timestamptz not null,
  finished_at   timestamptz,
  exit_reason   text,
  primary key (workspace_id, id),
  foreign key (workspace_id, journey_id) references journeys (workspace_id, id) on delete cascade,
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
-- A contact is in a journey at most once at a time.
create unique index journey_enrolments_one_active on journey_enrolments (workspace_id, journey_id, contact_id) where status = 'active';
-- The timer wheel: due steps of every workspace, earliest first.
create index journey_enrolments_due on journey_enrolments (due_at) where status = 'active';
create index journey_enrolments_recheck on journey_enrolments (workspace_id) where status = 'active' and recheck;
create index journey_enrolments_contact on journey_enrolments (workspace_id, contact_id, status);
create index journey_enrolments_node on journey_enrolments (workspace_id, journey_id, version, status, node_id);
create index journey_enrolments_awaiting on journey_enrolments (workspace_id, contact_id) where status = 'active' and awaiting is not null;

-- The trace: every node a contact passed, when, which way and why.
create table journey_steps (
  workspace_id   uuid not null,
  enrolment_id   uuid not null,
  step           integer not null,
  journey_id     uuid not null,
  version        integer not null,
  node_id        text not null,
  at             timestamptz not null,
  -- The exit taken (next, yes, no, an arm …), or waiting / skipped / failed / converted / exited / completed.
  outcome        text not null,
  detail         text,
  primary key (workspace_id, enrolment_id, step),
  foreign key (workspace_id, enrolment_id) references journey_enrolments (workspace_id, id) on delete cascade
);
create index journey_steps_node on journey_steps (workspace_id, journey_id, version, node_id, outcome);

-- Score-crossing triggers fire when a contact rises to the threshold, not while they stay above it.
create table journey_score_marks (
  workspace_id  uuid not null,
  journey_id    uuid not null,
  contact_id    uuid not null,
  primary key (workspace_id, journey_id, contact_id),
  foreign key (workspace_id, journey_id) references journeys (workspace_id, id) on delete cascade,
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);

-- Quiet hours (local hours [start, end) in which marketing email waits) and the frequency cap
-- (at most `count` marketing emails per contact in `days`); null: none.
alter table messaging_settings
  add column quiet_hours_start   smallint check (quiet_hours_start between 0 and 23),
  add column quiet_hours_end     smallint check (quiet_hours_end between 0 and 23),
  add column quiet_hours_zone    text not null default 'UTC',
  add column frequency_cap_count integer check (frequency_cap_count > 0),
  add column frequency_cap_days  integer check (frequency_cap_days > 0);

-- Frequency caps count a contact's recent marketing email.
create index email_messages_contact_recent on email_messages (workspace_id, contact_id, queued_at) where kind = 'marketing';
