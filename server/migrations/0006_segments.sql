-- Contacts' change feed: every statement that inserts contacts or changes a field a segment
-- can read enqueues one job naming the contacts and the fields, whichever code path wrote
-- them (the API, an import, identify traits, a merge, a bulk edit). Triggers rather than
-- calls in each writer, so no writer can forget. The job is due at once ('-infinity':
-- independent of any test clock) and workers are woken through the jobs channel.
create function contacts_changed_feed() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into jobs (workspace_id, queue, payload, run_at, created_at)
    select workspace_id, 'contacts.changed', jsonb_build_object('changes', jsonb_agg(jsonb_build_object('id', id, 'fields', '["*"]'::jsonb))), '-infinity', now()
      from new_rows group by workspace_id;
  else
    insert into jobs (workspace_id, queue, payload, run_at, created_at)
    select workspace_id, 'contacts.changed', jsonb_build_object('changes', jsonb_agg(jsonb_build_object('id', id, 'fields', to_jsonb(fields)))), '-infinity', now()
      from (
        select n.workspace_id, n.id, array_remove(array[
                 case when n.email is distinct from o.email then 'email' end,
                 case when n.first_name is distinct from o.first_name then 'firstName' end,
                 case when n.last_name is distinct from o.last_name then 'lastName' end,
                 case when n.phone is distinct from o.phone then 'phone' end,
                 case when n.job_title is distinct from o.job_title then 'jobTitle' end,
                 case when n.persona is distinct from o.persona then 'persona' end,
                 case when n.seniority is distinct from o.seniority then 'seniority' end,
                 case when n.country is distinct from o.country then 'country' end,
                 case when n.city is distinct from o.city then 'city' end,
                 case when n.timezone is distinct from o.timezone then 'timezone' end,
                 case when n.source is distinct from o.source then 'source' end,
                 case when n.owner_id is distinct from o.owner_id then 'owner' end,
                 case when n.tags is distinct from o.tags then 'tags' end,
                 case when n.lifecycle_stage is distinct from o.lifecycle_stage then 'lifecycleStage' end,
                 case when n.company_id is distinct from o.company_id then 'company' end,
                 case when n.custom is distinct from o.custom then 'custom' end,
                 case when n.first_touch is distinct from o.first_touch then 'firstTouch' end,
                 case when n.last_touch is distinct from o.last_touch then 'lastTouch' end
               ], null) as fields
          from new_rows n join old_rows o on o.workspace_id = n.workspace_id and o.id = n.id
      ) changed
     where cardinality(fields) > 0
     group by workspace_id;
  end if;
  if found then perform pg_notify('tandem_jobs', 'contacts.changed'); end if;
  return null;
end $$;

create trigger contacts_inserted_feed after insert on contacts
  referencing new table as new_rows for each statement execute function contacts_changed_feed();
create trigger contacts_updated_feed after update on contacts
  referencing old table as old_rows new table as new_rows for each statement execute function contacts_changed_feed();

-- A company's fields are read through its people: the feed names the company, the contacts
-- module resolves its contacts.
create function companies_changed_feed() returns trigger language plpgsql as $$
begin
  insert into jobs (workspace_id, queue, payload, run_at, created_at)
  select workspace_id, 'companies.changed', jsonb_build_object('companies', jsonb_agg(id)), '-infinity', now()
    from (
      select n.workspace_id, n.id from new_rows n join old_rows o on o.workspace_id = n.workspace_id and o.id = n.id
       where (n.name, n.domain, n.industry, n.employee_count, n.revenue_band, n.country, n.owner_id, n.tags, n.custom)
             is distinct from (o.name, o.domain, o.industry, o.employee_count, o.revenue_band, o.country, o.owner_id, o.tags, o.custom)
    ) changed
   group by workspace_id;
  if found then perform pg_notify('tandem_jobs', 'companies.changed'); end if;
  return null;
end $$;

create trigger companies_updated_feed after update on companies
  referencing old table as old_rows new table as new_rows for each statement execute function companies_changed_feed();

-- The outbox of domain events (segment.entered, segment.exited, …) that journeys and
-- webhooks consume, written in the transaction of the change itself.
create table domain_events (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            bigint generated always as identity,
  topic         text not null,
  subject_id    uuid,
  payload       jsonb not null default '{}',
  created_at    timestamptz not null,
  primary key (workspace_id, id)
);
create index domain_events_topic on domain_events (workspace_id, topic, id);
create index domain_events_subject on domain_events (workspace_id, subject_id, id);
create index domain_events_created on domain_events (created_at);

create table segments (
  workspace_id     uuid not null references workspaces (id) on delete cascade,
  id               uuid not null default gen_random_uuid(),
  name             text not null check (length(name) between 1 and 200),
  description      text,
  definition       jsonb not null,
  version          integer not null default 1,
  -- What the definition reads, so a change re-evaluates only the segments it concerns:
  -- { fields: [...], events: [{kind, name|path}], segments: [...], lists: [...], time: bool, all: bool }.
  dependencies     jsonb not null,
  member_count     integer not null default 0,
  computed_at      timestamptz,
  created_by       uuid,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  primary key (workspace_id, id)
);

create table segment_members (
  workspace_id  uuid not null,
  segment_id    uuid not null,
  contact_id    uuid not null,
  entered_at    timestamptz not null,
  primary key (workspace_id, segment_id, contact_id),
  foreign key (workspace_id, segment_id) references segments (workspace_id, id) on delete cascade,
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index segment_members_contact on segment_members (workspace_id, contact_id);
create index segment_members_recent on segment_members (workspace_id, segment_id, entered_at desc, contact_id);

-- Membership history: one row per entry and exit, for the contact page and the chart.
create table segment_membership_changes (
  workspace_id  uuid not null,
  segment_id    uuid not null,
  contact_id    uuid not null,
  entered       boolean not null,
  at            timestamptz not null,
  foreign key (workspace_id, segment_id) references segments (workspace_id, id) on delete cascade
);
create index segment_membership_changes_segment on segment_membership_changes (workspace_id, segment_id, at);
create index segment_membership_changes_contact on segment_membership_changes (workspace_id, contact_id, at);

create table lists (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  name          text not null check (length(name) between 1 and 200),
  description   text,
  created_by    uuid,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  primary key (workspace_id, id)
);

create table list_members (
  workspace_id  uuid not null,
  list_id       uuid not null,
  contact_id    uuid not null,
  added_at      timestamptz not null,
  added_by      uuid,
  primary key (workspace_id, list_id, contact_id),
  foreign key (workspace_id, list_id) references lists (workspace_id, id) on delete cascade,
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index list_members_contact on list_members (workspace_id, contact_id);
create index list_members_recent on list_members (workspace_id, list_id, added_at desc, contact_id);
