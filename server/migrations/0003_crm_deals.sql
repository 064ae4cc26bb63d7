-- CRM core, part 2: pipelines and deals, the people on a deal, stage history,
-- activities (notes, calls, meetings, emails) and tasks.

create type stage_kind as enum ('open', 'won', 'lost');
create type deal_status as enum ('open', 'won', 'lost');
create type buying_role as enum ('decision_maker', 'influencer', 'user', 'technical', 'champion');
create type activity_kind as enum ('note', 'call', 'meeting', 'email');
create type task_priority as enum ('low', 'normal', 'high');

create table pipelines (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  name          text not null check (length(name) between 1 and 200),
  position      integer not null default 0,
  created_at    timestamptz not null,
  archived_at   timestamptz,
  primary key (workspace_id, id)
);

create table pipeline_stages (
  workspace_id  uuid not null,
  id            uuid not null default gen_random_uuid(),
  pipeline_id   uuid not null,
  name          text not null check (length(name) between 1 and 200),
  position      integer not null,
  -- Win probability in percent, used for the weighted pipeline.
  probability   integer not null check (probability between 0 and 100),
  kind          stage_kind not null default 'open',
  primary key (workspace_id, id),
  foreign key (workspace_id, pipeline_id) references pipelines (workspace_id, id) on delete cascade
);
create index pipeline_stages_order on pipeline_stages (workspace_id, pipeline_id, position);

create table deals (
  workspace_id         uuid not null references workspaces (id) on delete cascade,
  id                   uuid not null default gen_random_uuid(),
  name                 text not null check (length(name) between 1 and 300),
  pipeline_id          uuid not null,
  stage_id             uuid not null,
  status               deal_status not null default 'open',
  amount               numeric(18, 2) check (amount >= 0),
  currency             char(3) not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  expected_close_date  date,
  owner_id             uuid references users (id) on delete set null,
  company_id           uuid,
  lost_reason          text,
  closed_at            timestamptz,
  stage_entered_at     timestamptz not null,
  custom               jsonb not null default '{}',
  created_at           timestamptz not null,
  updated_at           timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, pipeline_id) references pipelines (workspace_id, id),
  foreign key (workspace_id, stage_id) references pipeline_stages (workspace_id, id),
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete set null (company_id),
  -- A lost deal always says why.
  check (status <> 'lost' or length(trim(lost_reason)) > 0)
);
create index deals_board on deals (workspace_id, pipeline_id, stage_id, updated_at desc);
create index deals_company on deals (workspace_id, company_id);
create index deals_owner on deals (workspace_id, owner_id, status);
create index deals_custom on deals using gin (workspace_id, custom jsonb_path_ops);
create index deals_search on deals using gin (workspace_id, name gin_trgm_ops);

create table deal_contacts (
  workspace_id  uuid not null,
  deal_id       uuid not null,
  contact_id    uuid not null,
  role          buying_role,
  added_at      timestamptz not null,
  primary key (workspace_id, deal_id, contact_id),
  foreign key (workspace_id, deal_id) references deals (workspace_id, id) on delete cascade,
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index deal_contacts_by_contact on deal_contacts (workspace_id, contact_id);

-- One row per stay in a stage: time in stage is left_at - entered_at (or now, for the current one).
create table deal_stage_history (
  workspace_id  uuid not null,
  id            bigint generated always as identity,
  deal_id       uuid not null,
  stage_id      uuid not null,
  entered_at    timestamptz not null,
  left_at       timestamptz,
  moved_by      text,
  primary key (workspace_id, id),
  foreign key (workspace_id, deal_id) references deals (workspace_id, id) on delete cascade
);
create index deal_stage_history_by_deal on deal_stage_history (workspace_id, deal_id, entered_at);

create table activities (
  workspace_id      uuid not null references workspaces (id) on delete cascade,
  id                uuid not null default gen_random_uuid(),
  kind              activity_kind not null,
  subject           text check (length(subject) <= 300),
  body              text check (length(body) <= 50000),
  occurred_at       timestamptz not null,
  duration_minutes  integer check (duration_minutes between 0 and 1440),
  outcome           text check (length(outcome) <= 200),
  contact_id        uuid,
  company_id        uuid,
  deal_id           uuid,
  created_by        uuid references users (id) on delete set null,
  created_at        timestamptz not null,
  updated_at        timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade,
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete cascade,
  foreign key (workspace_id, deal_id) references deals (workspace_id, id) on delete cascade,
  check (contact_id is not null or company_id is not null or deal_id is not null)
);
create index activities_by_contact on activities (workspace_id, contact_id, occurred_at desc);
create index activities_by_company on activities (workspace_id, company_id, occurred_at desc);
create index activities_by_deal on activities (workspace_id, deal_id, occurred_at desc);

create table tasks (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  title         text not null check (length(title) between 1 and 300),
  notes         text check (length(notes) <= 10000),
  due_at        timestamptz,
  priority      task_priority not null default 'normal',
  assignee_id   uuid references users (id) on delete set null,
  done_at       timestamptz,
  contact_id    uuid,
  company_id    uuid,
  deal_id       uuid,
  created_by    uuid references users (id) on delete set null,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade,
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete cascade,
  foreign key (workspace_id, deal_id) references deals (workspace_id, id) on delete cascade
);
-- "My tasks": open ones by due date.
create index tasks_by_assignee on tasks (workspace_id, assignee_id, due_at) where done_at is null;
create index tasks_by_contact on tasks (workspace_id, contact_id) where contact_id is not null;
create index tasks_by_deal on tasks (workspace_id, deal_id) where deal_id is not null;
