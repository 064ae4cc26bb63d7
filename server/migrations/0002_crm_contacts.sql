-- CRM core, part 1: companies, contacts, custom fields, the timeline, merge redirects.

-- pg_trgm for ranked fuzzy search; btree_gin and btree_gist so GIN and GiST indexes can
-- lead with workspace_id.
create extension if not exists pg_trgm;
create extension if not exists btree_gin;
create extension if not exists btree_gist;

-- Custom fields are rows, not columns: values live in each record's `custom` jsonb, so a
-- workspace adds fields without DDL. Equality filters use the GIN index on `custom`.
create type crm_object as enum ('contact', 'company', 'deal');
create type custom_field_type as enum ('text', 'number', 'date', 'boolean', 'select', 'multi_select');

create table custom_fields (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  object_type   crm_object not null,
  key           text not null check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  label         text not null check (length(label) between 1 and 200),
  type          custom_field_type not null,
  -- For select and multi_select: [{"value": "fi", "label": "Finland"}, …]
  options       jsonb not null default '[]',
  required      boolean not null default false,
  position      integer not null default 0,
  created_at    timestamptz not null,
  archived_at   timestamptz,
  primary key (workspace_id, id)
);
create unique index custom_fields_key on custom_fields (workspace_id, object_type, key);

create table companies (
  workspace_id    uuid not null references workspaces (id) on delete cascade,
  id              uuid not null default gen_random_uuid(),
  name            text not null check (length(name) between 1 and 300),
  -- Lower-case host without scheme, www. or path: "acme.fi".
  domain          text check (domain ~ '^[a-z0-9.-]+\.[a-z]{2,}$'),
  industry        text,
  employee_count  integer check (employee_count >= 0),
  revenue_band    text,
  country         text,
  owner_id        uuid references users (id) on delete set null,
  tags            text[] not null default '{}',
  custom          jsonb not null default '{}',
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  primary key (workspace_id, id)
);
create unique index companies_domain on companies (workspace_id, domain) where domain is not null;
create index companies_owner on companies (workspace_id, owner_id);
create index companies_custom on companies using gin (workspace_id, custom jsonb_path_ops);
-- GiST, not GIN: it answers "the 10 nearest by trigram distance" (KNN) without ranking every
-- match, which keeps search fast when a common name matches a hundred thousand rows. The
-- 256-byte signature (default 12) keeps long texts (name + email + phone) from saturating
-- it: measured 10x fewer pages read per query on 100k contacts.
create index companies_search on companies using gist (workspace_id, (name || ' ' || coalesce(domain, '')) gist_trgm_ops (siglen = 256));

create table contacts (
  workspace_id     uuid not null references workspaces (id) on delete cascade,
  id               uuid not null default gen_random_uuid(),
  email            text check (email is null or (length(email) <= 320 and email = lower(email))),
  first_name       text,
  last_name        text,
  phone            text,
  job_title        text,
  persona          text,
  seniority        text,
  country          text,
  city             text,
  timezone         text,
  owner_id         uuid references users (id) on delete set null,
  source           text,
  tags             text[] not null default '{}',
  lifecycle_stage  text not null default 'subscriber',
  company_id       uuid,
  custom           jsonb not null default '{}',
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete set null (company_id)
);
create unique index contacts_email on contacts (workspace_id, email) where email is not null;
create index contacts_company on contacts (workspace_id, company_id);
create index contacts_owner on contacts (workspace_id, owner_id);
create index contacts_created on contacts (workspace_id, created_at desc, id desc);
create index contacts_custom on contacts using gin (workspace_id, custom jsonb_path_ops);
create index contacts_tags on contacts using gin (workspace_id, tags);
create index contacts_search on contacts using gist (workspace_id,
  (coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, '')) gist_trgm_ops (siglen = 256));

-- A merged record's id keeps working: lookups of the old id follow this redirect.
create table record_redirects (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  object_type   crm_object not null,
  old_id        uuid not null,
  new_id        uuid not null,
  merged_at     timestamptz not null,
  primary key (workspace_id, object_type, old_id)
);

-- One timeline for every touchpoint. Each source module writes its entries here in the
-- transaction of the change (field changes, activities, deal moves; later events, emails,
-- forms, surveys), keyed by what it is about, so a contact's or company's timeline is one
-- indexed read.
create table timeline_entries (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            bigint generated always as identity,
  occurred_at   timestamptz not null,
  kind          text not null,
  contact_id    uuid,
  company_id    uuid,
  deal_id       uuid,
  actor_type    text not null check (actor_type in ('user', 'api_key', 'system', 'cli', 'contact')),
  actor_id      text,
  actor_label   text,
  -- The row this entry describes, e.g. ('activity', <id>), so an edit can find its entry.
  source_type   text,
  source_id     text,
  data          jsonb not null default '{}',
  primary key (workspace_id, id)
);
create index timeline_by_contact on timeline_entries (workspace_id, contact_id, occurred_at desc, id desc) where contact_id is not null;
create index timeline_by_company on timeline_entries (workspace_id, company_id, occurred_at desc, id desc) where company_id is not null;
create index timeline_by_deal on timeline_entries (workspace_id, deal_id, occurred_at desc, id desc) where deal_id is not null;
create index timeline_by_source on timeline_entries (workspace_id, source_type, source_id) where source_id is not null;
