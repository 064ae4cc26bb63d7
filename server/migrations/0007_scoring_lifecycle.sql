-- Scoring: fit from attributes, engagement from events, kept apart and explained by a ledger.
create table scoring_settings (
  workspace_id       uuid primary key references workspaces (id) on delete cascade,
  half_life_days     numeric not null default 30 check (half_life_days > 0),
  -- Minimum fit score per grade (A best) and minimum engagement per level (1 best).
  fit_grades         jsonb not null default '{"A": 60, "B": 40, "C": 20}',
  engagement_levels  jsonb not null default '{"1": 60, "2": 30, "3": 10}',
  updated_at         timestamptz not null
);

create table scoring_rules (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  kind          text not null check (kind in ('fit', 'engagement')),
  name          text not null check (length(name) between 1 and 200),
  -- fit: a condition of the segment language; engagement: an event match with filters.
  condition     jsonb not null,
  points        integer not null check (points between -1000 and 1000 and points <> 0),
  cap_points    integer check (cap_points > 0),
  cap_period    text check (cap_period in ('day', 'week', 'month', 'ever')),
  active        boolean not null default true,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  archived_at   timestamptz,
  primary key (workspace_id, id),
  check ((cap_points is null) = (cap_period is null))
);

create table contact_scores (
  workspace_id      uuid not null,
  contact_id        uuid not null,
  fit               integer not null default 0,
  engagement        numeric(12, 2) not null default 0,
  fit_grade         text not null default 'D',
  engagement_level  smallint not null default 4,
  tier              text not null default 'cold' check (tier in ('cold', 'warm', 'hot')),
  updated_at        timestamptz not null,
  primary key (workspace_id, contact_id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);

-- The fit rules a contact matches now: a change in this set is what the ledger records.
create table contact_fit_matches (
  workspace_id  uuid not null,
  contact_id    uuid not null,
  rule_id       uuid not null,
  points        integer not null,
  primary key (workspace_id, contact_id, rule_id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade,
  foreign key (workspace_id, rule_id) references scoring_rules (workspace_id, id) on delete cascade
);

create table score_ledger (
  workspace_id  uuid not null,
  id            bigint generated always as identity,
  contact_id    uuid not null,
  kind          text not null check (kind in ('fit', 'engagement')),
  rule_id       uuid,
  rule_name     text not null,
  event_id      bigint,
  event_name    text,
  points        numeric(12, 2) not null,
  at            timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index score_ledger_contact on score_ledger (workspace_id, contact_id, at desc);
-- Caps: the points a rule already gave a contact in the current period.
create index score_ledger_rule on score_ledger (workspace_id, rule_id, contact_id, at) where rule_id is not null;
-- An event earns a rule's points once, whichever stored batch reaches it first; scoring
-- looks up a batch's events here.
create unique index score_ledger_event on score_ledger (workspace_id, event_id, rule_id) where event_id is not null;

-- One row per daily decay run; a contact's engagement is its ledger decayed to now.
create table score_decay_runs (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            bigint generated always as identity,
  factor        double precision not null,
  contacts      integer not null,
  at            timestamptz not null,
  primary key (workspace_id, id)
);

-- Lifecycle: stage labels per workspace, the reasons a rep may give for rejecting a lead.
create table lifecycle_settings (
  workspace_id    uuid primary key references workspaces (id) on delete cascade,
  stages          jsonb not null,
  reject_reasons  jsonb not null,
  updated_at      timestamptz not null
);

-- Every stage transition, whoever wrote it: a trigger, so no code path can skip it. The
-- writer names itself (and the time, for the injected clock) in the `tandem.change`
-- setting of its transaction; without one the change is recorded as the system's.
create table lifecycle_transitions (
  workspace_id  uuid not null,
  id            bigint generated always as identity,
  contact_id    uuid not null,
  from_stage    text,
  to_stage      text not null,
  at            timestamptz not null,
  actor_type    text not null,
  actor_id      text,
  actor_label   text not null,
  reason        text,
  primary key (workspace_id, id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index lifecycle_transitions_contact on lifecycle_transitions (workspace_id, contact_id, at);
create index lifecycle_transitions_stage on lifecycle_transitions (workspace_id, to_stage, at);

create function lifecycle_transition_recorded() returns trigger language plpgsql as $$
declare
  change jsonb := nullif(current_setting('tandem.change', true), '')::jsonb;
begin
  if tg_op = 'UPDATE' and new.lifecycle_stage is not distinct from old.lifecycle_stage then return null; end if;
  insert into lifecycle_transitions (workspace_id, contact_id, from_stage, to_stage, at, actor_type, actor_id, actor_label, reason)
  values (new.workspace_id, new.id, case when tg_op = 'UPDATE' then old.lifecycle_stage end, new.lifecycle_stage,
          coalesce((change->>'at')::timestamptz, now()), coalesce(change->>'actorType', 'system'), change->>'actorId',
          coalesce(change->>'actorLabel', 'system'), change->>'reason');
  return null;
end $$;

create trigger contacts_lifecycle_inserted after insert on contacts
  for each row execute function lifecycle_transition_recorded();
create trigger contacts_lifecycle_updated after update of lifecycle_stage on contacts
  for each row execute function lifecycle_transition_recorded();

-- Sales teams for routing: round-robin among members who are not away and under capacity.
create table sales_teams (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  name          text not null,
  lead_user_id  uuid references users (id) on delete set null,
  created_at    timestamptz not null,
  primary key (workspace_id, id)
);
create unique index sales_teams_name on sales_teams (workspace_id, lower(name));

create table sales_team_members (
  workspace_id      uuid not null,
  team_id           uuid not null,
  user_id           uuid not null references users (id) on delete cascade,
  capacity          integer not null default 50 check (capacity >= 0),
  away              boolean not null default false,
  last_assigned_at  timestamptz,
  primary key (workspace_id, team_id, user_id),
  foreign key (workspace_id, team_id) references sales_teams (workspace_id, id) on delete cascade
);

-- The lead definition: MQL criteria, SLA and routing, versioned; live once both sides approve.
create table lead_definitions (
  workspace_id   uuid not null references workspaces (id) on delete cascade,
  id             uuid not null default gen_random_uuid(),
  version        integer not null,
  status         text not null check (status in ('draft', 'live', 'retired')),
  criteria       jsonb not null,
  sla_hours      integer not null check (sla_hours between 1 and 720),
  routing        jsonb not null,
  notes          text,
  created_by     uuid references users (id) on delete set null,
  created_at     timestamptz not null,
  live_at        timestamptz,
  retired_at     timestamptz,
  primary key (workspace_id, id),
  unique (workspace_id, version)
);
create unique index lead_definitions_one_live on lead_definitions (workspace_id) where status = 'live';

create table lead_definition_approvals (
  workspace_id   uuid not null,
  definition_id  uuid not null,
  user_id        uuid not null references users (id) on delete cascade,
  side           text not null check (side in ('marketing', 'sales')),
  approved_at    timestamptz not null,
  primary key (workspace_id, definition_id, user_id),
  foreign key (workspace_id, definition_id) references lead_definitions (workspace_id, id) on delete cascade
);

-- One hand-off of a contact to sales: from MQL to accepted, rejected or converted.
create table leads (
  workspace_id      uuid not null,
  id                uuid not null default gen_random_uuid(),
  contact_id        uuid not null,
  definition_id     uuid not null,
  status            text not null check (status in ('new', 'working', 'nurturing', 'recycled', 'disqualified', 'converted')),
  owner_id          uuid references users (id) on delete set null,
  team_id           uuid,
  routed_by         text not null,
  mql_at            timestamptz not null,
  assigned_at       timestamptz,
  sla_due_at        timestamptz,
  reminded_at       timestamptz,
  escalated_at      timestamptz,
  accepted_at       timestamptz,
  rejected_at       timestamptz,
  reject_reason     text,
  reject_note       text,
  converted_at      timestamptz,
  deal_id           uuid,
  closed_by         uuid references users (id) on delete set null,
  fit               integer not null,
  engagement        numeric(12, 2) not null,
  grade             text not null,
  tier              text not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade,
  foreign key (workspace_id, definition_id) references lead_definitions (workspace_id, id)
);
-- At most one open hand-off per contact.
create unique index leads_open on leads (workspace_id, contact_id) where status = 'new';
create index leads_owner on leads (workspace_id, owner_id, status, sla_due_at);
create index leads_mql on leads (workspace_id, mql_at);

-- In-app notifications (a lead assigned, an SLA reminder, an escalation).
create table notifications (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            bigint generated always as identity,
  user_id       uuid not null references users (id) on delete cascade,
  kind          text not null,
  title         text not null,
  body          text,
  link          text,
  created_at    timestamptz not null,
  read_at       timestamptz,
  -- Also sent by email (when an SMTP server is configured), once.
  emailed_at    timestamptz,
  primary key (workspace_id, id)
);
create index notifications_user on notifications (workspace_id, user_id, id desc);
